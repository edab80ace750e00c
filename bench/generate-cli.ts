// npm run bench:generate -- --nodes 1000000 [--seed 42] [--uri bolt://…]
// Loads a synthetic graph (see generate.ts) into the Neo4j the app is configured for, in
// batched transactions. It replaces the domain graph there: meant for a benchmark database.
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { deleteDomainGraph } from '../server/src/exchange/loader/write';
import { rowProgress } from '../seed/progress';
import { loadInTransactions } from './load';
import { generate } from './generate';

const { values } = parseArgs({
  options: { nodes: { type: 'string', default: '10000' }, seed: { type: 'string', default: '42' } },
});
loadDotEnv();
const db = Database.connect(neo4jConnection(loadConfig()));
const began = Date.now();
const { plan } = generate(Number(values.nodes), Number(values.seed));
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
console.log(`loaded in ${((Date.now() - began) / 1000).toFixed(1)} s`);
await db.close();
