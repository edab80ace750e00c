import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate';
import { NODE_LABELS, RELATIONSHIP_TYPES, RELATIONSHIPS } from '../../server/src/model/model';

describe('the benchmark graph generator', () => {
  const { plan, nodeIds } = generate(5000, 7);
  const rows = [...plan.relationships.values()].flat();

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generate(5000, 7).plan;
    expect([...again.relationships.values()].flat().slice(0, 50)).toEqual(rows.slice(0, 50));
    const other = [...generate(5000, 8).plan.relationships.values()].flat();
    expect(other.slice(0, 50)).not.toEqual(rows.slice(0, 50));
  });

  it('uses only the model’s labels and types, with about five relationships per node', () => {
    expect(plan.nodeCount).toBeGreaterThanOrEqual(4990);
    expect(plan.nodeCount).toBeLessThanOrEqual(5010);
    for (const label of plan.nodes.keys()) expect(NODE_LABELS).toContain(label);
    for (const type of plan.relationships.keys()) expect(RELATIONSHIP_TYPES).toContain(type);
    expect(plan.relationshipCount / plan.nodeCount).toBeGreaterThan(3.5);
    expect(plan.relationshipCount / plan.nodeCount).toBeLessThan(6);
  });

  it('links only labels each relationship type allows, never a node to itself', () => {
    const labelOf = new Map<string, string>();
    for (const [label, ids] of Object.entries(nodeIds))
      for (const id of ids) labelOf.set(id, label);
    // One assertion over the list of offenders: an expect per relationship is slow to run.
    const offenders: string[] = [];
    for (const [type, list] of plan.relationships)
      for (const r of list) {
        const from = labelOf.get(r.from) ?? '';
        const to = labelOf.get(r.to) ?? '';
        if (
          r.from === r.to ||
          !(RELATIONSHIPS[type].from as readonly string[]).includes(from) ||
          !(RELATIONSHIPS[type].to as readonly string[]).includes(to)
        )
          offenders.push(`${type} ${r.from} (${from}) -> ${r.to} (${to})`);
      }
    expect(offenders).toEqual([]);
  });

  it('has a skewed degree: a few hubs, a median node with a handful of links', () => {
    const degree = new Map<string, number>();
    for (const r of rows)
      for (const id of [r.from, r.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const sorted = [...degree.values()].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeLessThanOrEqual(8);
    expect(sorted.at(-1)!).toBeGreaterThan(30 * median);
  });

  it('puts provenance on every relationship and spreads dates over 15 years', () => {
    for (const r of rows) {
      expect(r.props.sources).toEqual([expect.stringMatching(/^source:/)]);
      expect(r.props.evidence).toEqual(expect.any(String));
    }
    const years = new Set(
      rows.flatMap((r) => (typeof r.props.date === 'string' ? [r.props.date.slice(0, 4)] : [])),
    );
    expect(years.size).toBe(15);
  });
});
