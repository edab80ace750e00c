// Issue 19, status codes (query side): client mistakes that used to answer 500, and faults
// that used to claim "Neo4j is not reachable", reproduced against the real server; the
// mapping itself is in server/src/db/errors.ts (unit tests: tests/unit/db-errors.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jConnection } from '../../server/src/db/connection';
import { Database } from '../../server/src/db/database';
import type { RunningServer } from '../../server/src/server';
import { postJson } from '../support/http';
import { getJson, startTestServer } from '../support/server';
import { testConfig } from '../support/test-config';

let server: RunningServer;
beforeAll(async () => {
  // Long enough for a query to reach Neo4j's memory limit before its time limit.
  server = await startTestServer({ QUERY_TIMEOUT_MS: '30000' });
  await server.db.write("MATCH (q:SavedQuery) WHERE q.name STARTS WITH 'typed-' DELETE q");
});
afterAll(async () => {
  await server.db.write("MATCH (q:SavedQuery) WHERE q.name STARTS WITH 'typed-' DELETE q");
  await server.stop();
});

describe('client mistakes are 4xx', () => {
  it('a shortest path between a node and itself, in the console: 400 naming it', async () => {
    const { status, body } = await postJson(server, '/api/cypher', {
      query:
        "MATCH (a:Entity {id: 'actor:apt31'}) MATCH p = allShortestPaths((a)-[*]-(a)) RETURN p",
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'same_path_ends' });
    expect(body.error.message).toMatch(/start and the end are the same node/);
  });

  it('a shortest path between a node and itself, through GET /api/paths: 400', async () => {
    const { status, body } = await getJson(server, '/api/paths?from=actor:apt31&to=actor:apt31');
    // The route's own check answers before Neo4j is asked (the console's case is above).
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/from and to are the same node/);
  });

  it('CALL { } IN CONCURRENT TRANSACTIONS: 400 refused by the guard', async () => {
    const { status, body } = await postJson(server, '/api/cypher', {
      query: 'MATCH (n) CALL (n) { RETURN n.id AS id } IN CONCURRENT TRANSACTIONS RETURN id',
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'query_refused' });
    expect(body.error.message).toMatch(/IN TRANSACTIONS is not allowed/);
  });

  it('a query that needs more memory than Neo4j allows: 422, not 503 "not reachable"', async () => {
    const { status, body } = await postJson(server, '/api/cypher', {
      query:
        'UNWIND range(1, 100) AS i WITH collect([x IN range(1, 1000000) | x]) AS xs RETURN size(xs)',
    });
    expect(status).toBe(422);
    expect(body.error.code).toBe('memory_limit');
    expect(body.error.message).toMatch(/more memory than Neo4j allows/);
  });
});

describe('saved-query parameters are typed strictly, with a 400 naming the parameter', () => {
  const run = (name: string, params: Record<string, unknown>) =>
    postJson(server, `/api/queries/${name}/run`, { params });

  it.each([
    [true, 'limit must be a whole number (got true)'],
    [[7], 'limit must be a whole number (got [7])'],
    ['0x10', 'limit must be a whole number (got "0x10")'],
    [1.5, 'limit must be a whole number between'],
  ])('int refuses %j', async (limit, message) => {
    const { status, body } = await run('shared-sources', { limit });
    expect(status).toBe(400);
    expect(body.error.message).toContain(message);
  });

  it.each([
    ['2020-02-30', 'since must be a date that exists (2020-02-30 does not)'],
    ['2024-13', 'since must be an ISO 8601 date'],
  ])('date refuses %j', async (since, message) => {
    const { status, body } = await run('sanctions', { since });
    expect(status).toBe(400);
    expect(body.error.message).toContain(message);
  });

  it('float refuses a value too large to represent, and keeps a large finite one exact', async () => {
    const saved = await postJson(server, '/api/queries', {
      name: 'typed-float',
      title: 'A float parameter',
      description: 'Returns its parameter',
      result: 'table',
      cypher: 'RETURN $x AS x',
      params: { x: { type: 'float', required: true } },
    });
    expect(saved.status).toBe(201);
    const tooLarge = await run('typed-float', { x: '1e400' });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.message).toMatch(/x must be a finite number/);
    const large = await run('typed-float', { x: 1e300 });
    expect(large.status).toBe(200);
    expect(large.body.rows).toEqual([{ x: 1e300 }]);
  });
});

describe("the console's rate limit", () => {
  it('counts saved-query runs (shipped and saved by users) and saves with console queries', async () => {
    const limited = await startTestServer({ RATE_LIMIT_CONSOLE_PER_MIN: '4' });
    try {
      const statuses = [
        (await postJson(limited, '/api/cypher', { query: 'RETURN 1' })).status,
        (await postJson(limited, '/api/queries/sanctions/run', { params: {} })).status,
        (
          await postJson(limited, '/api/queries', {
            name: 'typed-budget',
            title: 'Counts against the budget',
            description: 'Saved to spend the budget',
            result: 'table',
            cypher: 'RETURN 1 AS one',
          })
        ).status,
        (await postJson(limited, '/api/queries/typed-budget/run', { params: {} })).status,
        (await postJson(limited, '/api/queries/sanctions/run', { params: {} })).status,
      ];
      expect(statuses).toEqual([200, 200, 201, 200, 429]);
      // Exploration has its own budget.
      expect((await getJson(limited, '/api/schema')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe('faults', () => {
  it('every connection in use: 503 neo4j_busy after the wait, not a 500', async () => {
    const db = Database.connect(neo4jConnection(testConfig()), undefined, {
      maxConnections: 1,
      acquireTimeoutMs: 300,
    });
    try {
      // Holds the only connection until Neo4j stops it at its timeout.
      const holding = db
        .read(
          'UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*)',
          {},
          {
            timeoutMs: 2_000,
          },
        )
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const began = performance.now();
      const error = await db.read('RETURN 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status: 503, code: 'neo4j_busy', retryAfter: 1 });
      expect((error as Error).message).toMatch(
        /all 1 connections of the app were in use for 300 ms/,
      );
      expect(performance.now() - began).toBeLessThan(1_000);
      await holding;
      expect(await db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});
