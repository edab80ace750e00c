// Shapes every part of the API shares: errors, ids, list and number parameters, and the
// graph JSON of DESIGN.md. Each bound is written once here and reaches the Express routes,
// the generated OpenAPI document and the client's types from this one place.
import 'zod-openapi';
import { z } from 'zod';
import { isoDate, NODE_LABELS, RELATIONSHIP_TYPES } from '../model/model';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. bad_request' }),
      message: z.string().meta({ description: 'What was wrong and what is allowed' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof errorSchema>;

/** A node id as used in URLs: label prefix + slug, printable, bounded. */
export const nodeId = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z]+:[^\s/\\]+$/, 'a node id such as actor:apt31');

export const relationshipId = z
  .string()
  .max(200)
  .regex(/^rel:[a-z_]+:[a-z0-9._-]+$/, 'a relationship id such as rel:attributed_to:0123abcd');

/** A comma-separated list whose items must come from `allowed`. */
function listOf<T extends string>(allowed: readonly T[], what: string) {
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
    .optional()
    .meta({ description: `Comma-separated; any of ${allowed.join(', ')}` });
}

/** A comma-separated list of node ids, de-duplicated, at most `max`. */
export function nodeIdList(max: number, maxChars: number) {
  return z
    .string()
    .min(1, 'a comma-separated list of node ids')
    .max(maxChars)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(nodeId).min(1).max(max, `at most ${max} ids`))
    .meta({ description: `Comma-separated node ids (at most ${max})` });
}

export const labelsParam = listOf(NODE_LABELS, 'label');
export const relsParam = listOf(RELATIONSHIP_TYPES, 'relationship type');
export const dateParam = isoDate.optional();

/** A whole number in [min, max] from a query string, with a default. */
export const intParam = (min: number, max: number, fallback: number, name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int(`${name} must be a whole number from ${min} to ${max}`)
    .min(min, `${name} must be from ${min} to ${max}`)
    .max(max, `${name} must be from ${min} to ${max}`)
    .default(fallback)
    // The query string carries text; the document says what the text must hold.
    .meta({ override: { type: 'integer', minimum: min, maximum: max, default: fallback } });

export const graphNodeJson = z
  .object({
    id: z.string(),
    label: z.string().meta({ description: `One of ${NODE_LABELS.join(', ')}` }),
    name: z.string(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Node' });
export type GraphNode = z.infer<typeof graphNodeJson>;

export const graphRelationshipJson = z
  .object({
    id: z.string(),
    type: z.string().meta({ description: `One of ${RELATIONSHIP_TYPES.join(', ')}` }),
    source: z.string(),
    target: z.string(),
  })
  .catchall(z.unknown())
  .meta({
    id: 'Relationship',
    description: 'Provenance travels as properties: sources, evidence, assertedBy, date, ...',
  });
export type GraphRelationship = z.infer<typeof graphRelationshipJson>;

export const graphJson = z
  .object({
    nodes: z.array(graphNodeJson),
    relationships: z.array(graphRelationshipJson),
    truncated: z.boolean(),
    omitted: z.object({ nodes: z.number().int(), relationships: z.number().int() }).optional(),
  })
  .meta({ id: 'Graph' });
export type GraphJson = z.infer<typeof graphJson>;
