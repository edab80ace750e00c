// Request parsing at the edge: a contract schema (server/src/contract/) that is also the
// handler's type.
import type { Request } from 'express';
import type { z } from 'zod';
import { AppError, describeZodError } from '../errors';

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) {
    throw new AppError(400, 'bad_request', describeZodError(parsed.error), parsed.error.issues);
  }
  return parsed.data;
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  if (!req.is('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    throw new AppError(
      400,
      'bad_request',
      describeZodError(parsed.error, 'body'),
      parsed.error.issues,
    );
  }
  return parsed.data;
}

export function parseParam<S extends z.ZodType>(
  schema: S,
  value: unknown,
  name: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError(400, 'bad_request', describeZodError(parsed.error, name));
  return parsed.data;
}
