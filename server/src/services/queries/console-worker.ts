// One slot of the console pool (console-pool.ts), on its own thread with its own Neo4j
// driver and a single connection. Decoding and converting a hostile result (a list of
// millions of items, a value nested thousands of levels deep) happens here, never on the
// server's event loop, and the server can end this thread, and with it the connection,
// when a query outlives its deadline.
import { parentPort, workerData } from 'node:worker_threads';
import neo4j from 'neo4j-driver';
import { AppError } from '../../errors';
import { ByteLimitedRelay } from './byte-limited-relay';
import { checkQueryPlan, runReadQuery, type RunLimits } from './query-runner';
import { DEFAULT_SIZE_LIMITS, ResultTooLarge } from './result-budget';

export interface WorkerConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** What the pool asks a slot to do. */
export type ConsoleTask =
  | { kind: 'run'; cypher: string; params: Record<string, unknown>; limits: RunLimits }
  | { kind: 'plan'; cypher: string; params: Record<string, unknown>; timeoutMs: number };

export type ConsoleRequest = ConsoleTask & { id: string };

export interface SerializedError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  retryAfter?: number;
  /** For the server log only (a fault of the server, never sent to the client). */
  internal?: string;
}

export type ConsoleReply =
  | { ready: true }
  | { id: string; ok: true; value: unknown }
  | { id: string; ok: false; error: SerializedError };

function serialize(error: unknown): SerializedError {
  if (error instanceof AppError)
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
      ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
    };
  return {
    status: 500,
    code: 'internal',
    message: 'Internal server error; the server log has details',
    internal: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
}

/** Bolt framing, the summary and the row past the cap: more than the JSON limit, never much. */
const PROTOCOL_ALLOWANCE_BYTES = 256 * 1024;

const connection = (workerData as { connection: WorkerConnection }).connection;

/** A plain Bolt URI goes through the byte-counting relay; an encrypted one directly. */
async function boltUri(): Promise<{ uri: string; relay?: ByteLimitedRelay }> {
  const url = new URL(connection.uri);
  if (url.protocol !== 'bolt:' && url.protocol !== 'neo4j:') return { uri: connection.uri };
  const relay = await ByteLimitedRelay.open(
    url.hostname.replace(/^\[|\]$/g, ''),
    Number(url.port || 7687),
  );
  // bolt:// (not neo4j://): one direct connection, through the relay, never a routing table.
  return { uri: `bolt://127.0.0.1:${relay.port}`, relay };
}

const { uri, relay } = await boltUri();
const driver = neo4j.driver(uri, neo4j.auth.basic(connection.user, connection.password), {
  disableLosslessIntegers: true,
  // One query at a time: the pool hands this slot one request, and waits for its answer.
  maxConnectionPoolSize: 1,
  connectionTimeout: 2_000,
  connectionAcquisitionTimeout: 2_000,
  maxTransactionRetryTime: 0,
  logging: { level: 'error', logger: () => undefined },
});

async function perform(request: ConsoleRequest): Promise<unknown> {
  // The pool finds its query again in SHOW TRANSACTIONS by this tag, after giving up on it.
  const target = { driver, database: connection.database, metadata: { consoleRun: request.id } };
  const maxBytes = request.kind === 'run' ? request.limits.maxBytes : DEFAULT_SIZE_LIMITS.maxBytes;
  relay?.startCounting(maxBytes + PROTOCOL_ALLOWANCE_BYTES);
  try {
    return request.kind === 'run'
      ? await runReadQuery(target, request.cypher, request.params, request.limits)
      : await checkQueryPlan(target, request.cypher, request.params, request.timeoutMs);
  } catch (error) {
    // The relay cut the connection: the driver reports a lost connection, the cause is size.
    if (relay?.exceeded)
      throw new ResultTooLarge(
        `Neo4j was sending more than ${maxBytes.toLocaleString('en')} bytes`,
        `${maxBytes.toLocaleString('en')} bytes (QUERY_RESULT_MAX_BYTES)`,
      );
    throw error;
  }
}

parentPort!.on('message', (request: ConsoleRequest) => {
  perform(request).then(
    (value) => parentPort!.postMessage({ id: request.id, ok: true, value } satisfies ConsoleReply),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        error: serialize(error),
      } satisfies ConsoleReply),
  );
});
parentPort!.postMessage({ ready: true } satisfies ConsoleReply);
