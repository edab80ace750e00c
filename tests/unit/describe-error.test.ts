// The client's one way of turning an error into words for the user. The API errors are made
// by api.ts's own reader of the server's answers, from the bodies and headers the server sends.
import { describe, expect, it } from 'vitest';
import { ApiError, networkError, toApiError } from '../../client/src/api';
import { describeError } from '../../client/src/errors';

/** An error answer as the server sends it: { error: { code, message, details? } }. */
function answer(
  status: number,
  error: { code: string; message: string; details?: unknown } | undefined,
  retryAfter: string | null = null,
  statusText = '',
) {
  return toApiError({ status, statusText, json: error ? { error } : {}, retryAfter });
}

describe('describeError', () => {
  it('shows an API error in the words of its message, whatever its details', () => {
    const error = answer(400, {
      code: 'bad_request',
      message: 'depth: Too big: expected number to be <=3',
      details: [{ path: ['depth'], code: 'too_big', maximum: 3 }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('bad_request');
    expect(describeError(error)).toBe('depth: Too big: expected number to be <=3');
  });

  it('names the line and column of a Cypher error that has a position', () => {
    const error = answer(400, {
      code: 'cypher_error',
      message: "Invalid input 'RETRUN': expected 'RETURN'",
      details: {
        neo4jCode: 'Neo.ClientError.Statement.SyntaxError',
        position: { line: 2, column: 1, offset: 30 },
      },
    });
    expect(describeError(error)).toBe(
      "Line 2, column 1: Invalid input 'RETRUN': expected 'RETURN'",
    );
  });

  it('says the server is not reachable when a request never got an answer', () => {
    expect(describeError(networkError())).toBe(
      'The attribution-graph server is not reachable. Is it running?',
    );
  });

  it('asks for a valid access token on a 401, whichever the server said', () => {
    const words = 'This server needs a valid access token: try again and enter one when asked.';
    expect(
      describeError(
        answer(401, {
          code: 'unauthorized',
          message: 'This server needs an access token: send Authorization: Bearer <token>',
        }),
      ),
    ).toBe(words);
    expect(
      describeError(
        answer(401, { code: 'unauthorized', message: 'The access token is not valid' }),
      ),
    ).toBe(words);
  });

  it('asks for a token with write rights on a 403', () => {
    expect(
      describeError(
        answer(403, { code: 'forbidden', message: 'This change needs a token with write rights' }),
      ),
    ).toBe('This change needs a token with write rights: try again and enter one when asked.');
  });

  it('says when to try again after a 429, from its Retry-After in seconds or as a date', () => {
    const message =
      'Too many search requests: at most 300 a minute from one client; wait and retry';
    expect(describeError(answer(429, { code: 'rate_limited', message }, '60'))).toBe(
      `${message}. Try again in 1 min.`,
    );
    expect(describeError(answer(429, { code: 'rate_limited', message }, '7'))).toBe(
      `${message}. Try again in 7 s.`,
    );
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    expect(describeError(answer(429, { code: 'rate_limited', message }, inTwoMinutes))).toMatch(
      /Try again in (2 min|1\d\d s)\.$/,
    );
    expect(describeError(answer(429, { code: 'rate_limited', message }, 'soon'))).toBe(message);
  });

  it('tells how to bring Neo4j back when it is unavailable', () => {
    expect(
      describeError(
        answer(
          503,
          {
            code: 'neo4j_unavailable',
            message: 'Neo4j is not reachable; try again shortly (GET /api/health shows its state)',
          },
          '5',
        ),
      ),
    ).toBe(
      'Neo4j is not reachable. Start it (npm run db:start) or check NEO4J_URI; this page retries when you act again.',
    );
  });

  it('explains timeouts: a console query over its limit, Neo4j too slow, the browser giving up', () => {
    const tooLong =
      'The query ran past its time limit and was stopped; narrow it down (add LIMIT or filters)';
    expect(describeError(answer(400, { code: 'query_timeout', message: tooLong }))).toBe(tooLong);
    expect(
      describeError(
        answer(
          503,
          {
            code: 'neo4j_timeout',
            message: 'Neo4j did not answer within the time limit; try again shortly',
          },
          '5',
        ),
      ),
    ).toBe('Neo4j did not answer within the time limit; try again shortly. Try again in 5 s.');
    expect(describeError(new DOMException('signal timed out', 'TimeoutError'))).toBe(
      'The server took too long to answer; try again.',
    );
  });

  it('gives the status of an answer that is not the API error shape (a proxy page)', () => {
    expect(describeError(answer(502, undefined, null, 'Bad Gateway'))).toBe(
      'The server answered 502 (Bad Gateway).',
    );
    expect(describeError(answer(500, undefined))).toBe('The server answered 500.');
  });

  it('describes anything else that was thrown without inventing details', () => {
    expect(describeError(new Error('Something broke in the panel'))).toBe(
      'Something broke in the panel',
    );
    expect(describeError('a plain string')).toBe('a plain string');
    expect(describeError(undefined)).toBe('Something went wrong, without details.');
    expect(describeError(null)).toBe('Something went wrong, without details.');
    expect(describeError(new Error(''))).toBe('Something went wrong (Error).');
    expect(describeError({ reason: 'odd' })).toBe('Something went wrong: {"reason":"odd"}');
    expect(describeError(42)).toBe('Something went wrong: 42');
  });
});
