// A synthetic graph with this domain's shape, deterministic for a seed: the model's labels
// and relationship types, a few hubs (states, alliances) and many leaves (power-law degree
// through preferential attachment), statements with text, dates over 15 years, and
// provenance on every relationship. About five relationships per node.
//
// Rows are handed to a sink as they are made (generateInto), so a million-node graph can be
// streamed to disk (bulk CSV) without holding its 4 million relationship rows: what stays in
// memory is the node ids, the attachment pools (as numbers) and one number per relationship
// to drop duplicates. generate() collects the same rows into a plan for the smaller sizes.
import type { NodeLabel, RelationshipType } from '../server/src/model/model';
import { relationshipPeriod } from '../server/src/model/model';
import {
  relationshipId,
  type NodeRow,
  type RelationshipRow,
  type WritePlan,
} from '../server/src/exchange/write-plan';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'cyber',
  'operation',
  'ministry',
  'espionage',
  'attribution',
  'phishing',
  'network',
  'government',
  'campaign',
  'sanctions',
  'intrusion',
  'malware',
  'condemned',
  'denied',
  'state',
  'security',
  'infrastructure',
  'election',
  'defence',
  'energy',
];
const SHARE: [NodeLabel, number][] = [
  ['Actor', 0.08],
  ['Organisation', 0.12],
  ['Person', 0.1],
  ['Operation', 0.1],
  ['Statement', 0.3],
  ['Source', 0.2],
  ['Capability', 0.05],
  ['Technique', 0.05],
];
const STATES = 200;
const ALLIANCES = 10;
const FIRST_YEAR = 2011;

export interface GeneratedGraph {
  plan: WritePlan;
  nodeIds: Record<NodeLabel, string[]>;
}

/** Where generated rows go, in order: every node before the first relationship. */
export interface RowSink {
  node(label: NodeLabel, row: NodeRow): void;
  relationship(type: RelationshipType, row: RelationshipRow): void;
}

/** The generated graph's node ids per label, without generating anything else. */
export function generatedNodeIds(totalNodes: number): Record<NodeLabel, string[]> {
  const ids = {} as Record<NodeLabel, string[]>;
  ids.State = Array.from({ length: STATES }, (_, i) => `state:s${i}`);
  ids.Organisation = Array.from({ length: ALLIANCES }, (_, i) => `org:alliance-${i}`);
  const rest = Math.max(0, totalNodes - STATES - ALLIANCES);
  for (const [label, share] of SHARE) {
    const n = Math.round(rest * share);
    const prefix = label === 'Organisation' ? 'org' : label.toLowerCase();
    const list = (ids[label] ??= []);
    for (let i = 0; i < n; i++) list.push(`${prefix}:g${i}`);
  }
  return ids;
}

/** Collects the generated rows into a write plan (what the transactional loader takes). */
export function generate(totalNodes: number, seed = 42): GeneratedGraph {
  const plan: WritePlan = {
    nodes: new Map(),
    relationships: new Map(),
    nodeCount: 0,
    relationshipCount: 0,
  };
  const nodeIds = generateInto(totalNodes, seed, {
    node(label, row) {
      const rows = plan.nodes.get(label) ?? [];
      rows.push(row);
      plan.nodes.set(label, rows);
      plan.nodeCount++;
    },
    relationship(type, row) {
      const rows = plan.relationships.get(type) ?? [];
      rows.push(row);
      plan.relationships.set(type, rows);
      plan.relationshipCount++;
    },
  });
  return { plan, nodeIds };
}

/** Generates the graph for a seed into `sink`; returns the node ids per label. */
export function generateInto(
  totalNodes: number,
  seed: number,
  sink: RowSink,
): Record<NodeLabel, string[]> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const date = () => {
    const y = FIRST_YEAR + Math.floor(random() * 15);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };

  const nodeIds = generatedNodeIds(totalNodes);
  // Every node by a number (its place in `allIds`): pools and duplicate keys hold numbers,
  // not strings, which is what keeps a million-node graph's generation small.
  const allIds: string[] = [];
  const indexes = {} as Record<NodeLabel, number[]>;
  for (const [label, ids] of Object.entries(nodeIds) as [NodeLabel, string[]][]) {
    indexes[label] = ids.map((id) => allIds.push(id) - 1);
  }
  const emit = (label: NodeLabel, id: string, props: Record<string, unknown>) =>
    sink.node(label, { id, props: { id, ...props } });
  nodeIds.State.forEach((id, i) =>
    emit('State', id, {
      name: `State ${i}`,
      iso2: `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
    }),
  );
  nodeIds.Organisation.slice(0, ALLIANCES).forEach((id, i) =>
    emit('Organisation', id, { name: `Alliance ${i}`, kind: 'alliance' }),
  );
  for (const [label] of SHARE) {
    const ids = label === 'Organisation' ? nodeIds[label].slice(ALLIANCES) : nodeIds[label];
    ids.forEach((id, i) => {
      const name = `${label} ${i} ${pick(WORDS)}`;
      if (label === 'Statement')
        emit(label, id, { name, text: sentence(12), verbatim: random() < 0.5, date: date() });
      else if (label === 'Actor')
        emit(label, id, {
          name,
          aliases: [`${pick(WORDS)} ${i}`, `G${i}`],
          description: sentence(10),
          kind: 'group',
        });
      else if (label === 'Source')
        emit(label, id, { name, published: date(), url: `https://example.org/report/${i}` });
      else emit(label, id, { name, description: sentence(6) });
    });
  }

  // Preferential attachment: an end chosen from `pool` (each node once per relationship it
  // already has, hubs seeded heavily) gives a power-law degree distribution.
  const pools = new Map<NodeLabel, number[]>();
  for (const [label, list] of Object.entries(indexes) as [NodeLabel, number[]][])
    pools.set(label, [...list]);
  for (let i = 0; i < 20; i++) pools.get('State')!.push(...indexes.State.slice(0, 10)); // a few very big hubs
  for (let i = 0; i < 20; i++)
    pools.get('Organisation')!.push(...indexes.Organisation.slice(0, ALLIANCES));
  const attach = (label: NodeLabel) => {
    const pool = pools.get(label)!;
    const index = pick(pool);
    if (pool.length < 4_000_000) pool.push(index);
    return index;
  };
  const sources = nodeIds.Source;
  // Duplicates (the same type and ends) can only come from one node's turn below: every
  // relationship has the node whose turn it is as one end, and the ends' labels tell the
  // turns apart. So the duplicate keys are kept for the current turn only (a number of type
  // and ends), not for all 4 million relationships of a million-node graph.
  const n = allIds.length;
  const seen = new Set<number>();
  const typeNumber = new Map<RelationshipType, number>();
  const relate = (type: RelationshipType, fromIndex: number, toIndex: number) => {
    if (!typeNumber.has(type)) typeNumber.set(type, typeNumber.size);
    const key = (typeNumber.get(type)! * n + fromIndex) * n + toIndex;
    if (fromIndex === toIndex || seen.has(key)) return;
    seen.add(key);
    const from = allIds[fromIndex]!;
    const to = allIds[toIndex]!;
    const id = relationshipId(type, from, to, 'source:bench');
    const withDate = random() < 0.8 ? { date: date() } : {};
    const period = relationshipPeriod(withDate);
    sink.relationship(type, {
      id,
      from,
      to,
      props: {
        id,
        sources: [pick(sources)],
        evidence: sentence(8),
        document: 'source:bench',
        ...withDate,
        ...(period ? { periodStart: period.start, periodEnd: period.end } : {}),
      },
    });
  };
  const each = (label: NodeLabel, fn: (index: number) => void) =>
    indexes[label].forEach((index) => {
      seen.clear(); // a new turn (see above)
      fn(index);
    });
  each('Operation', (op) => {
    relate('ATTRIBUTED_TO', op, attach('Actor'));
    if (random() < 0.3) relate('ATTRIBUTED_TO', op, attach('State'));
    relate('TARGETED', op, random() < 0.5 ? attach('State') : attach('Organisation'));
    relate('TARGETED', op, attach('Organisation'));
    relate('TARGETED', op, attach('Person'));
    relate('USES', op, attach('Technique'));
  });
  each('Actor', (a) => {
    relate('AFFILIATED_WITH', a, random() < 0.5 ? attach('State') : attach('Organisation'));
    relate('USES', a, attach('Capability'));
    relate('USES', a, attach('Technique'));
    relate('TARGETED', a, attach('State'));
    relate('SPONSORED_BY', a, attach('State'));
  });
  const alliances = new Set(indexes.Organisation.slice(0, ALLIANCES));
  each('Organisation', (o) => {
    if (alliances.has(o)) return;
    relate('PART_OF', o, attach('State'));
    relate('MEMBER_OF', o, attach('Organisation'));
    relate('CONDEMNED', o, attach('Operation'));
  });
  each('Person', (p) => {
    relate('ROLE_IN', p, attach('Organisation'));
    relate('ROLE_IN', p, attach('State'));
    relate('SANCTIONED', p, attach('Actor'));
    relate('SUMMONED', p, attach('Person'));
    relate('DENIED', p, attach('Statement'));
  });
  each('Statement', (s) => {
    relate('MADE', random() < 0.5 ? attach('Person') : attach('Organisation'), s);
    relate('ABOUT', s, random() < 0.5 ? attach('Operation') : attach('Actor'));
    relate('ABOUT', s, attach('State'));
    relate('ABOUT', s, attach('Actor'));
    relate('ABOUT', s, attach('Organisation'));
  });
  each('Source', (s) => {
    relate('REPORTED_BY', s, attach('Organisation'));
    relate('CITES', s, attach('Source'));
    relate('CITES', s, attach('Source'));
    relate('CITES', s, attach('Source'));
  });
  each('Capability', (c) => {
    relate('USES', c, attach('Technique'));
    relate('USES', c, attach('Technique'));
  });
  each('State', (s) => {
    relate('MEMBER_OF', s, attach('Organisation'));
  });
  return nodeIds;
}
