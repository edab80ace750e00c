// Which leaves of a hub fold into one countable node (client/src/folds.ts).
import { describe, expect, it } from 'vitest';
import {
  FOLD_AT,
  findFolds,
  foldCaption,
  type FoldEdge,
  type FoldNode,
} from '../../client/src/folds';

/** A hub with `n` leaves of a label, each joined by one relationship from the hub (or to it). */
function star(n: number, options: { label?: string; type?: string; into?: boolean } = {}) {
  const { label = 'Actor', type = 'USES', into = false } = options;
  const nodes: FoldNode[] = [{ id: 'hub', label: 'Technique' }];
  const edges: FoldEdge[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${label}:${i}`;
    nodes.push({ id, label });
    edges.push({
      id: `rel:${type}:${i}`,
      type,
      source: into ? id : 'hub',
      target: into ? 'hub' : id,
    });
  }
  return { nodes, edges };
}

describe('folding the leaves of a hub', () => {
  it(`folds ${FOLD_AT} or more leaves of one label by one type into one fold, with their relationships`, () => {
    const { nodes, edges } = star(FOLD_AT);
    const folds = findFolds(nodes, edges);
    expect(folds).toHaveLength(1);
    expect(folds[0]).toMatchObject({
      hub: 'hub',
      type: 'USES',
      direction: 'out',
      label: 'Actor',
      key: 'hub|USES|out|Actor',
    });
    expect(folds[0]!.leaves).toHaveLength(FOLD_AT);
    expect(folds[0]!.relationships.sort()).toEqual(edges.map((e) => e.id).sort());
  });

  it(`leaves fewer than ${FOLD_AT} leaves as they are`, () => {
    const { nodes, edges } = star(FOLD_AT - 1);
    expect(findFolds(nodes, edges)).toEqual([]);
  });

  it('keeps leaves of different labels, types or directions apart', () => {
    const actors = star(10);
    const states = star(9, { label: 'State', type: 'SPONSORED_BY', into: true });
    const few = star(3, { label: 'Person', type: 'USES' });
    const nodes = [...actors.nodes, ...states.nodes.slice(1), ...few.nodes.slice(1)];
    const edges = [...actors.edges, ...states.edges, ...few.edges];
    const folds = findFolds(nodes, edges);
    expect(folds.map((f) => [f.key, f.leaves.length])).toEqual([
      ['hub|USES|out|Actor', 10],
      ['hub|SPONSORED_BY|in|State', 9],
    ]);
  });

  it('does not fold a node with a second neighbour, a second type, or one the user holds', () => {
    const { nodes, edges } = star(FOLD_AT);
    nodes.push({ id: 'other', label: 'State' });
    // Actor:0 has a second neighbour; Actor:1 a second type to the hub; Actor:2 is pinned.
    edges.push({ id: 'rel:x', type: 'SPONSORED_BY', source: 'Actor:0', target: 'other' });
    edges.push({ id: 'rel:y', type: 'TARGETED', source: 'hub', target: 'Actor:1' });
    nodes.find((n) => n.id === 'Actor:2')!.keep = true;
    expect(findFolds(nodes, edges)).toEqual([]);
    nodes.push(...[0, 1, 2].map((i) => ({ id: `Actor:extra${i}`, label: 'Actor' })));
    edges.push(
      ...[0, 1, 2].map((i) => ({
        id: `rel:extra${i}`,
        type: 'USES',
        source: 'hub',
        target: `Actor:extra${i}`,
      })),
    );
    expect(findFolds(nodes, edges)[0]!.leaves.sort()).toEqual([
      'Actor:3',
      'Actor:4',
      'Actor:5',
      'Actor:6',
      'Actor:7',
      'Actor:extra0',
      'Actor:extra1',
      'Actor:extra2',
    ]);
  });

  it('folds a leaf with several relationships of one type to its hub (several sources) as one leaf', () => {
    const { nodes, edges } = star(FOLD_AT);
    edges.push({ id: 'rel:again', type: 'USES', source: 'hub', target: 'Actor:0' });
    const [fold] = findFolds(nodes, edges);
    expect(fold!.leaves).toHaveLength(FOLD_AT);
    expect(fold!.relationships).toContain('rel:again');
  });

  it('leaves out the folds the user opened, and takes another threshold', () => {
    const { nodes, edges } = star(5);
    expect(findFolds(nodes, edges, { at: 5 })).toHaveLength(1);
    expect(findFolds(nodes, edges, { at: 5, open: new Set(['hub|USES|out|Actor']) })).toEqual([]);
  });

  it('does not take two nodes that are only each other’s neighbours for a hub and its leaf', () => {
    const nodes = [
      { id: 'a', label: 'Actor' },
      { id: 'b', label: 'Actor' },
    ];
    expect(
      findFolds(nodes, [{ id: 'r', type: 'USES', source: 'a', target: 'b' }], { at: 1 }),
    ).toEqual([]);
  });

  it('says what a fold holds, in the plural', () => {
    expect(foldCaption(80, 'Technique')).toBe('80 Techniques');
    expect(foldCaption(12, 'Person')).toBe('12 People');
    expect(foldCaption(1, 'Actor')).toBe('1 Actor');
  });
});
