// npm run import -- stix <file> | misp-galaxy <file> [--dry-run]
// npm run import -- taxii <api-root-url> <collection-id> [--user U] [--token T] [--full] [--dry-run]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, loadTaxiiCredentials } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { AppError } from '../server/src/errors';
import { ImportError } from '../server/src/exchange/import/batch';
import {
  parseByFormat,
  IMPORT_FORMATS,
  type ImportFormat,
} from '../server/src/exchange/import/formats';
import type { ImportSummary } from '../server/src/contract/exchange';
import { importBatch } from '../server/src/exchange/import/run';
import {
  pullTaxiiCollection,
  TaxiiPullError,
  type TaxiiPullSummary,
} from '../server/src/exchange/taxii/pull';
import { rowProgress } from './progress';

const USAGE = `usage: npm run import -- <format> <file> [--dry-run]
       npm run import -- taxii <api-root-url> <collection-id> [options]
  format     ${IMPORT_FORMATS.join(' | ')}
  --dry-run  resolve and write in a transaction that is rolled back; report what would change
taxii pulls what the collection added since the last pull of it (following "next" pages):
  --user U        HTTP Basic user (or TAXII_USER); the password only from TAXII_PASSWORD
  --token T       Bearer token (or TAXII_TOKEN, which keeps it out of the process list)
  --full          ignore the remembered added_after and read the whole collection
  --page-size N   objects asked for a page (default 500)`;

export function formatImportSummary(s: ImportSummary): string {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const rels = Object.values(s.relationships).reduce((a, c) => a + c.created + c.updated, 0);
  const lines = [
    `${s.dryRun ? 'Dry run (rolled back) of' : 'Imported'} ${s.dataset} in ${(s.millis / 1000).toFixed(1)}s: ` +
      `${sum(s.created)} nodes created, ${sum(s.merged)} merged into existing ones, ${rels} relationships, ` +
      `${sum(s.skipped)} objects skipped, ${s.ambiguous.length} ambiguous`,
    `  created:  ${JSON.stringify(s.created)}`,
    `  merged:   ${JSON.stringify(s.merged)}`,
    `  relationships: ${JSON.stringify(Object.fromEntries(Object.entries(s.relationships).map(([k, v]) => [k, v.created + v.updated])))}`,
    `  skipped:  ${JSON.stringify(s.skipped)}`,
  ];
  for (const item of s.ambiguous.slice(0, 20))
    lines.push(`  ambiguous: "${item.incomingName}" -> created ${item.createdId}; ${item.reason}`);
  if (s.ambiguous.length > 20)
    lines.push(`  … ${s.ambiguous.length - 20} more ambiguous names (GET /api/imports/review)`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      user: { type: 'string' },
      token: { type: 'string' },
      full: { type: 'boolean', default: false },
      'page-size': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [format, file] = positionals;
  if (format === 'taxii' && !values.help) return pullTaxii(positionals.slice(1), values);
  if (values.help || !format || !file || !IMPORT_FORMATS.includes(format as ImportFormat)) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  loadDotEnv();
  const db = Database.connect(neo4jConnection(loadConfig()));
  const progress = rowProgress('import');
  try {
    console.log(`Reading ${file}…`);
    const batch = parseByFormat(format as ImportFormat, file, fs.readFileSync(file, 'utf8'));
    console.log(
      `Parsed ${batch.nodes.length} nodes and ${batch.relationships.length} relationships; resolving and writing…`,
    );
    const summary = await importBatch(db, batch, {
      file,
      dryRun: values['dry-run'],
      onProgress: (written, total) => progress.update(written, total),
    });
    progress.stop();
    console.log(formatImportSummary(summary));
  } finally {
    progress.stop();
    await db.close();
  }
}

function formatPullSummary(s: TaxiiPullSummary): string {
  return [
    `Pulled "${s.collectionTitle}" (${s.collectionId}) from ${s.apiRoot}: ${s.objects} new objects in ${s.pages} page(s)` +
      `${s.addedAfter ? ` added after ${s.addedAfter}` : ' (the whole collection)'}` +
      `${s.referenced ? `, and ${s.referenced} earlier ones they refer to` : ''}; next pull starts after ${s.cursor ?? 'the beginning'}`,
    s.imported ? formatImportSummary(s.imported) : 'Nothing new to import.',
  ].join('\n');
}

async function pullTaxii(
  args: string[],
  values: {
    'dry-run': boolean;
    user?: string;
    token?: string;
    full: boolean;
    'page-size'?: string;
  },
): Promise<void> {
  const [apiRoot, collectionId] = args;
  const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size']);
  if (
    !apiRoot ||
    !collectionId ||
    (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0))
  ) {
    console.log(USAGE);
    process.exitCode = 2;
    return;
  }
  loadDotEnv();
  const env = loadTaxiiCredentials();
  const db = Database.connect(neo4jConnection(loadConfig()));
  try {
    const summary = await pullTaxiiCollection(db, {
      apiRoot,
      collectionId,
      credentials: {
        user: values.user ?? env.user,
        password: env.password,
        token: values.token ?? env.token,
      },
      full: values.full,
      dryRun: values['dry-run'],
      ...(pageSize ? { pageSize } : {}),
      onProgress: (message) => console.log(`  ${message}`),
    });
    console.log(formatPullSummary(summary));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (
    error instanceof ImportError ||
    error instanceof ConfigError ||
    error instanceof TaxiiPullError
  )
    console.error(error.message);
  else if (error instanceof AppError)
    console.error(`${error.message}. Is Neo4j running? (npm run db:status)`);
  else console.error(error);
  process.exitCode = 1;
});
