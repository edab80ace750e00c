// startServer()/stopServer(): the app on a port (0 in tests), one driver, clean shutdown.
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { Config } from './config';
import { neo4jConnection } from './db/connection';
import { Database } from './db/database';
import { createLogger } from './logger';
import { ConsolePool, DEFAULT_POOL_OPTIONS } from './services/queries/console-pool';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  /** Where the console and user-saved queries run (its usage shows what Neo4j still runs). */
  consolePool: ConsolePool;
  logger: Logger;
  stop: (graceMs?: number) => Promise<void>;
}

export async function startServer(
  config: Config,
  logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const connection = neo4jConnection(config);
  const db = Database.connect(connection, logger);
  const consolePool = new ConsolePool(
    connection,
    db,
    { ...DEFAULT_POOL_OPTIONS, slots: config.consoleConcurrency },
    logger,
  );
  const app = createApp({ config, db, logger, consolePool });
  // Graceful shutdown: while draining, requests in flight finish and new ones get a 503.
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const outer = express();
  outer.disable('x-powered-by');
  outer.use((_req, res, next) => {
    if (draining) {
      res.set({ 'Retry-After': '5', Connection: 'close' });
      res.status(503).json({
        error: { code: 'shutting_down', message: 'The server is shutting down; retry shortly' },
      });
      return;
    }
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (draining && inFlight === 0) idle?.();
    });
    next();
  });
  outer.use(app);
  // Long query strings (a view of hundreds of ids) fit; a request the parser still refuses
  // gets a JSON error rather than a dropped connection.
  const server: Server = http.createServer({ maxHeaderSize: 64 * 1024 }, outer);
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      error: {
        code: 'bad_request',
        message: tooLarge ? 'The request line or headers are too large' : 'Malformed HTTP request',
      },
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000) => {
    // Answer new requests 503, let those in flight finish (up to graceMs), then stop
    // listening and close the driver.
    stopping ??= (async () => {
      draining = true;
      if (inFlight > 0)
        await new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, graceMs).unref();
        });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await consolePool.close();
      await db.close();
    })();
    return stopping;
  };
  return { url: `http://${host}:${port}`, port, db, consolePool, logger, stop };
}

/** SIGTERM/SIGINT: drain, close the driver, exit. */
export function stopOnSignals(server: RunningServer): void {
  const shutdown = (signal: string) => {
    server.logger.info({ signal }, 'shutting down');
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
