// Attribution analysis: the assessment of an operation's (or an actor's) attribution, what
// changed between two dates, and the evidence behind each hop of a path.
import { z } from 'zod';
import { graphRelationshipJson, intParam } from './common';
import { asOfParam, includeRetracted } from './explorer';
import { isoDate } from '../model/model';

export const assessmentQuery = z.object({ asOf: asOfParam, includeRetracted });

const ref = z
  .object({ id: z.string(), label: z.string(), name: z.string() })
  .meta({ id: 'NodeRef' });
export type NodeRef = z.infer<typeof ref>;

const sourceRef = z
  .object({
    id: z.string(),
    name: z.string(),
    published: z.string().nullable(),
    url: z.string().nullable(),
    publishers: z.array(ref).meta({ description: 'Who published it (REPORTED_BY)' }),
    group: z.number().int().meta({
      description:
        'Sources with the same group number are not independent: they cite each other (CITES, either way, or a common source) or have the same publisher (REPORTED_BY)',
    }),
  })
  .meta({ id: 'SourceRef' });
export type SourceRef = z.infer<typeof sourceRef>;

const assessedClaim = z
  .object({
    id: z.string(),
    type: z.string(),
    assertedBy: ref.nullable().meta({ description: 'Who makes the claim, where the source says' }),
    date: z.string().nullable().meta({ description: 'When it was made public' }),
    knownSince: z
      .string()
      .nullable()
      .meta({ description: 'The first day it was public (its date, or its source’s)' }),
    since: z.string().nullable().meta({ description: 'Start of the period it is about' }),
    until: z.string().nullable(),
    confidence: z.number().nullable().meta({ description: '0–100, where the source gives one' }),
    reliability: z.string().nullable(),
    credibility: z.number().nullable(),
    evidence: z.string().nullable(),
    sources: z.array(sourceRef),
    independentSources: z.number().int(),
    singleSource: z.boolean().meta({ description: 'It rests on one independent source' }),
    retractedAt: z.string().nullable(),
  })
  .meta({ id: 'AssessedClaim' });
export type AssessedClaim = z.infer<typeof assessedClaim>;

const dispute = z
  .object({
    kind: z.enum(['denial', 'disputed']).meta({
      description:
        'denial: a DENIED claim (of the subject, of a statement about it or about the party); disputed: a party named in the claim’s disputedBy',
    }),
    claim: z.string().meta({ description: 'The DENIED claim, or the disputed attribution claim' }),
    by: ref,
    about: ref.meta({ description: 'What is denied or disputed' }),
    scope: z.enum(['subject', 'party', 'claim']).meta({
      description:
        'subject: it denies the operation (or actor) itself, so it weighs on every attribution; party: it concerns the attributed party; claim: one claim',
    }),
    date: z.string().nullable(),
    evidence: z.string().nullable(),
    words: z
      .string()
      .nullable()
      .meta({ description: 'The text of the disputing party’s own statement, when there is one' }),
    sources: z.array(sourceRef),
  })
  .meta({ id: 'Dispute' });
export type Dispute = z.infer<typeof dispute>;

const partyAssessment = z
  .object({
    rank: z.number().int().meta({ description: '1 is the best supported' }),
    party: ref.meta({ description: 'The attributed party: an actor, organisation or state' }),
    summary: z.string(),
    claims: z.array(assessedClaim),
    asserters: z.array(ref).meta({ description: 'Distinct parties that assert it' }),
    independentSources: z
      .number()
      .int()
      .meta({ description: 'Independent sources over all its claims (retracted ones excluded)' }),
    bestConfidence: z.number().nullable(),
    firstAsserted: z.string().nullable().meta({ description: 'The earliest knownSince' }),
    disputes: z.array(dispute),
    competing: z
      .array(z.string())
      .meta({ description: 'The other attributed parties: competing attributions' }),
  })
  .meta({ id: 'PartyAssessment' });
export type PartyAssessment = z.infer<typeof partyAssessment>;

export const assessmentResult = z
  .object({
    subject: ref,
    asOf: z.string().nullable(),
    ranking: z
      .array(z.string())
      .meta({ description: 'The ranking rule, key by key: earlier keys decide first' }),
    parties: z.array(partyAssessment),
    disputes: z.array(dispute).meta({
      description: 'Every dispute found, each also listed under the parties it weighs on',
    }),
  })
  .meta({ id: 'Assessment' });
export type AssessmentResult = z.infer<typeof assessmentResult>;

export const whatChangedQuery = z
  .object({
    from: isoDate.meta({ description: 'Start (exclusive): changes after this day' }),
    to: isoDate.meta({ description: 'End (inclusive): changes up to this day' }),
    limit: intParam(1, 1000, 200, 'limit'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });

const changedClaim = graphRelationshipJson
  .extend({
    sourceName: z.string(),
    targetName: z.string(),
    on: z.string().meta({ description: 'The day it was added, retracted or disputed' }),
  })
  .meta({ id: 'ChangedClaim' });
export type ChangedClaim = z.infer<typeof changedClaim>;

export const whatChangedResult = z
  .object({
    from: z.string(),
    to: z.string(),
    added: z.array(changedClaim).meta({ description: 'Claims that became known in between' }),
    retracted: z.array(changedClaim).meta({ description: 'Claims retracted in between' }),
    disputed: z.array(changedClaim).meta({
      description:
        'Claims first disputed in between: a DENIED claim known in between (listed as the denial)',
    }),
    truncated: z.boolean(),
  })
  .meta({ id: 'WhatChanged' });
export type WhatChangedResult = z.infer<typeof whatChangedResult>;
