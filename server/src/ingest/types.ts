// What the extractor proposes: entities with their mentions (character offsets into the
// stored text) and claims with their evidence sentence, asserter, date and confidence.
import type { CONFIDENCE_LEVELS, NodeLabel } from '../model/model';

import type { CLAIM_TYPES, ENTITY_LABELS } from '../contract/ingest';

/** The labels a report's entities take. */
export type EntityLabel = (typeof ENTITY_LABELS)[number] & NodeLabel;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export interface Span {
  start: number;
  end: number;
}

/** A name the dictionary knows: from the graph (with its id) or from the gazetteer. */
export interface DictionaryEntry {
  /** The graph node's id; absent for a gazetteer entry the graph does not hold yet. */
  id?: string;
  label: EntityLabel;
  name: string;
  aliases: readonly string[];
  /** Adjectives and capitals that stand for a state; matched like aliases. */
  extra?: readonly string[];
  props?: Record<string, unknown>;
}

export interface ExtractedEntity {
  ref: string;
  name: string;
  label: EntityLabel;
  /** The existing node it is linked to. */
  matchId?: string;
  /** Existing nodes it may be, when its name is ambiguous. */
  candidates?: { id: string; name: string; label: string }[];
  mentions: Span[];
  /** Properties for a new node: title, kind, iso2, a statement's text and verbatim. */
  props?: Record<string, unknown>;
}

export interface ExtractedClaim {
  ref: string;
  type: ClaimType;
  from: string;
  to: string;
  asserter?: string;
  /** A ROLE_IN's role, from the title ("Foreign Minister"). */
  role?: string;
  evidence: string;
  start: number;
  end: number;
  date?: string;
  since?: string;
  confidence: Confidence;
  reason: string;
}

export interface SourceMeta {
  title?: string;
  publisher?: string;
  url?: string;
  published?: string;
}

export interface Extraction {
  text: string;
  source: SourceMeta & { publishedGuessed?: boolean };
  entities: ExtractedEntity[];
  claims: ExtractedClaim[];
}
