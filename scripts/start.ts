// npm start: the local Neo4j (unless NEO4J_URI is set), the schema and seed when the graph
// is empty, the client build when it is missing or older than its sources, then the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, loadDotEnv } from '../server/src/config';
import { AppError } from '../server/src/errors';
import {
  localNeo4jOptions,
  LocalNeo4jError,
  start as startLocalNeo4j,
} from '../neo4j-local/manager';
import { startServer, stopOnSignals } from '../server/src/server';
import { migrateData, migrateSchema } from '../server/src/db/schema';
import { isGraphEmpty, loadSeedFiles } from '../server/src/exchange/loader/load';
import { SeedError } from '../server/src/exchange/loader/seed-file';
import { defaultSeedFiles } from '../seed/paths';
import { formatSummary } from '../seed/summary';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.parentPath.includes(`${path.sep}dist`)) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function buildClientIfStale(): void {
  const built = path.join(repoRoot, 'client', 'dist', 'index.html');
  const stale =
    !fs.existsSync(built) ||
    fs.statSync(built).mtimeMs < newestMtime(path.join(repoRoot, 'client'));
  if (!stale) return;
  console.log('Building the client (vite build)…');
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('The client build failed (see above).');
}

async function main(): Promise<void> {
  const began = Date.now();
  loadDotEnv();
  const config = loadConfig();
  if (config.neo4jUri) console.log(`Using Neo4j at ${config.neo4jUri} (NEO4J_URI)`);
  else await startLocalNeo4j(localNeo4jOptions(config));

  buildClientIfStale();
  const server = await startServer(config);
  if (await isGraphEmpty(server.db)) {
    console.log('The graph is empty: loading the seed data…');
    console.log(formatSummary(await loadSeedFiles(server.db, defaultSeedFiles()))); // applies the schema
  } else {
    // Idempotent: a database made by an older version gains the indexes added since.
    await migrateSchema(server.db);
  }
  // Once per graph (a marker keeps the data's version): data written by an older version
  // takes the shape the model has now; a graph just seeded only gains the marker.
  const migrated = await migrateData(server.db);
  if (migrated) console.log(`Brought ${migrated} claim(s) written by an older version up to date.`);
  console.log(
    `\nattribution-graph is running at ${server.url} (ready in ${((Date.now() - began) / 1000).toFixed(1)}s)\n` +
      `Stop it with Ctrl+C.${config.neo4jUri ? '' : ' The local Neo4j keeps running; stop it with "npm run db:stop".'}`,
  );
  stopOnSignals(server);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof LocalNeo4jError ||
    error instanceof SeedError
  ) {
    console.error(error.message);
  } else if (error instanceof AppError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `${(error as Error).message}: another program uses that port. Stop it, or choose another with PORT=8081 npm start.`,
    );
  } else {
    console.error(error);
  }
  process.exit(1);
});
