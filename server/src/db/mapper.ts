// Converts driver values to plain JSON once, so Integer, temporal, Node and Relationship
// objects never reach a response. Nodes and relationships are keyed by the model's own `id`.
import type { GraphJson, GraphNode, GraphRelationship } from '../contract/common';
import neo4j, { isNode, isRelationship, isPath, type Node, type Relationship } from 'neo4j-driver';

/** The primary (model) label of a node: every domain node also carries :Entity. */
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

function primaryLabel(labels: readonly string[]): string {
  return labels.find((l) => l !== 'Entity') ?? labels[0] ?? 'Unknown';
}

export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (isNode(value)) return nodeProperties(value);
  if (isRelationship(value)) return plainProperties(value.properties);
  if (isPath(value)) return value.segments.map((s) => plainProperties(s.relationship.properties));
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (typeof value === 'object') return plainProperties(value as Record<string, unknown>);
  return value;
}

function plainProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(properties)) out[key] = toPlain(v);
  return out;
}

function nodeProperties(node: Node): Record<string, unknown> {
  return { ...plainProperties(node.properties), label: primaryLabel(node.labels) };
}

export function toGraphNode(node: Node): GraphNode {
  const props = plainProperties(node.properties);
  return {
    ...props,
    id: text(props.id) ?? node.elementId,
    label: primaryLabel(node.labels),
    name: text(props.name) ?? text(props.title) ?? text(props.id) ?? '',
  };
}

/** `ends` maps elementIds to model ids (the relationship itself only knows elementIds). */
export function toGraphRelationship(
  relationship: Relationship,
  ends: ReadonlyMap<string, string>,
): GraphRelationship {
  const props = plainProperties(relationship.properties);
  return {
    ...props,
    id: text(props.id) ?? relationship.elementId,
    type: relationship.type,
    source: ends.get(relationship.startNodeElementId) ?? relationship.startNodeElementId,
    target: ends.get(relationship.endNodeElementId) ?? relationship.endNodeElementId,
  };
}

/**
 * Collects every node, relationship and path found in the given values into graph JSON,
 * each once. Relationships whose ends are not among the nodes are dropped (they would
 * dangle on the canvas).
 */
export function collectGraph(values: Iterable<unknown>): Omit<GraphJson, 'truncated'> {
  const nodes = new Map<string, Node>();
  const relationships = new Map<string, Relationship>();
  const visit = (value: unknown): void => {
    if (isNode(value)) nodes.set(value.elementId, value);
    else if (isRelationship(value)) relationships.set(value.elementId, value);
    else if (isPath(value)) {
      for (const segment of value.segments) {
        nodes.set(segment.start.elementId, segment.start);
        nodes.set(segment.end.elementId, segment.end);
        relationships.set(segment.relationship.elementId, segment.relationship);
      }
      nodes.set(value.start.elementId, value.start);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object' && !neo4j.isInt(value)) {
      Object.values(value).forEach(visit);
    }
  };
  for (const value of values) visit(value);
  const ends = new Map<string, string>();
  const graphNodes = [...nodes.values()].map((n) => {
    const g = toGraphNode(n);
    ends.set(n.elementId, g.id);
    return g;
  });
  const graphRelationships = [...relationships.values()]
    .filter((r) => nodes.has(r.startNodeElementId) && nodes.has(r.endNodeElementId))
    .map((r) => toGraphRelationship(r, ends));
  return { nodes: graphNodes, relationships: graphRelationships };
}
