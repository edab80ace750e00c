// Real faults: Neo4j really stopped and restarted, a seed killed or cut off half-way, the
// app stopped with SIGTERM while requests are in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { localNeo4jOptions, localPassword, start, stop } from '../../neo4j-local/manager';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { graphCounts } from '../support/db';
import { variant, writeSeed } from '../support/seed-fixtures';
import { startTestServer } from '../support/server';
import { testConfig } from '../support/test-config';

const config = testConfig();
const neo4jOptions = { ...localNeo4jOptions(config), log: () => undefined };
const external = Boolean(config.neo4jUri);

function bigSeedFile(nodes: number): string {
  return writeSeed(
    'big.json',
    variant((s) => {
      for (let i = 0; i < nodes; i++)
        s.nodes.push({ id: `actor:bulk-${i}`, label: 'Actor', name: `Bulk actor ${i}` } as never);
    }),
    'json',
  );
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms; output: ${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

// Every route that reads Neo4j. (GET /api/queries/<name> of a query shipped in cypher/ is
// answered from memory and keeps working.)
const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/search?q=apt31'],
  ['GET', '/api/schema'],
  ['GET', '/api/nodes/actor:apt31'],
  ['GET', '/api/nodes/actor:apt31/neighbours'],
  ['GET', '/api/paths?from=state:china&to=org:czech-mfa'],
  ['GET', '/api/relationships/rel:attributed_to:620576f44f95198c'],
  ['GET', '/api/graph?ids=actor:apt31'],
  ['GET', '/api/queries'],
  ['POST', '/api/queries/sanctions/run', { params: {} }],
  ['POST', '/api/cypher', { query: 'RETURN 1' }],
];

describe.skipIf(external)('when Neo4j goes away and comes back', () => {
  let server: RunningServer;
  let before: Awaited<ReturnType<typeof graphCounts>>;
  let startedAt = 0;
  beforeAll(async () => {
    server = await startTestServer();
    startedAt = Date.now();
    before = await graphCounts(server.db);
  });
  afterAll(async () => {
    await start(neo4jOptions); // whatever happened, leave Neo4j running for the next suites
    await server.stop();
  });

  it('a seed process killed half-way leaves the database as it was', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'seed/cli.ts', bigSeedFile(60_000)], {
      env: {
        ...process.env,
        NEO4J_URI: `bolt://127.0.0.1:${config.local.port}`,
        NEO4J_PASSWORD: localPassword(neo4jOptions),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it once it reports rows written inside its transaction.
    await waitForLine(child, /seed: \d+\/\d+ rows written/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the server notices the dropped connection
    expect(await graphCounts(server.db)).toEqual(before);
  });

  it('a seed cut off by Neo4j stopping half-way is not written, every route answers 503 quickly, and service resumes without a restart', async () => {
    // Stop Neo4j once the loader has written some batches.
    let stopping: Promise<unknown> | undefined;
    const seedError = await loadSeedFiles(server.db, [bigSeedFile(20_000)], {
      onProgress: (written) => {
        if (written >= 5000) stopping ??= stop(neo4jOptions);
      },
    }).catch((e: unknown) => e);
    await stopping;
    expect(seedError).toBeInstanceOf(Error);
    // The legend's counts, computed when the app started, are served from memory for 5 s
    // (SchemaValues in graph.service.ts): let them go stale, so /api/schema must ask Neo4j.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, startedAt + 5_500 - Date.now())),
    );

    // While it is down: every route answers 503 within 2 s, with a JSON error and Retry-After.
    for (const [method, path, body] of ROUTES) {
      const began = Date.now();
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const elapsed = Date.now() - began;
      expect(response.status, `${method} ${path}`).toBe(503);
      expect(elapsed, `${method} ${path} took ${elapsed} ms`).toBeLessThan(2000);
      expect(response.headers.get('retry-after'), path).toBe('5');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'neo4j_unavailable',
      );
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    const healthBody = (await health.json()) as {
      neo4j: { reason: string };
      error: { message: string };
    };
    expect(healthBody.error.message).toMatch(/^Neo4j is not reachable: /);
    expect(healthBody.neo4j.reason).toMatch(/connect/i);

    // Back up: the same app serves again within 10 s, and the cut-off seed left nothing.
    await start(neo4jOptions);
    const upAt = Date.now();
    let status = 0;
    while (Date.now() - upAt < 10_000) {
      status = (await fetch(`${server.url}/api/schema`)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    console.log(`recovered ${Date.now() - upAt} ms after Neo4j answered again`);
    expect(await graphCounts(server.db)).toEqual(before);
  });
});

describe('SIGTERM while requests are in flight', () => {
  it('lets them finish, answers new ones 503, closes the driver and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/serve.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = (await waitForLine(child, /listening (http:\/\/\S+)/)).split(' ')[1]!;
    // A query that takes about a second.
    const slow = fetch(`${url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'UNWIND range(1, 20000000) AS x WITH x WHERE x % 1000003 = 0 RETURN count(x) AS n',
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await fetch(`${url}/api/schema`).then(
      (r) => r.status,
      () => 'refused',
    );
    const response = await slow;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: { n: number }[] }).rows[0]?.n).toBe(19);
    expect(late).toBe(503);
    expect(await exited).toBe(0);
  });
});
