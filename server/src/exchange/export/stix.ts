// The graph (or part of it) as a STIX 2.1 bundle: deterministic ids (UUIDv5 of our ids),
// provenance as external references, statements as notes. What STIX has no field for
// travels in x_attribution_graph_* properties, so export -> import gives the graph back.
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

/** Namespace for attribution-graph's STIX ids (a fixed random UUID). */
const NAMESPACE = '3f2b7c1e-9a4d-4c1b-8e55-6d2f0a9b7c31';
/** STIX requires timestamps; a fixed one keeps exports byte-for-byte repeatable. */
const EPOCH = '2000-01-01T00:00:00.000Z';

function stixIdOf(type: string, ourId: string): string {
  return `${type}--${uuidv5(ourId, NAMESPACE)}`;
}

function timestamp(date: unknown): string {
  if (typeof date !== 'string' || !/^\d{4}/.test(date)) return EPOCH;
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}T00:00:00.000Z`;
}

/**
 * The part of the graph to export: these nodes and the relationships among them (only those
 * listed in `relationshipIds` when given: a view's visible ones), plus their sources.
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
     CALL (ns, rels) {
       UNWIND ns AS n
       WITH coalesce(n.sources, []) AS s
       UNWIND s AS sid RETURN collect(DISTINCT sid) AS nodeSources
     }
     CALL (rels) {
       UNWIND rels AS r
       UNWIND r.sources AS sid RETURN collect(DISTINCT sid) AS relSources
     }
     OPTIONAL MATCH (src:Source) WHERE src.id IN nodeSources + relSources AND ${visible('src')}
     RETURN ns, rels, collect(src) AS sources`,
    { ids: ids ?? null, rels: relationshipIds ?? null, visible: visibleParam(clearance) },
  );
  const row = rows[0];
  const graph = collectGraph(row ? [row.ns, row.rels] : []);
  const sources = collectGraph(row ? [row.sources] : []).nodes;
  return { ...graph, sources };
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
  const { nodes, relationships, sources } = await readGraph(db, clearance, ids, relationshipIds);
  const usedMarkings = new Set<Marking>();
  const allSources = new Map(
    [...sources, ...nodes.filter((n) => n.label === 'Source')].map((s) => [s.id, s]),
  );
  const stixIdByNode = new Map(
    nodes.map((n) => [n.id, stixIdOf(LABELS[n.label as NodeLabel]?.stix ?? 'x-unknown', n.id)]),
  );
  const refsFor = (sourceIds: unknown) =>
    (Array.isArray(sourceIds) ? (sourceIds as string[]) : [])
      .map((id) => allSources.get(id))
      .filter((s): s is GraphNode => Boolean(s))
      .map((s) => ({
        source_name: s.name,
        external_id: s.id,
        ...(typeof s.url === 'string' ? { url: s.url } : {}),
      }));

  // ABOUT and MADE travel inside the notes (object_refs and our own properties).
  const aboutOf = new Map<string, GraphRelationship[]>();
  const madeBy = new Map<string, GraphRelationship[]>();
  for (const r of relationships) {
    if (r.type === 'ABOUT') aboutOf.set(r.source, [...(aboutOf.get(r.source) ?? []), r]);
    if (r.type === 'MADE') madeBy.set(r.target, [...(madeBy.get(r.target) ?? []), r]);
  }

  const objects: Record<string, unknown>[] = [];
  for (const n of nodes) {
    const label = n.label as NodeLabel;
    const type = LABELS[label].stix;
    const { id: _id, label: _label, ...props } = n;
    const base: Record<string, unknown> = {
      type,
      spec_version: '2.1',
      id: stixIdByNode.get(n.id),
      created: timestamp(props.published ?? props.date ?? props.since),
      modified: timestamp(props.published ?? props.date ?? props.since),
      external_references: refsFor(props.sources),
      ...markingRefs(props, usedMarkings),
      x_attribution_graph_id: n.id,
      x_attribution_graph_label: label,
      x_attribution_graph_properties: {
        ...props,
        ...(label === 'Statement'
          ? { aboutRels: aboutOf.get(n.id) ?? [], madeRels: madeBy.get(n.id) ?? [] }
          : {}),
      },
    };
    if (!(base.external_references as unknown[]).length) delete base.external_references;
    // A retracted Statement (a claim) is revoked as of its retraction, like a retracted relationship.
    if (typeof props.retractedAt === 'string')
      Object.assign(base, { modified: props.retractedAt, revoked: true });
    // Most STIX objects are named and described; the cases below add or replace what their
    // type has of its own. A label the switch does not know (a new one) still travels whole.
    Object.assign(base, {
      name: n.name,
      ...(typeof props.description === 'string' ? { description: props.description } : {}),
    });
    switch (label) {
      case 'Actor':
        if (Array.isArray(props.aliases)) base.aliases = props.aliases;
        break;
      case 'State':
        base.country = typeof props.iso2 === 'string' ? props.iso2 : 'ZZ';
        break;
      case 'Organisation':
      case 'Person':
        base.identity_class = label === 'Person' ? 'individual' : 'organization';
        break;
      case 'Operation':
        if (props.since) base.first_seen = timestamp(props.since);
        break;
      case 'Statement': {
        delete base.name;
        delete base.description;
        const refs = (aboutOf.get(n.id) ?? [])
          .map((r) => stixIdByNode.get(r.target))
          .filter(Boolean);
        Object.assign(base, {
          abstract: n.name,
          content: typeof props.text === 'string' ? props.text : n.name,
          object_refs: refs.length ? refs : [base.id],
        });
        break;
      }
      case 'Source':
        Object.assign(base, {
          published: timestamp(props.published),
          report_types: ['threat-report'],
          object_refs: [base.id],
          external_references: [
            {
              source_name: n.name,
              external_id: n.id,
              ...(typeof props.url === 'string' ? { url: props.url } : {}),
            },
          ],
        });
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
    objects.push(base);
  }
  for (const r of relationships) {
    if (r.type === 'ABOUT' || r.type === 'MADE') continue; // carried by the notes
    const spec = RELATIONSHIPS[r.type as RelationshipType];
    const { id: _id, type: _type, source, target, ...props } = r;
    // A retracted claim is one its asserter no longer holds: STIX's revoked, as of then.
    const retracted = typeof props.retractedAt === 'string' ? props.retractedAt : undefined;
    objects.push({
      type: 'relationship',
      spec_version: '2.1',
      id: stixIdOf('relationship', r.id),
      created: timestamp(props.date ?? props.since),
      modified: retracted ?? timestamp(props.date ?? props.since),
      ...(retracted ? { revoked: true } : {}),
      relationship_type: spec.stix,
      source_ref: stixIdByNode.get(source),
      target_ref: stixIdByNode.get(target),
      ...(typeof props.evidence === 'string' ? { description: props.evidence } : {}),
      ...(typeof props.confidence === 'number' ? { confidence: props.confidence } : {}),
      ...(refsFor(props.sources).length ? { external_references: refsFor(props.sources) } : {}),
      ...markingRefs(props, usedMarkings),
      x_attribution_graph_id: r.id,
      x_attribution_graph_type: r.type,
      x_attribution_graph_properties: props,
    });
  }
  for (const marking of usedMarkings) objects.push(markingDefinition(marking));
  objects.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const bundleId = `bundle--${uuidv5(objects.map((o) => String(o.id)).join(','), NAMESPACE)}`;
  return { type: 'bundle', id: bundleId, objects };
}
