// npm run seed -- [files...] [--reset] [--dry-run]
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { AppError } from '../server/src/errors';
import { loadDotEnv } from '../scripts/dotenv';
import { loadSeedFiles } from './loader/load';
import { formatSummary } from './summary';
import { SeedError } from './loader/seed-file';
import { defaultSeedFiles } from './paths';

const USAGE = `usage: npm run seed -- [files...] [--reset] [--dry-run]
  files      seed files (.yaml, .yml, .json); default: every file in seed/data
  --reset    delete the domain graph first (saved queries are kept)
  --dry-run  check and write in a transaction that is rolled back; report what would change`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reset: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  loadDotEnv();
  const config = loadConfig();
  const db = Database.connect(neo4jConnection(config));
  const files = positionals.length ? positionals : defaultSeedFiles();
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar(
        { format: 'seed [{bar}] {value}/{total} rows' },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  let lastLogged = 0;
  try {
    const summary = await loadSeedFiles(db, files, {
      reset: values.reset,
      dryRun: values['dry-run'],
      onProgress: (written, total) => {
        if (!bar) {
          // Not a terminal (CI, logs): a counted line every tenth of the way.
          const step = Math.max(1, Math.floor(total / 10));
          if (written === total || Math.floor(written / step) > Math.floor(lastLogged / step))
            console.log(`seed: ${written}/${total} rows written`);
          lastLogged = written;
          return;
        }
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(written);
      },
    });
    bar?.stop();
    console.log(formatSummary(summary));
  } finally {
    if (started) bar?.stop();
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
