// POST /api/cypher: reads run; every write or escape attempt in the corpus is refused and
// the graph's counts do not change.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunningServer } from '../../server/src/server';
import { graphCounts } from '../support/db';
import { postJson } from '../support/http';
import { consoleIdle, startTestServer } from '../support/server';

interface Attack {
  name: string;
  query: string;
  params?: Record<string, unknown>;
}
const attacks = parse(fs.readFileSync('tests/fixtures/console-attacks.yaml', 'utf8')) as Attack[];

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ QUERY_TIMEOUT_MS: '2000', QUERY_ROW_LIMIT: '20' });
});
afterAll(async () => {
  await server.stop();
});

describe('the console runs reads', () => {
  it('returns rows, columns and the graph of the nodes it found', async () => {
    const { status, body } = await postJson(server, '/api/cypher', {
      query: 'MATCH (op:Operation)-[r:ATTRIBUTED_TO]->(a) RETURN op, r, a ORDER BY a.name',
    });
    expect(status).toBe(200);
    expect(body.columns).toEqual(['op', 'r', 'a']);
    expect(body.rows).toHaveLength(2);
    expect(body.graph.nodes.map((n: { id: string }) => n.id).sort()).toEqual([
      'actor:apt31',
      'operation:czech-mfa-2022',
      'state:china',
    ]);
    expect(body.graph.relationships).toHaveLength(2);
    expect(body.truncated).toBe(false);
  });

  it('passes parameters', async () => {
    const { body } = await postJson(server, '/api/cypher', {
      query: 'MATCH (n:Entity {id: $id}) RETURN n.name AS name',
      params: { id: 'actor:apt31' },
    });
    expect(body.rows).toEqual([{ name: 'APT31' }]);
  });

  it('allows the introspection procedures on the allow-list', async () => {
    const { status, body } = await postJson(server, '/api/cypher', {
      query: 'CALL db.labels() YIELD label RETURN label ORDER BY label',
    });
    expect(status).toBe(200);
    expect(body.rows.map((r: { label: string }) => r.label)).toContain('Actor');
  });

  it('caps the rows and says so', async () => {
    const { body } = await postJson(server, '/api/cypher', {
      query: 'UNWIND range(1, 1000) AS x RETURN x',
    });
    expect(body.rows).toHaveLength(20);
    expect(body.truncated).toBe(true);
    expect(body.rowLimit).toBe(20);
  });

  it('stops a query at its time limit with a clear 400', async () => {
    const { status, body } = await postJson(server, '/api/cypher', {
      query: 'UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*)',
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('query_timeout');
    expect(body.error.message).toMatch(/time limit/);
    // Its share stays taken until Neo4j lets the query go: the next test would get 429.
    await consoleIdle(server);
  });

  it("reports a syntax error as a 400 with Neo4j's message and position", async () => {
    const { status, body } = await postJson(server, '/api/cypher', { query: 'MATCH (n)\nRETRN n' });
    expect(status).toBe(400);
    expect(body.error.code).toBe('cypher_error');
    expect(body.error.message).toContain("Invalid input 'RETRN'");
    expect(body.error.details.position).toEqual({ line: 2, column: 1, offset: 10 });
  });

  it('rejects a body without a query, naming the field', async () => {
    const { status, body } = await postJson(server, '/api/cypher', { q: 'RETURN 1' });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/query/);
  });
});

describe(`the console refuses all ${attacks.length} write and escape attempts`, () => {
  let before: Awaited<ReturnType<typeof graphCounts>>;
  beforeAll(async () => {
    before = await graphCounts(server.db);
  });

  it('has a corpus of at least 80 cases', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(80);
    expect(new Set(attacks.map((a) => a.name)).size).toBe(attacks.length);
  });

  it.each(attacks.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    const { status, body } = await postJson(server, '/api/cypher', {
      query: attack.query,
      params: attack.params ?? {},
    });
    expect(status).toBe(400);
    expect(['query_refused', 'cypher_error', 'bad_request']).toContain(body.error.code);
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('left the graph exactly as it was', async () => {
    expect(await graphCounts(server.db)).toEqual(before);
  });
});
