// Neo4j errors, classified by code (never by message text) in this one place: Neo4j's
// status codes (Neo.ClientError.…), its GQL status codes and the GQL classification the
// driver reads from the diagnostic record.
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors';

export const RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Security.AuthenticationRateLimit',
]);

const LOCK_CONFLICT_CODES = new Set([
  'Neo.TransientError.Transaction.DeadlockDetected',
  'Neo.TransientError.Transaction.LockAcquisitionTimeout',
]);

/** A transaction needed more memory than Neo4j's limits allow (per transaction, or all together). */
const MEMORY_LIMIT_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
]);

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** GQL status 51N23: a shortest path was asked between a node and itself. */
const SAME_PATH_ENDS = '51N23';

/** Two writes wanted the same locks in opposite order: Neo4j is up, the write may be retried. */
function isLockConflict(error: unknown): boolean {
  return error instanceof Neo4jError && LOCK_CONFLICT_CODES.has(error.code);
}

function isMemoryLimit(error: unknown): boolean {
  return error instanceof Neo4jError && MEMORY_LIMIT_CODES.has(error.code);
}

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError) || isLockConflict(error) || isMemoryLimit(error)) return false;
  // Called on the class: the driver's exported isRetriableError loses its `this`.
  return UNAVAILABLE_CODES.has(error.code) || Neo4jError.isRetriable(error);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Neo4jError && TIMEOUT_CODES.has(error.code);
}

const memoryLimitError = () =>
  new AppError(
    422,
    'memory_limit',
    'The query needs more memory than Neo4j allows a transaction ' +
      '(db.memory.transaction.max per transaction, dbms.memory.transaction.total.max for all ' +
      'together); narrow it down (add LIMIT or filters) or return less',
  );

/** Every connection of the app's pool was in use for as long as a query may wait for one. */
export const poolBusyError = (connections: number, waitedMs: number) =>
  new AppError(
    503,
    'neo4j_busy',
    `Neo4j is busy: all ${connections} connections of the app were in use for ${waitedMs} ms; try again shortly`,
    undefined,
    1,
  );

/** Maps a driver error to the API's error; unknown errors pass through (they become 500s). */
export function toAppError(error: unknown): unknown {
  if (isLockConflict(error)) {
    return new AppError(
      503,
      'neo4j_busy',
      'Neo4j stopped this write because it conflicted with another one running at the same time; nothing was written, try again',
      undefined,
      1,
    );
  }
  if (isMemoryLimit(error)) return memoryLimitError();
  if (isUnavailable(error)) {
    return new AppError(
      503,
      'neo4j_unavailable',
      'Neo4j is not reachable; try again shortly (GET /api/health shows its state)',
      undefined,
      RETRY_AFTER_SECONDS,
    );
  }
  if (isTimeout(error)) {
    // An API query (not a user's console query: see cypherError) ran out of time, which
    // means Neo4j is overloaded or still warming up: a transient condition.
    return new AppError(
      503,
      'neo4j_timeout',
      'Neo4j did not answer within the time limit; try again shortly',
      undefined,
      RETRY_AFTER_SECONDS,
    );
  }
  if (error instanceof Neo4jError && error.code === 'Neo.ClientError.Security.Unauthorized') {
    return new AppError(
      503,
      'neo4j_auth',
      'Neo4j refused the configured credentials (NEO4J_USER / NEO4J_PASSWORD)',
      undefined,
      RETRY_AFTER_SECONDS,
    );
  }
  if (error instanceof Neo4jError && error.findByGqlStatus(SAME_PATH_ENDS)) {
    return new AppError(
      400,
      'same_path_ends',
      'A shortest path needs two different nodes: the start and the end are the same node',
      { neo4jCode: error.code, gqlStatus: SAME_PATH_ENDS },
    );
  }
  return error;
}

/** Where Neo4j says the query went wrong; counted from the start of the user's own text. */
function positionOf(error: Neo4jError, prefixLength: number) {
  // The position is only in the message text; it is shown, never used to decide anything.
  const match = /line (\d+), column (\d+) \(offset: (\d+)\)/.exec(error.message);
  if (!match) return undefined;
  const line = Number(match[1]);
  return {
    line,
    column: Number(match[2]) - (line === 1 ? prefixLength : 0),
    offset: Number(match[3]) - prefixLength,
  };
}

/**
 * A Neo4j error about a user-written query (console, saved queries): the user's mistake is
 * a 400 with Neo4j's message and its position, running out of time a 400 query_timeout;
 * everything else goes through toAppError. `prefixLength` is what the server put before
 * the user's text (such as "EXPLAIN "), taken off the reported position.
 */
export function cypherError(error: Neo4jError, prefixLength = 0): unknown {
  if (isTimeout(error))
    return new AppError(
      400,
      'query_timeout',
      'The query ran past its time limit and was stopped; narrow it down (add LIMIT or filters)',
      { neo4jCode: error.code },
    );
  const mapped = toAppError(error);
  if (mapped !== error) return mapped;
  const clientFault =
    (error.code.startsWith('Neo.ClientError.') &&
      !error.code.startsWith('Neo.ClientError.Security.')) ||
    error.classification === 'CLIENT_ERROR';
  if (!clientFault) return error;
  const position = positionOf(error, prefixLength);
  return new AppError(
    400,
    'cypher_error',
    // Neo4j's own position counts the prefix; the corrected one is in details.
    (error.message.split('\n')[0] ?? error.message).replace(
      / \(line \d+, column \d+ \(offset: \d+\)\)/,
      '',
    ),
    { neo4jCode: error.code, ...(position ? { position } : {}) },
  );
}
