// What a saved query is: title, description, typed parameters and result shape. One schema
// serves the .cypher file headers and the queries users save, so both are validated alike.
import { z } from 'zod';
import { LABELS, NODE_LABELS, isoDate } from '../../model/model';

const SCALAR_TYPES = ['string', 'int', 'float', 'date', 'node'] as const;

const scalarFields = {
  description: z.string().max(500).optional(),
  required: z.boolean().default(false),
  /** Allowed values (a select in the form). */
  allowed: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** For node parameters: the label the id must have (any label when unset). */
  label: z.enum(NODE_LABELS).optional(),
};

const paramSpecSchema = z
  .object({
    type: z.enum([...SCALAR_TYPES, 'list'], {
      error: `a type: one of ${[...SCALAR_TYPES, 'list'].join(', ')}`,
    }),
    /** For lists: the type of each item. */
    items: z.enum(SCALAR_TYPES).optional(),
    default: z
      .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
      .optional(),
    ...scalarFields,
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.type === 'list' && !spec.items)
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'a list parameter needs items (its item type)',
      });
    if (spec.type !== 'list' && spec.items)
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'items is only for list parameters',
      });
    if (spec.label && spec.type !== 'node' && spec.items !== 'node')
      ctx.addIssue({
        code: 'custom',
        path: ['label'],
        message: 'label is only for node parameters',
      });
    if (spec.default !== undefined) {
      const problem = paramValueSchema('default', spec).safeParse(spec.default);
      if (!problem.success)
        ctx.addIssue({
          code: 'custom',
          path: ['default'],
          message: problem.error.issues[0]?.message ?? 'invalid default',
        });
    }
  });
export type ParamSpec = z.infer<typeof paramSpecSchema>;

const NAME = /^[a-z][a-z0-9-]{1,63}$/;
export const PARAM_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

export const queryHeaderSchema = z
  .object({
    title: z.string().trim().min(3).max(120),
    description: z.string().trim().min(3).max(2000),
    result: z.enum(['graph', 'table'], { error: 'graph or table' }),
    group: z.string().trim().max(60).default('General'),
    params: z
      .record(
        z.string().regex(PARAM_NAME, 'a parameter name of letters, digits and _'),
        paramSpecSchema,
      )
      .default({}),
  })
  .strict();
export type QueryHeader = z.infer<typeof queryHeaderSchema>;

export interface QueryDefinition extends QueryHeader {
  /** URL-safe name: the file name without .cypher, or the name a user gave. */
  name: string;
  cypher: string;
  origin: 'file' | 'user';
}

export const queryNameSchema = z
  .string()
  .regex(NAME, 'a name of lowercase letters, digits and -, 2 to 64 long');

/**
 * A number, or its plain decimal text (form fields and links send text). Nothing else is
 * read as a number: not true, not [7], not "0x10", not "" (JavaScript's Number() would).
 */
const numberOrText = (name: string, what: string, text: RegExp) => {
  const error = (issue: { input?: unknown }) =>
    `${name} must be ${what} (got ${JSON.stringify(issue.input) ?? 'nothing'})`;
  return z.union([z.number(), z.string().trim().regex(text, { error })], { error });
};

const DATE_SHAPE = 'an ISO 8601 date such as 2022, 2024-03 or 2025-05-28';

const wholeNumber = (name: string) =>
  numberOrText(name, 'a whole number', /^[-+]?\d+$/)
    .transform(Number)
    .refine(Number.isSafeInteger, {
      error: (issue) =>
        `${name} must be a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} (got ${String(issue.input)})`,
    });

const decimalNumber = (name: string) =>
  numberOrText(name, 'a number', /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/)
    .transform(Number)
    // 1e400 reads as Infinity, which JSON cannot carry (it would arrive as null).
    .refine(Number.isFinite, `${name} must be a finite number (it is too large to represent)`);

/** 2020-02-30 has the shape of a date but is none; partial dates (2024, 2024-03) are fine. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (month === undefined || day === undefined) return true;
  return day <= new Date(Date.UTC(year!, month, 0)).getUTCDate();
}

function scalarSchema(
  name: string,
  type: (typeof SCALAR_TYPES)[number],
  spec: ParamSpec,
): z.ZodType {
  switch (type) {
    case 'string':
      return z
        .string({ error: `${name} must be text` })
        .max(1000, `${name} must be at most 1000 characters`);
    case 'int':
    case 'float': {
      let n = z.number();
      if (spec.min !== undefined) n = n.min(spec.min, `${name} must be at least ${spec.min}`);
      if (spec.max !== undefined) n = n.max(spec.max, `${name} must be at most ${spec.max}`);
      return (type === 'int' ? wholeNumber(name) : decimalNumber(name)).pipe(n);
    }
    case 'date':
      return z
        .string({ error: `${name} must be ${DATE_SHAPE}` })
        .refine((v) => isoDate.safeParse(v).success, `${name} must be ${DATE_SHAPE}`)
        .refine(isCalendarDate, {
          error: (issue) => `${name} must be a date that exists (${String(issue.input)} does not)`,
        });
    case 'node': {
      const prefix = spec.label ? LABELS[spec.label].prefix : '[a-z]+';
      return z
        .string()
        .max(200, `${name} must be at most 200 characters`)
        .regex(
          new RegExp(`^${prefix}:[a-z0-9][a-z0-9._-]*$`),
          `${name} must be the id of a ${spec.label ?? 'node'}${spec.label ? ` (${LABELS[spec.label].prefix}:…)` : ''}`,
        );
    }
  }
}

/** The schema a value of this parameter must meet. */
export function paramValueSchema(name: string, spec: ParamSpec): z.ZodType {
  const base =
    spec.type === 'list'
      ? z.preprocess(
          (v) =>
            typeof v === 'string'
              ? v
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : v,
          z
            .array(scalarSchema(name, spec.items ?? 'string', spec))
            .max(100, `${name}: at most 100 items`),
        )
      : scalarSchema(name, spec.type, spec);
  if (!spec.allowed) return base;
  const allowed = spec.allowed.map(String);
  return base.refine(
    (v) => (Array.isArray(v) ? v : [v]).every((x) => allowed.includes(String(x))),
    `${name} must be one of ${allowed.join(', ')}`,
  );
}
