// One seed run: read and check every file, then write all of them in one transaction,
// so a bad file (or a failure half-way) leaves the database exactly as it was.
import path from 'node:path';
import type { Database } from '../../db/database';
import { LOCAL_AUTHOR, recordChange } from '../../workbench/change-log';
import { ENTITY_LABEL, migrateSchema } from '../../db/schema';
import { isNodeLabel, type NodeLabel } from '../../model/model';
import { externalReferences, planWrite } from './plan';
import { readSeedFile, SeedError, type SeedFile, type SeedProblem } from './seed-file';
import { deleteDomainGraph, writePlan, type WriteCounts } from './write';

export interface LoadOptions {
  reset?: boolean;
  dryRun?: boolean;
  /** Server-side timeout of the one write transaction. */
  timeoutMs?: number;
  /** Called with (rows written, rows in total) as batches go in. */
  onProgress?: (written: number, total: number) => void;
  /** Named in the change log (default local: the person at the machine). */
  author?: string;
}

export interface LoadSummary {
  files: string[];
  counts: WriteCounts;
  deleted: number;
  dryRun: boolean;
  totalNodes: number;
  totalRelationships: number;
  millis: number;
}

/** Reads and checks files; throws SeedError naming every problem. */
export function readSeedFiles(files: string[]): SeedFile[] {
  const problems: SeedProblem[] = [];
  const seeds: SeedFile[] = [];
  for (const file of files) {
    const { seed, problems: found } = readSeedFile(file);
    for (const problem of found) problems.push(problem); // a spread overflows on 100k+ items
    if (seed) seeds.push(seed);
  }
  if (problems.length) throw new SeedError(problems);
  return seeds;
}

export async function loadSeedFiles(
  db: Database,
  files: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const began = Date.now();
  const seeds = readSeedFiles(files);
  await migrateSchema(db);

  const allIds = [
    ...new Set([...seeds.flatMap((s) => s.nodes.map((n) => n.id)), ...externalReferences(seeds)]),
  ];
  const existing = options.reset
    ? new Map<string, NodeLabel>()
    : await labelsInDatabase(db, allIds);
  const { plan, problems } = planWrite(seeds, existing);
  for (const seed of seeds) {
    seed.nodes.forEach((node, index) => {
      const label = existing.get(node.id);
      if (label && label !== node.label)
        problems.push({
          file: seed.file,
          record: `nodes[${index}] (${node.id})`,
          field: 'label',
          message: `${node.id} is already in the database as a ${label}, not a ${node.label}`,
        });
    });
  }
  if (problems.length) throw new SeedError(problems);

  const total = plan.nodeCount + plan.relationshipCount;
  const { counts, deleted } = await db.transaction(
    async (tx) => {
      const deleted = options.reset ? await deleteDomainGraph(tx) : 0;
      const counts = await writePlan(tx, plan, {
        onProgress: (written) => options.onProgress?.(written, total),
      });
      // One record per run, in its transaction: the run and its record commit together.
      const documents = seeds.map((s) => s.document);
      const names = files.map((f) => path.basename(f));
      await recordChange(tx, {
        author: options.author ?? LOCAL_AUTHOR,
        action: 'seed',
        entityKind: 'run',
        entity: documents[0] ?? 'seed',
        related: documents,
        before: null,
        after: { files: names, reset: options.reset ?? false, deleted, counts },
        cause: `seed ${names.join(', ')}${options.reset ? ' --reset' : ''}`,
      });
      return { counts, deleted };
    },
    {
      rollback: options.dryRun ?? false,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    },
  );
  return {
    files,
    counts,
    deleted,
    dryRun: options.dryRun ?? false,
    totalNodes: plan.nodeCount,
    totalRelationships: plan.relationshipCount,
    millis: Date.now() - began,
  };
}

async function labelsInDatabase(db: Database, ids: string[]): Promise<Map<string, NodeLabel>> {
  const rows = await db.read<{ id: string; labels: string[] }>(
    `UNWIND $ids AS id
     MATCH (n:${ENTITY_LABEL} {id: id})
     RETURN n.id AS id, labels(n) AS labels`,
    { ids },
  );
  const out = new Map<string, NodeLabel>();
  for (const row of rows) {
    const label = row.labels.find(isNodeLabel);
    if (label) out.set(row.id, label);
  }
  return out;
}

/** True when the database holds no domain nodes (the app seeds it on first start). */
export async function isGraphEmpty(db: Database): Promise<boolean> {
  const rows = await db.read<{ any: boolean }>(`RETURN EXISTS { MATCH (:${ENTITY_LABEL}) } AS any`);
  return !rows[0]?.any;
}
