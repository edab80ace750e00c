// npm run bench:generate -- --nodes 1000000 [--seed 42] [--bulk]
// Loads a synthetic graph (see generate.ts) into the Neo4j the app is configured for. It
// replaces the domain graph there: meant for a benchmark database.
//   default  batched transactions (the transactional loader; any server)
//   --bulk   streamed to CSV and imported with Neo4j's bulk importer into a new store of the
//            local server (replacing its database), then constraints and indexes are built
// Prints the peak memory of this process, and with --bulk a last line "bulk-result {json}".
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { deleteDomainGraph } from '../server/src/exchange/loader/write';
import { localNeo4jOptions } from '../neo4j-local/manager';
import { bulkLoadLocal } from '../neo4j-local/bulk-import';
import { rowProgress } from '../seed/progress';
import { loadInTransactions } from './load';
import { generate, generateInto } from './generate';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    bulk: { type: 'boolean', default: false },
  },
});
loadDotEnv();
const config = loadConfig();
const nodes = Number(values.nodes);
const seed = Number(values.seed);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (values.bulk) {
  if (config.neo4jUri)
    throw new ConfigError([
      `--bulk: the importer writes the local server's store; NEO4J_URI (${config.neo4jUri}) names another server`,
    ]);
  const timings = await bulkLoadLocal(
    { ...localNeo4jOptions(config), log: (line) => console.log(`[bulk] ${line}`) },
    () => neo4jConnection(config),
    config.neo4jDatabase,
    (writer) => {
      generateInto(nodes, seed, writer);
    },
  );
  console.log(
    `bulk-loaded ${timings.nodes} nodes and ${timings.relationships} relationships in ${(timings.totalMs / 1000).toFixed(1)} s ` +
      `(CSV ${(timings.csvMs / 1000).toFixed(1)} s, import ${(timings.importMs / 1000).toFixed(1)} s, ` +
      `start ${(timings.startMs / 1000).toFixed(1)} s, indexes ${(timings.schemaMs / 1000).toFixed(1)} s); peak RSS ${peakRssMb()} MB`,
  );
  console.log(`bulk-result ${JSON.stringify({ ...timings, peakRssMb: peakRssMb() })}`);
} else {
  const db = Database.connect(neo4jConnection(config));
  const began = Date.now();
  const { plan } = generate(nodes, seed);
  console.log(
    `generated ${plan.nodeCount} nodes and ${plan.relationshipCount} relationships in ${Date.now() - began} ms`,
  );
  await db.transaction((tx) => deleteDomainGraph(tx), { timeoutMs: 600_000 });
  const progress = rowProgress('bench:generate');
  await loadInTransactions(db, plan, {
    fresh: true, // the domain graph was just deleted
    onProgress: (written, total) => progress.update(written, total),
  });
  progress.stop();
  console.log(
    `loaded in ${((Date.now() - began) / 1000).toFixed(1)} s; peak RSS ${peakRssMb()} MB`,
  );
  await db.close();
}
