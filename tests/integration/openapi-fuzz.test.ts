// Schemathesis generates requests from /api/openapi.json against the real server: no 5xx,
// and every response matches its documented status, content type and schema.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import neo4j from 'neo4j-driver';
import { reseed } from '../support/db';
import { ensurePythonTool } from '../support/python-tools';
import { startTestServer } from '../support/server';

let server: RunningServer;
let before: number;
let started: number;
const entities = async () =>
  (await server.db.read<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n'))[0]!.n;
beforeAll(async () => {
  server = await startTestServer();
  before = await entities();
  started = Date.now();
});
afterAll(async () => {
  await server.db.write('MATCH (q:SavedQuery) DELETE q');
  await reseed(server.db); // the workbench routes wrote what schemathesis sent them
  await server.stop();
});

/** Nodes added minus nodes removed since the run began, as the change log tells it. */
async function recordedNodeDelta(): Promise<number> {
  const rows = await server.db.read<{ action: string; n: number }>(
    `MATCH (c:Change) WHERE c.entityKind = 'node' AND c.time >= datetime({epochMillis: $since})
     RETURN c.action AS action, count(c) AS n`,
    { since: neo4j.int(started) },
  );
  const count = (action: string) => rows.find((r) => r.action === action)?.n ?? 0;
  return count('create') + count('unmerge') - count('delete') - count('merge');
}

describe('the API against its OpenAPI document (schemathesis)', () => {
  // With the workbench's write routes about 2,500 requests: 140 s on a 2-core machine shared
  // with other suites; generous, since they may share the cores.
  it(
    'answers every generated request without a server error and as documented',
    { timeout: 360_000 },
    async () => {
      const bin = ensurePythonTool('schemathesis');
      const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
        const child = spawn(
          bin,
          [
            'run',
            `${server.url}/api/openapi.json`,
            '--checks',
            'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
            '--phases',
            'examples,coverage,fuzzing',
            '--generation-deterministic',
            '--no-color',
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let text = '';
        child.stdout.on('data', (c: Buffer) => (text += c.toString()));
        child.stderr.on('data', (c: Buffer) => (text += c.toString()));
        child.once('exit', (code) => resolve({ code, text }));
      });
      const summary = /(\d+) generated, (\d+) passed/.exec(output.text);
      console.log(summary?.[0] ?? output.text.slice(-2000));
      expect(output.code, output.text.slice(-4000)).toBe(0);
      expect(Number(summary?.[1])).toBeGreaterThan(300);
      // Whatever it sent, the domain graph changed only by writes the change log records.
      expect(await entities()).toBe(before + (await recordedNodeDelta()));
    },
  );
});
