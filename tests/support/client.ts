// Requests from a chosen loopback address (127.0.0.2, 127.0.0.3, …): each is a different
// client to the server's per-client limits, without any proxy header to trust.
import http from 'node:http';
import type { RunningServer } from '../../server/src/server';

export interface Answer {
  status: number;
  body: any;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

function requestFrom(
  localAddress: string,
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const began = performance.now();
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        localAddress,
        agent: false,
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : undefined,
            headers: res.headers,
            ms: performance.now() - began,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A client at one loopback address. */
export const client = (localAddress: string, server: RunningServer) => ({
  cypher: (query: string, params: Record<string, unknown> = {}) =>
    requestFrom(localAddress, server, 'POST', '/api/cypher', { query, params }),
  get: (path: string) => requestFrom(localAddress, server, 'GET', path),
});
