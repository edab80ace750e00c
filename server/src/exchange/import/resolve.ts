// Entity resolution: which incoming nodes are nodes the graph already has. External ids
// (STIX id, ATT&CK id, MISP uuid) decide first; then a normalised name or alias, or for
// states the ISO code. A name that matches two existing nodes is never guessed: the node
// is created on its own and the case goes to the review list.
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
const LIST_PROPS = ['aliases', 'sources', 'dataset', 'sectors'];

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function namesOf(props: Record<string, unknown>): string[] {
  return [String(props.name), ...strings(props.aliases)]
    .map(normalName)
    .filter((n) => n.length >= 2);
}

function externalKeys(props: Record<string, unknown>): string[] {
  const keys: string[] = [];
  if (typeof props.stixId === 'string') keys.push(`stix:${props.stixId}`);
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
  const aliases = new Set(strings(out.aliases));
  if (incoming.name !== existing.name) aliases.add(incoming.name);
  aliases.delete(existing.name);
  if (aliases.size) out.aliases = [...aliases];
  return out;
}

export function resolve(
  batch: ImportBatch,
  existing: ExistingNode[],
  takenIds: ReadonlySet<string>,
): Resolution {
  const byId = new Map(existing.map((n) => [n.id, n]));
  const byExternal = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  const byIso = new Map<string, string>();
  const index = (n: ExistingNode) => {
    for (const key of externalKeys(n.props)) byExternal.set(key, n.id);
    if (NAME_MATCHED.has(n.label))
      for (const name of namesOf(n.props)) {
        const key = `${n.label}:${name}`;
        byName.set(key, new Set([...(byName.get(key) ?? []), n.id]));
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
    if (external) target = external;
    else if (node.preferredId && byId.has(node.preferredId)) target = node.preferredId;
    else if (
      node.label === 'State' &&
      typeof node.props.iso2 === 'string' &&
      byIso.has(node.props.iso2)
    )
      target = byIso.get(node.props.iso2);
    else if (NAME_MATCHED.has(node.label)) {
      const matches = new Set<string>();
      for (const name of namesOf(node.props))
        for (const id of byName.get(`${node.label}:${name}`) ?? []) matches.add(id);
      candidates = [...matches];
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
    const row = { id, label: node.label, props: { ...node.props, id }, merged: false };
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
