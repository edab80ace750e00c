// The graph (or part of it) as a STIX 2.1 bundle with deterministic ids (UUIDv5 of our ids).
// Provenance travels in STIX's own fields wherever STIX has one (stix-native.ts): confidence,
// created_by_ref, start/stop time, first/last seen, opinions, evidence notes, external
// references, revoked. What STIX has no field for travels in x_attribution_graph_* properties
// (the README lists them), so export -> import gives the graph back.
import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../../db/database';
import { ENTITY_LABEL } from '../../db/schema';
import type { GraphNode, GraphRelationship } from '../../contract/common';
import { collectGraph } from '../../db/mapper';
import {
  LABELS,
  RELATIONSHIPS,
  isMarking,
  type Marking,
  type NodeLabel,
  type RelationshipType,
} from '../../model/model';
import { visible, visibleClaim, visibleParam } from '../../services/known-filter';
import { markingDefinition, TLP2_MARKING_DEFINITION } from '../tlp';
import {
  disputeOpinions,
  evidenceNote,
  NAMESPACE,
  Parties,
  periodOf,
  stixIdOf,
  timestamp,
} from './stix-native';

/** Properties a native STIX field carries on a relationship, so not repeated in ours. */
const NATIVE_ON_RELATIONSHIPS = [
  'marking',
  'confidence',
  'assertedBy',
  'since',
  'until',
  'evidence',
  'sources',
  'disputedBy',
  'retractedAt',
] as const;
/** Likewise on a node (name, description, aliases, period, sources, retraction). */
const NATIVE_ON_NODES = [
  'marking',
  'name',
  'description',
  'aliases',
  'since',
  'until',
  'sources',
  'retractedAt',
] as const;

function without(
  props: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !names.includes(k)));
}

/**
 * The part of the graph to export: these nodes and the relationships among them (only those
 * listed in `relationshipIds` when given: a view's visible ones), plus their sources and the
 * parties their claims name (asserters and disputers), who become identities.
 */
async function readGraph(
  db: Database,
  clearance: Marking | undefined,
  ids: string[] | undefined,
  relationshipIds: string[] | undefined,
) {
  // Only what the caller's clearance allows: hidden nodes, claims and sources are not read.
  const rows = await db.read(
    `MATCH (n:${ENTITY_LABEL}) WHERE ($ids IS NULL OR n.id IN $ids) AND ${visible('n')}
     WITH collect(n) AS ns
     CALL (ns) {
       UNWIND ns AS a
       MATCH (a)-[r]->(b)
       WHERE b IN ns AND ($rels IS NULL OR r.id IN $rels) AND ${visibleClaim('r')}
       RETURN collect(r) AS rels
     }
     CALL (ns) {
       // When the graph recorded each node's claims: its created/modified when it has no
       // record times of its own (an imported object's).
       UNWIND ns AS n
       CALL (n) {
         OPTIONAL MATCH (n)-[c]-() WHERE c.recordedAt IS NOT NULL
         RETURN min(c.recordedAt) AS first, max(c.recordedAt) AS last
       }
       RETURN collect({id: n.id, first: first, last: last}) AS recorded
     }
     CALL (ns, rels) {
       UNWIND ns AS n
       WITH coalesce(n.sources, []) AS s
       UNWIND s AS sid RETURN collect(DISTINCT sid) AS nodeSources
     }
     CALL (rels) {
       UNWIND rels AS r
       UNWIND r.sources AS sid RETURN collect(DISTINCT sid) AS relSources
     }
     CALL (rels) {
       UNWIND rels AS r
       UNWIND coalesce(r.disputedBy, []) + coalesce(r.assertedBy, []) AS pid
       RETURN collect(DISTINCT pid) AS partyIds
     }
     CALL (partyIds) {
       OPTIONAL MATCH (p:${ENTITY_LABEL}) WHERE p.id IN partyIds
       RETURN collect(CASE WHEN ${visible('p')} THEN p END) AS parties,
              collect(CASE WHEN NOT ${visible('p')} THEN p.id END) AS hiddenParties
     }
     OPTIONAL MATCH (src:Source) WHERE src.id IN nodeSources + relSources AND ${visible('src')}
     RETURN ns, rels, parties, hiddenParties, recorded, collect(src) AS sources`,
    { ids: ids ?? null, rels: relationshipIds ?? null, visible: visibleParam(clearance) },
  );
  const row = rows[0];
  const graph = collectGraph(row ? [row.ns, row.rels] : []);
  const sources = collectGraph(row ? [row.sources] : []).nodes;
  const parties = collectGraph(row ? [row.parties] : []).nodes;
  // An asserter or disputer the clearance hides is not named at all, not even by its id.
  const hidden = new Set((row?.hiddenParties as string[] | undefined) ?? []);
  const relationships = graph.relationships.map((r): GraphRelationship => {
    const { assertedBy, disputedBy, ...rest } = r;
    const disputers = Array.isArray(disputedBy)
      ? disputedBy.filter((id) => !hidden.has(String(id)))
      : undefined;
    return {
      ...rest,
      ...(typeof assertedBy === 'string' && !hidden.has(assertedBy) ? { assertedBy } : {}),
      ...(disputers?.length ? { disputedBy: disputers } : {}),
    };
  });
  const recorded = new Map(
    ((row?.recorded as { id: string; first: unknown; last: unknown }[] | undefined) ?? []).map(
      (r) => [r.id, { first: stixTime(r.first), last: stixTime(r.last) }],
    ),
  );
  return { nodes: graph.nodes, relationships, sources, parties, recorded };
}

/** An ISO date-time as STIX writes it (UTC, milliseconds); undefined for anything else. */
function stixTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.includes('T')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * created and modified: the imported object's own (recordCreated/recordModified), else when
 * the graph recorded it, else the day it is about, else the epoch. A consumer (OpenCTI, a
 * TAXII client) takes a newer modified as a new version, so an edit must not keep 2000-01-01.
 */
function stampsOf(
  props: Record<string, unknown>,
  recorded: { first?: string | undefined; last?: string | undefined },
  day: unknown,
): { created: string; modified: string } {
  const created = stixTime(props.recordCreated) ?? recorded.first ?? timestamp(day);
  const modified = stixTime(props.recordModified) ?? recorded.last ?? created;
  return { created, modified: modified < created ? created : modified };
}

/**
 * A revoked object's stamps: modified is the retraction (an import reads it back as
 * retractedAt); a retraction dated before the graph recorded the claim (an older one loaded
 * later) moves created back to it, as STIX wants modified no earlier than created.
 */
function revokedStamps(
  stamps: { created: string; modified: string },
  retractedAt: string,
): { created: string; modified: string } {
  return {
    created: retractedAt < stamps.created ? retractedAt : stamps.created,
    modified: retractedAt,
  };
}

/**
 * A report refers to what it reports (STIX's object_refs): every object that cites it, and
 * the ends of every claim that does. Tools such as MISP's converter read a bundle through its
 * reports' object_refs. A report that nothing cites refers to itself (object_refs is required).
 */
function fillReports(objects: Record<string, unknown>[]): void {
  const reports = new Map(
    objects
      .filter((o) => o.type === 'report')
      .map((o) => [String(o.x_attribution_graph_id), { report: o, refs: new Set<string>() }]),
  );
  for (const o of objects) {
    if (o.type === 'report') continue;
    const cited = (o.external_references as { external_id?: string }[] | undefined) ?? [];
    for (const ref of cited) {
      const entry = ref.external_id ? reports.get(ref.external_id) : undefined;
      if (!entry) continue;
      entry.refs.add(String(o.id));
      for (const end of [o.source_ref, o.target_ref, ...((o.object_refs as unknown[]) ?? [])])
        if (typeof end === 'string') entry.refs.add(end);
    }
  }
  for (const { report, refs } of reports.values()) {
    refs.delete(String(report.id));
    report.object_refs = refs.size ? [...refs].sort() : [report.id];
  }
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: Record<string, unknown>[];
}

/** The object_marking_refs of an element with a marking (none for an unmarked one). */
function markingRefs(props: Record<string, unknown>, used: Set<Marking>) {
  const marking = props.marking;
  if (typeof marking !== 'string' || !isMarking(marking)) return {};
  used.add(marking);
  return { object_marking_refs: [TLP2_MARKING_DEFINITION[marking]] };
}

/**
 * `clearance` is the caller's (undefined: sees everything): the bundle holds only what it
 * allows, each element with its marking.
 */
export async function exportStix(
  db: Database,
  clearance: Marking | undefined,
  ids?: string[],
  relationshipIds?: string[],
): Promise<StixBundle> {
  const { nodes, relationships, sources, parties, recorded } = await readGraph(
    db,
    clearance,
    ids,
    relationshipIds,
  );
  const usedMarkings = new Set<Marking>();
  const allSources = new Map(
    [...sources, ...nodes.filter((n) => n.label === 'Source')].map((s) => [s.id, s]),
  );
  // Our ids, not an imported object's STIX id: an id must not change when a later import
  // merges another dataset's object into the node (a TAXII client polling added_after would
  // never see it again). Consumers match ATT&CK's objects by their ATT&CK id (below).
  const stixIdByNode = new Map(
    nodes.map((n) => [n.id, stixIdOf(LABELS[n.label as NodeLabel]?.stix ?? 'x-unknown', n.id)]),
  );
  const partyOf = new Parties(
    new Map([...parties, ...nodes].map((n) => [n.id, n])),
    new Set(nodes.map((n) => n.id)),
  );
  const referenceOf = (s: GraphNode) => ({
    source_name: s.name,
    external_id: s.id,
    ...(typeof s.url === 'string' ? { url: s.url } : {}),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  });
  // ATT&CK's own reference carries the object's ATT&CK id (G0128), as ATT&CK writes it.
  const refsFor = (sourceIds: unknown, attackId?: unknown) =>
    (Array.isArray(sourceIds) ? (sourceIds as string[]) : [])
      .map((id) => allSources.get(id))
      .filter((s): s is GraphNode => Boolean(s))
      .map((s) =>
        s.name === 'mitre-attack' && typeof attackId === 'string'
          ? { ...referenceOf(s), external_id: attackId }
          : referenceOf(s),
      );

  // ABOUT and MADE travel inside the notes (object_refs and our own properties).
  const aboutOf = new Map<string, GraphRelationship[]>();
  const madeBy = new Map<string, GraphRelationship[]>();
  for (const r of relationships) {
    if (r.type === 'ABOUT') aboutOf.set(r.source, [...(aboutOf.get(r.source) ?? []), r]);
    if (r.type === 'MADE') madeBy.set(r.target, [...(madeBy.get(r.target) ?? []), r]);
  }
  // In id order, whatever order the database gave them in: repeatable bytes.
  for (const list of [...aboutOf.values(), ...madeBy.values()])
    list.sort((a, b) => a.id.localeCompare(b.id));

  const objects: Record<string, unknown>[] = [];
  for (const n of nodes) {
    const label = n.label as NodeLabel;
    const type = LABELS[label].stix;
    const { id: _id, label: _label, ...props } = n;
    const { native: seen, keep: seenPrecision } =
      label === 'Operation' || label === 'Actor'
        ? periodOf(props, ['first_seen', 'last_seen'])
        : { native: {}, keep: {} };
    const base: Record<string, unknown> = {
      type,
      spec_version: '2.1',
      id: stixIdByNode.get(n.id),
      ...stampsOf(props, recorded.get(n.id) ?? {}, props.published ?? props.date ?? props.since),
      external_references: refsFor(props.sources, props.attackId),
      ...markingRefs(props, usedMarkings),
      x_attribution_graph_id: n.id,
      x_attribution_graph_label: label,
      x_attribution_graph_properties: {
        ...without(props, NATIVE_ON_NODES),
        ...seenPrecision,
        ...(label === 'Statement'
          ? { aboutRels: aboutOf.get(n.id) ?? [], madeRels: madeBy.get(n.id) ?? [] }
          : {}),
      },
    };
    if (!(base.external_references as unknown[]).length) delete base.external_references;
    // A retracted Statement (a claim) is revoked as of its retraction, like a retracted relationship.
    if (typeof props.retractedAt === 'string')
      Object.assign(base, {
        ...revokedStamps(
          { created: String(base.created), modified: String(base.modified) },
          props.retractedAt,
        ),
        revoked: true,
      });
    // Most STIX objects are named and described; the cases below add or replace what their
    // type has of its own. A label the switch does not know (a new one) still travels whole.
    Object.assign(base, {
      name: n.name,
      ...(typeof props.description === 'string' ? { description: props.description } : {}),
    });
    switch (label) {
      case 'Actor':
        if (Array.isArray(props.aliases)) base.aliases = props.aliases;
        Object.assign(base, seen);
        break;
      case 'State':
        base.country = typeof props.iso2 === 'string' ? props.iso2 : 'ZZ';
        break;
      case 'Organisation':
      case 'Person':
        base.identity_class = label === 'Person' ? 'individual' : 'organization';
        break;
      case 'Operation':
        if (Array.isArray(props.aliases)) base.aliases = props.aliases;
        Object.assign(base, seen);
        break;
      case 'Statement': {
        delete base.name;
        delete base.description;
        const refs = (aboutOf.get(n.id) ?? [])
          .map((r) => stixIdByNode.get(r.target))
          .filter((id): id is string => Boolean(id))
          .sort();
        // Who made it, for tools that read only STIX (the first maker; madeRels has them all).
        const maker = (madeBy.get(n.id) ?? []).map((r) => partyOf.refOf(r.source)).find(Boolean);
        Object.assign(base, {
          ...(maker ? { created_by_ref: maker } : {}),
          abstract: n.name,
          content: typeof props.text === 'string' ? props.text : n.name,
          object_refs: refs.length ? refs : [base.id],
        });
        // A note has no description: a Statement's stays ours (its name is the abstract).
        if (props.description !== undefined)
          (base.x_attribution_graph_properties as Record<string, unknown>).description =
            props.description;
        delete (base.x_attribution_graph_properties as Record<string, unknown>).text;
        break;
      }
      case 'Source':
        Object.assign(base, {
          published: timestamp(props.published),
          report_types: ['threat-report'],
          object_refs: [base.id],
          external_references: [referenceOf(n)],
        });
        // A source's own references are other sources (the report's first is itself).
        (base.x_attribution_graph_properties as Record<string, unknown>).sources = props.sources;
        break;
      case 'Capability':
        Object.assign(base, {
          type: props.kind === 'tool' ? 'tool' : 'malware',
          id: stixIdOf(props.kind === 'tool' ? 'tool' : 'malware', n.id),
          ...(props.kind === 'tool' ? {} : { is_family: true }),
        });
        stixIdByNode.set(n.id, base.id as string);
        break;
    }
    // Aliases are native to intrusion sets and campaigns only: elsewhere they stay ours.
    if (base.aliases === undefined && props.aliases !== undefined)
      (base.x_attribution_graph_properties as Record<string, unknown>).aliases = props.aliases;
    objects.push(base);
  }
  for (const r of relationships) {
    if (r.type === 'ABOUT' || r.type === 'MADE') continue; // carried by the notes
    const spec = RELATIONSHIPS[r.type as RelationshipType];
    const { id: _id, type: _type, source, target, ...props } = r;
    // A retracted claim is one its asserter no longer holds: STIX's revoked, as of then.
    const retracted = typeof props.retractedAt === 'string' ? props.retractedAt : undefined;
    const recordedAt = stixTime(props.recordedAt);
    const recordedStamps = stampsOf(
      props,
      { first: recordedAt, last: recordedAt },
      props.date ?? props.since,
    );
    const stamps = retracted ? revokedStamps(recordedStamps, retracted) : recordedStamps;
    const refs = refsFor(props.sources);
    const common = {
      spec_version: '2.1',
      ...stamps,
      ...(retracted ? { revoked: true } : {}),
      ...(typeof props.confidence === 'number' ? { confidence: props.confidence } : {}),
      ...(refs.length ? { external_references: refs } : {}),
      ...markingRefs(props, usedMarkings),
    };
    if (r.type === 'DENIED') {
      // A denial is the denier's strong disagreement with a statement or an operation's
      // attribution: STIX's opinion, by the denier, with the denial's words as explanation.
      const denier = partyOf.refOf(source);
      objects.push({
        type: 'opinion',
        id: stixIdOf('opinion', r.id),
        ...common,
        ...(denier ? { created_by_ref: denier } : {}),
        opinion: 'strongly-disagree',
        object_refs: [stixIdByNode.get(target)],
        ...(typeof props.evidence === 'string' ? { explanation: props.evidence } : {}),
        x_attribution_graph_id: r.id,
        x_attribution_graph_type: r.type,
        x_attribution_graph_properties: {
          ...without(props, NATIVE_ON_RELATIONSHIPS),
          // The denier is the opinion's author; an asserter other than the denier is ours.
          ...(props.assertedBy !== undefined && props.assertedBy !== source
            ? { assertedBy: props.assertedBy }
            : {}),
          // An opinion has no period of its own: a denial's stays ours.
          ...(props.since !== undefined ? { since: props.since } : {}),
          ...(props.until !== undefined ? { until: props.until } : {}),
        },
      });
      objects.push(...disputeOpinions(r, stixIdOf('opinion', r.id), partyOf, stamps));
      continue;
    }
    const id = stixIdOf('relationship', r.id);
    const asserter = partyOf.refOf(props.assertedBy);
    const period = periodOf(props, ['start_time', 'stop_time']);
    objects.push({
      type: 'relationship',
      id,
      ...common,
      ...(asserter ? { created_by_ref: asserter } : {}),
      relationship_type: spec.stix,
      source_ref: stixIdByNode.get(source),
      target_ref: stixIdByNode.get(target),
      ...(typeof props.evidence === 'string' ? { description: props.evidence } : {}),
      ...period.native,
      x_attribution_graph_id: r.id,
      x_attribution_graph_type: r.type,
      x_attribution_graph_properties: {
        ...without(props, NATIVE_ON_RELATIONSHIPS),
        ...period.keep,
        // An asserter that is no party (not a State, Organisation or Person) stays ours.
        ...(props.assertedBy !== undefined && !asserter ? { assertedBy: props.assertedBy } : {}),
      },
    });
    const note = evidenceNote(r, id, asserter, refsFor, stamps);
    if (note) objects.push(note);
    objects.push(...disputeOpinions(r, id, partyOf, stamps));
  }
  objects.push(...partyOf.identities());
  fillReports(objects);
  for (const marking of usedMarkings) objects.push(markingDefinition(marking));
  objects.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const bundleId = `bundle--${uuidv5(objects.map((o) => String(o.id)).join(','), NAMESPACE)}`;
  return { type: 'bundle', id: bundleId, objects };
}
