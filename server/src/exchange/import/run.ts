// One import: resolve the batch against the graph, check every row against the model, and
// write it all in one transaction (or nothing, on any error).
import type { Database } from '../../db/database';
import { ENTITY_LABEL, migrateSchema } from '../../db/schema';
import { graphNodeSchema, isNodeLabel, type NodeLabel } from '../../model/model';
import { endsProblem, PlanBuilder, relationshipId } from '../write-plan';
import { writePlan } from '../loader/write';
import { countSkip, ImportError, type ImportBatch } from './batch';
import type { ImportSummary } from '../../contract/exchange';
import { resolve, type ExistingNode } from './resolve';
import { LOCAL_AUTHOR, recordChange } from '../../workbench/change-log';

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (written: number, total: number) => void;
  file?: string;
  /** Named in the change log: the request's author (the API) or local (the CLI). */
  author?: string;
  /** What caused the run, for the change log; by default "import of <file>". */
  cause?: string;
}

async function existingNodes(db: Database, batch: ImportBatch): Promise<ExistingNode[]> {
  const stixIds = batch.nodes.map((n) => n.props.stixId).filter((x) => typeof x === 'string');
  const attackIds = batch.nodes.map((n) => n.props.attackId).filter((x) => typeof x === 'string');
  const mispUuids = batch.nodes.map((n) => n.props.mispUuid).filter((x) => typeof x === 'string');
  const ids = batch.nodes.map((n) => n.preferredId).filter((x) => typeof x === 'string');
  const rows = await db.read<{ props: Record<string, unknown>; labels: string[] }>(
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
  return rows.flatMap((r) => {
    const label = r.labels.find(isNodeLabel);
    return label
      ? [{ id: String(r.props.id), label, props: r.props as ExistingNode['props'] }]
      : [];
  });
}

export async function importBatch(
  db: Database,
  batch: ImportBatch,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const began = Date.now();
  const file = options.file ?? batch.dataset.name;
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
  await migrateSchema(db);
  const existing = await existingNodes(db, batch);
  const proposed = batch.nodes.map((n) => n.preferredId).filter((x): x is string => Boolean(x));
  const taken = new Set(
    (
      await db.read<{ id: string }>(
        `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids RETURN n.id AS id`,
        { ids: proposed },
      )
    ).map((r) => r.id),
  );
  for (const n of existing) taken.add(n.id);
  const { ids, rows, review } = resolve(batch, existing, taken);

  // Check every node against the model; a node that does not fit is skipped, with a reason.
  const builder = new PlanBuilder();
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
    const parsed = graphNodeSchema.safeParse({ ...clean, label });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      countSkip(batch, `${label} not valid (${issue?.path.join('.')}: ${issue?.message})`);
      continue;
    }
    const { label: _label, ...valid } = parsed.data;
    builder.addNode(label, id, valid);
    labelOf.set(id, label);
    (row.merged ? merged : created)[label] = ((row.merged ? merged : created)[label] ?? 0) + 1;
  }
  for (const n of existing) if (!labelOf.has(n.id)) labelOf.set(n.id, n.label);

  // Relationships: ends resolved to ids; types checked against the model's label rules.
  const idOf = (key: string) => ids.get(key) ?? (labelOf.has(key) ? key : undefined);
  const unknownEnds: string[] = [];
  for (const rel of batch.relationships) {
    const from = idOf(rel.from);
    const to = idOf(rel.to);
    if (!from || !to) {
      const missing = [rel.from, rel.to].filter((k) => !idOf(k));
      if (missing.some((k) => !batch.nodes.some((n) => n.key === k)))
        unknownEnds.push(`${rel.type} ${rel.from} -> ${rel.to}`);
      else countSkip(batch, `${rel.type} to a node that was skipped`);
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
    const id = rel.preferredId ?? relationshipId(rel.type, from, to, batch.dataset.sourceId);
    const repeated = builder.addRelationship(
      rel.type,
      {
        id,
        from,
        to,
        props: { ...rel.props, sources, ...(assertedBy ? { assertedBy } : {}) },
        document: batch.dataset.sourceId,
      },
      file,
    );
    if (repeated) countSkip(batch, `${rel.type} repeated in the file`);
  }
  const plan = builder.plan;
  if (unknownEnds.length)
    throw new ImportError(
      file,
      `${unknownEnds.length} relationship(s) refer to nodes that exist nowhere, so nothing was imported: ${unknownEnds.slice(0, 10).join('; ')}`,
    );

  const total = plan.nodeCount + plan.relationshipCount;
  const counts = await db.transaction(
    async (tx) => {
      const written = await writePlan(tx, plan, {
        onProgress: (n) => options.onProgress?.(n, total),
      });
      if (review.length)
        await tx.run(
          `UNWIND $items AS item
           MERGE (r:ImportReview {id: item.id})
           SET r += item, r.importedAt = toString(datetime())`,
          { items: review },
        );
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
          created,
          merged,
          relationships: written.relationships,
          skipped: batch.skipped,
          ambiguous: review.map((r) => r.createdId),
        },
        cause: options.cause ?? `import of ${file}`,
      });
      return written;
    },
    { rollback: options.dryRun ?? false },
  );
  return {
    dataset: batch.dataset.name,
    created,
    merged,
    relationships: counts.relationships,
    skipped: batch.skipped,
    ambiguous: review,
    dryRun: options.dryRun ?? false,
    millis: Date.now() - began,
  };
}
