// STIX 2.0 / 2.1 bundles (such as MITRE ATT&CK) to an ImportBatch.
import {
  labelOfStix,
  relationshipOfStix,
  type NodeLabel,
  type RelationshipType,
} from '../../model/model';
import { countSkip, ImportError, type ImportBatch, type IncomingNode } from './batch';
import { country, sourceIdFor } from './names';

interface StixObject {
  type: string;
  id: string;
  name?: string;
  description?: string;
  aliases?: string[];
  x_mitre_aliases?: string[];
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  external_references?: {
    source_name: string;
    url?: string;
    external_id?: string;
    description?: string;
  }[];
  identity_class?: string;
  country?: string;
  first_seen?: string;
  last_seen?: string;
  published?: string;
  content?: string;
  explanation?: string;
  opinion?: string;
  object_refs?: string[];
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
  created?: string;
  modified?: string;
  start_time?: string;
  stop_time?: string;
  spec_version?: string;
  /** Set by attribution-graph's own export, so a round trip keeps ids, labels and types. */
  x_attribution_graph_id?: string;
  x_attribution_graph_label?: string;
  x_attribution_graph_type?: string;
  x_attribution_graph_properties?: Record<string, unknown>;
  [key: string]: unknown;
}

const DATE = (s?: string) => (s ? s.slice(0, 10) : undefined);

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

function externalIds(o: StixObject): { attackId?: string } {
  const attack = o.external_references?.find(
    (r) => r.source_name === 'mitre-attack' && r.external_id,
  );
  return attack?.external_id ? { attackId: attack.external_id } : {};
}

export function parseStixBundle(file: string, text: string, datasetName?: string): ImportBatch {
  let bundle: { type?: string; id?: string; objects?: StixObject[]; spec_version?: string };
  try {
    bundle = JSON.parse(text) as typeof bundle;
  } catch (error) {
    throw new ImportError(file, `not valid JSON: ${(error as Error).message}`);
  }
  if (bundle?.type !== 'bundle' || !Array.isArray(bundle.objects))
    throw new ImportError(
      file,
      'not a STIX bundle (expected {"type": "bundle", "objects": [...]})',
    );
  const objects = bundle.objects.filter(
    (o): o is StixObject => typeof o?.type === 'string' && typeof o.id === 'string',
  );
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const version =
    typeof collection?.x_mitre_version === 'string' ? collection.x_mitre_version : undefined;
  const name = datasetName ?? collection?.name ?? `STIX bundle ${bundle.id ?? file}`;
  const dataset = {
    sourceId: sourceIdFor(`dataset:${bundle.id ?? name}${version ? `@${version}` : ''}`),
    name: version ? `${name} ${version}` : name,
    ...(version ? { version } : {}),
  };
  const batch: ImportBatch = { dataset, nodes: [], relationships: [], skipped: {}, dangling: [] };
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

  const labels = new Map<string, NodeLabel | 'skipped'>();
  for (const o of objects) {
    if (o.type === 'relationship' || o.type === 'bundle') continue;
    if (o.revoked || o.x_mitre_deprecated) {
      countSkip(batch, 'revoked or deprecated');
      labels.set(o.id, 'skipped');
      continue;
    }
    const label = (o.x_attribution_graph_label as NodeLabel | undefined) ?? labelOfStix(o);
    if (!label) {
      countSkip(
        batch,
        `type not in the model: ${o.type}${o.type === 'location' ? ' (not a country)' : ''}`,
      );
      labels.set(o.id, 'skipped');
      continue;
    }
    labels.set(o.id, label);
    const own = o.x_attribution_graph_properties ?? {};
    const aliases = [...new Set([...(o.aliases ?? []), ...(o.x_mitre_aliases ?? [])])].filter(
      (a) => a !== o.name,
    );
    const props: IncomingNode['props'] = {
      ...own,
      name: o.name ?? (typeof own.name === 'string' ? own.name : o.id),
      ...(o.description && !own.description ? { description: o.description } : {}),
      ...(aliases.length && !own.aliases ? { aliases } : {}),
      stixId: o.id,
      ...externalIds(o),
      sources: sourceRefs(o).filter((s) => s !== dataset.sourceId),
      dataset: [dataset.sourceId],
      ...recordTimes(o),
    };
    if (label === 'State') {
      const c = country(o.country ?? o.name ?? '');
      if (!c) {
        countSkip(batch, 'location with an unknown country');
        labels.set(o.id, 'skipped');
        continue;
      }
      Object.assign(props, { iso2: c.iso2, name: o.name ?? c.name });
    }
    if (label === 'Operation' && !own.since) {
      if (o.first_seen) props.since = DATE(o.first_seen);
      if (o.last_seen) props.until = DATE(o.last_seen);
    }
    if (label === 'Capability' && !own.kind) props.kind = o.type === 'tool' ? 'tool' : 'malware';
    if (label === 'Statement' && !own.text) {
      props.text = o.content ?? o.explanation ?? String(o.opinion ?? o.name ?? '');
      props.verbatim = false;
    }
    if (label === 'Source' && !own.published && o.published) props.published = DATE(o.published);
    batch.nodes.push({
      key: o.id,
      label,
      props,
      ...(o.x_attribution_graph_id ? { preferredId: o.x_attribution_graph_id } : {}),
    });

    // A note or opinion is ABOUT the objects it refers to, and MADE by its authors. Our own
    // export carries both relationships whole, ids and provenance included.
    if (label === 'Statement') {
      type Carried = { id: string; source: string; target: string } & Record<string, unknown>;
      const carried = (key: string) =>
        Array.isArray(own[key]) ? (own[key] as Carried[]) : undefined;
      const about = carried('aboutRels');
      const made = carried('madeRels');
      delete props.aboutRels;
      delete props.madeRels;
      const rel = (type: 'ABOUT' | 'MADE', r: Carried) => {
        const { id, source, target, type: _type, ...rest } = r;
        batch.relationships.push({
          type,
          from: source,
          to: target,
          props: {
            ...rest,
            sources: Array.isArray(rest.sources) ? (rest.sources as string[]) : sourceRefs(o),
          },
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
      made?.forEach((r) => rel('MADE', r));
    }
  }
  batch.nodes.push(...sources.values());

  for (const o of objects) {
    if (o.type !== 'relationship') continue;
    if (o.revoked || o.x_mitre_deprecated) {
      countSkip(batch, 'revoked or deprecated');
      continue;
    }
    const from = o.source_ref ? labels.get(o.source_ref) : undefined;
    const to = o.target_ref ? labels.get(o.target_ref) : undefined;
    if (from === undefined || to === undefined) {
      for (const ref of [o.source_ref, o.target_ref])
        if (ref && !labels.has(ref)) batch.dangling.push(`${o.id} -> ${ref}`);
      continue;
    }
    if (from === 'skipped' || to === 'skipped') {
      countSkip(batch, `relationship to a skipped object (${o.relationship_type ?? '?'})`);
      continue;
    }
    const own = o.x_attribution_graph_properties ?? {};
    const type =
      (o.x_attribution_graph_type as RelationshipType | undefined) ??
      relationshipOfStix(o.relationship_type ?? '', from, to);
    if (!type) {
      countSkip(
        batch,
        `relationship type not mapped: ${o.relationship_type ?? '?'} (${from} -> ${to})`,
      );
      continue;
    }
    const assertedBy = typeof own.assertedBy === 'string' ? own.assertedBy : undefined;
    batch.relationships.push({
      type,
      from: o.source_ref!,
      to: o.target_ref!,
      props: {
        ...own,
        sources: [
          ...new Set([
            ...(Array.isArray(own.sources) ? (own.sources as string[]) : []),
            ...sourceRefs(o),
          ]),
        ],
        ...(o.description && !own.evidence
          ? { evidence: o.description.replace(/\s+/g, ' ').slice(0, 500) }
          : {}),
        // The period the claim is about, where STIX gives one; otherwise it stays undated.
        ...(o.start_time && !own.since ? { since: DATE(o.start_time) } : {}),
        ...(o.stop_time && !own.until ? { until: DATE(o.stop_time) } : {}),
        ...recordTimes(o),
        stixId: o.id,
        dataset: dataset.sourceId,
      },
      ...(assertedBy ? { assertedByKey: assertedBy } : {}),
      ...(o.x_attribution_graph_id ? { preferredId: o.x_attribution_graph_id } : {}),
    });
  }
  return batch;
}
