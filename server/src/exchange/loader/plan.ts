// Cross-record checks over all files of one run (duplicate ids, references, label rules)
// and the rows the writer will send, each relationship with its derived id and period.
import type { NodeLabel } from '../../model/model';
import { endsProblem, PlanBuilder, relationshipId, type WritePlan } from '../write-plan';
import { describeNode, describeRelationship, type SeedFile, type SeedProblem } from './seed-file';

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
  const builder = new PlanBuilder();

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
      const { label, ...props } = node;
      builder.addNode(label, node.id, props);
    });
  }

  const labelOf = (id: string) => defined.get(id)?.label ?? existingLabels.get(id);

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
      const fromLabel = labelOf(rel.from);
      const toLabel = labelOf(rel.to);
      if (!fromLabel) problem('from', `no node with id ${rel.from}`);
      if (!toLabel) problem('to', `no node with id ${rel.to}`);
      const ends = fromLabel && toLabel ? endsProblem(rel.type, fromLabel, toLabel) : undefined;
      if (ends) problem(ends.field, ends.message);
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
      const { type, from, to, id: _id, ...props } = rel;
      const repeated = builder.addRelationship(
        type,
        { id, from, to, props, document: seed.document },
        `${seed.file}: ${record}`,
      );
      if (repeated)
        problem(
          'id',
          `duplicate relationship ${id} (same type, ends and document as ${repeated.duplicateOf}); give one an explicit id`,
        );
    });
  }
  return { plan: builder.plan, problems };
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
