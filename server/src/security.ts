// Abuse limits and optional authentication for the API.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from './config';
import { AppError } from './errors';
import { FULL_CLEARANCE, type Marking } from './model/model';

/**
 * The caller's clearance, set by requireToken: the highest TLP marking it may see, or
 * undefined when the server needs no tokens (one local user, who sees everything).
 */
export function clearanceOf(res: Response): Marking | undefined {
  const clearance: unknown = res.locals.clearance;
  return typeof clearance === 'string' ? (clearance as Marking) : undefined;
}

/**
 * Arbitrary Cypher (the console, user-saved queries) cannot be filtered by marking on
 * Neo4j Community (no per-property security): only a caller who may see everything runs it.
 */
export function requireFullClearance(res: Response, what: string): void {
  const clearance = clearanceOf(res);
  if (clearance !== undefined && clearance !== FULL_CLEARANCE)
    throw new AppError(
      403,
      'forbidden',
      `${what} needs a token cleared for TLP:${FULL_CLEARANCE}: arbitrary Cypher cannot be limited to what TLP:${clearance} allows`,
    );
}

/** Per-client request budgets; the console and search cost Neo4j the most. */
export function rateLimiters(limits: Config['rateLimits']) {
  const limiter = (limit: number, what: string) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next, options) => {
        next(
          new AppError(
            429,
            'rate_limited',
            `Too many ${what} requests: at most ${limit} a minute from one client; wait and retry`,
            undefined,
            Math.ceil(options.windowMs / 1000),
          ),
        );
      },
    });
  return {
    api: limiter(limits.perMinute, 'API'),
    search: limiter(limits.searchPerMinute, 'search'),
    console: limiter(limits.consolePerMinute, 'Cypher console'),
  };
}

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** POSTs that only read (running a query, exporting a view) need a read token. */
const READ_POSTS = [/^\/queries\/[^/]+\/run$/, /^\/cypher$/, /^\/export\/stix$/];

/**
 * When tokens are configured, every API route but /health needs "Authorization: Bearer
 * <token>"; changing saved queries needs a write token.
 */
export function requireToken(auth: Config['auth']): RequestHandler {
  const enabled = auth.readTokens.length + auth.writeTokens.length > 0;
  return (req, res, next) => {
    if (!enabled || req.path === '/health') return next();
    const header = req.get('authorization') ?? '';
    const token = /^Bearer (.+)$/i.exec(header)?.[1]?.trim();
    const canWrite = token !== undefined && auth.writeTokens.some((t) => sameToken(token, t));
    const canRead =
      canWrite || (token !== undefined && auth.readTokens.some((t) => sameToken(token, t)));
    if (!canRead) {
      res.set('WWW-Authenticate', 'Bearer realm="attribution-graph"');
      return next(
        new AppError(
          401,
          'unauthorized',
          token
            ? 'The access token is not valid'
            : 'This server needs an access token: send Authorization: Bearer <token>',
        ),
      );
    }
    res.locals.clearance = auth.clearances.find((c) => sameToken(token, c.token))?.clearance;
    const isWrite = WRITE_METHODS.has(req.method) && !READ_POSTS.some((p) => p.test(req.path));
    if (isWrite && !canWrite)
      return next(new AppError(403, 'forbidden', 'This change needs a token with write rights'));
    next();
  };
}
