// Issue 19, High 1: the console guard decides from Neo4j's own plan. Every trick in
// tests/fixtures/console-evasions.yaml and every generated variant (tests/support/
// console-evasions.ts) is refused through the console, through saving a query, through
// running a query stored before the guard existed, and by the plan check alone with the
// lexical filter bypassed; the reads in tests/fixtures/console-reads.yaml and the shipped
// queries still run. A web server on the loopback proves that no route makes Neo4j fetch a
// URL, and that Neo4j's own configuration refuses it too.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AppError } from '../../server/src/errors';
import type { RunningServer } from '../../server/src/server';
import { loadQueryFiles } from '../../server/src/services/queries/catalog';
import { checkQueryPlan } from '../../server/src/services/queries/query-runner';
import { lexicalCheck, QueryRefused } from '../../server/src/services/queries/query-guard';
import { generatedGuardCases, type GuardCase } from '../support/console-evasions';
import { graphCounts } from '../support/db';
import { postJson } from '../support/http';
import { startTestServer } from '../support/server';
import { startRecordingWebServer, type RecordingWebServer } from '../support/web-server';

const handWritten = parse(
  fs.readFileSync('tests/fixtures/console-evasions.yaml', 'utf8'),
) as GuardCase[];
const reads = parse(fs.readFileSync('tests/fixtures/console-reads.yaml', 'utf8')) as string[];
const READ_PARAMS = {
  id: 'actor:apt31',
  ids: ['actor:apt31', 'state:china'],
  prefix: 'actor:',
  names: null,
};

let server: RunningServer;
let web: RecordingWebServer;
let cases: GuardCase[];
let before: Awaited<ReturnType<typeof graphCounts>>;

beforeAll(async () => {
  web = await startRecordingWebServer();
  const fill = (query: string) =>
    query
      .replaceAll('{{url}}', web.urls.url)
      .replaceAll('{{url6}}', web.urls.url6)
      .replaceAll('{{urlName}}', web.urls.urlName);
  cases = [...handWritten, ...generatedGuardCases()].map((c) => ({ ...c, query: fill(c.query) }));
  server = await startTestServer();
  await server.db.write('MATCH (q:SavedQuery) DELETE q');
  before = await graphCounts(server.db);
});
afterAll(async () => {
  await server.db.write('MATCH (q:SavedQuery) DELETE q');
  await server.stop();
  await web.close();
});

/** The cases whose answer is not a 400 refusal, for a readable failure. */
async function notRefused(
  send: (c: GuardCase, index: number) => Promise<{ status: number; body: any }>,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [index, c] of cases.entries()) {
    const { status, body } = await send(c, index);
    const code = body?.error?.code as string | undefined;
    if (status !== 400 || !['query_refused', 'cypher_error'].includes(code ?? ''))
      wrong.push(`${c.name}: ${status} ${code ?? JSON.stringify(body).slice(0, 80)}`);
  }
  return wrong;
}

const saveBody = (name: string, cypher: string) => ({
  name,
  title: `Guard case ${name}`,
  description: 'A query the console guard must refuse',
  result: 'table',
  cypher,
});

describe('reads still run', () => {
  it(`runs the ${reads.length} console reads of the corpus`, async () => {
    const failed: string[] = [];
    for (const query of reads) {
      const { status, body } = await postJson(server, '/api/cypher', {
        query,
        params: READ_PARAMS,
      });
      if (status !== 200) failed.push(`${query}: ${status} ${JSON.stringify(body.error)}`);
    }
    expect(failed).toEqual([]);
  });

  it('runs the text of every shipped query through the console as well', async () => {
    const files = loadQueryFiles();
    expect(files).toHaveLength(13);
    for (const file of files) {
      const params = Object.fromEntries(
        Object.entries(file.params).map(([k, spec]) => [k, spec.default ?? null]),
      );
      const { status, body } = await postJson(server, '/api/cypher', {
        query: file.cypher,
        params,
      });
      expect(status, `${file.name}: ${JSON.stringify(body.error)}`).toBe(200);
    }
  });

  it('saves reads as user queries and runs them', async () => {
    for (const [i, query] of reads.slice(0, 30).entries()) {
      const name = `read-${i}`;
      const params = Object.fromEntries(
        Object.keys(READ_PARAMS)
          .filter((p) => query.includes(`$${p}`))
          .map((p) => [
            p,
            { type: p === 'ids' ? 'list' : 'string', ...(p === 'ids' ? { items: 'string' } : {}) },
          ]),
      );
      const saved = await postJson(server, '/api/queries', { ...saveBody(name, query), params });
      expect(saved.status, `${query}: ${JSON.stringify(saved.body.error)}`).toBe(201);
      const given = Object.fromEntries(
        Object.keys(params).map((p) => [p, READ_PARAMS[p as keyof typeof READ_PARAMS]]),
      );
      const run = await postJson(server, `/api/queries/${name}/run`, { params: given });
      expect(run.status, `${query}: ${JSON.stringify(run.body.error)}`).toBe(200);
      await postJson(server, `/api/queries/${name}`, undefined, 'DELETE');
    }
  });
});

describe('the guard refuses every trick', () => {
  it('has at least 40 hand-written cases and a generated variant for every white space and clause', () => {
    expect(handWritten.length).toBeGreaterThanOrEqual(40);
    expect(new Set(handWritten.map((c) => c.name)).size).toBe(handWritten.length);
    expect(cases.length - handWritten.length).toBe(28 * 14);
  });

  it('through POST /api/cypher', async () => {
    expect(await notRefused((c) => postJson(server, '/api/cypher', { query: c.query }))).toEqual(
      [],
    );
  });

  it('through saving a query, and nothing is stored', async () => {
    expect(
      await notRefused((c, i) =>
        postJson(server, '/api/queries', saveBody(`evasion-${i}`, c.query)),
      ),
    ).toEqual([]);
    const stored = await server.db.read<{ n: number }>(
      "MATCH (q:SavedQuery) WHERE q.name STARTS WITH 'evasion-' RETURN count(q) AS n",
    );
    expect(stored[0]?.n).toBe(0);
  });

  it('through running a query that was stored before the guard existed', async () => {
    await server.db.write(
      `UNWIND $cases AS c
       CREATE (:SavedQuery {name: c.name, title: 'Stored before the guard', description: 'Planted',
                            result: 'table', group: 'General', cypher: c.cypher, params: '{}'})`,
      { cases: cases.map((c, i) => ({ name: `planted-${i}`, cypher: c.query })) },
    );
    try {
      expect(
        await notRefused((_c, i) =>
          postJson(server, `/api/queries/planted-${i}/run`, { params: {} }),
        ),
      ).toEqual([]);
    } finally {
      await server.db.write("MATCH (q:SavedQuery) WHERE q.name STARTS WITH 'planted-' DELETE q");
    }
  });

  it("by Neo4j's plan alone, with the lexical filter bypassed", async () => {
    const target = { driver: server.db.driver, database: server.db.name };
    const passed: string[] = [];
    let lexicallyRefused = 0;
    let refusedByPlan = 0;
    let refusedByBoth = 0;
    for (const c of cases) {
      const lexical = (() => {
        try {
          lexicalCheck(c.query);
          return false;
        } catch (error) {
          return error instanceof QueryRefused;
        }
      })();
      try {
        await checkQueryPlan(target, c.query, {}, 5_000);
        passed.push(c.name);
      } catch (error) {
        // Refused by the plan, or not even valid Cypher for Neo4j (USE system with a
        // command, two statements): either way nothing runs.
        expect(error, c.name).toBeInstanceOf(AppError);
        expect((error as AppError).status, c.name).toBe(400);
        const byPlan = error instanceof QueryRefused;
        if (byPlan) refusedByPlan++;
        if (byPlan && lexical) refusedByBoth++;
      }
      if (lexical) lexicallyRefused++;
    }
    expect(passed).toEqual([]);
    // The plan itself refuses most of them, and nearly all of those the lexical filter
    // refuses too: the two layers hold apart.
    expect(refusedByPlan).toBeGreaterThan(cases.length * 0.85);
    expect(refusedByBoth).toBeGreaterThan(lexicallyRefused * 0.85);
  });

  it('left the graph exactly as it was', async () => {
    expect(await graphCounts(server.db)).toEqual(before);
  });
});

describe('no route makes Neo4j fetch a URL', () => {
  it('runs every shipped query with the web server as each text parameter', async () => {
    for (const file of loadQueryFiles()) {
      const params = Object.fromEntries(
        Object.entries(file.params)
          .filter(([, spec]) => spec.type === 'string')
          .map(([name]) => [name, web.urls.url]),
      );
      const { status } = await postJson(server, `/api/queries/${file.name}/run`, { params });
      expect([200, 400], file.name).toContain(status);
    }
  });

  it('the web server got no request from the console, saved queries or query files', () => {
    expect(web.requests).toEqual([]);
  });

  it("Neo4j's configuration refuses LOAD CSV from any address, sent straight through the driver", async () => {
    for (const url of Object.values(web.urls)) {
      const error = await server.db.read('LOAD CSV FROM $url AS line RETURN line', { url }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, url).toMatchObject({
        code: 'Neo.ClientError.Statement.ExternalResourceFailed',
      });
      expect(String((error as Error).message), url).toMatch(/internal\.dbms\.cypher_ip_blocklist/);
    }
    expect(web.requests).toEqual([]);
  });

  it("keeps every built-in procedure loaded whatever Neo4j's allowlist says; the console refuses them", async () => {
    // dbms.security.procedures.allowlist filters plugin procedures only (README, Security).
    const [row] = await server.db.read<{ names: string[] }>(
      'SHOW PROCEDURES YIELD name RETURN collect(name) AS names',
    );
    expect(row?.names).toHaveLength(48);
    expect(row?.names).toEqual(expect.arrayContaining(['dbms.listConfig', 'dbms.killConnections']));
    const config = await server.db.read<{ n: number }>(
      'CALL dbms.listConfig() YIELD name RETURN count(name) AS n',
    );
    expect(config[0]?.n).toBeGreaterThan(100);
    const refused = await postJson(server, '/api/cypher', {
      query: 'CALL dbms.listConfig() YIELD name RETURN count(name) AS n',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Procedure dbms.listConfig is not allowed/);
  });
});
