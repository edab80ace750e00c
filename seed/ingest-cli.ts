// npm run ingest -- <report.txt|.html|.pdf> [--title T] [--published YYYY-MM-DD] [--publisher P]
//                   [--url U] [--commit] [--json]
// Reads a report with the graph's names as dictionary and prints the proposed entities and
// claims (the draft is kept, to review in the UI: Review view). --commit skips the review and
// commits every proposed claim at once (trusted batch use), through the same service as the API.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../server/src/config';
import type { IngestDraft } from '../server/src/contract/ingest';
import { ingestSource } from '../server/src/contract/ingest';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { AppError, describeZodError } from '../server/src/errors';
import { commitDraft } from '../server/src/ingest/commit';
import { createDraft, IngestDictionary } from '../server/src/ingest/drafts';

const USAGE = `usage: npm run ingest -- <report file> [--title T] [--published YYYY-MM-DD] [--publisher P] [--url U] [--commit] [--json]
  --commit  commit every proposed claim without review (trusted batch use)
  --json    print the draft as JSON`;

function formatDraft(draft: IngestDraft): string {
  const name = (ref: string | undefined) => draft.entities.find((e) => e.ref === ref)?.name ?? '?';
  const lines = [
    `Draft ${draft.draftId}: ${draft.entities.length} entities, ${draft.claims.length} claims` +
      (draft.source.published
        ? `, published ${draft.source.published}${draft.source.publishedGuessed ? ' (guessed)' : ''}`
        : ''),
    '',
    'Entities:',
    ...draft.entities.map(
      (e) =>
        `  ${e.ref.padEnd(4)} ${e.label.padEnd(12)} ${e.name}${e.matchId ? `  = ${e.matchId}` : '  (new)'}${e.candidates ? `  [${e.candidates.length} candidates]` : ''}`,
    ),
    '',
    'Claims:',
    ...draft.claims.map(
      (c) =>
        `  ${c.ref.padEnd(4)} ${c.type} ${name(c.from)} -> ${name(c.to)}${c.asserter ? `  (asserted by ${name(c.asserter)})` : ''}  ${c.date ?? 'undated'}  ${c.confidence}\n        “${c.evidence.slice(0, 160)}${c.evidence.length > 160 ? '…' : ''}”`,
    ),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      published: { type: 'string' },
      publisher: { type: 'string' },
      url: { type: 'string' },
      commit: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [file] = positionals;
  if (values.help || !file) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const source = ingestSource.safeParse(
    Object.fromEntries(
      (['title', 'published', 'publisher', 'url'] as const)
        .filter((k) => values[k])
        .map((k) => [k, values[k]]),
    ),
  );
  if (!source.success) throw new ConfigError([describeZodError(source.error, 'option')]);
  const bytes = fs.readFileSync(file);
  loadDotEnv();
  const db = Database.connect(neo4jConnection(loadConfig()));
  try {
    const draft = await createDraft(
      db,
      new IngestDictionary(db),
      { bytes, name: path.basename(file) },
      { title: path.basename(file), ...source.data },
      'cli',
    );
    console.log(values.json ? JSON.stringify(draft, null, 2) : formatDraft(draft));
    // With --json, standard output is the draft alone (for jq and scripts); notes go to stderr.
    const note = values.json ? console.error : console.log;
    if (values.commit) {
      const result = await commitDraft(
        db,
        draft.draftId,
        {
          entities: draft.entities,
          claims: draft.claims.map((c) => ({ ...c, status: 'accepted' })),
        },
        { author: 'cli', cause: `npm run ingest -- ${path.basename(file)} --commit` },
      );
      note(
        `\nCommitted as ${result.source}: ${result.nodes.filter((n) => n.created).length} new nodes, ${result.relationships.length} claims, ${result.changes} change records`,
      );
    } else
      note(
        `\nReview it in the client (Review), or discard it: DELETE /api/ingest/${draft.draftId}`,
      );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof AppError)
    console.error(
      `${error.message}${error.status >= 500 ? '. Is Neo4j running? (npm run db:status)' : ''}`,
    );
  else console.error(error);
  process.exitCode = 1;
});
