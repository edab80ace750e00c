// npm run ingest (seed/ingest-cli.ts) as a script uses it: with --json, standard output is the
// draft alone, parseable as it is; the human notes go to standard error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localNeo4jOptions, localPassword } from '../../neo4j-local/manager';
import { connectTestDb } from '../support/db';
import { testConfig } from '../support/test-config';

const config = testConfig();
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-ingest-cli-')), 'report.txt');
fs.writeFileSync(
  report,
  'Prague, 28 May 2025. The Czech government said that the attack on its foreign ministry was carried out by APT31. China denied the allegations.',
);

afterAll(async () => {
  const db = connectTestDb();
  try {
    await db.write(`MATCH (d:IngestDraft) WHERE d.author = 'cli' DELETE d`);
  } finally {
    await db.close();
  }
});

describe('npm run ingest -- FILE --json', () => {
  it('prints the draft alone on standard output, and the note on standard error', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'seed/ingest-cli.ts',
        report,
        '--title',
        'CLI check',
        '--published',
        '2025-05-28',
        '--json',
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          ...(config.neo4jUri
            ? {}
            : {
                NEO4J_URI: `bolt://127.0.0.1:${config.local.port}`,
                NEO4J_PASSWORD: localPassword(localNeo4jOptions(config)),
              }),
        },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const draft = JSON.parse(run.stdout) as { draftId: string; entities: { name: string }[] };
    expect(draft.draftId).toMatch(/^draft:/);
    expect(draft.entities.map((e) => e.name)).toContain('APT31');
    expect(run.stderr).toContain(`DELETE /api/ingest/${draft.draftId}`);
  });
});
