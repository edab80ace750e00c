// Saved queries (files in cypher/ and those users save) and the read-only Cypher console.
import { z } from 'zod';
import { queryHeaderSchema, queryNameSchema } from '../services/queries/definition';

export type { ParamSpec } from '../services/queries/definition';
import { MAX_QUERY_LENGTH } from '../services/queries/query-guard';
import { graphJson } from './common';

export const queryNamePath = z.object({
  name: queryNameSchema.meta({ description: 'Query name' }),
});

const paramsObject = z
  .record(z.string().max(40), z.unknown())
  .refine((p) => Object.keys(p).length <= 50, 'at most 50 parameters')
  .default({})
  .meta({ description: 'Parameter values by name (at most 50)' });

export const runBody = z.object({ params: paramsObject }).strict();

export const consoleBody = z
  .object({
    query: z
      .string()
      .min(1, 'query is required')
      .max(MAX_QUERY_LENGTH, `query must be at most ${MAX_QUERY_LENGTH} characters`),
    params: paramsObject,
  })
  .strict();

export const savedQueryInput = queryHeaderSchema
  .extend({
    name: queryNameSchema,
    cypher: z
      .string()
      .trim()
      .min(1, 'the query is empty')
      .max(MAX_QUERY_LENGTH, `the query must be at most ${MAX_QUERY_LENGTH} characters`),
  })
  .meta({ id: 'SavedQueryInput' });

export const savedQuery = queryHeaderSchema
  .extend({
    name: queryNameSchema,
    cypher: z.string(),
    origin: z.enum(['file', 'user']),
  })
  .meta({ id: 'SavedQuery' });

export type SavedQuery = z.infer<typeof savedQuery>;
export type SavedQueryInput = z.input<typeof savedQueryInput>;

export const queryList = z.object({ queries: z.array(savedQuery) });

export const queryResult = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.unknown())),
    graph: graphJson,
    truncated: z.boolean(),
    rowLimit: z.number().int(),
    elapsedMs: z.number().int(),
  })
  .meta({ id: 'QueryResult' });
export type QueryResultJson = z.infer<typeof queryResult>;

export const savedQueryResult = queryResult
  .extend({ query: z.string(), result: z.enum(['graph', 'table']) })
  .meta({ id: 'SavedQueryResult' });
export type SavedQueryResult = z.infer<typeof savedQueryResult>;
