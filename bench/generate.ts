// A synthetic graph with this domain's shape, deterministic for a seed: the model's labels
// and relationship types, a few hubs (states, alliances) and many leaves (power-law degree
// through preferential attachment), statements with text, dates over 15 years, and
// provenance on every relationship. About five relationships per node.
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

export function generate(totalNodes: number, seed = 42): GeneratedGraph {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const date = () => {
    const y = FIRST_YEAR + Math.floor(random() * 15);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };

  const nodes = new Map<NodeLabel, NodeRow[]>();
  const nodeIds = {} as Record<NodeLabel, string[]>;
  const add = (label: NodeLabel, id: string, props: Record<string, unknown>) => {
    const rows = nodes.get(label) ?? [];
    rows.push({ id, props: { id, ...props } });
    nodes.set(label, rows);
    (nodeIds[label] ??= []).push(id);
  };
  for (let i = 0; i < STATES; i++)
    add('State', `state:s${i}`, {
      name: `State ${i}`,
      iso2: `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
    });
  for (let i = 0; i < ALLIANCES; i++)
    add('Organisation', `org:alliance-${i}`, { name: `Alliance ${i}`, kind: 'alliance' });
  const rest = Math.max(0, totalNodes - STATES - ALLIANCES);
  for (const [label, share] of SHARE) {
    const n = Math.round(rest * share);
    for (let i = 0; i < n; i++) {
      const id = `${label.toLowerCase() === 'organisation' ? 'org' : label.toLowerCase()}:g${i}`;
      const name = `${label} ${i} ${pick(WORDS)}`;
      if (label === 'Statement')
        add(label, id, { name, text: sentence(12), verbatim: random() < 0.5, date: date() });
      else if (label === 'Actor')
        add(label, id, {
          name,
          aliases: [`${pick(WORDS)} ${i}`, `G${i}`],
          description: sentence(10),
          kind: 'group',
        });
      else if (label === 'Source')
        add(label, id, { name, published: date(), url: `https://example.org/report/${i}` });
      else add(label, id, { name, description: sentence(6) });
    }
  }

  // Preferential attachment: an end chosen from `pool` (each node once per relationship it
  // already has, hubs seeded heavily) gives a power-law degree distribution.
  const pools = new Map<NodeLabel, string[]>();
  for (const [label, ids] of Object.entries(nodeIds) as [NodeLabel, string[]][])
    pools.set(label, [...ids]);
  for (let i = 0; i < 20; i++) pools.get('State')!.push(...nodeIds.State.slice(0, 10)); // a few very big hubs
  for (let i = 0; i < 20; i++)
    pools.get('Organisation')!.push(...nodeIds.Organisation.slice(0, ALLIANCES));
  const attach = (label: NodeLabel) => {
    const pool = pools.get(label)!;
    const id = pick(pool);
    if (pool.length < 4_000_000) pool.push(id);
    return id;
  };
  const sources = nodeIds.Source;
  const relationships = new Map<RelationshipType, RelationshipRow[]>();
  const seen = new Set<string>();
  const relate = (type: RelationshipType, from: string, to: string) => {
    const id = relationshipId(type, from, to, 'source:bench');
    if (from === to || seen.has(id)) return;
    seen.add(id);
    const withDate = random() < 0.8 ? { date: date() } : {};
    const period = relationshipPeriod(withDate);
    const rows = relationships.get(type) ?? [];
    rows.push({
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
    relationships.set(type, rows);
  };
  const each = (label: NodeLabel, fn: (id: string) => void) => (nodeIds[label] ?? []).forEach(fn);
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
  each('Organisation', (o) => {
    if (o.startsWith('org:alliance')) return;
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
  let nodeCount = 0;
  for (const rows of nodes.values()) nodeCount += rows.length;
  let relationshipCount = 0;
  for (const rows of relationships.values()) relationshipCount += rows.length;
  return { plan: { nodes, relationships, nodeCount, relationshipCount }, nodeIds };
}
