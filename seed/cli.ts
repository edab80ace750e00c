// npm run seed -- [files...] [--reset] [--dry-run] [--bulk]
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { AppError } from '../server/src/errors';
import { loadSeedFiles } from '../server/src/exchange/loader/load';
import { formatSummary } from './summary';
import { rowProgress } from './progress';
import { SeedError } from '../server/src/exchange/loader/seed-file';
import { defaultSeedFiles } from './paths';
import { bulkSeed } from './bulk';

const USAGE = `usage: npm run seed -- [files...] [--reset] [--dry-run] [--bulk]
  files      seed files (.yaml, .yml, .json); default: every file in seed/data
  --reset    delete the domain graph first (saved queries are kept)
  --dry-run  check and write in a transaction that is rolled back; report what would change
  --bulk     a big first load: the LOCAL server's database is replaced by a new store written
             by Neo4j's bulk importer (everything in it is lost: change log, saved queries,
             investigations), then indexes are built. Not with NEO4J_URI.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reset: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      bulk: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  loadDotEnv();
  const config = loadConfig();
  if (values.bulk) {
    if (values['dry-run'] || values.reset)
      throw new ConfigError([
        '--bulk always starts from a new store: it takes no --reset or --dry-run',
      ]);
    const files = positionals.length ? positionals : defaultSeedFiles();
    console.log(
      formatSummary(await bulkSeed(config, files, (line) => console.log(`[bulk] ${line}`))),
    );
    return;
  }
  const db = Database.connect(neo4jConnection(config));
  const files = positionals.length ? positionals : defaultSeedFiles();
  const progress = rowProgress('seed');
  try {
    const summary = await loadSeedFiles(db, files, {
      reset: values.reset,
      dryRun: values['dry-run'],
      onProgress: (written, total) => progress.update(written, total),
    });
    progress.stop();
    console.log(formatSummary(summary));
  } finally {
    progress.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof SeedError || error instanceof ConfigError) console.error(error.message);
  else if (error instanceof AppError)
    console.error(`${error.message}. Is Neo4j running? (npm run db:status)`);
  else if (error instanceof Error && /unknown option/i.test(error.message))
    console.error(`${error.message}\n${USAGE}`);
  else console.error(error);
  process.exitCode = 1;
});
