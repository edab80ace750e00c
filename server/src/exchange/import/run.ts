// One import, as its steps: check the batch; then, in one write transaction that every
// other import waits for, read what the graph holds, resolve, plan (every row checked against
// the model) and write. All of it or nothing.
import type { Transaction } from 'neo4j-driver';
import type { Database } from '../../db/database';
import { ENTITY_LABEL, IMPORT_LOCK_LABEL, migrateSchema } from '../../db/schema';
import type { ImportSummary, ReviewItem } from '../../contract/exchange';
import {
  CLAIM_LABELS,
  graphNodeSchema,
  isNodeLabel,
  isoDate,
  type NodeLabel,
} from '../../model/model';
import { endsProblem, PlanBuilder, relationshipId, type WritePlan } from '../write-plan';
import { writePlan, type WriteCounts } from '../loader/write';
import { checkImportSize, countSkip, ImportError, type ImportBatch } from './batch';
import { resolve, type ExistingNode, type Resolution } from './resolve';
import { LOCAL_AUTHOR, recordChange } from '../../workbench/change-log';
import { RETRACTION_FIELDS } from '../../workbench/retraction';

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (written: number, total: number) => void;
  file?: string;
  /** Named in the change log: the request's author (the API) or local (the CLI). */
  author?: string;
  /** What caused the run, for the change log; by default "import of <file>". */
  cause?: string;
}

/** Refuses, before any database work, a batch that cannot be imported whole. */
function checkBatch(file: string, batch: ImportBatch): void {
  if (batch.dangling.length)
    throw new ImportError(
      file,
      `${batch.dangling.length} reference(s) to objects that are not in the file, so nothing was imported: ${batch.dangling.slice(0, 10).join('; ')}${batch.dangling.length > 10 ? '; …' : ''}`,
    );
  const content = batch.nodes.filter(
    (n) => n.key !== batch.dataset.sourceId && n.key !== 'org:misp-project',
  );
  if (!content.length && !batch.relationships.length)
    throw new ImportError(
      file,
      `holds nothing to import (no objects of a type the model knows; skipped: ${JSON.stringify(batch.skipped)})`,
    );
  checkImportSize(file, batch);
}

/**
 * Imports read nodes, merge their lists (sources, dataset, aliases) and write them back: two
 * at once would each overwrite what the other added. So every import's transaction first
 * creates the one lock node (unique by constraint, so a second import's MERGE waits for the
 * first to end), reads only then, and deletes the node before it ends: nothing stays behind.
 * This holds across processes too (the app and the import CLI).
 */
const LOCK = `MERGE (l:${IMPORT_LOCK_LABEL} {id: 'imports'})`;
const UNLOCK = `MATCH (l:${IMPORT_LOCK_LABEL} {id: 'imports'}) DELETE l`;

async function rowsOf<T>(tx: Transaction, cypher: string, params: Record<string, unknown>) {
  const result = await tx.run(cypher, params);
  return result.records.map((r) => r.toObject() as T);
}

/** The graph's nodes that incoming ones may resolve to, and the ids already taken. */
async function readExisting(
  tx: Transaction,
  batch: ImportBatch,
): Promise<{ existing: ExistingNode[]; taken: Set<string> }> {
  const stixIds = batch.nodes.map((n) => n.props.stixId).filter((x) => typeof x === 'string');
  const attackIds = batch.nodes.map((n) => n.props.attackId).filter((x) => typeof x === 'string');
  const mispUuids = batch.nodes.map((n) => n.props.mispUuid).filter((x) => typeof x === 'string');
  const ids = batch.nodes.map((n) => n.preferredId).filter((x) => typeof x === 'string');
  const rows = await rowsOf<{ props: Record<string, unknown>; labels: string[] }>(
    tx,
    `CALL () {
       MATCH (n:Actor) RETURN n
       UNION MATCH (n:State) RETURN n
       UNION MATCH (n:${ENTITY_LABEL}) WHERE n.stixId IN $stixIds RETURN n
       UNION MATCH (n:${ENTITY_LABEL}) WHERE n.attackId IN $attackIds RETURN n
       UNION MATCH (n:${ENTITY_LABEL}) WHERE n.mispUuid IN $mispUuids RETURN n
       UNION MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids RETURN n
       UNION MATCH (n:Capability|Technique) RETURN n
     }
     RETURN properties(n) AS props, labels(n) AS labels`,
    { stixIds, attackIds, mispUuids, ids },
  );
  const existing = rows.flatMap((r) => {
    const label = r.labels.find(isNodeLabel);
    return label
      ? [{ id: String(r.props.id), label, props: r.props as ExistingNode['props'] }]
      : [];
  });
  const taken = new Set(
    (
      await rowsOf<{ id: string }>(
        tx,
        `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids RETURN n.id AS id`,
        { ids },
      )
    ).map((r) => r.id),
  );
  for (const n of existing) taken.add(n.id);
  return { existing, taken };
}

/** A claim's dates, each an ISO date or left out (counted): the time filter relies on them. */
function checkedDates(
  batch: ImportBatch,
  props: Record<string, unknown>,
): { date?: string; since?: string; until?: string } {
  const out: Record<string, string | undefined> = {};
  for (const key of ['date', 'since', 'until'] as const) {
    const value = props[key];
    if (value === undefined) continue;
    if (isoDate.safeParse(value).success) out[key] = value as string;
    else {
      out[key] = undefined;
      countSkip(batch, `relationship ${key} that is not an ISO date left out`);
    }
  }
  return out;
}

interface ImportPlan {
  plan: WritePlan;
  created: Record<string, number>;
  merged: Record<string, number>;
}

/** Rows to write, each checked against the model; what does not fit is skipped with a reason. */
function planImport(
  file: string,
  batch: ImportBatch,
  { ids, rows }: Resolution,
  existing: ExistingNode[],
): ImportPlan {
  const builder = new PlanBuilder();
  // Check every node against the model; a node that does not fit is skipped, with a reason.
  const labelOf = new Map<string, NodeLabel>();
  const created: Record<string, number> = {};
  const merged: Record<string, number> = {};
  for (const row of rows) {
    const { id, label, props } = row;
    const clean = Object.fromEntries(
      Object.entries(props).filter(([, v]) => v !== undefined && v !== null && v !== ''),
    );
    if (Array.isArray(clean.aliases))
      clean.aliases = (clean.aliases as unknown[]).filter((a) => typeof a === 'string' && a.trim());
    if (Array.isArray(clean.aliases) && clean.aliases.length === 0) delete clean.aliases;
    // A retracted claim node (our own STIX export's revoked Statement) keeps its retraction:
    // the fields only retracting sets, so no input schema has them.
    const retraction: Record<string, unknown> = {};
    if (CLAIM_LABELS.includes(label))
      for (const field of RETRACTION_FIELDS)
        if (field in clean) {
          retraction[field] = clean[field];
          delete clean[field];
        }
    const parsed = graphNodeSchema.safeParse({ ...clean, label });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      countSkip(batch, `${label} not valid (${issue?.path.join('.')}: ${issue?.message})`);
      continue;
    }
    const { label: _label, ...valid } = parsed.data;
    builder.addNode(label, id, { ...valid, ...retraction });
    labelOf.set(id, label);
    (row.merged ? merged : created)[label] = ((row.merged ? merged : created)[label] ?? 0) + 1;
  }
  for (const n of existing) if (!labelOf.has(n.id)) labelOf.set(n.id, n.label);

  // Relationships: ends resolved to ids; types checked against the model's label rules.
  const idOf = (key: string) => ids.get(key) ?? (labelOf.has(key) ? key : undefined);
  const unknownEnds: string[] = [];
  const inFile = new Set(batch.nodes.map((n) => n.key));
  for (const rel of batch.relationships) {
    const from = idOf(rel.from);
    const to = idOf(rel.to);
    if (!from || !to) {
      const missing = [rel.from, rel.to].filter((k) => !idOf(k));
      if (missing.some((k) => !inFile.has(k)))
        unknownEnds.push(`${rel.type} ${rel.from} -> ${rel.to}`);
      else countSkip(batch, `${rel.type} to a node that was skipped`);
      continue;
    }
    if (from === to) {
      // Two records of one dataset that resolve to the same entity (MISP's "related" between
      // two clusters of one actor): a claim about itself says nothing.
      countSkip(batch, `${rel.type} from an entity to itself`);
      continue;
    }
    const fromLabel = labelOf.get(from);
    const toLabel = labelOf.get(to);
    if (!fromLabel || !toLabel || endsProblem(rel.type, fromLabel, toLabel)) {
      countSkip(
        batch,
        `${rel.type} between ${fromLabel ?? '?'} and ${toLabel ?? '?'} is not in the model`,
      );
      continue;
    }
    const sources = rel.props.sources
      .map((s) => idOf(s) ?? s)
      .filter((s) => labelOf.get(s) === 'Source');
    if (!sources.length) {
      countSkip(batch, `${rel.type} without a source`);
      continue;
    }
    const assertedBy = rel.assertedByKey ? idOf(rel.assertedByKey) : undefined;
    // Sorted: the order of a file's dispute records says nothing.
    const disputedBy = [
      ...new Set((rel.disputedByKeys ?? []).map(idOf).filter((k) => k !== undefined)),
    ].sort();
    const id = rel.preferredId ?? relationshipId(rel.type, from, to, batch.dataset.sourceId);
    const repeated = builder.addRelationship(
      rel.type,
      {
        id,
        from,
        to,
        props: {
          ...rel.props,
          ...checkedDates(batch, rel.props),
          sources,
          ...(assertedBy ? { assertedBy } : {}),
          ...(disputedBy.length ? { disputedBy } : {}),
        },
        document: batch.dataset.sourceId,
      },
      file,
    );
    if (repeated) countSkip(batch, `${rel.type} repeated in the file`);
  }
  if (unknownEnds.length)
    throw new ImportError(
      file,
      `${unknownEnds.length} relationship(s) refer to nodes that exist nowhere, so nothing was imported: ${unknownEnds.slice(0, 10).join('; ')}`,
    );

  return { plan: builder.plan, created, merged };
}

/**
 * An import is one transaction over tens of thousands of rows (ATT&CK: 24k): it may take
 * longer than the server's default limit for a transaction (120 s locally, set for reads
 * that run away) on a slow or busy machine. Since Neo4j 5.3 a driver's timeout above that
 * default is honoured.
 */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

/** What people decided on this dataset's earlier review items, by incoming key. */
async function readDecisions(tx: Transaction, batch: ImportBatch): Promise<Map<string, string>> {
  const rows = await rowsOf<{ key: string; target: string }>(
    tx,
    `MATCH (r:ImportReview)
     WHERE r.dataset = $dataset AND r.incomingKey IN $keys AND r.decision IS NOT NULL
     RETURN r.incomingKey AS key, r.decidedTarget AS target`,
    { dataset: batch.dataset.sourceId, keys: batch.nodes.map((n) => n.key) },
  );
  return new Map(rows.map((r) => [r.key, r.target]));
}

async function writeReview(tx: Transaction, review: ReviewItem[]): Promise<void> {
  if (!review.length) return;
  await tx.run(
    `UNWIND $items AS item
     MERGE (r:ImportReview {id: item.id})
     SET r += item, r.importedAt = toString(datetime())`,
    { items: review },
  );
}

export async function importBatch(
  db: Database,
  batch: ImportBatch,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const began = Date.now();
  const file = options.file ?? batch.dataset.name;
  const dryRun = options.dryRun ?? false;
  checkBatch(file, batch);
  await migrateSchema(db);
  const outcome = await db.transaction(
    async (tx): Promise<ImportPlan & { counts: WriteCounts; review: ReviewItem[] }> => {
      await tx.run(LOCK);
      const { existing, taken } = await readExisting(tx, batch);
      const resolution = resolve(batch, existing, taken, await readDecisions(tx, batch));
      const planned = planImport(file, batch, resolution, existing);
      const total = planned.plan.nodeCount + planned.plan.relationshipCount;
      const counts = await writePlan(tx, planned.plan, {
        onProgress: (n) => options.onProgress?.(n, total),
      });
      await writeReview(tx, resolution.review);
      // One record per run, in its transaction: the run and its record commit together.
      await recordChange(tx, {
        author: options.author ?? LOCAL_AUTHOR,
        action: 'import',
        entityKind: 'run',
        entity: batch.dataset.sourceId,
        before: null,
        after: {
          dataset: batch.dataset.name,
          file,
          created: planned.created,
          merged: planned.merged,
          relationships: counts.relationships,
          skipped: batch.skipped,
          ambiguous: resolution.review.map((r) => r.createdId),
        },
        cause: options.cause ?? `import of ${file}`,
      });
      await tx.run(UNLOCK);
      return { ...planned, counts, review: resolution.review };
    },
    { rollback: dryRun, timeoutMs: IMPORT_TIMEOUT_MS },
  );
  return {
    dataset: batch.dataset.name,
    created: outcome.created,
    merged: outcome.merged,
    relationships: outcome.counts.relationships,
    skipped: batch.skipped,
    ambiguous: outcome.review,
    dryRun,
    millis: Date.now() - began,
  };
}
