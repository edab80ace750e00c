// A first load of a big graph with Neo4j's own bulk importer (`neo4j-admin database import
// full`, from the neo4j-import-tool jar already on the launcher's classpath): the local
// server is stopped, its database's store is replaced by one the importer writes from CSV
// (server/src/exchange/bulk/csv.ts), and the server is started again on it. Constraints and
// indexes are then created and awaited: the load ends when they are online.
//
// Everything the database held is replaced (the change log, saved queries and
// investigations too): this is for empty databases and benchmarks. Incremental loads use
// the transactional loader.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { localNeo4jDir } from '../server/src/db/local-neo4j';
import { migrateSchema } from '../server/src/db/schema';
import { ARRAY_DELIMITER, BulkCsvWriter, type BulkCsvFiles } from '../server/src/exchange/bulk/csv';
import { classpath, LocalNeo4jError, start, stop, type LocalNeo4jOptions } from './manager';

export interface BulkLoadTimings {
  csvMs: number;
  importMs: number;
  startMs: number;
  schemaMs: number;
  totalMs: number;
  nodes: number;
  relationships: number;
}

/**
 * Writes the graph `fill` produces as CSV, imports it as the local server's `database`
 * (replacing it), starts the server and applies the schema.
 */
export async function bulkLoadLocal(
  options: LocalNeo4jOptions,
  connection: () => Neo4jConnection,
  database: string,
  fill: (writer: BulkCsvWriter) => void | Promise<void>,
): Promise<BulkLoadTimings> {
  const log = options.log ?? ((line: string) => console.log(`[bulk] ${line}`));
  const began = Date.now();
  const csvDir = path.join(localNeo4jDir(options.dir), 'bulk-csv');
  fs.rmSync(csvDir, { recursive: true, force: true });
  const writer = new BulkCsvWriter(csvDir);
  await fill(writer);
  const files = writer.close();
  const csvMs = Date.now() - began;
  log(
    `wrote ${files.nodeCount} nodes and ${files.relationshipCount} relationships as CSV in ${(csvMs / 1000).toFixed(1)} s`,
  );
  try {
    await stop({ ...options, log });
    const importBegan = Date.now();
    await runImporter(options, database, files, log);
    const importMs = Date.now() - importBegan;
    const startBegan = Date.now();
    await start({ ...options, log });
    const startMs = Date.now() - startBegan;
    const schemaBegan = Date.now();
    const db = Database.connect(connection());
    try {
      await migrateSchema(db); // constraints and indexes, awaited until online
    } finally {
      await db.close();
    }
    const schemaMs = Date.now() - schemaBegan;
    return {
      csvMs,
      importMs,
      startMs,
      schemaMs,
      totalMs: Date.now() - began,
      nodes: files.nodeCount,
      relationships: files.relationshipCount,
    };
  } finally {
    fs.rmSync(csvDir, { recursive: true, force: true });
  }
}

/** Runs the importer into a new store for `database` (the server must be stopped). */
async function runImporter(
  options: LocalNeo4jOptions,
  database: string,
  files: BulkCsvFiles,
  log: (line: string) => void,
): Promise<void> {
  if (!/^[a-z][a-z0-9.-]*$/i.test(database))
    throw new LocalNeo4jError(`"${database}" is not a database name the importer takes`);
  const home = localNeo4jDir(options.dir);
  // The server keeps its stores under <home>/data (the embedded default); the importer,
  // given the same home, writes there. Its own settings file is empty: the server's
  // lockdown settings mean nothing to it.
  const confDir = path.join(home, 'bulk-conf');
  fs.mkdirSync(confDir, { recursive: true });
  fs.writeFileSync(path.join(confDir, 'neo4j.conf'), '');
  for (const part of ['databases', 'transactions'])
    fs.rmSync(path.join(home, 'data', part, database), { recursive: true, force: true });
  const args = [
    `-Xmx${options.heap}`,
    '-cp',
    classpath(log),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    database,
    '--overwrite-destination=true',
    '--id-type=string',
    `--array-delimiter=${ARRAY_DELIMITER}`,
    `--multiline-fields=${files.multiline}`,
    `--report-file=${path.join(home, 'bulk-import.report')}`,
    ...files.nodes.map((f) => `--nodes=${f}`),
    ...files.relationships.map((f) => `--relationships=${f}`),
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('java', args, {
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: confDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const text = output.join('');
  if (code !== 0)
    throw new LocalNeo4jError(
      `the bulk importer failed (exit ${code}); its last lines:\n${text.split('\n').slice(-30).join('\n')}`,
    );
  const done = /IMPORT DONE in ([^\n]+)/.exec(text);
  log(`imported (${done?.[1]?.trim() ?? 'done'})`);
}
