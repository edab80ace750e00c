// Cross-record checks over all files of one run (duplicate ids, references, label rules)
// and the rows the writer will send, each relationship with its derived id and period.
import { createHash } from 'node:crypto';
import {
  RELATIONSHIPS,
  relationshipPeriod,
  type NodeLabel,
  type RelationshipType,
} from '../../model/model';
import {
  describeNode,
  describeRelationship,
  type SeedFile,
  type SeedNode,
  type SeedProblem,
} from './seed-file';

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
  const digest = createHash('sha256').update(`${type}|${from}|${to}|${document}`).digest('hex');
  return `rel:${type.toLowerCase()}:${digest.slice(0, 16)}`;
}

/**
 * `existingLabels` gives the label of ids already in the database that the files refer to
 * but do not define (so a file may build on an earlier one).
 */
export function planWrite(
  files: SeedFile[],
  existingLabels: ReadonlyMap<string, NodeLabel>,
): { plan: WritePlan; problems: SeedProblem[] } {
  const problems: SeedProblem[] = [];
  const defined = new Map<string, { label: NodeLabel; where: string }>();
  const plan = emptyPlan();

  for (const seed of files) {
    seed.nodes.forEach((node, index) => {
      const where = `${seed.file}: ${describeNode(index, node)}`;
      const earlier = defined.get(node.id);
      if (earlier) {
        problems.push({
          file: seed.file,
          record: describeNode(index, node),
          field: 'id',
          message: `duplicate id ${node.id} (also at ${earlier.where})`,
        });
        return;
      }
      defined.set(node.id, { label: node.label, where });
      const rows = plan.nodes.get(node.label) ?? [];
      rows.push({ id: node.id, props: nodeProps(node) });
      plan.nodes.set(node.label, rows);
      plan.nodeCount++;
    });
  }

  const labelOf = (id: string) => defined.get(id)?.label ?? existingLabels.get(id);
  const relIds = new Map<string, string>();

  for (const seed of files) {
    if (labelOf(seed.document) !== 'Source') {
      problems.push({
        file: seed.file,
        field: 'document',
        message: `${seed.document} is not a Source node in this file, the other files or the database`,
      });
    }
    seed.relationships.forEach((rel, index) => {
      const record = describeRelationship(index, rel);
      const problem = (field: string, message: string) =>
        problems.push({ file: seed.file, record, field, message });
      const spec = RELATIONSHIPS[rel.type];
      const fromLabel = labelOf(rel.from);
      const toLabel = labelOf(rel.to);
      if (!fromLabel) problem('from', `no node with id ${rel.from}`);
      else if (!(spec.from as readonly string[]).includes(fromLabel))
        problem(
          'from',
          `${rel.type} cannot start at a ${fromLabel} (allowed: ${spec.from.join(', ')})`,
        );
      if (!toLabel) problem('to', `no node with id ${rel.to}`);
      else if (!(spec.to as readonly string[]).includes(toLabel))
        problem('to', `${rel.type} cannot end at a ${toLabel} (allowed: ${spec.to.join(', ')})`);
      rel.sources.forEach((source, i) => {
        if (labelOf(source) !== 'Source')
          problem(`sources.${i}`, `no Source node with id ${source}`);
      });
      if (rel.assertedBy !== undefined && !labelOf(rel.assertedBy))
        problem('assertedBy', `no node with id ${rel.assertedBy}`);
      rel.disputedBy?.forEach((party, i) => {
        if (!labelOf(party)) problem(`disputedBy.${i}`, `no node with id ${party}`);
      });
      if (rel.since && rel.until && rel.since > rel.until)
        problem('until', `until (${rel.until}) is before since (${rel.since})`);

      if (rel.id && !rel.id.startsWith(`rel:${rel.type.toLowerCase()}:`))
        problem('id', `must start with rel:${rel.type.toLowerCase()}: for a ${rel.type}`);
      const id = rel.id ?? relationshipId(rel.type, rel.from, rel.to, seed.document);
      const earlier = relIds.get(id);
      if (earlier) {
        problem(
          'id',
          `duplicate relationship ${id} (same type, ends and document as ${earlier}); give one an explicit id`,
        );
        return;
      }
      relIds.set(id, `${seed.file}: ${record}`);
      const rows = plan.relationships.get(rel.type) ?? [];
      rows.push({
        id,
        from: rel.from,
        to: rel.to,
        props: relationshipProps(rel, id, seed.document),
      });
      plan.relationships.set(rel.type, rows);
      plan.relationshipCount++;
    });
  }
  return { plan, problems };
}

/** Ids the files refer to without defining them: these must already be in the database. */
export function externalReferences(files: SeedFile[]): string[] {
  const defined = new Set(files.flatMap((f) => f.nodes.map((n) => n.id)));
  const referenced = new Set<string>();
  for (const f of files) {
    referenced.add(f.document);
    for (const r of f.relationships) {
      for (const id of [r.from, r.to, ...r.sources, ...(r.disputedBy ?? [])]) referenced.add(id);
      if (r.assertedBy) referenced.add(r.assertedBy);
    }
  }
  return [...referenced].filter((id) => !defined.has(id));
}

function nodeProps(node: SeedNode): Record<string, unknown> {
  const { label: _label, ...props } = node;
  return dropUndefined(props);
}

function relationshipProps(
  rel: { type: string; from: string; to: string; id?: string | undefined } & Record<
    string,
    unknown
  >,
  id: string,
  document: string,
): Record<string, unknown> {
  const { type: _type, from: _from, to: _to, id: _id, ...props } = rel;
  const period = relationshipPeriod(props);
  return dropUndefined({
    ...props,
    id,
    document,
    periodStart: period?.start,
    periodEnd: period?.end,
  });
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
