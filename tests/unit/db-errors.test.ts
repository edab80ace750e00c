import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../../server/src/errors';
import { toAppError } from '../../server/src/db/errors';

const neo4jError = (code: string) =>
  new Neo4jError('from the driver', code, '50N42', 'error: general processing exception');

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

  it('passes errors it does not know through unchanged', () => {
    const error = neo4jError('Neo.ClientError.Statement.SyntaxError');
    expect(toAppError(error)).toBe(error);
  });
});
