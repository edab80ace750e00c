// npm run import -- stix <file> | misp-galaxy <file> [--dry-run]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../server/src/config';
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
import { rowProgress } from './progress';

const USAGE = `usage: npm run import -- <format> <file> [--dry-run]
  format     ${IMPORT_FORMATS.join(' | ')}
  --dry-run  resolve and write in a transaction that is rolled back; report what would change`;

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [format, file] = positionals;
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

main().catch((error: unknown) => {
  if (error instanceof ImportError || error instanceof ConfigError) console.error(error.message);
  else if (error instanceof AppError)
    console.error(`${error.message}. Is Neo4j running? (npm run db:status)`);
  else console.error(error);
  process.exitCode = 1;
});
