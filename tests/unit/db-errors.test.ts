// Neo4j errors are mapped in one place (server/src/db/errors.ts), by status code, GQL
// status and GQL classification; tests/integration/query-errors.test.ts reproduces each
// against the real server.
import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../../server/src/errors';
import { cypherError, poolBusyError, toAppError } from '../../server/src/db/errors';

const neo4jError = (
  code: string,
  gqlStatus = '50N42',
  classification?: 'CLIENT_ERROR' | 'DATABASE_ERROR' | 'TRANSIENT_ERROR',
  message = 'from the driver',
) =>
  new Neo4jError(
    message,
    code,
    gqlStatus,
    'error: general processing exception',
    classification
      ? { OPERATION: '', OPERATION_CODE: '0', CURRENT_SCHEMA: '/', _classification: classification }
      : undefined,
  );

describe('toAppError', () => {
  it('says a deadlock is a write conflict, not an unreachable Neo4j', () => {
    const mapped = toAppError(neo4jError('Neo.TransientError.Transaction.DeadlockDetected'));
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ status: 503, code: 'neo4j_busy' });
    expect((mapped as AppError).message).toMatch(/conflicted with another/);
  });

  it('reports a lost connection as unavailable, with a retry hint', () => {
    const mapped = toAppError(neo4jError('ServiceUnavailable'));
    expect(mapped).toMatchObject({ status: 503, code: 'neo4j_unavailable', retryAfter: 5 });
  });

  it.each([
    'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
    'Neo.TransientError.General.TransactionMemoryLimit',
  ])('says %s is a query that needs too much memory (422), not an unreachable Neo4j', (code) => {
    const mapped = toAppError(neo4jError(code, '50N42', 'TRANSIENT_ERROR'));
    expect(mapped).toMatchObject({ status: 422, code: 'memory_limit' });
    expect((mapped as AppError).message).toMatch(/more memory than Neo4j allows/);
    expect((mapped as AppError).message).toMatch(/dbms\.memory\.transaction\.total\.max/);
  });

  it('says a shortest path between a node and itself is the request at fault (400)', () => {
    const mapped = toAppError(
      neo4jError('Neo.DatabaseError.Statement.ExecutionFailed', '51N23', 'CLIENT_ERROR'),
    );
    expect(mapped).toMatchObject({ status: 400, code: 'same_path_ends' });
    expect((mapped as AppError).message).toMatch(/start and the end are the same node/);
  });

  it('passes errors it does not know through unchanged', () => {
    const error = neo4jError('Neo.ClientError.Statement.SyntaxError');
    expect(toAppError(error)).toBe(error);
  });

  it('names the pool size and the wait when every connection is in use', () => {
    expect(poolBusyError(100, 3000)).toMatchObject({
      status: 503,
      code: 'neo4j_busy',
      retryAfter: 1,
    });
    expect(poolBusyError(100, 3000).message).toMatch(/all 100 connections .* 3000 ms/);
  });
});

describe('cypherError (user-written queries)', () => {
  it("answers a syntax error 400 with Neo4j's message and the position in the user's text", () => {
    const mapped = cypherError(
      neo4jError(
        'Neo.ClientError.Statement.SyntaxError',
        '42001',
        'CLIENT_ERROR',
        "Invalid input 'RETRN' (line 2, column 1 (offset: 18))",
      ),
      'EXPLAIN '.length,
    );
    expect(mapped).toMatchObject({
      status: 400,
      code: 'cypher_error',
      message: "Invalid input 'RETRN'",
      details: { position: { line: 2, column: 1, offset: 10 } },
    });
  });

  it('answers a Neo4j timeout 400 query_timeout', () => {
    expect(
      cypherError(neo4jError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')),
    ).toMatchObject({ status: 400, code: 'query_timeout' });
  });

  it("answers 400 for any error Neo4j classifies as the client's, whatever its code", () => {
    expect(
      cypherError(
        neo4jError('Neo.DatabaseError.Statement.ExecutionFailed', '22N00', 'CLIENT_ERROR'),
      ),
    ).toMatchObject({ status: 400, code: 'cypher_error' });
  });

  it("maps memory limits and unavailability as for the app's own queries", () => {
    expect(
      cypherError(neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError')),
    ).toMatchObject({
      status: 422,
    });
    expect(cypherError(neo4jError('ServiceUnavailable'))).toMatchObject({ status: 503 });
  });

  it('leaves a database fault a server error', () => {
    const error = neo4jError('Neo.DatabaseError.General.UnknownError', '50N42', 'DATABASE_ERROR');
    expect(cypherError(error)).toBe(error);
  });
});
