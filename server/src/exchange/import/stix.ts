// STIX 2.0 / 2.1 bundles (such as MITRE ATT&CK) to an ImportBatch.
import { z } from 'zod';
import {
  labelOfStix,
  NODE_LABELS,
  RELATIONSHIP_TYPES,
  relationshipOfStix,
  type NodeLabel,
  type RelationshipType,
} from '../../model/model';
import { describeZodError } from '../../errors';
import { appendAll, countSkip, ImportError, type ImportBatch, type IncomingNode } from './batch';
import { country, sourceIdFor } from './names';
import { customProperties, isPlainObject } from './custom-properties';
import { readNativeProvenance } from './stix-native';
import { markingOfStixRefs } from '../tlp';

const text = z.string().optional();
const externalReference = z.object({
  source_name: z.string(),
  url: text,
  external_id: text,
  description: text,
});

/**
 * The fields of a STIX object this reader uses, with their types: an object whose fields do
 * not fit is skipped with the reason, never half-read. Other fields are dropped here.
 */
const stixObjectSchema = z.object({
  type: z.string(),
  id: z.string(),
  name: text,
  description: text,
  aliases: z.array(z.string()).optional(),
  x_mitre_aliases: z.array(z.string()).optional(),
  x_mitre_version: text,
  revoked: z.boolean().optional(),
  x_mitre_deprecated: z.boolean().optional(),
  external_references: z.array(externalReference).optional(),
  identity_class: text,
  country: text,
  first_seen: text,
  last_seen: text,
  published: text,
  content: text,
  abstract: text,
  explanation: text,
  /** The identity of the claim's author: its asserter (a relationship), denier (an opinion). */
  created_by_ref: text,
  opinion: text,
  object_refs: z.array(z.string()).optional(),
  relationship_type: text,
  source_ref: text,
  target_ref: text,
  created: text,
  modified: text,
  start_time: text,
  stop_time: text,
  /** STIX 2.1's confidence, 0–100: the claim's confidence as its producer gives it. */
  confidence: z.number().int().min(0).max(100).optional(),
  spec_version: text,
  /** TLP marking-definition ids (1.0 or 2.0): the object's marking. */
  object_marking_refs: z.array(z.string()).optional(),
  /** Set by attribution-graph's own export, so a round trip keeps ids, labels and types. */
  x_attribution_graph_id: text,
  x_attribution_graph_label: z.enum(NODE_LABELS).optional(),
  x_attribution_graph_type: z.enum(RELATIONSHIP_TYPES as [RelationshipType]).optional(),
  x_attribution_graph_properties: z.unknown().optional(),
});
type StixObject = z.infer<typeof stixObjectSchema>;

/** Relationships our own export carries inside a note (ABOUT and MADE), ids included. */
const CARRIED = ['aboutRels', 'madeRels'] as const;
const carriedRelationship = z.looseObject({
  id: z.string(),
  source: z.string(),
  target: z.string(),
});

/** The timestamp our own export writes where STIX requires one and the graph has none. */
const OUR_EPOCH = '2000-01-01T00:00:00.000Z';

const DATE = (s?: string) => (s ? s.slice(0, 10) : undefined);

/** The object's TLP marking, when its object_marking_refs name one (the strictest wins). */
function markingOf(o: StixObject): { marking?: string } {
  const marking = markingOfStixRefs(o.object_marking_refs);
  return marking ? { marking } : {};
}

/**
 * A STIX record's own created/modified times are metadata about the record, never the date
 * of the claim it carries (DESIGN.md, "Four times"): they are kept under their own names.
 * Our own exports carry no real record times (theirs are derived from the claim's date).
 */
function recordTimes(o: StixObject): { recordCreated?: string; recordModified?: string } {
  if (o.x_attribution_graph_id) return {};
  return {
    ...(o.created ? { recordCreated: o.created } : {}),
    ...(o.modified ? { recordModified: o.modified } : {}),
  };
}
/** A list of strings, or undefined for anything else. */
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;

function externalIds(o: StixObject): { attackId?: string } {
  const attack = o.external_references?.find(
    (r) => r.source_name === 'mitre-attack' && r.external_id,
  );
  return attack?.external_id ? { attackId: attack.external_id } : {};
}

const bundleSchema = z.object({
  type: z.literal('bundle'),
  id: z.string().optional(),
  objects: z.array(z.unknown()),
});

/** The objects of a bundle that fit the schema; the others are counted as skipped. */
function readObjects(file: string, raw: unknown[], batch: Pick<ImportBatch, 'skipped'>) {
  const objects: StixObject[] = [];
  const invalidIds: string[] = [];
  const seen = new Map<string, number>();
  for (const item of raw) {
    const parsed = stixObjectSchema.safeParse(item);
    const id = isPlainObject(item) && typeof item.id === 'string' ? item.id : undefined;
    if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
    if (parsed.success) objects.push(parsed.data);
    else {
      const type = isPlainObject(item) && typeof item.type === 'string' ? item.type : 'object';
      countSkip(batch, `${type.slice(0, 60)} not valid (${describeZodError(parsed.error)})`);
      if (id !== undefined) invalidIds.push(id);
    }
  }
  // STIX lets a bundle hold several versions of one object; this reader does not pick one.
  const repeated = [...seen].filter(([, n]) => n > 1);
  if (repeated.length)
    throw new ImportError(
      file,
      `${repeated.length} STIX id(s) appear more than once, so nothing was imported (keep one version of each): ${repeated
        .slice(0, 10)
        .map(([id, n]) => `${id} (${n} times)`)
        .join('; ')}${repeated.length > 10 ? '; …' : ''}`,
      422,
    );
  return { objects, invalidIds };
}

export function parseStixBundle(file: string, text: string, datasetName?: string): ImportBatch {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(file, `not valid JSON: ${(error as Error).message}`);
  }
  const parsedBundle = bundleSchema.safeParse(json);
  if (!parsedBundle.success)
    throw new ImportError(
      file,
      `not a STIX bundle (expected {"type": "bundle", "objects": [...]}; ${describeZodError(parsedBundle.error)})`,
    );
  const bundle = parsedBundle.data;
  const skipped: ImportBatch['skipped'] = {};
  const { objects, invalidIds } = readObjects(file, bundle.objects, { skipped });
  const native = readNativeProvenance(objects);
  const inBundle = new Set(objects.map((o) => o.id));
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const version =
    typeof collection?.x_mitre_version === 'string' ? collection.x_mitre_version : undefined;
  const name = datasetName ?? collection?.name ?? `STIX bundle ${bundle.id ?? file}`;
  const dataset = {
    sourceId: sourceIdFor(`dataset:${bundle.id ?? name}${version ? `@${version}` : ''}`),
    name: version ? `${name} ${version}` : name,
    ...(version ? { version } : {}),
  };
  const batch: ImportBatch = { dataset, nodes: [], relationships: [], skipped, dangling: [] };
  const datasetNode: IncomingNode = {
    key: dataset.sourceId,
    label: 'Source',
    preferredId: dataset.sourceId,
    props: {
      name: dataset.name,
      description: `Imported STIX dataset (${bundle.id ?? 'no bundle id'})`,
    },
  };
  batch.nodes.push(datasetNode);

  const sources = new Map<string, IncomingNode>();
  const sourceRefs = (o: StixObject): string[] => {
    const ids = [dataset.sourceId];
    for (const ref of o.external_references ?? []) {
      // A report's first reference is the Source itself, not a source of it.
      if (ref.external_id && ref.external_id === o.x_attribution_graph_id) continue;
      if (ref.external_id?.startsWith('source:')) {
        // Our own export: the reference is a Source node of the graph.
        ids.push(ref.external_id);
        if (!sources.has(ref.external_id))
          sources.set(ref.external_id, {
            key: ref.external_id,
            label: 'Source',
            preferredId: ref.external_id,
            props: { name: ref.source_name, ...(ref.url ? { url: ref.url } : {}) },
          });
        continue;
      }
      if (!ref.url) continue;
      const id = sourceIdFor(ref.url);
      ids.push(id);
      const name = ref.description?.replace(/\s+/g, ' ').slice(0, 300) || ref.source_name;
      const known = sources.get(id);
      if (!known)
        sources.set(id, {
          key: id,
          label: 'Source',
          preferredId: id,
          props: { name, url: ref.url },
        });
      // Descriptions cite a reference by its source_name ("(Citation: Check Point APT31
      // February 2021)"): kept as an alias, the explorer links the marker to this Source.
      const source = known ?? sources.get(id)!;
      const aliases = (source.props.aliases as string[] | undefined) ?? [];
      if (ref.source_name !== source.props.name && !aliases.includes(ref.source_name))
        source.props.aliases = [...aliases, ref.source_name];
    }
    return [...new Set(ids)];
  };

  // Relationships to an object that was not valid count as skipped, not as dangling.
  const labels = new Map<string, NodeLabel | 'skipped'>(invalidIds.map((id) => [id, 'skipped']));
  for (const o of objects) {
    if (o.type === 'relationship' || o.type === 'bundle') continue;
    // Read as claims' provenance (denials, disputes, evidence quotes), or as a State's identity.
    if (native.denials.has(o.id) || native.consumed.has(o.id)) continue;
    if (native.nationsOfLocations.has(o.id)) continue;
    // Our own export revokes a retracted claim node (a Statement): it comes back retracted.
    const retractedClaim = Boolean(o.revoked && o.x_attribution_graph_id);
    if ((o.revoked && !retractedClaim) || o.x_mitre_deprecated) {
      countSkip(batch, 'revoked or deprecated');
      labels.set(o.id, 'skipped');
      continue;
    }
    // An identity of a nation (outside STIX's suggested classes) is a State.
    const nation = o.type === 'identity' && o.identity_class === 'nation';
    const label = o.x_attribution_graph_label ?? (nation ? 'State' : labelOfStix(o));
    if (!label) {
      countSkip(
        batch,
        `type not in the model: ${o.type}${o.type === 'location' ? ' (not a country)' : ''}`,
      );
      labels.set(o.id, 'skipped');
      continue;
    }
    labels.set(o.id, label);
    const own = customProperties(o.x_attribution_graph_properties, batch, CARRIED);
    const aliases = [...new Set([...(o.aliases ?? []), ...(o.x_mitre_aliases ?? [])])].filter(
      (a) => a !== o.name,
    );
    const props: IncomingNode['props'] = {
      ...own,
      name: o.name ?? o.abstract ?? (typeof own.name === 'string' ? own.name : o.id),
      ...(o.description && !own.description ? { description: o.description } : {}),
      ...(aliases.length && !own.aliases ? { aliases } : {}),
      stixId: o.id,
      ...externalIds(o),
      sources: strings(own.sources) ?? sourceRefs(o).filter((s) => s !== dataset.sourceId),
      dataset: [dataset.sourceId],
      ...markingOf(o),
      ...recordTimes(o),
      ...(retractedClaim && !own.retractedAt ? { retractedAt: o.modified } : {}),
    };
    if (label === 'State') {
      const c = country(o.country ?? o.name ?? '');
      // Our own export writes a State it has no ISO code for (a fictional one) as country ZZ:
      // it comes back by its id, without a code. Another producer's unknown country is skipped.
      if (!c && !o.x_attribution_graph_id) {
        countSkip(batch, 'location with an unknown country');
        labels.set(o.id, 'skipped');
        continue;
      }
      if (c) Object.assign(props, { iso2: c.iso2, name: o.name ?? c.name });
    }
    // The period: first/last seen, unless our own export kept a year's or month's precision.
    // (The model gives a period to operations only: an intrusion set's is not kept.)
    if (label === 'Operation' && !own.since && o.first_seen) props.since = DATE(o.first_seen);
    if (label === 'Operation' && !own.until && o.last_seen) props.until = DATE(o.last_seen);
    if (label === 'Capability' && !own.kind) props.kind = o.type === 'tool' ? 'tool' : 'malware';
    if (label === 'Statement' && !own.text)
      props.text = o.content ?? o.explanation ?? String(o.opinion ?? o.name ?? '');
    if (label === 'Statement' && own.verbatim === undefined) props.verbatim = false;
    // STIX requires a report's published: our export writes its fixed epoch for a source
    // without a date, which is no date.
    const published =
      o.x_attribution_graph_id && o.published === OUR_EPOCH ? undefined : o.published;
    if (label === 'Source' && !own.published && published) props.published = DATE(published);
    batch.nodes.push({
      key: o.id,
      label,
      props,
      ...(o.x_attribution_graph_id ? { preferredId: o.x_attribution_graph_id } : {}),
    });

    // A note or opinion is ABOUT the objects it refers to, and MADE by its authors. Our own
    // export carries both relationships whole, ids and provenance included.
    delete props.aboutRels;
    delete props.madeRels;
    if (label === 'Statement') {
      const carried = (key: (typeof CARRIED)[number]) => {
        if (own[key] === undefined) return undefined;
        const parsed = z.array(carriedRelationship).safeParse(own[key]);
        if (parsed.success) return parsed.data;
        countSkip(batch, `${key} not valid (${describeZodError(parsed.error)})`);
        return [];
      };
      const about = carried('aboutRels');
      const made = carried('madeRels');
      const rel = (type: 'ABOUT' | 'MADE', r: z.infer<typeof carriedRelationship>) => {
        const { id, source, target, type: _type, ...carriedProps } = r;
        const rest = customProperties(carriedProps, batch);
        batch.relationships.push({
          type,
          from: source,
          to: target,
          props: { ...rest, sources: strings(rest.sources) ?? sourceRefs(o) },
          preferredId: id,
          ...(typeof rest.assertedBy === 'string' ? { assertedByKey: rest.assertedBy } : {}),
        });
      };
      if (about) about.forEach((r) => rel('ABOUT', r));
      else
        for (const ref of o.object_refs ?? [])
          batch.relationships.push({
            type: 'ABOUT',
            from: o.id,
            to: ref,
            props: { sources: sourceRefs(o), dataset: dataset.sourceId },
          });
      if (made) made.forEach((r) => rel('MADE', r));
      else if (o.created_by_ref && inBundle.has(o.created_by_ref))
        // Another producer's note or opinion: its author made it.
        batch.relationships.push({
          type: 'MADE',
          from: native.partyKey(o.created_by_ref)!,
          to: o.id,
          props: { sources: sourceRefs(o), dataset: dataset.sourceId },
        });
    }
  }
  appendAll(batch.nodes, sources.values());

  // Claims: relationships, and the opinions that are denials (author -DENIED-> what it refers to).
  for (const o of objects) {
    const denial = native.denials.has(o.id);
    if (o.type !== 'relationship' && !denial) continue;
    // Our own export revokes a claim its asserter withdrew: it comes back retracted, as of
    // then. Another producer's revoked object is an old version of a record: skipped.
    const retracted = Boolean(o.revoked && o.x_attribution_graph_id);
    if ((o.revoked && !retracted) || o.x_mitre_deprecated) {
      countSkip(batch, 'revoked or deprecated');
      continue;
    }
    const fromKey = denial ? native.partyKey(o.created_by_ref) : o.source_ref;
    const toKey = denial ? o.object_refs?.[0] : o.target_ref;
    const stixType = denial ? 'denied' : o.relationship_type;
    const from = fromKey ? labels.get(fromKey) : undefined;
    const to = toKey ? labels.get(toKey) : undefined;
    if (from === undefined || to === undefined) {
      for (const ref of [fromKey, toKey])
        if (ref && !labels.has(ref)) batch.dangling.push(`${o.id} -> ${ref}`);
      continue;
    }
    if (from === 'skipped' || to === 'skipped') {
      countSkip(batch, `relationship to a skipped object (${stixType ?? '?'})`);
      continue;
    }
    const own = customProperties(o.x_attribution_graph_properties, batch);
    const type = o.x_attribution_graph_type ?? relationshipOfStix(stixType ?? '', from, to);
    if (!type) {
      countSkip(batch, `relationship type not mapped: ${stixType ?? '?'} (${from} -> ${to})`);
      continue;
    }
    // Who asserts it: ours where we kept it, else the record's author (a denial's is the denier).
    const assertedBy =
      typeof own.assertedBy === 'string'
        ? own.assertedBy
        : denial
          ? undefined
          : native.partyKey(o.created_by_ref);
    const note = native.evidence.get(o.id);
    const quote = note?.content ?? (denial ? o.explanation : o.description);
    const disputers = native.disputes.get(o.id);
    batch.relationships.push({
      type,
      from: fromKey!,
      to: toKey!,
      props: {
        ...own,
        sources: [
          ...new Set([
            ...(strings(own.sources) ?? []),
            ...sourceRefs(o),
            ...(note ? sourceRefs(note) : []),
          ]),
        ],
        ...(quote && !own.evidence ? { evidence: quote.replace(/\s+/g, ' ').slice(0, 500) } : {}),
        // The period the claim is about, where STIX gives one; otherwise it stays undated.
        ...(o.start_time && !own.since ? { since: DATE(o.start_time) } : {}),
        ...(o.stop_time && !own.until ? { until: DATE(o.stop_time) } : {}),
        ...(o.confidence !== undefined && own.confidence === undefined
          ? { confidence: o.confidence }
          : {}),
        ...(retracted && !own.retractedAt ? { retractedAt: o.modified } : {}),
        ...recordTimes(o),
        ...markingOf(o),
        stixId: o.id,
        dataset: dataset.sourceId,
      },
      ...(assertedBy ? { assertedByKey: assertedBy } : {}),
      ...(disputers ? { disputedByKeys: disputers } : {}),
      ...(o.x_attribution_graph_id ? { preferredId: o.x_attribution_graph_id } : {}),
    });
  }
  return batch;
}
