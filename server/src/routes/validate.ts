// Request parsing at the edge: a zod schema that is also the handler's type.
import type { Request } from 'express';
import { z } from 'zod';
import { AppError, describeZodError } from '../errors';
import { isoDate, NODE_LABELS, RELATIONSHIP_TYPES } from '../model/model';

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

/** A comma-separated list whose items must come from `allowed`. */
export function listOf<T extends string>(allowed: readonly T[], what: string) {
  return z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.enum(allowed as [T, ...T[]], {
          error: (issue) =>
            `unknown ${what} "${String(issue.input)}"; allowed: ${allowed.join(', ')}`,
        }),
      ),
    )
    .optional();
}

/** A node id as used in URLs: label prefix + slug, printable, bounded. */
export const nodeId = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z]+:[^\s/\\]+$/, 'a node id such as actor:apt31');

export const labelsParam = listOf(NODE_LABELS, 'label');
export const relsParam = listOf(RELATIONSHIP_TYPES, 'relationship type');
export const dateParam = isoDate.optional();

export const intParam = (min: number, max: number, fallback: number, name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int(`${name} must be a whole number from ${min} to ${max}`)
    .min(min, `${name} must be from ${min} to ${max}`)
    .max(max, `${name} must be from ${min} to ${max}`)
    .default(fallback);

export function parseParam<S extends z.ZodType>(
  schema: S,
  value: unknown,
  name: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError(400, 'bad_request', describeZodError(parsed.error, name));
  return parsed.data;
}
