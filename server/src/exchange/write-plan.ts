// The one way every writer (seed loader, importers, benchmark) builds what it sends to Neo4j:
// rows per label and per relationship type, each relationship checked against the model's
// allowed ends, given its deterministic id and its period, and stripped of empty values.
import { hash } from 'node:crypto';
import {
  periodStart,
  RELATIONSHIPS,
  relationshipPeriod,
  type NodeLabel,
  type RelationshipType,
} from '../model/model';

export interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}
export interface RelationshipRow {
  id: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}
export interface WritePlan {
  nodes: Map<NodeLabel, NodeRow[]>;
  relationships: Map<RelationshipType, RelationshipRow[]>;
  nodeCount: number;
  relationshipCount: number;
}

export function emptyPlan(): WritePlan {
  return { nodes: new Map(), relationships: new Map(), nodeCount: 0, relationshipCount: 0 };
}

/** Deterministic from type, ends and the document that states it (DESIGN.md, Ids). */
export function relationshipId(type: string, from: string, to: string, document: string): string {
  // crypto.hash: the one-shot digest, the same bytes as createHash's without its objects
  // (a third of the time of generating a million-node benchmark graph went to them).
  const digest = hash('sha256', `${type}|${from}|${to}|${document}`, 'hex');
  return `rel:${type.toLowerCase()}:${digest.slice(0, 16)}`;
}

/** Why a relationship of this type cannot join these labels (the model's rule), if it cannot. */
export function endsProblem(
  type: RelationshipType,
  fromLabel: NodeLabel,
  toLabel: NodeLabel,
): { field: 'from' | 'to'; message: string } | undefined {
  const spec = RELATIONSHIPS[type];
  if (!(spec.from as readonly string[]).includes(fromLabel))
    return {
      field: 'from',
      message: `${type} cannot start at a ${fromLabel} (allowed: ${spec.from.join(', ')})`,
    };
  if (!(spec.to as readonly string[]).includes(toLabel))
    return {
      field: 'to',
      message: `${type} cannot end at a ${toLabel} (allowed: ${spec.to.join(', ')})`,
    };
  return undefined;
}

/** Neo4j stores scalars and lists only; absent values are not written at all. */
function storable(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(props).filter(
      ([, v]) => v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v)),
    ),
  );
}

export class PlanBuilder {
  readonly plan = emptyPlan();
  private readonly relationshipsSeen = new Map<string, string>();
  /** Publication dates of the plan's Sources: an undated claim is known since its source's. */
  private readonly published = new Map<string, string>();

  addNode(label: NodeLabel, id: string, props: Record<string, unknown>): void {
    if (label === 'Source' && typeof props.published === 'string')
      this.published.set(id, props.published);
    const rows = this.plan.nodes.get(label) ?? [];
    rows.push({ id, props: storable(props) });
    this.plan.nodes.set(label, rows);
    this.plan.nodeCount++;
  }

  /**
   * Adds a relationship with its period (for the time filter) and the document it comes from.
   * A second relationship with the same id is not added: the answer is where the first came from.
   */
  addRelationship(
    type: RelationshipType,
    row: RelationshipRow & { document: string },
    where: string,
  ): { duplicateOf: string } | undefined {
    const earlier = this.relationshipsSeen.get(row.id);
    if (earlier !== undefined) return { duplicateOf: earlier };
    this.relationshipsSeen.set(row.id, where);
    const period = relationshipPeriod(row.props);
    const rows = this.plan.relationships.get(type) ?? [];
    rows.push({
      id: row.id,
      from: row.from,
      to: row.to,
      props: storable({
        ...row.props,
        id: row.id,
        document: row.document,
        periodStart: period?.start,
        periodEnd: period?.end,
        knownSince: this.knownSince(row.props),
      }),
    });
    this.plan.relationships.set(type, rows);
    this.plan.relationshipCount++;
    return undefined;
  }

  /**
   * The first day a claim was public (DESIGN.md, "as known on"): its date, else the earliest
   * publication of its sources that this plan holds; else none, and readers fall back on the
   * day it was recorded (`recordedAt`, set by `writePlan`).
   */
  private knownSince(props: Record<string, unknown>): string | undefined {
    if (typeof props.date === 'string') return periodStart(props.date);
    const sources = Array.isArray(props.sources) ? (props.sources as unknown[]) : [];
    const dates = sources
      .map((s) => (typeof s === 'string' ? this.published.get(s) : undefined))
      .filter((d): d is string => d !== undefined)
      .map(periodStart)
      .sort();
    return dates[0];
  }
}
