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

export const reviewList = z.object({ items: z.array(reviewItem.catchall(z.unknown())) });

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
