// Every route Express serves under /api is in the OpenAPI document, and every documented
// path is served.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { Database } from '../../server/src/db/database';
import { createLogger } from '../../server/src/logger';
import { openApiDocument } from '../../server/src/openapi';
import { ConsolePool, DEFAULT_POOL_OPTIONS } from '../../server/src/services/queries/console-pool';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Walks Express 5's router stack; routers mounted at /api contribute their routes. */
function routesOf(stack: Layer[], prefix: string): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods))
        out.push(`${method} ${prefix}${layer.route.path}`);
    } else if (layer.handle?.stack) {
      out.push(...routesOf(layer.handle.stack, prefix));
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  // No query is sent: building the app needs a driver object, not a connection.
  const connection = {
    uri: 'bolt://127.0.0.1:1',
    user: 'neo4j',
    password: 'unused-password',
    database: 'neo4j',
    local: false,
  };
  const db = Database.connect(connection);
  // Never used here, so it starts no worker.
  const consolePool = new ConsolePool(connection, db, { ...DEFAULT_POOL_OPTIONS, slots: 1 });
  const app = createApp({
    config: loadConfig({}),
    db,
    logger: createLogger('silent'),
    consolePool,
  });
  const apiLayer = (app.router as unknown as { stack: Layer[] }).stack.find((l) =>
    l.handle?.stack?.some((inner) => inner.route?.path === '/health' || inner.handle?.stack),
  );
  const served = routesOf(apiLayer?.handle?.stack ?? [], '/api').map((r) =>
    r.replace(/:(\w+)/g, '{$1}'),
  );
  const documented = Object.entries(openApiDocument().paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method} ${path}`),
  );

  it('describes every route the server serves', () => {
    expect(served.length).toBeGreaterThan(5);
    for (const route of served) expect(documented).toContain(route);
  });

  it('documents no route that the server does not serve', () => {
    for (const route of documented) expect(served).toContain(route);
  });

  it('is OpenAPI 3', () => {
    expect(openApiDocument().openapi).toMatch(/^3\./);
  });
});
