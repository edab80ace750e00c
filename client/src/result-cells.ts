// What a query result's cell holds, told apart once: a node (the runner gives its id, label
// and name), a relationship (its properties, whose id names its type), a list, or a plain
// value. The results table draws each kind; no DOM here.
import type { QueryResultJson } from './api';

export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'node'; id: string; name: string; label: string }
  | { kind: 'relationship'; id: string; type: string; from?: string; to?: string }
  | { kind: 'list'; items: Cell[] };

type Graph = QueryResultJson['graph'];

/** Relationship ids are rel:<type in lower case>:<hash>. */
function typeOfRelationshipId(id: string): string | undefined {
  return /^rel:([a-z_]+):/.exec(id)?.[1]?.toUpperCase();
}

/**
 * The kind of a cell's value. A relationship's ends are named from the result's graph when
 * the row brought them; otherwise only its type is known (a click asks the server for more).
 */
export function classifyCell(value: unknown, graph: Graph): Cell {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (Array.isArray(value))
    return { kind: 'list', items: value.map((v) => classifyCell(v, graph)) };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { kind: 'text', text: String(value) };
  if (typeof value !== 'object') return { kind: 'empty' };
  const o = value as Record<string, unknown>;
  if (typeof o.id === 'string' && typeof o.label === 'string' && typeof o.name === 'string')
    return { kind: 'node', id: o.id, name: o.name, label: o.label };
  const type = typeof o.id === 'string' ? typeOfRelationshipId(o.id) : undefined;
  if (typeof o.id === 'string' && type) {
    const rel = graph.relationships.find((r) => r.id === o.id);
    const name = (id: string | undefined) => graph.nodes.find((n) => n.id === id)?.name;
    const from = name(rel?.source);
    const to = name(rel?.target);
    return {
      kind: 'relationship',
      id: o.id,
      type,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    };
  }
  return { kind: 'text', text: JSON.stringify(value) };
}

/** A relationship read as a sentence: "APT31 —ATTRIBUTED_TO→ Czech operation". */
export function relationshipText(cell: Extract<Cell, { kind: 'relationship' }>): string {
  return `${cell.from ?? '…'} —${cell.type}→ ${cell.to ?? '…'}`;
}
