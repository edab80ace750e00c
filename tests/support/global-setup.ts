// Starts the test Neo4j (unless it already runs) and loads the seed into a clean graph.
// Stops it afterwards only if this run started it.
import { neo4jConnection } from '../../server/src/db/connection';
import { Database } from '../../server/src/db/database';
import { localNeo4jOptions, start, stop } from '../../neo4j-local/manager';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { defaultSeedFiles } from '../../seed/paths';
import { testConfig } from './test-config';

export default async function setup(): Promise<() => Promise<void>> {
  const config = testConfig();
  let startedHere = false;
  if (!config.neo4jUri) {
    const result = await start({
      ...localNeo4jOptions(config),
      log: (l) => console.log(`[test neo4j] ${l}`),
    });
    startedHere = result.started;
  }
  const db = Database.connect(neo4jConnection(config));
  try {
    await loadSeedFiles(db, defaultSeedFiles(), { reset: true });
  } finally {
    await db.close();
  }
  return async () => {
    if (startedHere && !process.env.KEEP_TEST_NEO4J) {
      await stop({ ...localNeo4jOptions(config), log: () => undefined });
    }
  };
}
