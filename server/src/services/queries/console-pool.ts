// The bulkhead for user-written Cypher (the console and user-saved queries). Each slot is a
// worker thread with its own Neo4j connection (console-worker.ts), apart from the driver
// that exploration, search and health use, so those never wait behind a console query:
// - a client may run `perClient` queries at once and all clients together `slots`; a caller
//   over its share is answered 429 or 503 at once, never queued;
// - every query has a deadline (Neo4j's timeout plus a grace period). Past it the caller is
//   answered and the worker (and with it the connection) is ended; the slot and the
//   client's share stay taken until Neo4j no longer lists the query: some work (a regex that
//   backtracks, a long reduce()) keeps running inside Neo4j after it is told to stop, and
//   only this keeps such work from piling up on Neo4j's CPUs.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Neo4jConnection } from '../../db/connection';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import type {
  ConsoleReply,
  ConsoleRequest,
  ConsoleTask,
  SerializedError,
  WorkerConnection,
} from './console-worker';
import type { PlanVerdict } from './plan-guard';
import type { QueryResultJson } from '../../contract/queries';
import type { RunLimits } from './query-runner';

export interface ConsolePoolOptions {
  /** Console queries that may run in Neo4j at once, all clients together. */
  slots: number;
  /** Console queries one client may have running at once. */
  perClient: number;
  /** How long past a query's own Neo4j timeout the server waits before giving up on it. */
  graceMs: number;
  /** How often Neo4j is asked whether a query the server gave up on still runs. */
  drainPollMs: number;
}

export const DEFAULT_POOL_OPTIONS: Omit<ConsolePoolOptions, 'slots'> = {
  perClient: 1,
  graceMs: 1_000,
  drainPollMs: 500,
};

const WORKER_START_TIMEOUT_MS = 30_000;
const WORKER_ENTRY = new URL('./console-worker.ts', import.meta.url).href;
// Workers load the TypeScript sources through tsx's ESM API, as the server itself runs.
const TSX_API = createRequire(import.meta.url)
  .resolve('tsx/esm/api')
  .replace(/\.cjs$/, '.mjs');
const BOOTSTRAP = `import(${JSON.stringify(pathToFileURL(TSX_API).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;

interface Slot {
  state: 'idle' | 'busy' | 'draining';
  worker?: Promise<Worker>;
}

function deserialize(error: SerializedError): AppError {
  return new AppError(error.status, error.code, error.message, error.details, error.retryAfter);
}

export class ConsolePool {
  private readonly slots: Slot[];
  private readonly running = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly connection: Neo4jConnection,
    /** The app's own database access, to ask Neo4j whether an abandoned query still runs. */
    private readonly db: Database,
    private readonly options: ConsolePoolOptions,
    private readonly logger?: Logger,
  ) {
    this.slots = Array.from({ length: options.slots }, () => ({ state: 'idle' }));
  }

  /** Runs a user's read query (already through the lexical filter) in a slot. */
  run(
    client: string,
    cypher: string,
    params: Record<string, unknown>,
    limits: RunLimits,
  ): Promise<QueryResultJson> {
    return this.execute(client, { kind: 'run', cypher, params, limits }, limits.timeoutMs);
  }

  /** Plans a user's query in a slot and judges the plan (saving a query does this). */
  plan(
    client: string,
    cypher: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<PlanVerdict> {
    return this.execute(client, { kind: 'plan', cypher, params, timeoutMs }, timeoutMs);
  }

  /** Slots in use: running a query, or waiting for Neo4j to finish one given up on. */
  usage(): { busy: number; draining: number; slots: number } {
    return {
      busy: this.slots.filter((s) => s.state === 'busy').length,
      draining: this.slots.filter((s) => s.state === 'draining').length,
      slots: this.slots.length,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = await slot.worker?.catch(() => undefined);
        slot.worker = undefined;
        await worker?.terminate();
      }),
    );
  }

  private take(client: string): Slot {
    if (this.closed)
      throw new AppError(
        503,
        'shutting_down',
        'The server is shutting down; retry shortly',
        undefined,
        5,
      );
    const mine = this.running.get(client) ?? 0;
    if (mine >= this.options.perClient)
      throw new AppError(
        429,
        'console_busy',
        `You already have ${mine} console ${mine === 1 ? 'query' : 'queries'} running, or still running in Neo4j after its time limit (at most ${this.options.perClient} at a time per client); wait for it to finish`,
        undefined,
        1,
      );
    const slot = this.slots.find((s) => s.state === 'idle');
    if (!slot) {
      const { draining, slots } = this.usage();
      throw new AppError(
        503,
        'console_busy',
        `The console is busy: all ${slots} of its query slots are in use` +
          (draining
            ? ` (${draining} by queries Neo4j is still finishing after their time limit)`
            : '') +
          '; try again shortly',
        undefined,
        2,
      );
    }
    slot.state = 'busy';
    this.running.set(client, mine + 1);
    return slot;
  }

  private done(client: string): void {
    const left = (this.running.get(client) ?? 1) - 1;
    if (left > 0) this.running.set(client, left);
    else this.running.delete(client);
  }

  private async execute<T>(client: string, task: ConsoleTask, timeoutMs: number): Promise<T> {
    const slot = this.take(client);
    const id = randomUUID();
    // A query given up on keeps its client's share until Neo4j is done with it (abandon):
    // one client cannot stack up work that Neo4j no longer stops.
    let handedOver = false;
    try {
      let worker: Worker;
      try {
        worker = await this.workerOf(slot);
      } catch (error) {
        slot.state = 'idle';
        slot.worker = undefined;
        this.logger?.error({ err: error }, 'a console worker did not start');
        throw new AppError(
          503,
          'console_unavailable',
          'The console could not start; try again shortly',
          undefined,
          5,
        );
      }
      return await new Promise<T>((resolve, reject) => {
        const finish = () => {
          clearTimeout(deadline);
          worker.off('message', onMessage);
          worker.off('exit', onExit);
        };
        const onMessage = (reply: ConsoleReply) => {
          if (!('id' in reply) || reply.id !== id) return;
          finish();
          slot.state = 'idle';
          if (reply.ok) return resolve(reply.value as T);
          if (reply.error.internal)
            this.logger?.error({ detail: reply.error.internal }, 'console query failed');
          reject(deserialize(reply.error));
        };
        const onExit = () => {
          finish();
          handedOver = true;
          this.abandon(slot, id, client);
          reject(
            new AppError(
              503,
              'console_unavailable',
              'The console query stopped unexpectedly; try again',
              undefined,
              1,
            ),
          );
        };
        const deadline = setTimeout(() => {
          finish();
          handedOver = true;
          this.abandon(slot, id, client);
          reject(
            new AppError(
              400,
              'query_timeout',
              `The query did not finish within its time limit (${timeoutMs} ms): it ran too long, or its result was too large to read in time, and was stopped; narrow it down (add LIMIT or filters)`,
            ),
          );
        }, timeoutMs + this.options.graceMs);
        worker.on('message', onMessage);
        worker.once('exit', onExit);
        worker.postMessage({ ...task, id } satisfies ConsoleRequest);
      });
    } finally {
      if (!handedOver) this.done(client);
    }
  }

  /** The slot's worker, started when first needed (a start costs about a second). */
  private workerOf(slot: Slot): Promise<Worker> {
    slot.worker ??= new Promise<Worker>((resolve, reject) => {
      const { uri, user, password, database } = this.connection;
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { connection: { uri, user, password, database } satisfies WorkerConnection },
      });
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`the console worker did not start within ${WORKER_START_TIMEOUT_MS} ms`));
      }, WORKER_START_TIMEOUT_MS);
      // A worker that fails after it started exits too: execute() answers its caller then.
      worker.on('error', (error) => {
        clearTimeout(timer);
        this.logger?.error({ err: error }, 'console worker failed');
        reject(error);
      });
      worker.on('message', (reply: ConsoleReply) => {
        if ('ready' in reply) {
          clearTimeout(timer);
          resolve(worker);
        }
      });
      worker.unref();
    });
    return slot.worker;
  }

  /**
   * Gives up on the slot's query: ends the worker (closing its connection, which frees what
   * Neo4j holds for it) and keeps the slot, and the client's share, until Neo4j no longer
   * runs the query.
   */
  private abandon(slot: Slot, id: string, client: string): void {
    slot.state = 'draining';
    const worker = slot.worker;
    slot.worker = undefined;
    void worker?.then((w) => w.terminate()).catch(() => undefined);
    // Its successor starts now, so the slot's next query does not wait for a worker start.
    if (!this.closed) void this.workerOf(slot).catch(() => (slot.worker = undefined));
    void (async () => {
      while (!this.closed && (await this.stillRuns(id))) {
        await new Promise((resolve) => setTimeout(resolve, this.options.drainPollMs).unref());
      }
      slot.state = 'idle';
      this.done(client);
    })();
  }

  private async stillRuns(id: string): Promise<boolean> {
    try {
      const rows = await this.db.read<{ n: number }>(
        'SHOW TRANSACTIONS YIELD metaData WHERE metaData.consoleRun = $id RETURN count(*) AS n',
        { id },
      );
      return (rows[0]?.n ?? 0) > 0;
    } catch (error) {
      // Neo4j unreachable, or SHOW TRANSACTIONS not allowed for this user: nothing to wait for.
      this.logger?.warn({ err: error }, 'could not ask Neo4j whether a console query still runs');
      return false;
    }
  }
}
