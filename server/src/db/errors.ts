// Neo4j errors, classified by code (never by message text) in this one place.
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

/** Two writes wanted the same locks in opposite order: Neo4j is up, the write may be retried. */
export function isLockConflict(error: unknown): boolean {
  return error instanceof Neo4jError && LOCK_CONFLICT_CODES.has(error.code);
}

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError) || isLockConflict(error)) return false;
  // Called on the class: the driver's exported isRetriableError loses its `this`.
  return UNAVAILABLE_CODES.has(error.code) || Neo4jError.isRetriable(error);
}

export function isTimeout(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    (error.code === 'Neo.ClientError.Transaction.TransactionTimedOut' ||
      error.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')
  );
}

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
    // An API query (not a user's console query: see query-guard.ts) ran out of time, which
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
  return error;
}
