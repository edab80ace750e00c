// STIX export, imports and the review list of names the importers would not guess.
import { z } from 'zod';
import { IMPORT_FORMATS } from '../exchange/import/formats';
import { nodeId, nodeIdList, relationshipId } from './common';

export const exportQuery = z.object({ ids: nodeIdList(5000, 200_000).optional() });

/** Exactly a view: these nodes, and of the relationships among them only these. */
export const exportBody = z
  .object({
    ids: z.array(nodeId).min(1, 'at least one node id').max(5000, 'at most 5000 node ids'),
    relationships: z
      .array(relationshipId)
      .max(20_000, 'at most 20000 relationship ids')
      .meta({ description: 'The relationships to keep among the nodes (the visible ones)' }),
  })
  .strict()
  .meta({ id: 'ExportView' });

export const importQuery = z.object({
  format: z
    .enum(IMPORT_FORMATS, { error: `format: one of ${IMPORT_FORMATS.join(', ')}` })
    .meta({ description: 'The file format' }),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: 'Roll back and only report' }),
});

export const stixBundle = z
  .object({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.looseObject({})) })
  .meta({ id: 'StixBundle' });

const reviewItem = z
  .object({
    id: z.string(),
    dataset: z.string(),
    incomingKey: z.string(),
    incomingName: z.string(),
    createdId: z.string(),
    candidates: z.array(z.string()),
    reason: z.string(),
  })
  .meta({ id: 'ReviewItem' });
export type ReviewItem = z.infer<typeof reviewItem>;

/** A node as the review list shows it beside the others: enough to tell them apart. */
const reviewNode = z.object({
  id: z.string(),
  name: z.string(),
  label: z.string(),
  aliases: z.array(z.string()),
  description: z.string().optional(),
});

const REVIEW_DECISIONS = ['same', 'different'] as const;

/** A stored review item, with the nodes it is about and, once decided, the decision. */
export const reviewEntry = reviewItem
  .extend({
    importedAt: z.string().optional(),
    /** The node the import created; null when it is gone (merged, removed). */
    created: reviewNode.nullable(),
    candidateNodes: z.array(reviewNode),
    decision: z.enum(REVIEW_DECISIONS).optional(),
    decidedTarget: z.string().optional(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
  })
  .meta({ id: 'ReviewEntry' });
export type ReviewEntry = z.infer<typeof reviewEntry>;

export const reviewList = z.object({ items: z.array(reviewEntry) });

export const reviewPath = z.object({
  id: z
    .string()
    .regex(/^review:[a-z0-9]+$/, 'a review item id (review:…)')
    .meta({ description: 'Review item id, e.g. review:0a1b2c3d' }),
});

export const reviewDecisionBody = z
  .discriminatedUnion(
    'decision',
    [
      z
        .object({
          decision: z.literal('same'),
          target: z
            .string()
            .min(1)
            .meta({ description: "The candidate it is (one of the item's candidates)" }),
          reason: z.string().max(2000).optional(),
        })
        .strict(),
      z
        .object({ decision: z.literal('different'), reason: z.string().max(2000).optional() })
        .strict(),
    ],
    { error: 'decision must be "same" (with a target) or "different"' },
  )
  .meta({
    id: 'ReviewDecision',
    description:
      '"same": the node the import created is merged into the target (a recorded, revertible merge); "different": it stays apart. Either way the next import of the same object follows the decision.',
  });
export type ReviewDecisionBody = z.infer<typeof reviewDecisionBody>;

export const importSummary = z
  .object({
    dataset: z.string(),
    created: z.record(z.string(), z.number()),
    merged: z.record(z.string(), z.number()),
    relationships: z.record(z.string(), z.object({ created: z.number(), updated: z.number() })),
    skipped: z.record(z.string(), z.number()),
    ambiguous: z.array(reviewItem),
    dryRun: z.boolean(),
    millis: z.number(),
  })
  .meta({ id: 'ImportSummary' });
export type ImportSummary = z.infer<typeof importSummary>;
