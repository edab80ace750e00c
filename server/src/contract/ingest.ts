// Ingestion of reports: the draft the extractor proposes (entities with their mentions,
// claims with their evidence) and the reviewed draft the analyst commits.
import { z } from 'zod';
import {
  CONFIDENCE_LEVELS,
  isoDate,
  RELATIONSHIP_TYPES,
  RELATIONSHIPS,
  type RelationshipType,
} from '../model/model';
import { nodeId } from './common';

export const ENTITY_LABELS = [
  'Actor',
  'State',
  'Organisation',
  'Person',
  'Operation',
  'Statement',
] as const;

/**
 * The claim types a draft may hold: every relationship type of the model whose ends can both
 * be entities of a report (the extractor proposes most of them; the review may pick any).
 * From the model, so a type added there is offered without touching this list.
 */
export const CLAIM_TYPES = RELATIONSHIP_TYPES.filter((t) =>
  [RELATIONSHIPS[t].from, RELATIONSHIPS[t].to].every((ends) =>
    ends.some((l) => (ENTITY_LABELS as readonly string[]).includes(l)),
  ),
) as [RelationshipType, ...RelationshipType[]];

const ref = z.string().regex(/^[a-z]\d{1,6}$/, 'a ref such as e1 or c1');
const offset = z.number().int().nonnegative();
const span = z.object({ start: offset, end: offset });

export const ingestSource = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    published: isoDate.optional(),
    publisher: z.string().trim().min(1).max(200).optional(),
    url: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL' })
      .max(2000)
      .optional(),
  })
  .strict()
  .meta({ id: 'IngestSource' });

export const ingestBody = z
  .object({
    text: z.string().meta({ description: 'The report: plain text or HTML' }),
    source: ingestSource.optional(),
  })
  .strict()
  .meta({ id: 'IngestRequest' });

const ingestEntity = z
  .object({
    ref,
    name: z.string().trim().min(1).max(500),
    label: z.enum(ENTITY_LABELS),
    matchId: nodeId
      .optional()
      .meta({ description: 'The existing node this entity is; absent: a new node is created' }),
    candidates: z
      .array(z.object({ id: z.string(), name: z.string(), label: z.string() }))
      .optional()
      .meta({ description: 'Existing nodes it may be, when the name is ambiguous' }),
    mentions: z.array(span),
    props: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "A new node's properties: title, kind, iso2, a statement's text" }),
    rejected: z.boolean().optional().meta({ description: 'Set by the review: not written' }),
  })
  .strict()
  .meta({ id: 'IngestEntity' });

const ingestClaim = z
  .object({
    ref,
    type: z.enum(CLAIM_TYPES),
    from: ref,
    to: ref,
    asserter: ref.optional(),
    role: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "A ROLE_IN claim's role, from the person's title" }),
    evidence: z.string().min(1).max(5000),
    start: offset,
    end: offset,
    date: isoDate.optional(),
    since: isoDate.optional(),
    confidence: z.enum(CONFIDENCE_LEVELS),
    reason: z.string().max(1000),
    status: z
      .enum(['proposed', 'accepted', 'rejected'])
      .optional()
      .meta({ description: 'Set by the review; only accepted claims are committed' }),
  })
  .strict()
  .meta({ id: 'IngestClaim' });

export const ingestDraft = z
  .object({
    draftId: z.string(),
    created: z.string(),
    author: z.string(),
    sha256: z.string(),
    text: z.string(),
    source: ingestSource.extend({ publishedGuessed: z.boolean().optional() }),
    entities: z.array(ingestEntity),
    claims: z.array(ingestClaim),
  })
  .meta({ id: 'IngestDraft' });
export type IngestDraft = z.infer<typeof ingestDraft>;

export const draftPath = z.object({
  draftId: z
    .string()
    .regex(/^draft:[0-9a-f-]{36}$/, 'a draft id such as draft:<uuid>')
    .meta({ description: 'The draft, as POST /api/ingest answered' }),
});

/** The reviewed draft: its entities (linked, new or rejected) and claims (accepted or not). */
export const reviewBody = z
  .object({
    source: ingestSource.optional(),
    entities: z.array(ingestEntity).max(5000),
    claims: z.array(ingestClaim).max(5000),
    reason: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .meta({ id: 'IngestReview' });
export type ReviewBody = z.infer<typeof reviewBody>;

export const draftList = z.object({
  drafts: z.array(
    z.object({
      draftId: z.string(),
      created: z.string(),
      author: z.string(),
      title: z.string().optional(),
      claims: z.number(),
    }),
  ),
});

export const commitResult = z
  .object({
    source: z.string().meta({ description: 'The Source node that holds the text' }),
    nodes: z.array(z.object({ ref, id: z.string(), created: z.boolean() })),
    relationships: z.array(z.object({ ref, id: z.string() })),
    changes: z.number().meta({ description: 'Change records written' }),
  })
  .meta({ id: 'IngestCommit' });
export type CommitResult = z.infer<typeof commitResult>;
