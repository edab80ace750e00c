// startServer()/stopServer(): the app on a port (0 in tests), one driver, clean shutdown.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { Config } from './config';
import { neo4jConnection } from './db/connection';
import { Database } from './db/database';
import { createLogger } from './logger';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  logger: Logger;
  stop: () => Promise<void>;
}

export async function startServer(
  config: Config,
  logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const db = Database.connect(neo4jConnection(config), logger);
  const app = createApp({ config, db, logger });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // Stop accepting, let in-flight requests finish, then close the driver.
    stopping ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }).then(() => db.close());
    return stopping;
  };
  return { url: `http://${host}:${port}`, port, db, logger, stop };
}
