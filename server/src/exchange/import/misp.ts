// A MISP galaxy cluster of threat actors (misp-galaxy clusters/threat-actor.json) to an
// ImportBatch: actors with synonyms, suspected sponsors and victims, sectors, references.
import { z } from 'zod';
import { describeZodError } from '../../errors';
import { appendAll, countSkip, ImportError, type ImportBatch, type IncomingNode } from './batch';
import { isPlainObject } from './custom-properties';
import { country, sourceIdFor } from './names';
import { markingOfMispTag, strictest } from '../tlp';
import type { Marking } from '../../model/model';

/**
 * MISP tags as they appear on a cluster or value: `tags: ["tlp:amber"]` (misp-galaxy) or
 * `Tag: [{name: "tlp:amber"}]` (MISP's API).
 */
const tagsSchema = {
  tags: z.array(z.string()).optional(),
  Tag: z.array(z.object({ name: z.string() })).optional(),
};
/** The strictest TLP marking among the tags (tlp:white reads as CLEAR); others are ignored. */
function markingOfTags(o: {
  tags?: string[] | undefined;
  Tag?: { name: string }[] | undefined;
}): Marking[] {
  return [...(o.tags ?? []), ...(o.Tag ?? []).map((t) => t.name)].flatMap((tag) => {
    const marking = markingOfMispTag(tag);
    return marking ? [marking] : [];
  });
}

const strings = z.array(z.string()).optional();
/** The fields of a cluster value this reader uses; a value that does not fit is skipped. */
const mispValueSchema = z.object({
  value: z.string().optional(),
  uuid: z.string().optional(),
  description: z.string().optional(),
  meta: z
    .object({
      synonyms: strings,
      country: z.string().optional(),
      'cfr-suspected-state-sponsor': z.string().optional(),
      'cfr-suspected-victims': strings,
      'cfr-target-category': strings,
      refs: strings,
      /** The cluster's own confidence in the attribution, 0–100, where it gives one. */
      'attribution-confidence': z.union([z.string(), z.number()]).optional(),
    })
    .optional(),
  related: z
    .array(z.object({ 'dest-uuid': z.string().optional(), type: z.string().optional() }))
    .optional(),
  ...tagsSchema,
});
type MispValue = z.infer<typeof mispValueSchema>;

const clusterSchema = z.object({
  type: z.string().optional(),
  name: z.string().optional(),
  version: z.union([z.number(), z.string()]).optional(),
  uuid: z.string().optional(),
  values: z.array(z.unknown()),
  ...tagsSchema,
});

/** MISP's attribution-confidence ("50") as the claim's confidence; absent or malformed stays absent. */
function attributionConfidence(value: string | number | undefined): { confidence?: number } {
  const n =
    typeof value === 'number' ? value : value && /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 100 ? { confidence: n } : {};
}

/** The party that asserts what MISP says. */
const MISP_ORG = { key: 'org:misp-project', name: 'MISP Project' };

export function parseMispGalaxy(file: string, text: string): ImportBatch {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(file, `not valid JSON: ${(error as Error).message}`);
  }
  const parsedCluster = clusterSchema.safeParse(json);
  if (!parsedCluster.success)
    throw new ImportError(
      file,
      `not a MISP galaxy cluster (expected {"values": [...]}; ${describeZodError(parsedCluster.error)})`,
    );
  const cluster = parsedCluster.data;
  const skipped: ImportBatch['skipped'] = {};
  const values = readValues(file, cluster.values, { skipped });
  const version = cluster.version !== undefined ? String(cluster.version) : undefined;
  const name = `MISP galaxy: ${cluster.name ?? cluster.type ?? 'cluster'}${version ? ` ${version}` : ''}`;
  const dataset = {
    sourceId: sourceIdFor(`dataset:misp:${cluster.uuid ?? name}${version ? `@${version}` : ''}`),
    name,
    ...(version ? { version } : {}),
    url: 'https://github.com/MISP/misp-galaxy',
  };
  const batch: ImportBatch = { dataset, nodes: [], relationships: [], skipped, dangling: [] };
  batch.nodes.push(
    {
      key: dataset.sourceId,
      label: 'Source',
      preferredId: dataset.sourceId,
      props: { name, url: dataset.url, publisher: 'MISP Project' },
    },
    {
      key: MISP_ORG.key,
      label: 'Organisation',
      preferredId: MISP_ORG.key,
      props: { name: MISP_ORG.name, kind: 'company' },
    },
  );
  const known = new Set(values.map((v) => v.uuid).filter(Boolean));
  const sources = new Map<string, IncomingNode>();
  const states = new Map<string, IncomingNode>();
  const stateKey = (nameOrCode: string): string | undefined => {
    const c = country(nameOrCode);
    if (!c) return undefined;
    const key = `country:${c.iso2}`;
    // Resolve-only: a State is matched by ISO code or name, created only if none exists.
    if (!states.has(key))
      states.set(key, { key, label: 'State', props: { name: c.name, iso2: c.iso2 } });
    return key;
  };
  const base = { sources: [dataset.sourceId], dataset: dataset.sourceId };

  values.forEach((v) => {
    if (!v.value || !v.uuid) {
      countSkip(batch, 'value without a name or uuid');
      return;
    }
    const meta = v.meta ?? {};
    const refs = (meta.refs ?? []).filter((r) => /^https?:\/\//.test(r));
    for (const url of refs) {
      const id = sourceIdFor(url);
      if (!sources.has(id))
        sources.set(id, {
          key: id,
          label: 'Source',
          preferredId: id,
          props: { name: url.replace(/^https?:\/\//, '').slice(0, 200), url },
        });
    }
    const aliases = [...new Set((meta.synonyms ?? []).filter((s) => s && s !== v.value))];
    // The cluster's marking covers its values; a value's own tag may restrict it further.
    const marking = strictest([...markingOfTags(cluster), ...markingOfTags(v)]);
    const marked = marking ? { marking } : {};
    batch.nodes.push({
      key: v.uuid,
      label: 'Actor',
      props: {
        name: v.value,
        ...(aliases.length ? { aliases } : {}),
        ...(v.description ? { description: v.description } : {}),
        ...(meta['cfr-target-category']?.length ? { sectors: meta['cfr-target-category'] } : {}),
        mispUuid: v.uuid,
        sources: refs.map(sourceIdFor),
        dataset: [dataset.sourceId],
        ...marked,
      },
    });
    const sponsors = new Set<string>();
    for (const claimed of [meta.country, meta['cfr-suspected-state-sponsor']]) {
      if (!claimed) continue;
      const key = stateKey(claimed);
      if (key) sponsors.add(key);
      else countSkip(batch, 'unknown country name');
    }
    for (const key of sponsors)
      batch.relationships.push({
        type: 'SPONSORED_BY',
        from: v.uuid,
        to: key,
        props: { ...base, ...marked, ...attributionConfidence(meta['attribution-confidence']) },
        assertedByKey: MISP_ORG.key,
      });
    for (const victim of meta['cfr-suspected-victims'] ?? []) {
      const key = stateKey(victim);
      if (key)
        batch.relationships.push({
          type: 'TARGETED',
          from: v.uuid,
          to: key,
          props: { ...base, ...marked },
          assertedByKey: MISP_ORG.key,
        });
      else countSkip(batch, 'victim that is not a country');
    }
    for (const link of v.related ?? []) {
      const dest = link['dest-uuid'];
      if (!dest) continue;
      if (!known.has(dest)) {
        countSkip(batch, 'related link to another MISP cluster');
        continue;
      }
      batch.relationships.push({
        type: 'RELATED_TO',
        from: v.uuid,
        to: dest,
        props: { ...base, ...marked, ...(link.type ? { relation: link.type } : {}) },
        assertedByKey: MISP_ORG.key,
      });
    }
  });
  appendAll(batch.nodes, sources.values());
  appendAll(batch.nodes, states.values());
  return batch;
}

/** The values that fit the schema (others counted as skipped); a repeated uuid stops the import. */
function readValues(file: string, raw: unknown[], batch: Pick<ImportBatch, 'skipped'>) {
  const values: MispValue[] = [];
  const seen = new Map<string, number>();
  for (const item of raw) {
    const parsed = mispValueSchema.safeParse(item);
    if (isPlainObject(item) && typeof item.uuid === 'string')
      seen.set(item.uuid, (seen.get(item.uuid) ?? 0) + 1);
    if (parsed.success) values.push(parsed.data);
    else countSkip(batch, `value not valid (${describeZodError(parsed.error)})`);
  }
  const repeated = [...seen].filter(([, n]) => n > 1);
  if (repeated.length)
    throw new ImportError(
      file,
      `${repeated.length} uuid(s) appear more than once, so nothing was imported: ${repeated
        .slice(0, 10)
        .map(([id, n]) => `${id} (${n} times)`)
        .join('; ')}${repeated.length > 10 ? '; …' : ''}`,
      422,
    );
  return values;
}
