// Each route takes the body media types it documents and nothing else. Besides clear errors,
// this is what keeps "simple" cross-site requests out: an HTML form can only send
// text/plain, multipart/form-data or application/x-www-form-urlencoded without a preflight,
// and none of them is accepted anywhere.
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors';

export const JSON_MEDIA_TYPES = ['application/json'] as const;

/** Methods that send a body, so must say what it is; a DELETE may carry none. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  );
}

/**
 * Answers 415 naming the allowed types when a request's body (or a POST, PUT or PATCH
 * without one) is not of a type that `allowedFor` gives for its path.
 */
export function bodyMediaTypes(allowedFor: (path: string) => readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!BODY_METHODS.has(req.method) && !hasBody(req)) return next();
    const allowed = allowedFor(req.path);
    const given = req.get('content-type');
    if (given !== undefined && hasBody(req) && req.is([...allowed])) return next();
    const got = !hasBody(req)
      ? 'the request has none'
      : given
        ? `got ${given.slice(0, 100)}`
        : 'the request has no Content-Type';
    next(
      new AppError(
        415,
        'unsupported_media_type',
        `${req.method} ${req.baseUrl}${req.path} takes a body of type ${allowed.join(' or ')} (${got})`,
      ),
    );
  };
}
