import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { NEO4J_VERSION } from '../../neo4j-local/manager';
import { getJson, startTestServer } from '../support/server';

describe('GET /api/health', () => {
  let up: RunningServer;
  let down: RunningServer;
  beforeAll(async () => {
    up = await startTestServer();
    // Nothing listens on port 1: the app runs, Neo4j is unreachable.
    down = await startTestServer({
      NEO4J_URI: 'bolt://127.0.0.1:1',
      NEO4J_PASSWORD: 'irrelevant-password',
    });
  });
  afterAll(async () => {
    await up.stop();
    await down.stop();
  });

  it('when Neo4j is up, reports its version and edition', async () => {
    const { status, body } = await getJson(up, '/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      neo4j: { reachable: true, version: NEO4J_VERSION, edition: 'community' },
    });
  });

  it('when Neo4j is unreachable, answers 503 quickly with Retry-After and the reason', async () => {
    const began = Date.now();
    const { status, body, headers } = await getJson(down, '/api/health');
    expect(Date.now() - began).toBeLessThan(5000);
    expect(status).toBe(503);
    expect(headers.get('retry-after')).toBe('5');
    expect(body.status).toBe('unavailable');
    expect(body.neo4j.reachable).toBe(false);
    expect(body.error.code).toBe('neo4j_unavailable');
  });

  it('when Neo4j is unreachable, data routes answer 503 with the JSON error, not 500', async () => {
    const { status, body, headers } = await getJson(down, '/api/search?q=apt31');
    expect(status).toBe(503);
    expect(headers.get('retry-after')).toBe('5');
    expect(body.error).toMatchObject({ code: 'neo4j_unavailable' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
