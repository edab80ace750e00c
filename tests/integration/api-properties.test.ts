// Property-based (fast-check) requests at every route of the OpenAPI document, against the
// real server and Neo4j: wrong types, huge and odd numbers, odd strings in paths, queries and
// bodies, wrong media types and charsets, bad encodings and compressed bodies, invalid JSON
// and UTF-8. A client's fault must get a 4xx with a message; a 5xx is allowed only as a 503
// that says the server or Neo4j is unavailable or busy, with Retry-After. Anything written
// along the way (saved queries, imports) is removed afterwards.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/src/openapi';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import { rawRequest, type RawResponse } from '../support/raw-http';
import { startTestServer } from '../support/server';

let server: RunningServer;
let savedBefore: string[] = [];
beforeAll(async () => {
  server = await startTestServer();
  savedBefore = (
    await server.db.read<{ name: string }>('MATCH (q:SavedQuery) RETURN q.name AS name')
  ).map((r) => r.name);
});
afterAll(async () => {
  await server.db.write('MATCH (q:SavedQuery) WHERE NOT q.name IN $keep DELETE q', {
    keep: savedBefore,
  });
  await server.db.write('MATCH (r:ImportReview) DELETE r');
  await reseed(server.db);
  await server.stop();
});

/** 503s that mean "unavailable or busy, retry": never a verdict on the request itself. */
const UNAVAILABLE = new Set(['neo4j_unavailable', 'neo4j_busy', 'busy', 'shutting_down']);

const ROUTES = Object.entries(openApiDocument().paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, { parameters?: { name: string; in: string }[] }>).map(
    ([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    }),
  ),
);

const oddString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '%ZZ',
    '%E0%A4%A',
    '\u0000',
    '\u202Eexe.gnp',
    'constructor',
    '__proto__',
    'prototype',
    'toString',
    'actor:apt31',
    'state:china',
    `actor:${'a'.repeat(500)}`,
    'NaN',
    'Infinity',
    '-0',
    '1e308',
    '1e309',
    '9007199254740993',
    '0x10',
    'true',
    'null',
    '[]',
    '{}',
    "' OR 1=1 //",
    'MATCH (n) DETACH DELETE n',
    'CALL dbms.components()',
    '\uD800',
    'x'.repeat(5000),
  ),
);
const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -0, 0.1, 1e-320),
);
const { value: oddJson } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    oddNumber,
    oddString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(oddString, tie('value'), { maxKeys: 4 }),
  ),
}));

/** Bodies shaped like what a route expects, with each field possibly of the wrong kind. */
const shapedBody = fc.oneof(
  fc.record({ query: oddJson, params: oddJson }, { requiredKeys: [] }),
  fc.record({ params: oddJson }, { requiredKeys: [] }),
  fc.record(
    {
      name: fc.oneof(oddString, fc.stringMatching(/^[a-z][a-z0-9-]{1,20}$/)),
      title: oddJson,
      description: oddJson,
      result: fc.oneof(fc.constantFrom('graph', 'table'), oddJson),
      cypher: fc.oneof(fc.constantFrom('RETURN 1 AS one', 'MATCH (n) RETURN n LIMIT 1'), oddJson),
      params: oddJson,
    },
    { requiredKeys: [] },
  ),
  fc.record({
    type: fc.oneof(fc.constant('bundle'), oddJson),
    id: oddJson,
    objects: fc.array(
      fc.oneof(
        oddJson,
        fc.record(
          {
            type: fc.oneof(
              fc.constantFrom('intrusion-set', 'malware', 'relationship', 'location', 'note'),
              oddString,
            ),
            id: fc.oneof(
              fc.uuid().map((u) => `intrusion-set--${u}`),
              oddString,
            ),
            name: oddJson,
            aliases: oddJson,
            external_references: oddJson,
            x_attribution_graph_label: oddJson,
            x_attribution_graph_type: oddJson,
            x_attribution_graph_properties: oddJson,
            source_ref: oddJson,
            target_ref: oddJson,
          },
          { requiredKeys: ['type', 'id'] },
        ),
      ),
      { maxLength: 5 },
    ),
  }),
  fc.record({
    values: fc.array(
      fc.oneof(
        oddJson,
        fc.record(
          { value: oddJson, uuid: oddJson, meta: oddJson, related: oddJson },
          { requiredKeys: [] },
        ),
      ),
      { maxLength: 4 },
    ),
  }),
);

const bodyBytes = fc.oneof(
  fc.constant(undefined),
  oddJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  shapedBody.map((v) => Buffer.from(JSON.stringify(v))),
  oddString.map((s) => Buffer.from(s)),
  fc.constantFrom(
    Buffer.from('{"query": '),
    Buffer.from('{"query":"RETURN 1"}{"query":"RETURN 2"}'),
    Buffer.concat([
      Buffer.from('{"query":"RETURN \''),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('\'"}'),
    ]),
    Buffer.from(`{"params":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`),
    Buffer.from(`{"query":"RETURN 1","params":{"blob":"${'x'.repeat(1_100_000)}"}}`),
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  ),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  method: fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  ),
  pathValue: oddString,
  query: fc.array(
    fc.tuple(
      fc.oneof(
        oddString,
        fc.constantFrom(
          'ids',
          'q',
          'limit',
          'depth',
          'format',
          'dryRun',
          'from',
          'to',
          'maxDepth',
          'types',
          'rels',
          'since',
          'until',
        ),
      ),
      oddString,
    ),
    {
      maxLength: 4,
    },
  ),
  body: bodyBytes,
  contentType: fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/stix+json',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/xml',
    'garbage',
    '*/*',
  ),
  encoding: fc.constantFrom(
    undefined,
    'identity',
    'gzip',
    'deflate',
    'br',
    'gzip!',
    'deflate!',
    'br!',
    'xyz',
    'gzip, gzip',
    'constructor',
  ),
});

type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[^\x21-\x7e]/g, '%25'); // a lone surrogate: send something odd anyway
  }
}

/** Builds the HTTP request: path parameters and query from odd strings, body encoded as asked. */
function build(r: Request) {
  const path = r.route.path.replace(/\{[^}]+\}/g, () => encodePart(r.pathValue));
  const query = r.query.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&');
  const headers: Record<string, string> = {};
  if (r.contentType) headers['content-type'] = r.contentType;
  let body = r.body;
  // "gzip" compresses properly; "gzip!" claims gzip over bytes that are not.
  const coding = r.encoding?.replace('!', '');
  if (r.encoding) headers['content-encoding'] = coding!;
  if (body && r.encoding && !r.encoding.endsWith('!')) {
    if (coding === 'gzip') body = gzipSync(body);
    if (coding === 'deflate') body = deflateSync(body);
    if (coding === 'br') body = brotliCompressSync(body);
  }
  return {
    method: r.method ?? r.route.method,
    path: query ? `${path}?${query}` : path,
    headers,
    body,
  };
}

function verdict(res: RawResponse, method: string): string | undefined {
  if (res.status >= 500) {
    const code = res.json?.error?.code as string | undefined;
    if (res.status !== 503 || !code || !UNAVAILABLE.has(code))
      return `${res.status} ${res.text.slice(0, 300)}`;
    if (!res.headers['retry-after']) return '503 without Retry-After';
  }
  // A HEAD answer has no body to hold the message.
  if (method !== 'HEAD' && res.status >= 400 && res.status < 500 && !res.json?.error?.message)
    return `${res.status} without a JSON error message: ${res.text.slice(0, 200)}`;
  return undefined;
}

describe('generated bad requests at every route', () => {
  it(
    'get a 4xx with a message (or a 2xx), never a 500; a 503 only when unavailable',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const req = build(r);
          const res = await rawRequest(server.url, req.path, {
            method: req.method,
            headers: req.headers,
            ...(req.body !== undefined ? { body: req.body } : {}),
          });
          const problem = verdict(res, req.method);
          expect(
            problem,
            `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers)}`,
          ).toBeUndefined();
        }),
        { numRuns: 1500 },
      );
    },
  );

  it(
    'also when each route gets the body shape it documents with odd values and the right media type',
    { timeout: 600_000 },
    async () => {
      const writes = ROUTES.filter((r) => ['POST', 'PUT'].includes(r.method));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...writes),
          shapedBody,
          fc.boolean(),
          async (route, body, gzip) => {
            const path = route.path
              .replace(/\{[^}]+\}/g, 'prop-test-query')
              .replace(
                '/api/import',
                `/api/import?format=${'values' in body ? 'misp-galaxy' : 'stix'}`,
              );
            const bytes = Buffer.from(JSON.stringify(body));
            const res = await rawRequest(server.url, path, {
              method: route.method,
              headers: {
                'content-type': 'application/json',
                ...(gzip ? { 'content-encoding': 'gzip' } : {}),
              },
              body: gzip ? gzipSync(bytes) : bytes,
            });
            const problem = verdict(res, route.method);
            expect(
              problem,
              `${route.method} ${path} ${JSON.stringify(body).slice(0, 300)}`,
            ).toBeUndefined();
          },
        ),
        { numRuns: 600 },
      );
    },
  );
  it(
    'also when real node ids are combined, equal ends included (a shortest path of one node was a 500)',
    { timeout: 300_000 },
    async () => {
      const ids = fc.constantFrom(
        'actor:apt31',
        'state:china',
        'org:nato',
        'operation:czech-mfa-2022',
        'actor:ghost',
      );
      await fc.assert(
        fc.asyncProperty(ids, ids, fc.option(oddString), async (from, to, maxDepth) => {
          const query = `from=${from}&to=${to}${maxDepth === null ? '' : `&maxDepth=${encodePart(maxDepth)}`}`;
          const res = await rawRequest(server.url, `/api/paths?${query}`);
          expect(verdict(res, 'GET'), query).toBeUndefined();
          if (from === to) expect(res.status, query).toBe(400);
        }),
        { numRuns: 100 },
      );
    },
  );
});
