// The review list: names an import would not guess (a tie at the best rank, see
// exchange/import/resolve.ts) and what a person decided about each. "Same entity" merges the
// node the import created into the chosen candidate (the workbench's merge: recorded and
// revertible); "different entities" keeps it apart. The decision stays on the item, and the
// next import of the same object follows it (readDecisions in exchange/import/run.ts).
import neo4j from 'neo4j-driver';
import type { ReviewDecisionBody, ReviewEntry } from '../contract/exchange';
import type { Database } from '../db/database';
import { toPlain } from '../db/mapper';
import { ENTITY_LABEL } from '../db/schema';
import { notFound } from '../errors';
import type { WriteContext } from './change-log';
import { conflict, invalidField } from './errors';
import { mergeInTransaction } from './merge';
import type { Tx } from './state';
import type { Marking } from '../model/model';
import { visible, visibleParam } from '../services/known-filter';

/** At most this many items are listed: undecided first, newest import first. */
const LIST_LIMIT = 500;

const NODE = (n: string) =>
  `CASE WHEN ${n} IS NULL THEN null ELSE ${n} {.id, .name, .description,
     aliases: coalesce(${n}.aliases, []), label: [l IN labels(${n}) WHERE l <> $entity][0]} END`;

// An item whose created node the caller may not see is left out; so are hidden candidates.
const ENTRIES = `
  WITH r WHERE NOT EXISTS { MATCH (h:${ENTITY_LABEL} {id: r.createdId}) WHERE NOT (${visible('h')}) }
  OPTIONAL MATCH (created:${ENTITY_LABEL} {id: r.createdId})
  CALL (r) {
    OPTIONAL MATCH (k:${ENTITY_LABEL}) WHERE k.id IN r.candidates AND ${visible('k')}
    WITH k ORDER BY k.name
    RETURN collect(${NODE('k')}) AS candidateNodes
  }
  RETURN r {.*} AS item, ${NODE('created')} AS created, candidateNodes`;

type EntryRow = { item: Record<string, unknown>; created: unknown; candidateNodes: unknown };

/** Descriptions are long Markdown: the list needs a line to tell nodes apart. */
function entryOf(row: EntryRow): ReviewEntry {
  const short = (node: unknown) => {
    if (!node) return null;
    const n = node as Record<string, unknown>;
    const description = typeof n.description === 'string' ? n.description.slice(0, 300) : undefined;
    return {
      id: String(n.id),
      name: String(n.name),
      label: String(n.label),
      aliases: Array.isArray(n.aliases) ? n.aliases.map(String) : [],
      ...(description ? { description } : {}),
    };
  };
  const item = toPlain(row.item) as ReviewEntry;
  const candidateNodes = (toPlain(row.candidateNodes) as unknown[]).flatMap((n) => {
    const node = short(n);
    return node ? [node] : [];
  });
  return {
    ...item,
    // Only the candidates the caller may see (one no longer in the graph is not listed either).
    candidates: item.candidates.filter((c) => candidateNodes.some((n) => n.id === c)),
    created: short(toPlain(row.created)),
    candidateNodes,
  };
}

export async function readReview(db: Database, clearance?: Marking): Promise<ReviewEntry[]> {
  const rows = await db.read<EntryRow>(
    `MATCH (r:ImportReview)
     WITH r ORDER BY r.decision IS NOT NULL, r.importedAt DESC, r.incomingName LIMIT $limit
     ${ENTRIES}`,
    { entity: ENTITY_LABEL, limit: neo4j.int(LIST_LIMIT), visible: visibleParam(clearance) },
  );
  return rows.map(entryOf);
}

async function readEntry(tx: Tx, id: string): Promise<ReviewEntry | undefined> {
  // Read for the decision itself, which runs only after the route's clearance checks.
  const result = await tx.run<EntryRow>(`MATCH (r:ImportReview {id: $id}) ${ENTRIES}`, {
    id,
    entity: ENTITY_LABEL,
    visible: visibleParam(undefined),
  });
  const record = result.records[0];
  return record ? entryOf(record.toObject()) : undefined;
}

/** Decides one item, in one transaction: the merge (for "same") and the decision together. */
export async function decideReview(
  db: Database,
  id: string,
  body: ReviewDecisionBody,
  ctx: WriteContext,
): Promise<ReviewEntry> {
  return db.transaction(async (tx) => {
    // The write lock first: two people deciding the same item do not both merge.
    const locked = await tx.run(
      'MATCH (r:ImportReview {id: $id}) SET r.lockedAt = 0 REMOVE r.lockedAt RETURN r.id AS id',
      { id },
    );
    if (!locked.records.length) throw notFound(`No review item with id "${id}"`);
    const entry = (await readEntry(tx, id))!;
    if (entry.decision)
      throw conflict(
        'already_decided',
        `${id} was decided already (${entry.decision === 'same' ? `same as ${entry.decidedTarget}` : 'different entities'}, by ${entry.decidedBy} at ${entry.decidedAt})`,
        { current: entry },
      );
    if (!entry.created)
      throw conflict(
        'review_node_gone',
        `The node this import created (${entry.createdId}) is no longer in the graph: nothing to decide`,
      );
    let target = entry.createdId;
    if (body.decision === 'same') {
      if (!entry.candidates.includes(body.target))
        throw invalidField(
          'target',
          `${body.target} is not a candidate of ${id} (its candidates: ${entry.candidates.join(', ')})`,
        );
      target = body.target;
      await mergeInTransaction(
        tx,
        {
          keep: target,
          duplicate: entry.createdId,
          reason: body.reason ?? `review ${id}: "${entry.incomingName}" is ${target}`,
        },
        ctx,
      );
    }
    await tx.run(
      `MATCH (r:ImportReview {id: $id})
       SET r.decision = $decision, r.decidedTarget = $target, r.decidedBy = $author,
           r.decidedAt = toString(datetime())`,
      { id, decision: body.decision, target, author: ctx.author },
    );
    return (await readEntry(tx, id))!;
  });
}
