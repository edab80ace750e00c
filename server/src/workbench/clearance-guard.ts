// Writes under a clearance: a writer cannot touch, refer to, or learn of what its clearance
// hides, and cannot mark anything above its clearance. Hidden elements are answered exactly as
// absent ones are (404 "No node with id ..."), so an error never tells them apart.
import type { Database } from '../db/database';
import { ENTITY_LABEL } from '../db/schema';
import { AppError, notFound } from '../errors';
import { MARKINGS, isMarking, type Marking } from '../model/model';
import { visible, visibleClaim, visibleParam } from '../services/known-filter';
import { relationshipTypeOfId } from '../services/graph.service';

/** A write that sets a marking above the writer's clearance is refused (403). */
export function requireMarkingWithin(marking: unknown, clearance: Marking | undefined): void {
  if (clearance === undefined || typeof marking !== 'string' || !isMarking(marking)) return;
  if (MARKINGS.indexOf(marking) > MARKINGS.indexOf(clearance))
    throw new AppError(
      403,
      'forbidden',
      `This token is cleared up to TLP:${clearance}; it cannot mark anything TLP:${marking}`,
    );
}

/** Every node id the write names (its target, ends, asserter, disputers, sources) is visible. */
export async function requireVisibleNodes(
  db: Database,
  ids: readonly unknown[],
  clearance: Marking | undefined,
): Promise<void> {
  if (clearance === undefined) return;
  const named = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (!named.length) return;
  const rows = await db.read<{ id: string }>(
    `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids AND NOT (${visible('n')}) RETURN n.id AS id`,
    { ids: named, visible: visibleParam(clearance) },
  );
  const hidden = rows[0]?.id;
  if (hidden !== undefined) throw notFound(`No node with id "${hidden}"`);
}

/** The relationship (and its ends) is visible. */
export async function requireVisibleRelationship(
  db: Database,
  id: string,
  clearance: Marking | undefined,
): Promise<void> {
  const type = relationshipTypeOfId(id);
  if (clearance === undefined || !type) return;
  const rows = await db.read<{ id: string }>(
    `MATCH ()-[r:${type} {id: $id}]->() WHERE NOT (${visibleClaim('r')}) RETURN r.id AS id`,
    { id, visible: visibleParam(clearance) },
  );
  if (rows.length) throw notFound(`No relationship with id "${id}"`);
}
