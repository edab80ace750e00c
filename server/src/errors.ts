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

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (error instanceof ZodError) {
      appError = badRequest(describeZodError(error), error.issues);
    } else if (isBodyParserError(error)) {
      // express.json() errors: too large, malformed JSON, bad charset.
      const status = error.status ?? 400;
      appError = new AppError(
        status,
        error.type === 'entity.too.large' ? 'payload_too_large' : 'bad_request',
        error.type === 'entity.too.large'
          ? 'Request body is too large'
          : `Request body could not be read: ${error.message ?? 'malformed'}`,
      );
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

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    typeof (error as BodyParserError).type === 'string' &&
    'status' in error
  );
}
