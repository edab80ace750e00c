// The change log: one :Change record per write (API edits, imports, seed runs), created in
// the write's own transaction so that a write and its record commit or vanish together.
// Records are only ever created: no route, loader or query of the product alters or
// removes them. `before` and `after` are graph JSON, stored as JSON text.
import { randomUUID } from 'node:crypto';
import neo4j, { type Node } from 'neo4j-driver';
import type { Database } from '../db/database';
import { toPlain } from '../db/mapper';
import { CHANGE_LABEL } from '../db/schema';
import { badRequest, notFound } from '../errors';
import type {
  ChangeAction,
  ChangeKind,
  ChangeList,
  ChangeRecord,
  ChangesQuery,
} from '../contract/workbench';
import type { Tx } from './state';
import { FULL_CLEARANCE, markingOf, markingsUpTo, type Marking } from '../model/model';
import { visibilityOf } from '../services/visibility';

/** The author of every write on a server without tokens: one person on their own machine. */
export const LOCAL_AUTHOR = 'local';

/** Who writes and what request caused it; every change record names both. */
export interface WriteContext {
  author: string;
  cause: string;
}

export interface ChangeInput {
  author: string;
  action: ChangeAction;
  entityKind: ChangeKind;
  entity: string;
  related?: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason?: string | undefined;
  cause: string;
  revertOf?: string;
}

/** Appends a record in the caller's transaction and returns it as the API shows it. */
export async function recordChange(tx: Tx, input: ChangeInput): Promise<ChangeRecord> {
  const result = await tx.run<{ c: Node }>(
    // realtime(), not the transaction's clock: records of one busy second keep their order.
    `CREATE (c:${CHANGE_LABEL} {
       id: $id, time: datetime.realtime(), author: $author, action: $action,
       entityKind: $entityKind, entity: $entity, related: $related,
       before: $before, after: $after, reason: $reason, cause: $cause, revertOf: $revertOf
     })
     RETURN c`,
    {
      id: `change:${randomUUID()}`,
      author: input.author,
      action: input.action,
      entityKind: input.entityKind,
      entity: input.entity,
      related: [...new Set(input.related ?? [])].filter((id) => id !== input.entity),
      before: input.before ? JSON.stringify(input.before) : null,
      after: input.after ? JSON.stringify(input.after) : null,
      reason: input.reason ?? null,
      cause: input.cause,
      revertOf: input.revertOf ?? null,
    },
  );
  return toChangeRecord(result.records[0]!.get('c'), null);
}

function parsed(text: unknown): Record<string, unknown> | null {
  return typeof text === 'string' ? (JSON.parse(text) as Record<string, unknown>) : null;
}

function toChangeRecord(node: Node, revertedBy: string | null): ChangeRecord {
  const p = toPlain(node.properties) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: String(p.id),
    time: String(p.time),
    author: String(p.author),
    action: p.action as ChangeAction,
    entityKind: p.entityKind as ChangeKind,
    entity: String(p.entity),
    related: Array.isArray(p.related) ? p.related.map(String) : [],
    before: parsed(p.before),
    after: parsed(p.after),
    reason: str(p.reason),
    cause: str(p.cause),
    revertOf: str(p.revertOf),
    revertedBy,
  };
}

/**
 * Milliseconds since the epoch for a filter bound; a day, month or year stands for all of it
 * (until=2025-05 keeps the changes of 31 May). Computed here, so that no date Neo4j would
 * refuse (2025-02-30) ever reaches it.
 */
function instantFrom(value: string | undefined, end: boolean): number | null {
  if (value === undefined) return null;
  if (value.includes('T')) return Date.parse(value);
  const [year, month, day] = value.split('-').map(Number) as [number, number?, number?];
  if (!end) return Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  const next =
    day !== undefined
      ? Date.UTC(year, month! - 1, day + 1)
      : month !== undefined
        ? Date.UTC(year, month, 1)
        : Date.UTC(year + 1, 0, 1);
  return next - 1;
}

/** Neo4j's datetime({epochMillis}) takes an integer, never a float. */
const epochMillis = (ms: number | null) => (ms === null ? null : neo4j.int(ms));

export type ChangeFilter = Partial<Pick<ChangesQuery, 'entity' | 'author' | 'action'>> &
  Pick<ChangesQuery, 'since' | 'until' | 'before'> & { limit: number };

/** Newest first; `next` continues after the last one shown. */
export async function readChanges(
  db: Database,
  filter: ChangeFilter,
  options: { timeoutMs?: number } = {},
  clearance?: Marking,
): Promise<ChangeList> {
  if (filter.before !== undefined) {
    const [cursor] = await db.read(`MATCH (c:${CHANGE_LABEL} {id: $id}) RETURN c.id AS id`, {
      id: filter.before,
    });
    if (!cursor) throw badRequest(`before: no change with id "${filter.before}"`);
  }
  const rows = await db.read<{ c: Node; revertedBy: string | null }>(
    `OPTIONAL MATCH (cursor:${CHANGE_LABEL} {id: $before})
     MATCH (c:${CHANGE_LABEL})
     WHERE ($entity IS NULL OR c.entity = $entity OR $entity IN c.related)
       AND ($author IS NULL OR c.author = $author)
       AND ($action IS NULL OR c.action = $action)
       AND ($since IS NULL OR c.time >= datetime({epochMillis: $since}))
       AND ($until IS NULL OR c.time <= datetime({epochMillis: $until}))
       AND (cursor IS NULL OR c.time < cursor.time OR (c.time = cursor.time AND c.id < cursor.id))
     WITH c ORDER BY c.time DESC, c.id DESC LIMIT $fetch
     OPTIONAL CALL (c) {
       MATCH (r:${CHANGE_LABEL} {revertOf: c.id})
       RETURN r.id AS revertedBy ORDER BY r.time DESC LIMIT 1
     }
     RETURN c, revertedBy
     ORDER BY c.time DESC, c.id DESC`,
    {
      before: filter.before ?? null,
      entity: filter.entity ?? null,
      author: filter.author ?? null,
      action: filter.action ?? null,
      since: epochMillis(instantFrom(filter.since, false)),
      until: epochMillis(instantFrom(filter.until, true)),
      fetch: neo4j.int(filter.limit + 1),
    },
    options,
  );
  const page = rows.slice(0, filter.limit).map((r) => toChangeRecord(r.c, r.revertedBy));
  return {
    // A page may come out shorter than asked for: the cursor still moves past what was read.
    changes: await withinClearance(db, page, clearance, options),
    next: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** A change is reverted only by a writer who may read its record; to others it is absent. */
export async function requireChangeWithin(
  db: Database,
  id: string,
  clearance: Marking | undefined,
): Promise<void> {
  if (clearance === undefined || clearance === FULL_CLEARANCE) return;
  const change = await db.run('READ', (tx) => readChange(tx, id));
  if (!change) return; // the revert itself answers 404
  if (!(await withinClearance(db, [change], clearance, {})).length)
    throw notFound(`No change with id "${id}"`);
}

/**
 * The records a clearance may read: of an element still in the graph, when the caller may see
 * it now; of one gone, when every state the record holds was marked within the clearance.
 */
async function withinClearance(
  db: Database,
  changes: ChangeRecord[],
  clearance: Marking | undefined,
  options: { timeoutMs?: number },
): Promise<ChangeRecord[]> {
  if (clearance === undefined || clearance === FULL_CLEARANCE) return changes;
  const allowed = new Set<Marking>(markingsUpTo(clearance));
  const seen = await visibilityOf(
    db,
    changes.map((c) => c.entity),
    clearance,
    options,
  );
  const markedWithin = (state: Record<string, unknown> | null) =>
    state === null || allowed.has(markingOf(state.marking));
  return changes.filter((c) => {
    const now = seen.get(c.entity);
    return now ?? (markedWithin(c.before) && markedWithin(c.after));
  });
}

/** One record, with the change that reverted it (if any). */
export async function readChange(tx: Tx, id: string): Promise<ChangeRecord | undefined> {
  const result = await tx.run<{ c: Node; revertedBy: string | null }>(
    `MATCH (c:${CHANGE_LABEL} {id: $id})
     OPTIONAL CALL (c) {
       MATCH (r:${CHANGE_LABEL} {revertOf: c.id})
       RETURN r.id AS revertedBy ORDER BY r.time DESC LIMIT 1
     }
     RETURN c, revertedBy`,
    { id },
  );
  const record = result.records[0];
  return record ? toChangeRecord(record.get('c'), record.get('revertedBy')) : undefined;
}
