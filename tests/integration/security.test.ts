// Abuse limits, authentication, headers, CORS, bad input everywhere, and the local Neo4j's
// locked-down settings, against the real server and Neo4j.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { LOCKDOWN_SETTINGS } from '../../neo4j-local/manager';
import { graphCounts } from '../support/db';
import { postJson } from '../support/http';
import { startTestServer } from '../support/server';
import { testConfig } from '../support/test-config';

const READ = 'read-token-0123456789abcdef';
const WRITE = 'write-token-0123456789abcdef';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function raw(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers };
}

describe('bad input gets a 4xx with a message, never a 5xx', () => {
  it('an oversized body is a 413', async () => {
    const { status, body } = await raw('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'RETURN 1', params: { blob: 'x'.repeat(2_000_000) } }),
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
  });

  it('deeply nested JSON is refused', async () => {
    const nested =
      '{"query":"RETURN 1","params":{"a":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}}';
    const { status, body } = await raw('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: nested,
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.error.message).toBeTruthy();
  });

  it('malformed JSON is a 400 that says so', async () => {
    const { status, body } = await raw('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/could not be read/);
  });

  it('invalid UTF-8 in a body is a 400', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"query":"RETURN \''),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('\'"}'),
    ]);
    const { status } = await raw('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: bytes,
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('a wrong content type is a 415', async () => {
    const { status, body } = await raw('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'RETURN 1',
    });
    expect(status).toBe(415);
    expect(body.error.message).toContain('application/json');
  });

  it('a very long string parameter is refused with its limit', async () => {
    const { status, body } = await postJson(server, '/api/queries/statements-about/run', {
      params: { entity: `actor:${'a'.repeat(5000)}` },
    });
    expect(status).toBe(400);
    expect(body.error.message).toBeTruthy();
  });

  it.each([
    '/api/nodes/..%2F..%2Fetc%2Fpasswd',
    '/api/nodes/actor:apt31%00',
    '/api/nodes/%2e%2e',
    '/api/relationships/..%2Frel',
    '/api/queries/..%2Fsanctions',
    '/api/nodes/actor:%E2%80%AEevil',
  ])('path tricks in ids (%s) are a 4xx', async (path) => {
    const { status, body } = await raw(path);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.error.message).toBeTruthy();
  });

  it('did not change the graph', async () => {
    const counts = await graphCounts(server.db);
    expect(counts.nodes.Entity).toBe(39);
  });
});

describe('headers', () => {
  it('sends security headers and a content security policy', async () => {
    const { headers } = await raw('/api/health');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('keeps CORS closed by default', async () => {
    const { headers } = await raw('/api/schema', { headers: { origin: 'https://evil.example' } });
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens CORS to the configured origins only', async () => {
    const open = await startTestServer({ CORS_ORIGINS: 'https://intel.example.org' });
    try {
      const allowed = await fetch(`${open.url}/api/schema`, {
        headers: { origin: 'https://intel.example.org' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://intel.example.org');
      const other = await fetch(`${open.url}/api/schema`, {
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.stop();
    }
  });
});

describe('rate limits', () => {
  it('the console allows its budget a minute per client, then answers 429 with Retry-After', async () => {
    const limited = await startTestServer({ RATE_LIMIT_CONSOLE_PER_MIN: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await postJson(limited, '/api/cypher', { query: 'RETURN 1' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const response = await fetch(`${limited.url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"RETURN 1"}',
      });
      expect(response.headers.get('retry-after')).toBe('60');
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /at most 3 a minute/,
      );
      // Other routes have their own budget.
      expect((await fetch(`${limited.url}/api/schema`)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe('optional authentication', () => {
  let secured: RunningServer;
  beforeAll(async () => {
    secured = await startTestServer({ AUTH_TOKENS: READ, AUTH_WRITE_TOKENS: WRITE });
  });
  afterAll(async () => {
    await secured.db.write("MATCH (q:SavedQuery {name: 'auth-test'}) DELETE q");
    await secured.stop();
  });
  const call = (path: string, token?: string, body?: unknown) =>
    fetch(`${secured.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const query = {
    name: 'auth-test',
    title: 'Auth test',
    description: 'A query saved by a test',
    result: 'table',
    cypher: 'RETURN 1 AS one',
  };

  it('health stays open', async () => {
    expect((await call('/api/health')).status).toBe(200);
  });

  it('every other route needs a token', async () => {
    const response = await call('/api/schema');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect((await call('/api/schema', 'wrong-token-0123456789')).status).toBe(401);
  });

  it('a read token reads and runs queries, but cannot save one', async () => {
    expect((await call('/api/schema', READ)).status).toBe(200);
    expect((await call('/api/cypher', READ, { query: 'RETURN 1' })).status).toBe(200);
    expect((await call('/api/queries/sanctions/run', READ, { params: {} })).status).toBe(200);
    const denied = await call('/api/queries', READ, query);
    expect(denied.status).toBe(403);
  });

  it('a write token saves a query', async () => {
    expect((await call('/api/queries', WRITE, query)).status).toBe(201);
  });

  it('a token shorter than 16 characters is a configuration error', () => {
    expect(() => testConfig({ AUTH_TOKENS: 'short' })).toThrow(
      /AUTH_TOKENS: expected tokens of at least 16 characters/,
    );
  });
});

describe('the local Neo4j is locked down by its own configuration', () => {
  it('loads only the allowed procedures, forbids file URLs in LOAD CSV, listens on loopback with auth, and bounds transactions', async () => {
    const rows = await server.db.read<{ name: string; value: string }>(
      `SHOW SETTINGS YIELD name, value
       WHERE name IN ['dbms.security.procedures.allowlist', 'dbms.security.allow_csv_import_from_file_urls',
                      'server.bolt.listen_address', 'dbms.security.auth_enabled', 'db.transaction.timeout',
                      'db.memory.transaction.max', 'server.http.enabled']
       RETURN name, value`,
    );
    const settings = Object.fromEntries(rows.map((r) => [r.name, r.value]));
    expect(settings['dbms.security.procedures.allowlist']).toBe(
      LOCKDOWN_SETTINGS['dbms.security.procedures.allowlist'],
    );
    expect(settings['dbms.security.allow_csv_import_from_file_urls']).toBe('false');
    expect(settings['server.bolt.listen_address']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(settings['dbms.security.auth_enabled']).toBe('true');
    expect(settings['db.transaction.timeout']).toBe('2m');
    expect(settings['db.memory.transaction.max']).toBe('2.00GiB');
    expect(settings['server.http.enabled']).toBe('false');
  });
});
