// npm run seed -- --bulk: the seed files as a first load with Neo4j's bulk importer
// (neo4j-local/bulk-import.ts). The files are read and checked as the transactional seed
// checks them, then the local server's database is REPLACED by them (a new store), the
// schema is built, and the run is recorded in the change log as a seed with reset.
import path from 'node:path';
import type { Config } from '../server/src/config';
import { ConfigError } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { readSeedFiles, type LoadSummary } from '../server/src/exchange/loader/load';
import { planWrite } from '../server/src/exchange/loader/plan';
import { SeedError } from '../server/src/exchange/loader/seed-file';
import type { WriteCounts } from '../server/src/exchange/loader/write';
import { LOCAL_AUTHOR, recordChange } from '../server/src/workbench/change-log';
import { bulkLoadLocal } from '../neo4j-local/bulk-import';
import { localNeo4jOptions } from '../neo4j-local/manager';

export async function bulkSeed(
  config: Config,
  files: string[],
  log: (line: string) => void,
): Promise<LoadSummary> {
  if (config.neo4jUri)
    throw new ConfigError([
      `--bulk: the importer writes the local server's store; NEO4J_URI (${config.neo4jUri}) names another server (seed it without --bulk)`,
    ]);
  const began = Date.now();
  const seeds = readSeedFiles(files);
  const { plan, problems } = planWrite(seeds, new Map()); // a new store: nothing exists yet
  if (problems.length) throw new SeedError(problems);
  await bulkLoadLocal(
    { ...localNeo4jOptions(config), log },
    () => neo4jConnection(config),
    config.neo4jDatabase,
    (writer) => writer.plan(plan),
  );
  const counts: WriteCounts = { nodes: {}, relationships: {} };
  for (const [label, rows] of plan.nodes)
    counts.nodes[label] = { created: rows.length, updated: 0 };
  for (const [type, rows] of plan.relationships)
    counts.relationships[type] = { created: rows.length, updated: 0 };
  const documents = seeds.map((s) => s.document);
  const names = files.map((f) => path.basename(f));
  const db = Database.connect(neo4jConnection(config));
  try {
    // As the transactional seed records its run (loader/load.ts), marked as a bulk load.
    await db.transaction((tx) =>
      recordChange(tx, {
        author: LOCAL_AUTHOR,
        action: 'seed',
        entityKind: 'run',
        entity: documents[0] ?? 'seed',
        related: documents,
        before: null,
        after: { files: names, reset: true, bulk: true, deleted: 0, counts },
        cause: `seed ${names.join(', ')} --bulk`,
      }),
    );
  } finally {
    await db.close();
  }
  return {
    files,
    counts,
    deleted: 0,
    dryRun: false,
    totalNodes: plan.nodeCount,
    totalRelationships: plan.relationshipCount,
    millis: Date.now() - began,
  };
}
