// One driver per process, with the database always named. Query helpers return plain
// objects (see mapper.ts) and turn driver errors into API errors (see errors.ts).
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type RecordShape,
  type Transaction,
} from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Neo4jConnection } from './connection';
import { ConnectionGate } from './connection-gate';
import { poolBusyError, toAppError } from './errors';

export interface QueryOptions {
  /** Transaction timeout enforced by the server. */
  timeoutMs?: number;
}

export interface PoolOptions {
  /** Connections to Neo4j at most (the driver's pool size). */
  maxConnections: number;
  /** How long a query waits for a free connection before the API answers 503. */
  acquireTimeoutMs: number;
}

const DEFAULT_POOL: PoolOptions = { maxConnections: 100, acquireTimeoutMs: 3_000 };

export class Database {
  private constructor(
    readonly driver: Driver,
    readonly name: string,
    private readonly gate: ConnectionGate,
  ) {}

  static connect(
    connection: Neo4jConnection,
    logger?: Logger,
    pool: PoolOptions = DEFAULT_POOL,
  ): Database {
    const driver = neo4j.driver(
      connection.uri,
      neo4j.auth.basic(connection.user, connection.password),
      {
        // Plain JS numbers: counts and degrees never come near 2^53.
        disableLosslessIntegers: true,
        // Fail fast when Neo4j is down, so requests answer 503 quickly instead of hanging.
        connectionTimeout: 2_000,
        // The gate below answers "all connections busy" first; the driver's own, longer wait
        // only covers the calls the gate does not see (getServerInfo for the health check).
        maxConnectionPoolSize: pool.maxConnections,
        connectionAcquisitionTimeout: pool.acquireTimeoutMs + 2_000,
        // No driver-side retries: while Neo4j is down a request must answer 503 within 2 s
        // (the client retries after Retry-After). Reads on one server rarely need them.
        maxTransactionRetryTime: 0,
        logging: {
          level: 'warn',
          logger: (level, message) => logger?.[level === 'error' ? 'error' : 'warn'](message),
        },
      },
    );
    return new Database(
      driver,
      connection.database,
      new ConnectionGate(pool.maxConnections, pool.acquireTimeoutMs),
    );
  }

  async read<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
    options: QueryOptions = {},
  ): Promise<T[]> {
    return this.run('READ', (tx) => tx.run<T>(cypher, params), options).then((r) =>
      r.records.map((record) => record.toObject()),
    );
  }

  async write<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
    options: QueryOptions = {},
  ): Promise<T[]> {
    return this.run('WRITE', (tx) => tx.run<T>(cypher, params), options).then((r) =>
      r.records.map((record) => record.toObject()),
    );
  }

  /** Runs `work` in one managed transaction (retried by the driver on transient errors). */
  async run<R>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<R>,
    options: QueryOptions = {},
  ): Promise<R> {
    const config = options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : undefined;
    return this.withConnection(async () => {
      const session = this.driver.session({
        database: this.name,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      });
      try {
        return mode === 'READ'
          ? await session.executeRead(work, config)
          : await session.executeWrite(work, config);
      } catch (error) {
        throw toAppError(error);
      } finally {
        await session.close().catch(() => undefined); // a broken connection must not mask the real error
      }
    });
  }

  /**
   * Runs `work`, which uses one session of `driver`, once a connection is free; answers
   * 503 neo4j_busy when none frees up in time (every query of the app goes through here).
   */
  withConnection<R>(work: () => Promise<R>): Promise<R> {
    return this.gate.run(work, () => poolBusyError(this.gate.size, this.gate.waitMs));
  }

  /**
   * Runs `work` in one explicit write transaction and commits it, or rolls it back when
   * `rollback` is set (dry runs) or `work` throws: all or nothing. Not retried.
   */
  async transaction<R>(
    work: (tx: Transaction) => Promise<R>,
    options: { rollback?: boolean; timeoutMs?: number } = {},
  ): Promise<R> {
    return this.withConnection(async () => {
      const session = this.driver.session({ database: this.name });
      let tx: Transaction | undefined;
      try {
        tx = await session.beginTransaction(
          options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : undefined,
        );
        const result = await work(tx);
        if (options.rollback) await tx.rollback();
        else await tx.commit();
        return result;
      } catch (error) {
        if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
        throw toAppError(error);
      } finally {
        await session.close().catch(() => undefined); // a broken connection must not mask the real error
      }
    });
  }

  /** Neo4j's version and edition; throws when it is unreachable. */
  async serverInfo(): Promise<{ version: string; edition: string; address: string }> {
    const info = await this.driver.getServerInfo({ database: this.name });
    const rows = await this.read<{ versions: string[]; edition: string }>(
      'CALL dbms.components() YIELD versions, edition RETURN versions, edition',
    );
    return {
      version: rows[0]?.versions[0] ?? info.agent ?? 'unknown',
      edition: rows[0]?.edition ?? 'unknown',
      address: info.address ?? 'unknown',
    };
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
