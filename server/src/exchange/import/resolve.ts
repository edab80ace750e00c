// Entity resolution: which incoming nodes are nodes the graph already has. External ids
// (STIX id, ATT&CK id, MISP uuid) decide first; then, for states, the ISO code; then names,
// ranked: primary name = primary name beats a name that is only someone's alias. Only a tie
// at the best rank is ambiguous: it is never guessed; the node is created on its own and the
// case goes to the review list. A person's decision on it (workbench/review.ts) is followed
// by the next import of the same object, before names are compared.
import type { ReviewItem } from '../../contract/exchange';
import { LABELS, type NodeLabel } from '../../model/model';
import type { ImportBatch, IncomingNode } from './batch';
import { normalName, shortHash, slug } from './names';

export interface ExistingNode {
  id: string;
  label: NodeLabel;
  props: Record<string, unknown> & { name: string };
}

export interface Resolution {
  /** Incoming key -> graph id. */
  ids: Map<string, string>;
  /** Node rows to write (merged properties for existing nodes). */
  rows: { id: string; label: NodeLabel; props: Record<string, unknown>; merged: boolean }[];
  review: ReviewItem[];
}

const NAME_MATCHED: ReadonlySet<NodeLabel> = new Set(['Actor', 'State', 'Capability', 'Technique']);
const LIST_PROPS = ['aliases', 'sources', 'dataset', 'sectors', 'stixIds', 'mispUuids'];

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Normalised names with their rank: 0 for the primary name, 1 for an alias. */
function namesOf(props: Record<string, unknown>): { name: string; rank: 0 | 1 }[] {
  const primary = normalName(String(props.name));
  return [
    { name: primary, rank: 0 as const },
    ...strings(props.aliases)
      .map(normalName)
      .filter((a) => a !== primary)
      .map((name) => ({ name, rank: 1 as const })),
  ].filter((n) => n.name.length >= 2);
}

/** Mixed case reads best ("Zirconium"), then capitals ("APT31"), then lower case. */
function casingScore(name: string): number {
  const upper = name === name.toUpperCase();
  const lower = name === name.toLowerCase();
  return !upper && !lower ? 0 : upper ? 1 : 2;
}

/** A name's letters and digits in lower case, accents kept: "APT 31" and "apt31" spell alike. */
const spelling = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * One alias per name, compared as normalName compares (case, accents, spacing), keeping its
 * best-cased form; none that is the primary name again, except the name with its accents
 * ("Jan Lipavský" beside "Jan Lipavsky"): its proper spelling, not a repeat.
 */
export function dedupeAliases(name: string, aliases: readonly string[]): string[] {
  const primary = normalName(name);
  const best = new Map<string, string>();
  for (const alias of aliases) {
    const key = normalName(alias);
    if (!key || (key === primary && spelling(alias) === spelling(name))) continue;
    const kept = best.get(key);
    if (kept === undefined || casingScore(alias) < casingScore(kept)) best.set(key, alias);
  }
  return [...best.values()];
}

function externalKeys(props: Record<string, unknown>): string[] {
  const keys: string[] = [];
  if (typeof props.stixId === 'string') keys.push(`stix:${props.stixId}`);
  for (const id of strings(props.stixIds)) keys.push(`stix:${id}`);
  for (const id of strings(props.mispUuids)) keys.push(`misp:${id}`);
  if (typeof props.attackId === 'string') keys.push(`attack:${props.attackId}`);
  if (typeof props.mispUuid === 'string') keys.push(`misp:${props.mispUuid}`);
  return keys;
}

/** Existing properties win; lists are unioned; the incoming name becomes an alias. */
export function mergeProps(
  existing: ExistingNode['props'],
  incoming: IncomingNode['props'],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(incoming)) {
    if (LIST_PROPS.includes(key)) continue;
    if (out[key] === undefined || out[key] === null) out[key] = value;
  }
  for (const key of LIST_PROPS) {
    const union = [...new Set([...strings(existing[key]), ...strings(incoming[key])])];
    if (union.length) out[key] = union;
  }
  // Another dataset's STIX id for the same entity is kept too, so its next import finds it.
  if (typeof incoming.stixId === 'string' && incoming.stixId !== out.stixId) {
    const others = new Set([...strings(out.stixIds), incoming.stixId]);
    out.stixIds = [...others];
  }
  // The same for MISP: a cluster merged by name is found by its uuid next time, not by
  // names that may have become ambiguous meanwhile (CHRYSENE, an alias of two actors).
  if (typeof incoming.mispUuid === 'string' && incoming.mispUuid !== out.mispUuid) {
    const others = new Set([...strings(out.mispUuids), incoming.mispUuid]);
    out.mispUuids = [...others];
  }
  const aliases = dedupeAliases(existing.name, [...strings(out.aliases), incoming.name]);
  if (aliases.length) out.aliases = aliases;
  else delete out.aliases;
  return out;
}

export function resolve(
  batch: ImportBatch,
  existing: ExistingNode[],
  takenIds: ReadonlySet<string>,
  /** A person's decisions on earlier reviews: incoming key -> the node it is. */
  decisions: ReadonlyMap<string, string> = new Map(),
): Resolution {
  const byId = new Map(existing.map((n) => [n.id, n]));
  const byExternal = new Map<string, string>();
  const byName = new Map<string, Map<string, 0 | 1>>();
  const byIso = new Map<string, string>();
  const index = (n: ExistingNode) => {
    for (const key of externalKeys(n.props)) byExternal.set(key, n.id);
    if (NAME_MATCHED.has(n.label))
      for (const { name, rank } of namesOf(n.props)) {
        const key = `${n.label}:${name}`;
        const ids = byName.get(key) ?? new Map<string, 0 | 1>();
        ids.set(n.id, Math.min(rank, ids.get(n.id) ?? 1) as 0 | 1);
        byName.set(key, ids);
      }
    if (n.label === 'State' && typeof n.props.iso2 === 'string') byIso.set(n.props.iso2, n.id);
  };
  existing.forEach(index);

  const used = new Set(takenIds);
  const newId = (node: IncomingNode): string => {
    if (node.preferredId && !used.has(node.preferredId)) return node.preferredId;
    const base = `${LABELS[node.label].prefix}:${slug(node.props.name)}`;
    const id = used.has(base) ? `${base}-${shortHash(node.key, 6)}` : base;
    used.add(id);
    return id;
  };

  const resolution: Resolution = { ids: new Map(), rows: [], review: [] };
  const written = new Map<string, Resolution['rows'][number]>();
  for (const node of batch.nodes) {
    let target: string | undefined;
    let candidates: string[] = [];
    const external = externalKeys(node.props)
      .map((k) => byExternal.get(k))
      .find(Boolean);
    const decided = decisions.get(node.key);
    if (external) target = external;
    else if (node.preferredId && byId.has(node.preferredId)) target = node.preferredId;
    else if (decided && byId.has(decided)) target = decided;
    else if (
      node.label === 'State' &&
      typeof node.props.iso2 === 'string' &&
      byIso.has(node.props.iso2)
    )
      target = byIso.get(node.props.iso2);
    else if (NAME_MATCHED.has(node.label)) {
      // Rank of a match: 0 primary = primary, 1 one side's alias, 2 alias = alias.
      const rankOf = new Map<string, number>();
      for (const { name, rank } of namesOf(node.props))
        for (const [id, theirs] of byName.get(`${node.label}:${name}`) ?? [])
          rankOf.set(id, Math.min(rank + theirs, rankOf.get(id) ?? 2));
      const best = Math.min(...rankOf.values());
      candidates = [...rankOf].filter(([, r]) => r === best).map(([id]) => id);
      if (candidates.length === 1) target = candidates[0];
    }

    if (target && byId.has(target)) {
      const current = written.get(target) ?? {
        id: target,
        label: byId.get(target)!.label,
        props: byId.get(target)!.props,
        merged: true,
      };
      const row = {
        ...current,
        props: mergeProps(current.props as ExistingNode['props'], node.props),
      };
      written.set(target, row);
      resolution.ids.set(node.key, target);
      continue;
    }
    const id = newId(node);
    used.add(id);
    if (candidates.length > 1) {
      resolution.review.push({
        id: `review:${shortHash(`${batch.dataset.sourceId}|${node.key}`)}`,
        dataset: batch.dataset.sourceId,
        incomingKey: node.key,
        incomingName: node.props.name,
        createdId: id,
        candidates,
        reason: `its names match ${candidates.length} existing ${node.label} nodes (${candidates.join(', ')})`,
      });
    }
    const aliases = dedupeAliases(node.props.name, strings(node.props.aliases));
    const props = { ...node.props, id, aliases: aliases.length ? aliases : undefined };
    const row = { id, label: node.label, props, merged: false };
    written.set(id, row);
    resolution.ids.set(node.key, id);
    // Later objects of the same file find it by external id only, never by name alone.
    const asExisting: ExistingNode = { id, label: node.label, props: row.props };
    byId.set(id, asExisting);
    for (const key of externalKeys(node.props)) byExternal.set(key, id);
  }
  resolution.rows = [...written.values()].map((r) => ({ ...r, props: { ...r.props, id: r.id } }));
  return resolution;
}
