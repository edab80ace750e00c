// The request guards on their own (no database): host names, origins, the bounded body
// reader (over a real local HTTP server) and the gate that bounds concurrent imports.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, errorHandler } from '../../server/src/errors';
import { allowedHostNames, hostNameOf } from '../../server/src/http/allowed-hosts';
import { firstInvalidUtf8, readBoundedText } from '../../server/src/http/bounded-body';
import { isOwnOrigin } from '../../server/src/http/cross-site';
import { Gate } from '../../server/src/http/gate';
import { createLogger } from '../../server/src/logger';
import { rawRequest } from '../support/raw-http';

describe('host names', () => {
  it.each([
    ['localhost:8080', 'localhost'],
    ['LOCALHOST', 'localhost'],
    ['localhost.', 'localhost'],
    ['[::1]:8080', '[::1]'],
    ['127.0.0.1', '127.0.0.1'],
    ['intel.example.org:443', 'intel.example.org'],
  ])('reads %j as %j', (header, name) => {
    expect(hostNameOf(header)).toBe(name);
  });

  it.each(['localhost:8080@evil.example', 'evil.example/x', 'a b', '[::1', 'localhost:port', ''])(
    'finds no host name in %j',
    (header) => {
      expect(hostNameOf(header)).toBeUndefined();
    },
  );

  it('allows the loopback names, HOST unless it is a wildcard, and ALLOWED_HOSTS', () => {
    expect([...allowedHostNames({ host: '127.0.0.1', allowedHosts: [] })].sort()).toEqual(
      ['127.0.0.1', '[::1]', 'localhost'].sort(),
    );
    expect(allowedHostNames({ host: '0.0.0.0', allowedHosts: [] }).has('0.0.0.0')).toBe(false);
    expect(allowedHostNames({ host: '::', allowedHosts: [] }).has('[::]')).toBe(false);
    expect(allowedHostNames({ host: 'fe80::1', allowedHosts: [] }).has('[fe80::1]')).toBe(true);
    const deployed = allowedHostNames({ host: '10.0.0.5', allowedHosts: ['Intel.Example.org'] });
    expect(deployed.has('10.0.0.5')).toBe(true);
    expect(deployed.has('intel.example.org')).toBe(true);
  });
});

describe("a request's own origin", () => {
  it.each([
    ['http://localhost:8080', 'localhost:8080', true],
    ['http://localhost', 'localhost:80', true],
    ['https://intel.example.org', 'intel.example.org:443', true],
    ['https://intel.example.org', 'intel.example.org', true],
    ['http://localhost:8081', 'localhost:8080', false],
    ['http://127.0.0.1:8080', 'localhost:8080', false],
    ['http://evil.example', 'localhost:8080', false],
    ['null', 'localhost:8080', false],
    ['file://', 'localhost:8080', false],
    ['http://localhost:8080', undefined, false],
  ] as const)('%s for Host %s: %s', (origin, host, own) => {
    expect(isOwnOrigin(origin, host)).toBe(own);
  });
});

describe('the bounded body reader', () => {
  let server: http.Server;
  let url: string;
  const limits = { maxBytes: 64 * 1024, maxInflation: 1000, inflationAllowance: 0 };
  beforeAll(async () => {
    const app = express();
    app.post('/read', async (req, res) => {
      const text = await readBoundedText(req, limits);
      res.json({ length: text.length, head: text.slice(0, 10) });
    });
    app.use(errorHandler(createLogger('silent')));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = (body: Buffer, headers: Record<string, string> = {}) =>
    rawRequest(url, '/read', { method: 'POST', headers, body });

  it('reads a body up to the limit', async () => {
    const r = await post(Buffer.alloc(64 * 1024, 0x61));
    expect(r.status).toBe(200);
    expect(r.json.length).toBe(64 * 1024);
  });

  it('refuses a compressed body that inflates past the limit, within the allowed ratio', async () => {
    const text = randomBytes(60 * 1024).toString('base64'); // 80 KB, compresses about 1.3 times
    const r = await post(gzipSync(text), { 'content-encoding': 'gzip' });
    expect(r.status).toBe(413);
    expect(r.json.error.message).toBe(
      'The body is larger than the 64 KB limit once decoded (gzip)',
    );
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit', async () => {
    const r = await rawRequest(url, '/read', {
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(200 * 1024, 0x61),
    });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
  });

  it('drops a UTF-8 byte order mark, and names where UTF-8 breaks', async () => {
    const bom = await post(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(bom.json.head).toBe('{}');
    const bad = await post(Buffer.from([0x61, 0x62, 0xe2, 0x28, 0xa1]));
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('offset 2');
  });

  it('finds the first invalid byte exactly where a strict decoder fails', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const at = firstInvalidUtf8(bytes);
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        expect(at === -1).toBe(valid);
        if (at >= 0) expect(() => strict.decode(bytes.subarray(0, at))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the gate for imports', () => {
  it('runs one at a time in arrival order, lets a few wait and refuses the rest at once', async () => {
    const gate = new Gate('Imports', 1, 2);
    const order: number[] = [];
    const first = await gate.enter();
    const second = gate.enter().then((release) => (order.push(2), release));
    const third = gate.enter().then((release) => (order.push(3), release));
    const fourth = await gate.enter().catch((e: unknown) => e);
    expect(fourth).toBeInstanceOf(AppError);
    expect((fourth as AppError).status).toBe(503);
    expect((fourth as AppError).retryAfter).toBeGreaterThan(0);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual([2, 3]);
    (await gate.enter())(); // free again
  });
});
