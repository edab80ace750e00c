// Which of some graph elements, named by id, a clearance lets its holder see: for reads that
// hold ids outside the graph (a saved investigation's members, the change log's entities) and
// so cannot put the visibility predicate into the query that finds them.
import type { Database } from '../db/database';
import { ENTITY_LABEL } from '../db/schema';
import { isRelationshipType, type Marking } from '../model/model';
import { visible, visibleClaim, visibleParam } from './known-filter';

/** The type a relationship id names (`rel:<type in lower case>:…`), if any. */
function typeOfId(id: string) {
  const type = /^rel:([a-z_]+):/.exec(id)?.[1]?.toUpperCase();
  return type && isRelationshipType(type) ? type : undefined;
}

/**
 * For each of `ids` that exists in the graph: whether the clearance may see it (a
 * relationship with both its ends). Ids that are not in the graph are not in the map.
 */
export async function visibilityOf(
  db: Database,
  ids: readonly string[],
  clearance: Marking | undefined,
  options: { timeoutMs?: number } = {},
): Promise<Map<string, boolean>> {
  const params = { visible: visibleParam(clearance) };
  const unique = [...new Set(ids)];
  const nodes = unique.filter((id) => !id.startsWith('rel:'));
  const byType = new Map<string, string[]>();
  for (const id of unique) {
    const type = typeOfId(id);
    if (type) byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  const reads = [
    nodes.length
      ? db.read<{ id: string; shown: boolean }>(
          `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids RETURN n.id AS id, ${visible('n')} AS shown`,
          { ...params, ids: nodes },
          options,
        )
      : Promise.resolve([]),
    // One read per type, so that each uses its type's id index; the type comes from the model.
    ...[...byType].map(([type, rels]) =>
      db.read<{ id: string; shown: boolean }>(
        `MATCH ()-[r:${type}]->() WHERE r.id IN $ids RETURN r.id AS id, ${visibleClaim('r')} AS shown`,
        { ...params, ids: rels },
        options,
      ),
    ),
  ];
  const rows = (await Promise.all(reads)).flat();
  return new Map(rows.map((r) => [r.id, r.shown]));
}
