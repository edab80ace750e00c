// The analyst's workbench: writing nodes and claims, retracting, merging, and the change log
// that records every write. Bodies use the graph JSON's own field names (DESIGN.md); what a
// label or relationship type allows beyond them is checked against the model by the service,
// so these schemas say the shape and the document points at GET /api/schema for the rest.
import { z } from 'zod';
import {
  CONFIDENCE_LEVELS,
  confidenceScore,
  isoDate,
  markingSchema,
  NODE_LABELS,
  RELATIONSHIP_TYPES,
  RELIABILITY_GRADES,
} from '../model/model';
import { graphNodeJson, graphRelationshipJson, intParam, nodeId, relationshipId } from './common';

const CHANGE_ACTIONS = [
  'create',
  'update',
  'delete',
  'retract',
  'restore',
  'merge',
  'unmerge',
  'import',
  'seed',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

const CHANGE_KINDS = ['node', 'relationship', 'run'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const changeId = z
  .string()
  .regex(/^change:[0-9a-f-]{36}$/, 'a change id such as change:<uuid>')
  .meta({ description: 'Change id, e.g. change:0b6d…' });

const text = (max: number) => z.string().trim().min(1).max(max);

const reason = text(2000).meta({ description: 'Why: kept in the change log' });

const marking = markingSchema.meta({
  description:
    "TLP 2.0 marking (absent: CLEAR): who may see it. At most the writer's token's clearance",
});

/** A digest of the element's graph JSON: what an edit started from. */
export const version = z
  .string()
  .regex(/^[0-9a-f]{16}$/, 'the version of the element you read (16 hexadecimal digits)')
  .meta({
    description:
      'The version the edit started from (GET /api/nodes/{id} or /api/relationships/{id}); a stale one gets 409',
  });

const labelEnum = z.enum(NODE_LABELS, {
  error: (issue) => `unknown label "${String(issue.input)}"; allowed: ${NODE_LABELS.join(', ')}`,
});
const typeEnum = z.enum(RELATIONSHIP_TYPES, {
  error: (issue) =>
    `unknown relationship type "${String(issue.input)}"; allowed: ${RELATIONSHIP_TYPES.join(', ')}`,
});

export const nodeCreateBody = z
  .object({
    label: labelEnum,
    name: text(500),
    aliases: z.array(text(500)).max(200).optional(),
    description: text(10_000).optional(),
    marking: marking.optional(),
    reason: reason.optional(),
    allowDuplicate: z
      .boolean()
      .optional()
      .meta({ description: 'Create it even though a node of this label has the same name' }),
  })
  .catchall(z.unknown())
  .meta({
    id: 'NodeInput',
    description:
      "A node in graph JSON: label, name, aliases, description and the label's own properties (GET /api/schema lists them), validated by the model. The id is derived from the name unless given.",
  });
export type NodeCreateBody = z.infer<typeof nodeCreateBody>;

export const nodePatchBody = z
  .object({
    version,
    reason: reason.optional(),
    name: text(500).optional(),
    aliases: z.array(text(500)).max(200).nullable().optional(),
    description: text(10_000).nullable().optional(),
    marking: marking.nullable().optional(),
  })
  .catchall(z.unknown())
  .meta({
    id: 'NodePatch',
    description:
      'The properties to change; null removes one. The label and id never change (merge two nodes instead).',
  });
export type NodePatchBody = z.infer<typeof nodePatchBody>;

export const nodeDeleteQuery = z.object({
  version: version.optional(),
  reason: reason.optional(),
});

const claimFields = {
  sources: z
    .array(nodeId)
    .min(1, 'at least one Source id: no claim without a source')
    .max(50)
    .meta({ description: 'Ids of the Source nodes the claim rests on (at least one)' }),
  evidence: text(5000).meta({ description: 'A short quote' }),
  assertedBy: nodeId.meta({ description: 'Id of the party that makes the claim' }),
  date: isoDate.meta({ description: 'When the claim was made public' }),
  since: isoDate.meta({ description: 'Start of the period the claim is about' }),
  until: isoDate.meta({ description: 'End of the period the claim is about' }),
  confidence: z
    .union([
      confidenceScore,
      z.enum(CONFIDENCE_LEVELS),
      z.string().regex(/^(100|[1-9]?\d)$/, 'a whole number from 0 to 100'),
    ])
    .meta({
      description:
        'How sure the asserting party is: 0–100, or low (15), medium (50), high (85), confirmed (95), stored as the number',
    }),
  reliability: z.enum(RELIABILITY_GRADES).meta({
    description: "The source's Admiralty reliability, A (reliable) to F (cannot be judged)",
  }),
  credibility: z.number().int().min(1).max(6).meta({
    description: "The information's Admiralty credibility, 1 (confirmed) to 6 (cannot be judged)",
  }),
  disputedBy: z.array(nodeId).max(50).meta({ description: 'Ids of parties that dispute it' }),
};

export const relationshipCreateBody = z
  .object({
    type: typeEnum,
    source: nodeId.meta({ description: 'Id of the node the claim starts at' }),
    target: nodeId.meta({ description: 'Id of the node it ends at' }),
    sources: claimFields.sources,
    evidence: claimFields.evidence.optional(),
    assertedBy: claimFields.assertedBy.optional(),
    date: claimFields.date.optional(),
    since: claimFields.since.optional(),
    until: claimFields.until.optional(),
    confidence: claimFields.confidence.optional(),
    reliability: claimFields.reliability.optional(),
    credibility: claimFields.credibility.optional(),
    disputedBy: claimFields.disputedBy.optional(),
    marking: marking.optional(),
    reason: reason.optional(),
  })
  .catchall(z.unknown())
  .meta({
    id: 'RelationshipInput',
    description:
      "A claim in graph JSON: type, source and target node ids, at least one Source, and its provenance; a type's own properties (role, action, relation) as GET /api/schema lists them.",
  });
export type RelationshipCreateBody = z.infer<typeof relationshipCreateBody>;

export const relationshipPatchBody = z
  .object({
    version,
    reason: reason.optional(),
    sources: claimFields.sources.optional(),
    evidence: claimFields.evidence.nullable().optional(),
    assertedBy: claimFields.assertedBy.nullable().optional(),
    date: claimFields.date.nullable().optional(),
    since: claimFields.since.nullable().optional(),
    until: claimFields.until.nullable().optional(),
    confidence: claimFields.confidence.nullable().optional(),
    reliability: claimFields.reliability.nullable().optional(),
    credibility: claimFields.credibility.nullable().optional(),
    disputedBy: claimFields.disputedBy.nullable().optional(),
    marking: marking.nullable().optional(),
  })
  .catchall(z.unknown())
  .meta({
    id: 'RelationshipPatch',
    description:
      'The provenance to change; null removes a property. Type and ends never change: retract the claim and make a new one.',
  });
export type RelationshipPatchBody = z.infer<typeof relationshipPatchBody>;

export const retractBody = z
  .object({ reason, version: version.optional() })
  .strict()
  .meta({ id: 'Retraction' });
export type RetractBody = z.infer<typeof retractBody>;

export const mergeBody = z
  .object({
    keep: nodeId.meta({ description: 'The node that stays' }),
    duplicate: nodeId.meta({ description: 'The node folded into it, then removed' }),
    keepVersion: version.optional(),
    duplicateVersion: version.optional(),
    reason: reason.optional(),
  })
  .strict()
  .meta({ id: 'MergeInput' });
export type MergeBody = z.infer<typeof mergeBody>;

export const revertBody = z.object({ reason: reason.optional() }).strict();

export const changePath = z.object({ id: changeId });

/** A day (2025-05-28, a whole day) or an instant (2025-05-28T10:00:00Z). */
const instant = z
  .union([isoDate, z.iso.datetime({ offset: true })], {
    error: 'an ISO 8601 date or date-time such as 2025-05-28 or 2025-05-28T10:00:00Z',
  })
  .optional();

const pageQuery = {
  limit: intParam(1, 200, 50, 'limit'),
  before: changeId.optional().meta({
    description: "The previous page's `next`: changes older than this one",
  }),
};

export const changesQuery = z.object({
  entity: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'A node or relationship id: the changes that touched it' }),
  author: z.string().max(100).optional(),
  action: z
    .enum(CHANGE_ACTIONS, {
      error: (issue) =>
        `unknown action "${String(issue.input)}"; allowed: ${CHANGE_ACTIONS.join(', ')}`,
    })
    .optional(),
  since: instant.meta({ description: 'Changes at or after this date or instant' }),
  until: instant.meta({ description: 'Changes at or before this date (the whole day) or instant' }),
  ...pageQuery,
});
export type ChangesQuery = z.infer<typeof changesQuery>;

export const historyQuery = z.object(pageQuery);

const changeRecord = z
  .object({
    id: z.string(),
    time: z.string().meta({ description: 'When it was written (ISO 8601, UTC)' }),
    author: z.string(),
    action: z.enum(CHANGE_ACTIONS),
    entityKind: z.enum(CHANGE_KINDS),
    entity: z.string().meta({ description: 'The node or relationship id, or the run' }),
    related: z.array(z.string()).meta({ description: 'Other ids the change touched' }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    reason: z.string().nullable(),
    cause: z.string().nullable().meta({ description: 'The request, import or seed run' }),
    revertOf: z.string().nullable().meta({ description: 'The change this one reverted' }),
    revertedBy: z.string().nullable().meta({ description: 'The change that reverted this one' }),
  })
  .meta({ id: 'Change' });
export type ChangeRecord = z.infer<typeof changeRecord>;

export const changeList = z
  .object({
    changes: z.array(changeRecord),
    next: changeId.nullable().meta({ description: 'Pass as `before` for the next page' }),
  })
  .meta({ id: 'ChangeList' });
export type ChangeList = z.infer<typeof changeList>;

export const writtenNode = graphNodeJson
  .extend({ version })
  .meta({ id: 'WrittenNode', description: 'The node in graph JSON, with its new version' });
export type WrittenNode = z.infer<typeof writtenNode>;

export const writtenRelationship = graphRelationshipJson.extend({ version }).meta({
  id: 'WrittenRelationship',
  description: 'The claim in graph JSON, with its new version',
});
export type WrittenRelationship = z.infer<typeof writtenRelationship>;

export const mergeResult = z
  .object({
    node: writtenNode,
    moved: z.array(relationshipId).meta({ description: 'Relationships moved onto the kept node' }),
    change: changeId,
  })
  .meta({ id: 'MergeResult' });
export type MergeResult = z.infer<typeof mergeResult>;

export const revertResult = z.object({ change: changeRecord }).meta({ id: 'RevertResult' });
export type RevertResult = z.infer<typeof revertResult>;
