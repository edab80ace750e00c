// Which leaves of a hub fold into one countable node: the decision alone, on plain data (no
// Cytoscape, unit-tested). A leaf is a node whose every relationship on the canvas joins it
// to the same one neighbour, by one type in one direction; a hub's leaves of one label, by one
// type and direction, fold when there are at least FOLD_AT of them. The canvas draws the folds.

/** How many leaves of one kind a hub needs before they fold (fewer read fine one by one). */
export const FOLD_AT = 8;

export interface FoldNode {
  id: string;
  label: string;
  /** Never folded: a pinned node, the selection, a node on a highlighted path. */
  keep?: boolean;
}

export interface FoldEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface Fold {
  /** Stable for the same hub, type, direction and label: the canvas keys positions on it. */
  key: string;
  hub: string;
  type: string;
  /** 'out': hub —type→ leaf; 'in': leaf —type→ hub. */
  direction: 'out' | 'in';
  label: string;
  leaves: string[];
  /** The relationships the fold stands for (a leaf may have several from different sources). */
  relationships: string[];
}

/** The key a fold of these leaves has (also how the canvas names the fold's node). */
const foldKey = (hub: string, type: string, direction: 'out' | 'in', label: string) =>
  `${hub}|${type}|${direction}|${label}`;

/**
 * The folds of a canvas: for each hub, its leaves grouped by label, type and direction, where a
 * group has at least `at` leaves. Keys in `open` (unfolded by the user) are left out.
 */
export function findFolds(
  nodes: readonly FoldNode[],
  edges: readonly FoldEdge[],
  options: { at?: number; open?: ReadonlySet<string> } = {},
): Fold[] {
  const at = options.at ?? FOLD_AT;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const incident = new Map<string, FoldEdge[]>();
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target) || e.source === e.target) continue;
    for (const end of [e.source, e.target]) incident.set(end, [...(incident.get(end) ?? []), e]);
  }
  const groups = new Map<string, Fold>();
  for (const node of nodes) {
    const own = incident.get(node.id);
    if (node.keep || !own?.length) continue;
    const first = own[0]!;
    const hub = first.source === node.id ? first.target : first.source;
    const direction = first.source === hub ? 'out' : 'in';
    // Every relationship of the leaf is to the same hub, of one type, in one direction.
    const alike = own.every(
      (e) =>
        e.type === first.type &&
        (direction === 'out'
          ? e.source === hub && e.target === node.id
          : e.source === node.id && e.target === hub),
    );
    if (!alike) continue;
    // Two nodes that are each other's only neighbour: neither is a hub of the other.
    if ((incident.get(hub) ?? []).every((e) => e.source === node.id || e.target === node.id))
      continue;
    const key = foldKey(hub, first.type, direction, node.label);
    const fold = groups.get(key) ?? {
      key,
      hub,
      type: first.type,
      direction,
      label: node.label,
      leaves: [],
      relationships: [],
    };
    fold.leaves.push(node.id);
    fold.relationships.push(...own.map((e) => e.id));
    groups.set(key, fold);
  }
  return [...groups.values()].filter((f) => f.leaves.length >= at && !options.open?.has(f.key));
}

/** "80 Techniques", "12 People": what a fold's node says. */
export function foldCaption(count: number, label: string): string {
  const plural: Record<string, string> = { Person: 'People' };
  return `${count} ${count === 1 ? label : (plural[label] ?? `${label}s`)}`;
}
