// One driver per process, with the database always named. Query helpers return plain
// objects (see mapper.ts) and turn driver errors into API errors (see errors.ts).
//
// Scale-out: every session is opened in its access mode (reads go to a cluster's readers
// when NEO4J_URI is neo4j://…, writes to its leader) and, on a cluster, shares one bookmark
// manager, so a read that follows a write sees it (causal consistency), even on another
// server.
import neo4j, {
  type BookmarkManager,
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

/** The pause before an auto-commit read that failed on a transient error is tried again. */
const READ_RETRY_DELAY_MS = 1_000;

/**
 * How `read` runs a query. 'auto-commit' (session.run): one Bolt round trip, the implicit
 * transaction committed with the result. 'managed' (session.executeRead): BEGIN and RUN are
 * pipelined, but COMMIT is a second round trip. The benchmark measures both side by side
 * (bench/run.ts); auto-commit won at every size, so it is the default.
 */
export type ReadMode = 'auto-commit' | 'managed';

/** neo4j://, neo4j+s://, neo4j+ssc://: the driver routes (a cluster, Aura). */
function isRoutingUri(uri: string): boolean {
  return /^neo4j(\+s|\+ssc)?:\/\//i.test(uri);
}

export class Database {
  private constructor(
    readonly driver: Driver,
    readonly name: string,
    private readonly gate: ConnectionGate,
    private readonly readMode: ReadMode,
    /**
     * Shared by every session on a cluster (a routing URI, neo4j://): each waits for the
     * writes committed before it (see above). Undefined on one server (bolt://), which
     * always sees its own committed writes: there the shared manager only cost time (under
     * load with a Neo4j restart, tests/integration/load-restart.test.ts recovered in 26–29 s
     * with it and 20 s without).
     */
    readonly bookmarks: BookmarkManager | undefined,
    private readonly logger: Logger | undefined,
  ) {}

  static connect(
    connection: Neo4jConnection,
    logger?: Logger,
    pool: PoolOptions = DEFAULT_POOL,
    readMode: ReadMode = 'auto-commit',
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
        // One retry at most: while Neo4j is down a request must answer 503 within 2 s (the
        // client retries after Retry-After). With 0 the driver still tries a managed
        // transaction once more after about a second (its clock starts at the first failure);
        // auto-commit reads do the same themselves (read() below).
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
      readMode,
      isRoutingUri(connection.uri) ? neo4j.bookmarkManager() : undefined,
      logger,
    );
  }

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.bookmarks ? { bookmarkManager: this.bookmarks } : {}),
    });
  }

  async read<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
    options: QueryOptions = {},
  ): Promise<T[]> {
    if (this.readMode === 'managed')
      return this.run('READ', (tx) => tx.run<T>(cypher, params), options).then((r) =>
        r.records.map((record) => record.toObject()),
      );
    try {
      return await this.autoCommitRead<T>(cypher, params, options);
    } catch (error) {
      if (!neo4j.isRetryableError(error)) throw toAppError(error);
      // Logged: a read that waited a second for this is a slow answer worth explaining.
      this.logger?.warn(
        { code: (error as { code?: string }).code },
        'read failed on a transient error; trying once more in a second',
      );
      // Once more after about a second, as the driver's managed transactions do (they retry
      // once even with maxTransactionRetryTime 0). Besides riding out a blip, the pause paces
      // clients while Neo4j is away: answering 503 at once let 50 clients send 1,400 failing
      // requests a second, which starved the restarting Neo4j of CPU
      // (tests/integration/load-restart.test.ts recovered in 26 s instead of 13-19 s).
      await new Promise((resolve) => setTimeout(resolve, READ_RETRY_DELAY_MS));
      return this.autoCommitRead<T>(cypher, params, options).catch((again: unknown) => {
        throw toAppError(again);
      });
    }
  }

  /** One auto-commit read; throws the driver's error as it is. */
  private autoCommitRead<T extends RecordShape>(
    cypher: string,
    params: Record<string, unknown>,
    options: QueryOptions,
  ): Promise<T[]> {
    return this.withConnection(async () => {
      const session = this.session('READ');
      try {
        const result = await session.run<T>(
          cypher,
          params,
          options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : undefined,
        );
        return result.records.map((record) => record.toObject());
      } finally {
        await session.close().catch(() => undefined); // a broken connection must not mask the real error
      }
    });
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
      const session = this.session(mode);
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
      const session = this.session('WRITE');
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
