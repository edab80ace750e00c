// Schemathesis generates requests from /api/openapi.json against the real server: no 5xx,
// and every response matches its documented status, content type and schema.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { ensurePythonTool } from '../support/python-tools';
import { startTestServer } from '../support/server';

let server: RunningServer;
let before: number;
beforeAll(async () => {
  server = await startTestServer();
  before = (await server.db.read<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n'))[0]!.n;
});
afterAll(async () => {
  await server.db.write('MATCH (q:SavedQuery) DELETE q');
  await server.stop();
});

describe('the API against its OpenAPI document (schemathesis)', () => {
  // About 1,000 requests: 50 s on a quiet 2-core machine, more when it is shared.
  it(
    'answers every generated request without a server error and as documented',
    { timeout: 300_000 },
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
      // Whatever it sent, the domain graph is as it was.
      const after = (
        await server.db.read<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n')
      )[0]!.n;
      expect(after).toBe(before);
    },
  );
});
