// npm run export -- stix [--ids a,b,c] [--out file.json]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { exportStix } from '../server/src/exchange/export/stix';

const USAGE =
  'usage: npm run export -- stix [--ids id1,id2,...] [--out bundle.json]   (default: the whole graph, to stdout)';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { ids: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals[0] !== 'stix') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  loadDotEnv();
  const db = Database.connect(neo4jConnection(loadConfig()));
  try {
    // The command line runs on the database's own machine: everything, markings kept.
    const bundle = await exportStix(
      db,
      undefined,
      values.ids
        ? values.ids
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    );
    const text = JSON.stringify(bundle, null, 2) + '\n';
    if (values.out) {
      fs.writeFileSync(values.out, text);
      console.error(`wrote ${bundle.objects.length} STIX objects to ${values.out}`);
    } else process.stdout.write(text);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
