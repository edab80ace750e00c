// The domain model, defined once: node labels, relationship types, their properties and
// the rules for ids and dates. TypeScript types and runtime (zod) schemas both come from
// here; Cypher takes labels and relationship types only from these lists.
import { z } from 'zod';

/** ISO 8601 at the precision the source gives: 2022, 2024-03, 2025-05-28. */
export const isoDate = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'an ISO 8601 date such as 2022, 2024-03 or 2025-05-28',
  );

const text = z.string().trim().min(1);

/**
 * TLP 2.0 markings (FIRST, 2022), least to most restricted: the one list and order every
 * reader, writer and clearance check uses. A node or claim without a marking is CLEAR.
 */
export const MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Marking = (typeof MARKINGS)[number];
export const DEFAULT_MARKING: Marking = 'CLEAR';
/** The clearance that sees every marking. */
export const FULL_CLEARANCE: Marking = MARKINGS[MARKINGS.length - 1]!;
export const markingSchema = z.enum(MARKINGS, {
  error: `one of ${MARKINGS.join(', ')} (TLP 2.0)`,
});
export const isMarking = (value: string): value is Marking =>
  (MARKINGS as readonly string[]).includes(value);
/** The markings a caller with this clearance may see: its own and every lower one. */
export function markingsUpTo(clearance: Marking): Marking[] {
  return MARKINGS.slice(0, MARKINGS.indexOf(clearance) + 1);
}
/** A marking as stored (absent = CLEAR). */
export const markingOf = (value: unknown): Marking =>
  typeof value === 'string' && isMarking(value) ? value : DEFAULT_MARKING;
const url = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });

const stixIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+--[0-9a-f-]{36}$/, 'a STIX id such as intrusion-set--<uuid>');

/** An imported record's own timestamps (STIX created/modified): metadata, never a claim's date. */
const recordTimes = {
  recordCreated: z.string().optional(),
  recordModified: z.string().optional(),
};

/** Every node: a stable id (label prefix + slug), a name, optional aliases and description. */
const sourceId = z.string().regex(/^source:/, 'a Source id (source:...)');
const nodeBase = z.object({
  id: z.string(),
  name: text,
  aliases: z.array(text).optional(),
  description: text.optional(),
  /** Sources for what this node says beyond its seed file's document (e.g. public aliases). */
  sources: z.array(sourceId).optional(),
  /** External ids, so data from other datasets resolves to the same node. */
  stixId: stixIdSchema.optional(),
  /** STIX ids other datasets give the same entity (stixId is the first one seen). */
  stixIds: z.array(stixIdSchema).optional(),
  attackId: z
    .string()
    .regex(/^[GSTCM]A?\d{4}(\.\d{3})?$/, 'an ATT&CK id such as G0128 or T1566.001')
    .optional(),
  mispUuid: z
    .string()
    .regex(/^[0-9a-f-]{36}$/, 'a MISP uuid')
    .optional(),
  /** MISP uuids of other clusters found to be the same entity (mispUuid is the first). */
  mispUuids: z.array(z.string().regex(/^[0-9a-f-]{36}$/, 'a MISP uuid')).optional(),
  /** Which dataset (a Source id) and version an imported node came from. */
  dataset: z.array(sourceId).optional(),
  /** TLP 2.0 marking; absent = CLEAR. Who may see the node (see markingsUpTo). */
  marking: markingSchema.optional(),
  ...recordTimes,
});

/** What the STIX reader needs to tell labels that share a STIX type apart. */
export interface StixObjectFacts {
  type: string;
  identity_class?: string | undefined;
  country?: string | undefined;
}

export interface LabelSpec {
  /** Prefix of every id of this label: `actor:apt31`. */
  prefix: string;
  /** The STIX 2.1 object this label is exported as (and imported from). */
  stix: string;
  /** Other STIX types imported as this label. */
  stixAlso?: readonly string[];
  /** For a STIX type several labels share: does this object belong to this label? */
  stixWhen?: (o: StixObjectFacts) => boolean;
  description: string;
  /**
   * A node of this label is a claim (a Statement: something a party said), so it is retracted,
   * never deleted, like a relationship (DESIGN.md, "Claims over time").
   */
  claim?: boolean;
  /** Properties beyond the shared ones. */
  properties: z.ZodRawShape;
}

const LABEL_SPECS = {
  Actor: {
    prefix: 'actor',
    stix: 'intrusion-set',
    stixAlso: ['threat-actor'],
    description: 'A threat actor: a group, company or individual behind operations.',
    properties: {
      kind: z.enum(['group', 'company', 'individual']).optional(),
      /** Sectors it targets (MISP cfr-target-category). */
      sectors: z.array(text).optional(),
    },
  },
  State: {
    prefix: 'state',
    stix: 'location',
    stixWhen: (o) => Boolean(o.country),
    description: 'A sovereign state.',
    properties: {
      iso2: z
        .string()
        .regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166 code')
        .optional(),
    },
  },
  Organisation: {
    prefix: 'org',
    stix: 'identity',
    stixWhen: (o) => o.identity_class !== 'individual',
    description: 'A state body, alliance, company, agency or media outlet.',
    properties: {
      kind: z
        .enum(['government', 'ministry', 'agency', 'alliance', 'union', 'company', 'media'])
        .optional(),
    },
  },
  Person: {
    prefix: 'person',
    stix: 'identity',
    stixWhen: (o) => o.identity_class === 'individual',
    description: 'A named or role-only official.',
    properties: { title: text.optional() },
  },
  Operation: {
    prefix: 'operation',
    stix: 'campaign',
    description: 'A cyber operation or campaign.',
    properties: {
      since: isoDate.optional(),
      until: isoDate.optional(),
      disclosed: isoDate.optional(),
    },
  },
  Statement: {
    prefix: 'statement',
    stix: 'note',
    stixAlso: ['opinion'],
    claim: true,
    description: 'Something said publicly: its words, date and channel.',
    properties: {
      text,
      /** True when `text` is the speaker's exact words, false for a report of what was said. */
      verbatim: z.boolean(),
      date: isoDate.optional(),
      channel: text.optional(),
    },
  },
  Source: {
    prefix: 'source',
    stix: 'report',
    description: 'Where a claim comes from: an article, a report, an agency.',
    properties: {
      url: url.optional(),
      published: isoDate.optional(),
      publisher: text.optional(),
      file: text.optional(),
      /** An ingested report's text as analysed: evidence offsets point into it. */
      text: text.optional(),
      /** SHA-256 of `text`, hex. */
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in hex')
        .optional(),
      /** True when `published` was guessed from the text, not given. */
      publishedGuessed: z.boolean().optional(),
    },
  },
  Capability: {
    prefix: 'capability',
    stix: 'malware',
    stixAlso: ['tool'],
    description: 'Malware or a tool that actors use.',
    properties: { kind: z.enum(['malware', 'tool']).optional() },
  },
  Technique: {
    prefix: 'technique',
    stix: 'attack-pattern',
    description: 'An attack technique (ATT&CK attack pattern).',
    properties: {},
  },
} as const satisfies Record<string, LabelSpec>;
export type NodeLabel = keyof typeof LABEL_SPECS;

export interface RelationshipSpec {
  from: readonly NodeLabel[];
  to: readonly NodeLabel[];
  description: string;
  /** The STIX relationship_type used on export (and read on import between these ends). */
  stix: string;
  /** Other STIX relationship types imported as this type when the ends fit. */
  stixAlso?: readonly string[];
  /** A claim of this type is itself a dispute (drawn dashed). */
  dispute?: boolean;
  properties?: z.ZodRawShape;
}

const ANY = Object.keys(LABEL_SPECS) as NodeLabel[];
const PARTIES = ['State', 'Organisation', 'Person'] as const;

const RELATIONSHIP_SPECS = {
  ATTRIBUTED_TO: {
    from: ['Operation'],
    to: ['Actor', 'State'],
    stix: 'attributed-to',
    description: 'An operation is attributed to an actor or a state (by whoever asserts it).',
  },
  TARGETED: {
    from: ['Operation', 'Actor'],
    to: ['State', 'Organisation', 'Person'],
    stix: 'targets',
    description: 'An operation or actor targeted a state, organisation or person.',
  },
  AFFILIATED_WITH: {
    from: ['Actor'],
    to: ['Actor', 'Organisation', 'State'],
    stix: 'affiliated-with',
    stixAlso: ['attributed-to'],
    description: 'An actor works for or with another actor, a state body or a state.',
  },
  PART_OF: {
    from: ['Organisation'],
    to: ['State', 'Organisation'],
    stix: 'part-of',
    description: 'A state body belongs to a state, or a unit to its parent organisation.',
  },
  MEMBER_OF: {
    from: ['State', 'Organisation'],
    to: ['Organisation'],
    stix: 'member-of',
    description: 'A state or organisation is a member of an alliance or union.',
  },
  ROLE_IN: {
    from: ['Person'],
    to: ['State', 'Organisation'],
    stix: 'role-in',
    description: 'A person holds a role in a state or organisation.',
    properties: { role: text },
  },
  SANCTIONED: {
    from: PARTIES,
    to: ['Actor', 'Person', 'Organisation'],
    stix: 'sanctioned',
    description: 'A state or body imposed sanctions on an actor, person or organisation.',
  },
  SUMMONED: {
    from: PARTIES,
    to: ['Person'],
    stix: 'summoned',
    description: 'A state or body summoned a person (typically an ambassador) to protest.',
  },
  CONDEMNED: {
    from: PARTIES,
    to: ['Operation', 'Actor', 'State'],
    stix: 'condemned',
    description: 'A party publicly condemned an operation, actor or state.',
  },
  DENIED: {
    from: PARTIES,
    to: ['Statement', 'Operation'],
    stix: 'denied',
    dispute: true,
    description: 'A party denied a claim (a statement or an attribution of an operation).',
  },
  RESPONDED_TO: {
    from: PARTIES,
    to: ['Operation'],
    stix: 'responded-to',
    description: 'A party took an action in response to an operation.',
    properties: { action: text },
  },
  MADE: {
    from: PARTIES,
    to: ['Statement'],
    stix: 'created',
    description: 'Who made a statement.',
  },
  ABOUT: {
    from: ['Statement'],
    to: ANY,
    stix: 'about',
    description: 'What a statement concerns.',
  },
  CITES: {
    from: ['Source'],
    to: ['Source'],
    stix: 'cites',
    description: 'A source relies on another source.',
  },
  USES: {
    from: ['Actor', 'Operation', 'Capability'],
    to: ['Capability', 'Technique'],
    stix: 'uses',
    description: 'An actor, operation or capability uses malware, a tool or a technique.',
  },
  LOCATED_IN: {
    from: ['Actor', 'Organisation', 'Person'],
    to: ['State'],
    stix: 'located-at',
    description: 'Where an actor, organisation or person is based.',
  },
  SPONSORED_BY: {
    from: ['Actor'],
    to: ['State'],
    stix: 'sponsored-by',
    description: 'The state suspected of sponsoring an actor (as asserted, e.g. by MISP).',
  },
  RELATED_TO: {
    from: ['Actor'],
    to: ['Actor'],
    stix: 'related-to',
    description: 'Two actors that a dataset links (similar, overlaps, linked-to).',
    properties: { relation: text.optional() },
  },
  REPORTED_BY: {
    from: ['Source'],
    to: ['Organisation', 'Person', 'State'],
    stix: 'reported-by',
    description: 'Who published a source: an outlet, agency or company.',
  },
} as const satisfies Record<string, RelationshipSpec>;

export type RelationshipType = keyof typeof RELATIONSHIP_SPECS;

/** How sure the asserting party is, in words (the forms offer these; stored as 0–100). */
export const CONFIDENCE_LEVELS = ['low', 'medium', 'high', 'confirmed'] as const;
export type ConfidenceWord = (typeof CONFIDENCE_LEVELS)[number];

/**
 * The mapping between the scales (docs/model.md), after STIX 2.1's Appendix A: a word
 * becomes this number; a number reads as the highest word at or below it.
 */
export const CONFIDENCE_OF_WORD: Record<ConfidenceWord, number> = {
  low: 15,
  medium: 50,
  high: 85,
  confirmed: 95,
};
export function confidenceWord(score: number): ConfidenceWord {
  if (score >= 95) return 'confirmed';
  if (score >= 70) return 'high';
  if (score >= 30) return 'medium';
  return 'low';
}

/** Admiralty (NATO AJP-2.1) grades: the source's reliability and the information's credibility. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type ReliabilityGrade = (typeof RELIABILITY_GRADES)[number];
/**
 * Credibility 1–6 as confidence, as STIX 2.1 maps it (6, "truth cannot be judged", has no
 * number): 1 confirmed 90, 2 probably true 70, 3 possibly true 50, 4 doubtful 30, 5 improbable 10.
 */
export const CONFIDENCE_OF_CREDIBILITY: Record<number, number | undefined> = {
  1: 90,
  2: 70,
  3: 50,
  4: 30,
  5: 10,
  6: undefined,
};
/** And back: 80–100 -> 1, 60–79 -> 2, 40–59 -> 3, 20–39 -> 4, 0–19 -> 5. */
export function credibilityOfConfidence(score: number): number {
  return score >= 80 ? 1 : score >= 60 ? 2 : score >= 40 ? 3 : score >= 20 ? 4 : 5;
}

/** A claim's confidence: an integer 0–100 (the words are turned into numbers on the way in). */
export const confidenceScore = z
  .number()
  .int('a whole number')
  .min(0, 'at least 0')
  .max(100, 'at most 100');

/** A confidence as given (a number, its text, or one of the words) as the number stored; others unchanged. */
export function confidenceOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (Object.hasOwn(CONFIDENCE_OF_WORD, value)) return CONFIDENCE_OF_WORD[value as ConfidenceWord];
  // A form sends the number it shows as text.
  return /^(100|[1-9]?\d)$/.test(value) ? Number(value) : value;
}

/** Fields every writer computes and no input may set: when a claim became known. */
export const KNOWN_FIELDS = ['knownSince', 'recordedAt'] as const;

/** Provenance carried by every relationship (see DESIGN.md). */
const provenance = {
  /** Optional explicit id; by default derived from type, ends and sources. */
  id: z
    .string()
    .regex(
      /^rel:[a-z_]+:[a-z0-9][a-z0-9._-]*$/,
      'an id of the form rel:<type in lower case>:<slug>, e.g. rel:attributed_to:my-claim',
    )
    .optional(),
  from: z.string().min(1),
  to: z.string().min(1),
  sources: z.array(sourceId).min(1, 'at least one Source id'),
  date: isoDate.optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  /** Id of the node (a party) that makes this claim, e.g. the Czech government. */
  assertedBy: z.string().optional(),
  /** How sure the asserting party is, 0–100 (see CONFIDENCE_OF_WORD for the words). */
  confidence: confidenceScore.optional(),
  /** Admiralty reliability of the source (A reliable … E unreliable, F cannot be judged). */
  reliability: z.enum(RELIABILITY_GRADES).optional(),
  /** Admiralty credibility of the information (1 confirmed … 5 improbable, 6 cannot be judged). */
  credibility: z.number().int().min(1).max(6).optional(),
  evidence: text.optional(),
  /** Where `evidence` is in its first source's stored text (ingested reports), in characters. */
  evidenceStart: z.number().int().nonnegative().optional(),
  evidenceEnd: z.number().int().nonnegative().optional(),
  /** Ids of parties that dispute this claim; a disputed claim is drawn dashed. */
  disputedBy: z.array(z.string()).optional(),
  /** For imported claims: the dataset (Source id) and the object it came from. */
  dataset: z.string().optional(),
  stixId: z.string().optional(),
  /** TLP 2.0 marking; absent = CLEAR. Who may see the claim (see markingsUpTo). */
  marking: markingSchema.optional(),
  ...recordTimes,
};

/** The first and last day a partial ISO date covers: 2022 -> 2022-01-01 .. 2022-12-31. */
export function periodStart(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}
export function periodEnd(date: string): string {
  // 31 for every month keeps string comparison right without calendar arithmetic.
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

/** The time span a relationship covers, for the time filter; undefined when it has no date. */
export function relationshipPeriod(r: {
  date?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}): { start: string; end: string } | undefined {
  const start = r.since ?? r.date;
  // "since 2022" with no end is ongoing; a plain date covers its own period.
  const end = r.until ?? (r.since ? undefined : r.date);
  if (!start && !end) return undefined;
  return {
    start: start ? periodStart(start) : '0000-01-01',
    end: end ? periodEnd(end) : '9999-12-31',
  };
}

/**
 * Everything derived from the label and relationship specs: the lists, the validation
 * schemas and the STIX mapping. The app's model is `modelOf(LABEL_SPECS, RELATIONSHIP_SPECS)`;
 * a test builds a wider one to prove that a new label flows through import and export.
 */
export function modelOf<
  Labels extends Record<NodeLabel, LabelSpec>,
  Rels extends Record<RelationshipType, RelationshipSpec>,
>(labels: Labels, relationships: Rels) {
  const nodeLabels = Object.keys(labels) as NodeLabel[];
  const relationshipTypes = Object.keys(relationships) as RelationshipType[];

  function nodeSchema<L extends NodeLabel>(label: L) {
    const own: LabelSpec = labels[label];
    const idPattern = new RegExp(`^${own.prefix}:[a-z0-9][a-z0-9._-]*$`);
    return (
      nodeBase
        .extend({
          label: z.literal(label),
          id: z
            .string()
            .regex(idPattern, `an id of the form ${own.prefix}:<lowercase-slug> for a ${label}`),
        })
        // Typed by the app's own specs (so each label's properties stay precise); a test's
        // wider model adds labels at run time only.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        .extend(own.properties as (typeof LABEL_SPECS)[L]['properties'])
        .strict()
    );
  }
  type NodeSchemaOf<L extends NodeLabel> = ReturnType<typeof nodeSchema<L>>;

  function relationshipSchemaOf<T extends RelationshipType>(type: T) {
    const spec: RelationshipSpec = relationships[type];
    return z.object({ type: z.literal(type), ...provenance, ...(spec.properties ?? {}) }).strict();
  }
  type RelationshipSchema = ReturnType<typeof relationshipSchemaOf<RelationshipType>>;

  const nodeSchemas = Object.fromEntries(nodeLabels.map((l) => [l, nodeSchema(l)])) as {
    [L in NodeLabel]: NodeSchemaOf<L>;
  };

  return {
    LABELS: labels,
    RELATIONSHIPS: relationships,
    NODE_LABELS: nodeLabels as readonly NodeLabel[],
    RELATIONSHIP_TYPES: relationshipTypes as readonly RelationshipType[],
    graphNodeSchema: z.discriminatedUnion(
      'label',
      Object.values(nodeSchemas) as unknown as [
        NodeSchemaOf<NodeLabel>,
        ...NodeSchemaOf<NodeLabel>[],
      ],
    ),
    relationshipSchema: z.discriminatedUnion(
      'type',
      relationshipTypes.map((t) => relationshipSchemaOf(t)) as unknown as [
        RelationshipSchema,
        ...RelationshipSchema[],
      ],
    ),
    /** The labels whose nodes are claims: retracted (POST /api/nodes/{id}/retract), never deleted. */
    CLAIM_LABELS: nodeLabels.filter((l) => labels[l].claim === true),
    isNodeLabel: (value: string): value is NodeLabel => Object.hasOwn(labels, value),
    isRelationshipType: (value: string): value is RelationshipType =>
      Object.hasOwn(relationships, value),
    /** The label a STIX object is imported as, if any. */
    labelOfStix: (o: StixObjectFacts): NodeLabel | undefined => {
      return nodeLabels.find((l) => {
        const spec: LabelSpec = labels[l];
        const typeFits = spec.stix === o.type || (spec.stixAlso ?? []).includes(o.type);
        return typeFits && (spec.stixWhen ? spec.stixWhen(o) : true);
      });
    },
    /** The relationship type a STIX relationship between these labels is imported as. */
    relationshipOfStix: (
      stixType: string,
      from: NodeLabel,
      to: NodeLabel,
    ): RelationshipType | undefined => {
      const fits = (t: RelationshipType) =>
        relationships[t].from.includes(from) && relationships[t].to.includes(to);
      return (
        relationshipTypes.find((t) => relationships[t].stix === stixType && fits(t)) ??
        relationshipTypes.find(
          (t) => (relationships[t].stixAlso ?? []).includes(stixType) && fits(t),
        )
      );
    },
  };
}

const model = modelOf(LABEL_SPECS, RELATIONSHIP_SPECS);
export const LABELS = model.LABELS;
export const RELATIONSHIPS = model.RELATIONSHIPS;
export const NODE_LABELS = model.NODE_LABELS;
export const RELATIONSHIP_TYPES = model.RELATIONSHIP_TYPES;
export const graphNodeSchema = model.graphNodeSchema;
export const relationshipSchema = model.relationshipSchema;
export const CLAIM_LABELS: readonly NodeLabel[] = model.CLAIM_LABELS;
export const isNodeLabel = model.isNodeLabel;
export const isRelationshipType = model.isRelationshipType;
export const labelOfStix = model.labelOfStix;
export const relationshipOfStix = model.relationshipOfStix;
export type GraphNodeInput = z.infer<typeof graphNodeSchema>;
export type GraphRelationshipInput = z.infer<typeof relationshipSchema> & {
  role?: string;
  action?: string;
};
