// Issue 19, HTTP side: DNS rebinding (foreign Host -> 421), cross-site requests (-> 403, with
// or without tokens), body media types (-> 415), and compressed or mis-encoded bodies
// (-> 413/415/400, never 500), against the real server and Neo4j. Every refused write is
// checked to have left the graph as it was.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { graphCounts } from '../support/db';
import { rawRequest, rawSocket } from '../support/raw-http';
import { startTestServer } from '../support/server';

let server: RunningServer;
let own: string; // this server's origin, as a browser on its page would send it
let before: Awaited<ReturnType<typeof fingerprint>>;

/** What a refused request must not have changed: counts, APT31's aliases, saved queries. */
async function fingerprint(s: RunningServer) {
  const [apt31] = await s.db.read<{ aliases: string[] }>(
    "MATCH (a:Actor {id: 'actor:apt31'}) RETURN a.aliases AS aliases",
  );
  const queries = await s.db.read<{ n: number }>('MATCH (q:SavedQuery) RETURN count(q) AS n');
  return { counts: await graphCounts(s.db), apt31: apt31?.aliases, queries: queries[0]?.n };
}

/** The bundle the review's page posted: it adds an alias to the real APT31. */
const PLANTED = 'Planted By Another Site';
const ATTACK_BUNDLE = JSON.stringify({
  type: 'bundle',
  id: 'bundle--6f0f9c3e-1111-4d6b-9e0a-0c6c1d7b1a19',
  objects: [
    {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: 'intrusion-set--6f0f9c3e-2222-4d6b-9e0a-0c6c1d7b1a19',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: 'APT31',
      aliases: [PLANTED],
    },
  ],
});
const SAVED = {
  name: 'xsite-saved',
  title: 'Saved from another site',
  description: 'Must never be stored',
  result: 'table',
  cypher: 'RETURN 1 AS one',
};

beforeAll(async () => {
  server = await startTestServer();
  own = server.url;
  before = await fingerprint(server);
});
afterAll(async () => {
  await server.db.write("MATCH (q:SavedQuery {name: 'xsite-saved'}) DELETE q");
  await server.stop();
});

const port = () => server.port;
const send = (
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) => rawRequest(server.url, path, options);

describe('DNS rebinding: the server answers only the host names it is configured for', () => {
  const foreign = () => [
    'evil.example',
    `evil.example:${port()}`,
    `localhost.evil.example:${port()}`,
    `127.0.0.1.nip.io:${port()}`,
    `127.0.0.2:${port()}`,
    `[::2]:${port()}`,
    `0.0.0.0:${port()}`,
    `localhost:${port()}@evil.example`,
    'evil.example:not-a-port',
  ];

  it('answers 421 with a JSON error to a foreign Host, for the API, the page and its assets', async () => {
    for (const host of foreign())
      for (const path of ['/api/schema', '/api/health', '/', '/index.html', '/assets/app.js']) {
        const r = await send(path, { headers: { host } });
        expect(r.status, `${host} ${path}`).toBe(421);
        expect(r.json.error.code).toBe('misdirected_request');
        expect(r.json.error.message).toContain('ALLOWED_HOSTS');
      }
  });

  it('refuses the rebinding page saving a query and reading console results (same-origin to itself)', async () => {
    const host = `rebind.example:${port()}`;
    const headers = {
      host,
      origin: `http://${host}`,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    };
    const save = await send('/api/queries', {
      method: 'POST',
      headers,
      body: JSON.stringify(SAVED),
    });
    expect(save.status).toBe(421);
    const read = await send('/api/cypher', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: "MATCH (a:Actor {id: 'actor:apt31'}) RETURN a.name AS n" }),
    });
    expect(read.status).toBe(421);
    expect(read.text).not.toContain('APT31');
    expect(await fingerprint(server)).toEqual(before);
  });

  it('answers 421 to a request without any Host header', async () => {
    const reply = await rawSocket(port(), 'GET /api/schema HTTP/1.0\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 421/);
    expect(reply).toContain('misdirected_request');
  });

  it('serves localhost, 127.0.0.1 and [::1], in any case, with or without the port', async () => {
    for (const host of [
      `localhost:${port()}`,
      `127.0.0.1:${port()}`,
      `[::1]:${port()}`,
      `LocalHost:${port()}`,
      'localhost',
      `localhost.:${port()}`,
    ]) {
      const r = await send('/api/schema', { headers: { host } });
      expect(r.status, host).toBe(200);
    }
  });

  it('serves the names listed in ALLOWED_HOSTS, and still no other', async () => {
    const deployed = await startTestServer({ ALLOWED_HOSTS: 'intel.example.org, app' });
    try {
      const at = (host: string) => rawRequest(deployed.url, '/api/schema', { headers: { host } });
      expect((await at('intel.example.org')).status).toBe(200);
      expect((await at(`app:${deployed.port}`)).status).toBe(200);
      expect((await at('evil.example')).status).toBe(421);
      expect((await at('sub.intel.example.org')).status).toBe(421);
    } finally {
      await deployed.stop();
    }
  });

  it('a wildcard HOST (0.0.0.0) is where it listens, not a name it answers to', async () => {
    const wide = await startTestServer({ HOST: '0.0.0.0' });
    try {
      const r = await rawRequest(`http://127.0.0.1:${wide.port}`, '/api/schema', {
        headers: { host: `evil.example:${wide.port}` },
      });
      expect(r.status).toBe(421);
      const ok = await rawRequest(`http://127.0.0.1:${wide.port}`, '/api/schema');
      expect(ok.status).toBe(200);
    } finally {
      await wide.stop();
    }
  });
});

/** Every route that changes something, or reads through a POST, with a valid JSON body. */
const WRITES: { method: string; path: string; body?: string; type?: string }[] = [
  {
    method: 'POST',
    path: '/api/import?format=stix',
    body: ATTACK_BUNDLE,
    type: 'application/stix+json',
  },
  { method: 'POST', path: '/api/queries', body: JSON.stringify(SAVED) },
  { method: 'PUT', path: '/api/queries/xsite-saved', body: JSON.stringify(SAVED) },
  { method: 'DELETE', path: '/api/queries/xsite-saved' },
  { method: 'POST', path: '/api/cypher', body: JSON.stringify({ query: 'RETURN 1 AS one' }) },
  {
    method: 'POST',
    path: '/api/nodes/statement:lipavsky-x-post/retract',
    body: JSON.stringify({ reason: 'planted by another site' }),
  },
  { method: 'POST', path: '/api/queries/sanctions/run', body: JSON.stringify({ params: {} }) },
];

describe('cross-site requests are refused with 403, whatever else they carry', () => {
  const crossSite = (): Record<string, string>[] => [
    { origin: 'http://evil.example' },
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'cross-site' },
    // Another port of the same host is another origin ("same-site" to the browser).
    { origin: `http://localhost:${port() + 1}`, 'sec-fetch-site': 'same-site' },
    { 'sec-fetch-site': 'same-site' },
    { origin: 'null' },
    { origin: 'http://127.0.0.1.evil.example' },
  ];

  it.each(WRITES)('$method $path', async ({ method, path, body, type }) => {
    for (const headers of crossSite()) {
      const r = await send(path, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': type ?? 'application/json' } : {}) },
        ...(body ? { body } : {}),
      });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.json.error.code).toBe('cross_site_refused');
      expect(r.json.error.message).toMatch(/another site/);
    }
  });

  it("refuses the review's attack: a no-cors text/plain POST of a bundle to /api/import", async () => {
    const r = await send('/api/import?format=stix', {
      method: 'POST',
      headers: {
        origin: 'https://attacker.example',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'no-cors',
        'content-type': 'text/plain;charset=UTF-8',
      },
      body: ATTACK_BUNDLE,
    });
    expect(r.status).toBe(403);
    expect(await fingerprint(server)).toEqual(before);
  });

  it('refuses heavy reads from another site: the STIX export and the graph by ids', async () => {
    for (const path of ['/api/export/stix', '/api/graph?ids=actor:apt31,state:china'])
      for (const headers of [
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'http://evil.example' },
      ] as Record<string, string>[]) {
        const r = await send(path, { headers });
        expect(r.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      }
  });

  it('refuses them with tokens configured too, even when a valid write token is sent', async () => {
    const write = 'xsite-write-token-0123456789';
    const secured = await startTestServer({ AUTH_WRITE_TOKENS: write });
    try {
      const r = await rawRequest(secured.url, '/api/queries', {
        method: 'POST',
        headers: {
          origin: 'http://evil.example',
          authorization: `Bearer ${write}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(SAVED),
      });
      expect(r.status).toBe(403);
      expect(await fingerprint(server)).toEqual(before);
    } finally {
      await secured.stop();
    }
  });

  it("lets the app's own page, clients without browser headers (curl, CLIs) and CORS_ORIGINS through", async () => {
    const run = (s: RunningServer, headers: Record<string, string>) =>
      rawRequest(s.url, '/api/cypher', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'RETURN 1 AS one' }),
      });
    expect((await run(server, { origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await run(server, {})).status).toBe(200);
    expect((await run(server, { 'sec-fetch-site': 'none' })).status).toBe(200);
    const listed = await startTestServer({ CORS_ORIGINS: 'https://intel.example.org' });
    try {
      const r = await run(listed, {
        origin: 'https://intel.example.org',
        'sec-fetch-site': 'cross-site',
      });
      expect(r.status).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBe('https://intel.example.org');
      expect((await run(listed, { origin: 'https://other.example' })).status).toBe(403);
    } finally {
      await listed.stop();
    }
  });
});

describe('each route takes only the body types it documents (415 names them)', () => {
  const refused = [
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
  ];

  it('the import route takes application/json or application/stix+json, nothing a form can send', async () => {
    for (const type of [...refused, 'application/xml', undefined]) {
      const r = await send('/api/import?format=stix', {
        method: 'POST',
        headers: type ? { 'content-type': type } : {},
        body: ATTACK_BUNDLE,
      });
      expect(r.status, String(type)).toBe(415);
      expect(r.json.error.code).toBe('unsupported_media_type');
      expect(r.json.error.message).toContain('application/json or application/stix+json');
    }
    expect(await fingerprint(server)).toEqual(before);
  });

  it('the import route refuses a charset other than UTF-8', async () => {
    const r = await send('/api/import?format=stix&dryRun=true', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
      body: ATTACK_BUNDLE,
    });
    expect(r.status).toBe(415);
    expect(r.json.error.message).toMatch(/UTF-8/);
  });

  it('takes application/stix+json (a dry run changes nothing)', async () => {
    const r = await send('/api/import?format=stix&dryRun=true', {
      method: 'POST',
      headers: { 'content-type': 'application/stix+json;version=2.1' },
      body: ATTACK_BUNDLE,
    });
    expect(r.status).toBe(200);
    expect(r.json.merged.Actor).toBe(1);
  });

  it.each(WRITES.filter((w) => !w.path.startsWith('/api/import') && w.body))(
    '$method $path takes application/json only',
    async ({ method, path, body }) => {
      for (const type of refused) {
        const r = await send(path, { method, headers: { 'content-type': type }, body });
        expect(r.status, type).toBe(415);
        expect(r.json.error.message).toContain('takes a body of type application/json');
      }
    },
  );

  it('did not change the graph or the saved queries', async () => {
    expect(await fingerprint(server)).toEqual(before);
  });
});

describe('compressed and mis-encoded bodies', () => {
  /** 100 KB that inflates to 99 MB: the review's compression bomb, as a valid bundle. */
  const bomb = (encode: (b: Buffer) => Buffer) =>
    encode(
      Buffer.concat([
        Buffer.from('{"type":"bundle","id":"bundle--1","objects":[],"pad":"'),
        Buffer.alloc(99 * 1024 * 1024, 0x61),
        Buffer.from('"}'),
      ]),
    );

  it.each([
    ['gzip', (b: Buffer) => gzipSync(b, { level: 9 })],
    ['deflate', (b: Buffer) => deflateSync(b, { level: 9 })],
    ['br', (b: Buffer) => brotliCompressSync(b)],
  ] as const)('a %s bomb is refused with 413 while it streams', async (encoding, encode) => {
    const body = bomb(encode);
    expect(body.length).toBeLessThan(200_000);
    const began = Date.now();
    const r = await send('/api/import?format=stix', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('payload_too_large');
    expect(r.json.error.message).toMatch(/inflates more than 50 times/);
    expect(Date.now() - began).toBeLessThan(5_000);
  });

  it('a body declared larger than 100 MB is refused before it is read', async () => {
    const r = await send('/api/import?format=stix', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) },
      body: '{"type":"bundle"',
    });
    expect(r.status).toBe(413);
    expect(r.json.error.message).toMatch(/larger than the 100 MB limit/);
  });

  it('a gzip import within the limits is read (dry run)', async () => {
    const r = await send('/api/import?format=stix&dryRun=true', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(ATTACK_BUNDLE),
    });
    expect(r.status).toBe(200);
    expect(r.json.dryRun).toBe(true);
  });

  it('an unsupported Content-Encoding is a 415 naming the supported ones, on every route', async () => {
    for (const encoding of ['compress', 'gzip, br', 'zstd', 'constructor', '__proto__'])
      for (const { path, body } of [
        { path: '/api/import?format=stix', body: ATTACK_BUNDLE },
        { path: '/api/cypher', body: '{"query":"RETURN 1"}' },
      ]) {
        const r = await send(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': encoding },
          body,
        });
        expect(r.status, `${encoding} ${path}`).toBe(415);
        expect(r.json.error.code).toBe('unsupported_media_type');
        expect(r.json.error.message).toMatch(/gzip, deflate,? (or )?br/);
      }
  });

  it('a corrupt compressed body is a 400, not a 500', async () => {
    for (const encoding of ['gzip', 'deflate', 'br'])
      for (const path of ['/api/import?format=stix', '/api/cypher']) {
        const r = await send(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': encoding },
          body: '{"query":"RETURN 1"}',
        });
        expect(r.status, `${encoding} ${path}`).toBe(400);
        expect(r.json.error.message).toBeTruthy();
      }
  });

  it('an import that is not valid UTF-8 is a 400 naming where, and nothing is written', async () => {
    const body = Buffer.concat([
      Buffer.from(ATTACK_BUNDLE.slice(0, 120)),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from(ATTACK_BUNDLE.slice(120)),
    ]);
    const r = await send('/api/import?format=stix', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe(
      'The request body is not valid UTF-8 (the first bad byte is at offset 120); send the file in UTF-8',
    );
    expect(await fingerprint(server)).toEqual(before);
  });
});
