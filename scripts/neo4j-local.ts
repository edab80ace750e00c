// npm run db:start | db:stop | db:status: the project's local Neo4j, configured from .env/env.
import { loadConfig, ConfigError, loadDotEnv } from '../server/src/config';
import { localNeo4jOptions, LocalNeo4jError, start, status, stop } from '../neo4j-local/manager';

async function main(command: string | undefined): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (config.neo4jUri) {
    console.log(
      `NEO4J_URI is set (${config.neo4jUri}): the app uses that server, so there is no local one to manage.`,
    );
    return;
  }
  const options = localNeo4jOptions(config);
  switch (command) {
    case 'start':
      await start(options);
      return;
    case 'stop':
      await stop(options);
      return;
    case 'status': {
      const s = status(options);
      console.log(
        s.running
          ? `running (pid ${s.pid}) at ${s.uri}\ndata: ${s.dir}\nlog:  ${s.logFile}`
          : `not running (would listen at ${s.uri}, data in ${s.dir})`,
      );
      process.exitCode = s.running ? 0 : 3;
      return;
    }
    default:
      console.error('usage: tsx scripts/neo4j-local.ts start|stop|status');
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LocalNeo4jError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
