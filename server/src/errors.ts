// The API's error shape ({ error: { code, message, details? } }) and the one place that
// turns anything thrown into it.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds, sent as Retry-After (503s). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'bad_request', message, details);
export const notFound = (message: string) => new AppError(404, 'not_found', message);

/** Formats zod issues as "where: what is wrong", for a 400 that names every problem. */
export function describeZodError(error: ZodError, where = ''): string {
  return error.issues
    .map((issue) => {
      const path = [where, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

/** What body-parser and zlib errors carry (the http-errors shape). */
interface HttpError {
  status: number;
  expose?: boolean;
  type?: string;
  message?: string;
  limit?: number;
  code?: string;
}

const UNSUPPORTED = new Set(['encoding.unsupported', 'charset.unsupported']);

function bodyError(error: HttpError): AppError {
  if (error.status === 413 || error.type === 'entity.too.large')
    return new AppError(
      413,
      'payload_too_large',
      `Request body is too large${error.limit ? ` (this route takes at most ${Math.round(error.limit / 1024)} KB)` : ''}`,
    );
  if (error.status === 415 || (error.type && UNSUPPORTED.has(error.type)))
    return new AppError(
      415,
      'unsupported_media_type',
      `Request body could not be read: ${error.message ?? 'unsupported'} (bodies may be sent as they are or with Content-Encoding gzip, deflate or br, in UTF-8)`,
    );
  if (error instanceof URIError) return badRequest(`${error.message}: not valid percent-encoding`);
  // body-parser marks its errors with a type; zlib's (a corrupt gzip stream) with a code.
  if (error.type !== undefined || error.code !== undefined || error.status === 400)
    return new AppError(
      error.status,
      'bad_request',
      `Request body could not be read: ${error.message ?? 'malformed'}`,
    );
  // Others (e.g. the static file server's 403 or 416) keep their own status and words.
  return new AppError(
    error.status,
    CODES[error.status] ?? 'client_error',
    error.message || `Refused (HTTP ${error.status})`,
  );
}

const CODES: Record<number, string> = {
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  412: 'precondition_failed',
  416: 'range_not_satisfiable',
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (error instanceof ZodError) {
      appError = badRequest(describeZodError(error), error.issues);
    } else if (isClientHttpError(error)) {
      // Raised while routing or reading a body (express.json, zlib): too large, malformed
      // JSON or path parameter, a corrupt gzip stream, an unsupported charset or encoding.
      appError = bodyError(error);
    } else {
      appError = new AppError(500, 'internal', 'Internal server error; the server log has details');
    }
    if (appError.status >= 500) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, appError.message);
    }
    if (appError.retryAfter !== undefined) res.set('Retry-After', String(appError.retryAfter));
    if (res.headersSent) return;
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details !== undefined ? { details: appError.details } : {}),
      },
    });
  };
}

/**
 * An error that Express or a body parser marked as the client's fault (a 4xx `status`, as
 * http-errors does): an undecodable path parameter, a corrupt gzip stream, bad JSON.
 */
function isClientHttpError(error: unknown): error is HttpError {
  if (typeof error !== 'object' || error === null) return false;
  const { status } = error as HttpError;
  return typeof status === 'number' && status >= 400 && status < 500;
}
