// Provenance in STIX 2.1's own vocabulary, so any STIX tool (OpenCTI, MISP, a SIEM) reads who
// asserts a claim, how sure they are, the period it is about, who disputes it and the quote
// it rests on: identities for created_by_ref, opinions for denials and disputes, notes for
// evidence quotes, start/stop times and first/last seen at the source's precision.
import { v5 as uuidv5 } from 'uuid';
import type { GraphNode, GraphRelationship } from '../../contract/common';
import { isoDate, periodEnd, periodStart } from '../../model/model';

/** Namespace for attribution-graph's STIX ids (a fixed random UUID). */
export const NAMESPACE = '3f2b7c1e-9a4d-4c1b-8e55-6d2f0a9b7c31';
/** STIX requires timestamps; a fixed one keeps exports byte-for-byte repeatable. */
const EPOCH = '2000-01-01T00:00:00.000Z';

export function stixIdOf(type: string, ourId: string): string {
  return `${type}--${uuidv5(ourId, NAMESPACE)}`;
}

type Stix = Record<string, unknown>;

/** The first instant a (partial) date covers: 2022 -> 2022-01-01T00:00:00.000Z. */
export function timestamp(date: unknown): string {
  if (typeof date !== 'string' || !isoDate.safeParse(date).success) return EPOCH;
  return `${periodStart(date)}T00:00:00.000Z`;
}

/** The last instant a (partial) date covers, so a stop time is never before its start. */
function endTimestamp(date: string): string {
  const end = periodEnd(date);
  // periodEnd writes 31 for every month: the real last day keeps the timestamp valid.
  const [y, m, d] = end.split('-').map(Number) as [number, number, number];
  const last = Math.min(d, new Date(Date.UTC(y, m, 0)).getUTCDate());
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}T23:59:59.999Z`;
}

/** A date STIX's timestamp keeps whole: a full day. A year or month also needs our own field. */
const isFullDate = (date: unknown): date is string =>
  typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date);

/**
 * A period (since/until) as STIX's pair of timestamps (start_time/stop_time on a
 * relationship, first_seen/last_seen on a campaign or intrusion set), and the part of it
 * STIX cannot hold: a year or a month keeps its precision in our own properties.
 */
export function periodOf(
  props: Record<string, unknown>,
  names: readonly [string, string],
): { native: Stix; keep: Record<string, string> } {
  const native: Stix = {};
  const keep: Record<string, string> = {};
  if (typeof props.since === 'string' && isoDate.safeParse(props.since).success) {
    native[names[0]] = timestamp(props.since);
    if (!isFullDate(props.since)) keep.since = props.since;
  }
  if (typeof props.until === 'string' && isoDate.safeParse(props.until).success) {
    native[names[1]] = endTimestamp(props.until);
    if (!isFullDate(props.until)) keep.until = props.until;
  }
  return { native, keep };
}

/** What STIX calls a claim's author: the identity of a party (State, Organisation, Person). */
export class Parties {
  /** Identities the export needs beside its nodes: States' and parties outside the view. */
  private readonly extra = new Map<string, Stix>();

  /**
   * @param known every party a claim names, exported or not (id, label, name)
   * @param exported the ids of the nodes the export holds as objects of their own
   */
  constructor(
    private readonly known: ReadonlyMap<string, GraphNode>,
    private readonly exported: ReadonlySet<string>,
  ) {}

  /**
   * The identity id of a party, or undefined when the id is not a party. An Organisation or
   * Person is an identity already (its own object when the export holds it). A State is a
   * location, so it gets an identity of its own with the same UUID (identity--U beside
   * location--U): that is how the importer knows the two are one State.
   */
  refOf(partyId: unknown): string | undefined {
    if (typeof partyId !== 'string') return undefined;
    const node = this.known.get(partyId);
    if (!node || !['State', 'Organisation', 'Person'].includes(node.label)) return undefined;
    const id = stixIdOf('identity', partyId);
    const own = node.label !== 'State' && this.exported.has(partyId);
    if (!own && !this.extra.has(id))
      this.extra.set(id, {
        type: 'identity',
        spec_version: '2.1',
        id,
        created: EPOCH,
        modified: EPOCH,
        name: node.name,
        ...(node.label === 'State'
          ? // Outside STIX's suggested identity-class vocabulary (an open one): a sovereign state.
            { identity_class: 'nation', sectors: ['government-national'] }
          : { identity_class: node.label === 'Person' ? 'individual' : 'organization' }),
      });
    return id;
  }

  /** The identities claims referred to that are not nodes of the export. */
  identities(): Stix[] {
    return [...this.extra.values()];
  }
}

/** A claim's external references: one per Source (name, id, url, description). */
export type ReferencesOf = (sourceIds: unknown) => Stix[];

/**
 * A relationship's evidence quote as a STIX note about it: the quote is the content, its
 * sources the external references, its asserter the author.
 */
export function evidenceNote(
  r: GraphRelationship,
  relationshipStixId: string,
  createdByRef: string | undefined,
  referencesOf: ReferencesOf,
  stamps: { created: string; modified: string },
): Stix | undefined {
  if (typeof r.evidence !== 'string') return undefined;
  const refs = referencesOf(r.sources);
  return {
    type: 'note',
    spec_version: '2.1',
    id: stixIdOf('note', `evidence:${r.id}`),
    ...stamps,
    ...(createdByRef ? { created_by_ref: createdByRef } : {}),
    abstract: 'Evidence quote',
    content: r.evidence,
    object_refs: [relationshipStixId],
    ...(refs.length ? { external_references: refs } : {}),
  };
}

/**
 * One opinion per party in a claim's disputedBy: that party disagrees with the claim. (A
 * DENIED claim, the stronger form, is exported by the caller as a strongly-disagree opinion.)
 */
export function disputeOpinions(
  r: GraphRelationship,
  relationshipStixId: string,
  parties: Parties,
  stamps: { created: string; modified: string },
): Stix[] {
  const disputers = Array.isArray(r.disputedBy) ? (r.disputedBy as unknown[]) : [];
  return disputers.flatMap((party) => {
    const ref = parties.refOf(party);
    if (!ref) return [];
    return [
      {
        type: 'opinion',
        spec_version: '2.1',
        id: stixIdOf('opinion', `dispute:${r.id}:${String(party)}`),
        ...stamps,
        created_by_ref: ref,
        opinion: 'disagree',
        object_refs: [relationshipStixId],
      },
    ];
  });
}
