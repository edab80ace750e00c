// Saved investigations: a canvas an analyst comes back to (its view state, where each node
// sits, and notes), stored apart from the domain graph as :Investigation nodes.
import { z } from 'zod';
import { NODE_LABELS, RELATIONSHIP_TYPES, isoDate } from '../model/model';
import { nodeId } from './common';

/** The canvas's layouts (client/src/canvas.ts LAYOUTS; the client's types check they agree). */
const INVESTIGATION_LAYOUTS = ['fcose', 'concentric', 'breadthfirst', 'grid'] as const;
/** As many nodes as the subgraph route draws at once. */
const MAX_INVESTIGATION_NODES = 500;
const MAX_NOTES_LENGTH = 20_000;
/** Positions are canvas pixels: far beyond any layout, short of anything absurd. */
const MAX_COORDINATE = 1_000_000;

const investigationId = z
  .string()
  .regex(
    /^inv-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'an investigation id such as inv-0b6d3c9e-…',
  );

export const investigationPath = z.object({
  id: investigationId.meta({ description: 'Investigation id, e.g. inv-0b6d3c9e-…' }),
});

const year = z.number().int().min(1900).max(2100);

/** The explorer's view state (client/src/state.ts ViewState), as an investigation keeps it. */
export const investigationView = z
  .object({
    ids: z
      .array(nodeId)
      .max(MAX_INVESTIGATION_NODES, `at most ${MAX_INVESTIGATION_NODES} nodes`)
      .refine((ids) => new Set(ids).size === ids.length, 'a node id appears twice'),
    layout: z.enum(INVESTIGATION_LAYOUTS),
    hiddenLabels: z.array(z.enum(NODE_LABELS)).max(NODE_LABELS.length),
    hiddenTypes: z.array(z.enum(RELATIONSHIP_TYPES)).max(RELATIONSHIP_TYPES.length),
    fromYear: year.optional(),
    toYear: year.optional(),
    undated: z.boolean(),
    hideOrphans: z.boolean(),
    /** Claims below this confidence hidden (saved before the filter existed: none). */
    minConfidence: z.number().int().min(1).max(100).optional(),
    /** With a minimum, claims that give no confidence shown (saved before: shown). */
    unrated: z.boolean().default(true),
    grouped: z.boolean(),
    merged: z.boolean(),
    retracted: z.boolean(),
    /** Hubs' leaves folded (saved before folds existed: not folded). */
    folded: z.boolean().default(false),
    /** The view as known on this date (saved before "as known on" existed: today). */
    asOf: isoDate.optional(),
    query: z.string().max(64).optional(),
    queryParams: z
      .record(z.string().max(40), z.string().max(2000))
      .refine((p) => Object.keys(p).length <= 50, 'at most 50 parameters')
      .optional(),
  })
  .strict()
  .meta({ id: 'InvestigationView' });
export type InvestigationView = z.infer<typeof investigationView>;

const coordinate = z
  .number()
  .min(-MAX_COORDINATE, `a coordinate from -${MAX_COORDINATE} to ${MAX_COORDINATE}`)
  .max(MAX_COORDINATE, `a coordinate from -${MAX_COORDINATE} to ${MAX_COORDINATE}`);

/** Where each node sits on the canvas, by node id (model coordinates, pixels). */
export const nodePositions = z
  .record(nodeId, z.object({ x: coordinate, y: coordinate }).strict())
  .refine(
    (p) => Object.keys(p).length <= MAX_INVESTIGATION_NODES,
    `at most ${MAX_INVESTIGATION_NODES} positions`,
  )
  .meta({ id: 'NodePositions' });
export type NodePositions = z.infer<typeof nodePositions>;

const name = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(120, 'a name is at most 120 characters');
const notes = z
  .string()
  .max(MAX_NOTES_LENGTH, `notes are at most ${MAX_NOTES_LENGTH} characters`)
  .default('');

/** Every position belongs to a node of the view. */
function positionsInView(
  value: { view: InvestigationView; positions: NodePositions },
  ctx: z.RefinementCtx,
) {
  const ids = new Set(value.view.ids);
  for (const id of Object.keys(value.positions))
    if (!ids.has(id))
      ctx.addIssue({
        code: 'custom',
        path: ['positions', id],
        message: `${id} is not one of view.ids`,
      });
}

const investigationFields = z.object({
  name,
  notes,
  view: investigationView,
  positions: nodePositions.default({}),
});

export const investigationCreateBody = investigationFields
  .strict()
  .superRefine(positionsInView)
  .meta({ id: 'InvestigationInput' });
export type InvestigationCreateBody = z.input<typeof investigationCreateBody>;
/** A body as the service receives it (defaults filled). */
export type InvestigationInput = z.infer<typeof investigationCreateBody>;

export const investigationUpdateBody = investigationFields
  .extend({
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'The version you read; a stale one answers 409' }),
  })
  .strict()
  .superRefine(positionsInView)
  .meta({ id: 'InvestigationUpdate' });
export type InvestigationUpdateBody = z.input<typeof investigationUpdateBody>;
export type InvestigationUpdate = z.infer<typeof investigationUpdateBody>;

const investigationSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    author: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    nodeCount: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'InvestigationSummary' });
export type InvestigationSummary = z.infer<typeof investigationSummary>;

export const investigation = investigationSummary
  .extend({
    notes: z.string(),
    view: investigationView,
    positions: nodePositions,
    updatedBy: z.string(),
  })
  .meta({ id: 'Investigation' });
export type Investigation = z.infer<typeof investigation>;

export const investigationList = z.object({ investigations: z.array(investigationSummary) });
export type InvestigationList = z.infer<typeof investigationList>;
