// The canvas logic, headless (Cytoscape without a renderer).
import type cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { Canvas } from '../../client/src/canvas';
import { toCsv } from '../../client/src/panels/results';

const graph = {
  nodes: [
    { id: 'operation:op', label: 'Operation', name: 'Op' },
    { id: 'actor:a', label: 'Actor', name: 'A' },
    { id: 'state:s', label: 'State', name: 'S' },
    { id: 'statement:t', label: 'Statement', name: 'T' },
  ],
  relationships: [
    {
      id: 'rel:attributed_to:1',
      type: 'ATTRIBUTED_TO',
      source: 'operation:op',
      target: 'actor:a',
      periodStart: '2025-05-28',
      periodEnd: '2025-05-28',
    },
    {
      id: 'rel:attributed_to:2',
      type: 'ATTRIBUTED_TO',
      source: 'operation:op',
      target: 'actor:a',
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
    },
    { id: 'rel:part_of:1', type: 'PART_OF', source: 'actor:a', target: 'state:s' },
    { id: 'rel:denied:1', type: 'DENIED', source: 'state:s', target: 'statement:t' },
  ],
};

const visibleIds = (canvas: Canvas, group: 'nodes' | 'edges') =>
  canvas.cyForTests[group]()
    .filter(
      (e: cytoscape.SingularElementArgument) => !e.hasClass('filtered') && !e.hasClass('hidden'),
    )
    .map((e) => e.id());

describe('the canvas', () => {
  it('adds only what is new and sizes nodes by degree', () => {
    const canvas = new Canvas(undefined);
    expect(canvas.add(graph)).toHaveLength(4);
    expect(canvas.add(graph)).toEqual([]);
    expect(canvas.cyForTests.getElementById('actor:a').data('degree')).toBe(3);
  });

  it('draws the dispute types the schema names, and disputed claims, as disputed', () => {
    const canvas = new Canvas(undefined);
    canvas.setDisputeTypes(['DENIED']); // as the explorer does from /api/schema
    canvas.add(graph);
    expect(canvas.cyForTests.getElementById('rel:denied:1').data('disputed')).toBe(true);
    expect(canvas.cyForTests.getElementById('rel:part_of:1').data('disputed')).toBe(false);
  });

  it('filters by label, by type and by time; undated relationships always stay', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.applyFilters({
      hiddenLabels: ['Statement'],
      hiddenTypes: [],
      since: '2025-01-01',
      until: '2025-12-31',
    });
    expect(visibleIds(canvas, 'nodes')).not.toContain('statement:t');
    expect(visibleIds(canvas, 'edges').sort()).toEqual([
      'rel:attributed_to:1',
      'rel:denied:1',
      'rel:part_of:1',
    ]);
    canvas.applyFilters({ hiddenLabels: [], hiddenTypes: ['PART_OF'] });
    expect(visibleIds(canvas, 'edges')).not.toContain('rel:part_of:1');
  });

  it('hides undated relationships when asked, and counts them', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    expect(canvas.undatedCount()).toBe(2);
    canvas.applyFilters({ hiddenLabels: [], hiddenTypes: [], undated: false, hideOrphans: false });
    expect(visibleIds(canvas, 'edges').sort()).toEqual([
      'rel:attributed_to:1',
      'rel:attributed_to:2',
    ]);
  });

  it('hides the nodes filters leave without a relationship, but not lone nodes or the selection, and counts what it hides', () => {
    const canvas = new Canvas(undefined);
    canvas.add({
      ...graph,
      nodes: [...graph.nodes, { id: 'actor:lone', label: 'Actor', name: 'L' }],
    });
    const hidden = canvas.applyFilters({ hiddenLabels: [], hiddenTypes: ['DENIED'] });
    // The statement hangs on the state by DENIED alone; the lone actor has no relationship.
    expect(visibleIds(canvas, 'nodes').sort()).toEqual([
      'actor:a',
      'actor:lone',
      'operation:op',
      'state:s',
    ]);
    expect(hidden).toEqual({ nodes: 1, relationships: 1 });
    canvas.select(['statement:t']);
    canvas.applyFilters({ hiddenLabels: [], hiddenTypes: ['DENIED'] });
    expect(visibleIds(canvas, 'nodes')).toContain('statement:t');
    canvas.unselect();
    expect(
      canvas.applyFilters({ hiddenLabels: [], hiddenTypes: ['DENIED'], hideOrphans: false }),
    ).toEqual({ nodes: 0, relationships: 1 });
    expect(visibleIds(canvas, 'nodes')).toContain('statement:t');
  });

  it('keeps the nodes of a kind shown alone, though their neighbours are hidden', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.applyFilters({
      hiddenLabels: ['Operation', 'State', 'Statement'],
      hiddenTypes: [],
    });
    expect(visibleIds(canvas, 'nodes')).toEqual(['actor:a']);
  });

  it('counts the relationships a hidden label takes with it', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    expect(canvas.applyFilters({ hiddenLabels: ['Statement'], hiddenTypes: [] })).toEqual({
      nodes: 1,
      relationships: 1,
    });
  });

  it('lists exactly what is shown for export: filtered types out, merged edges as what they fold', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.mergeParallel(true);
    canvas.applyFilters({ hiddenLabels: [], hiddenTypes: ['PART_OF'], hideOrphans: false });
    const shown = canvas.visibleIds();
    expect(shown.nodes.sort()).toEqual(['actor:a', 'operation:op', 'state:s', 'statement:t']);
    expect(shown.relationships.sort()).toEqual([
      'rel:attributed_to:1',
      'rel:attributed_to:2',
      'rel:denied:1',
    ]);
  });

  it('reports the graph elements that leave it, by id', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    const gone: string[] = [];
    canvas.onRemoved((ids) => gone.push(...ids));
    canvas.mergeParallel(true);
    canvas.remove(['statement:t']);
    expect(gone.sort()).toEqual(['rel:denied:1', 'statement:t']);
  });

  it('merges parallel relationships into one edge with a count, and back', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.mergeParallel(true);
    const merged = canvas.cyForTests.edges('[mergedOf]');
    expect(merged).toHaveLength(1);
    expect(merged.data('count')).toBe(2);
    expect(visibleIds(canvas, 'edges')).not.toContain('rel:attributed_to:2');
    canvas.mergeParallel(false);
    expect(canvas.cyForTests.edges('[mergedOf]')).toHaveLength(0);
    expect(visibleIds(canvas, 'edges')).toHaveLength(4);
  });

  it('groups nodes of a label into one compound node, and back', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.group(true);
    expect(canvas.cyForTests.getElementById('actor:a').parent().first().id()).toBe('group:Actor');
    expect(canvas.nodeIds().sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    canvas.group(false);
    expect(canvas.cyForTests.nodes('[groupOf]')).toHaveLength(0);
    expect(canvas.cyForTests.getElementById('actor:a').parent()).toHaveLength(0);
  });

  it('removes nodes with their edges, and exports the visible graph without view-only data', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.remove(['statement:t']);
    canvas.hide(['state:s']);
    const exported = canvas.visibleGraph();
    expect((exported.nodes as { id: string }[]).map((n) => n.id).sort()).toEqual([
      'actor:a',
      'operation:op',
    ]);
    expect(exported.relationships).toHaveLength(2);
    expect(exported.nodes[0]).not.toHaveProperty('degree');
  });
});

describe('CSV export', () => {
  it('quotes every field, doubles quotes and joins lists', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          { a: 'say "hi"', b: ['x', 'y'] },
          { a: null, b: 3 },
        ],
      ),
    ).toBe('"a","b"\r\n"say ""hi""","x, y"\r\n"","3"\r\n');
  });
});

describe('collapsing a node', () => {
  it('removes the neighbours that hang only on it, keeps the others', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    expect(canvas.collapse('state:s').sort()).toEqual(['statement:t']);
    expect(canvas.nodeIds().sort()).toEqual(['actor:a', 'operation:op', 'state:s']);
  });
});

describe('layouts on larger graphs', () => {
  const big = (n: number) => ({
    nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, label: 'Actor', name: `N${i}` })),
    relationships: Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      type: 'ABOUT',
      source: `n${i}`,
      target: `n${(i * 7) % n}`,
    })),
  });

  it('lays out 700 nodes with fcose in draft quality', async () => {
    const canvas = new Canvas(undefined);
    canvas.add(big(700));
    await canvas.runLayout('fcose', false);
    // It finished (draft quality once threw inside fcose) and spread the nodes out.
    const box = canvas.cyForTests.nodes().boundingBox({});
    expect(box.w).toBeGreaterThan(150);
    expect(box.h).toBeGreaterThan(150);
  });

  it('past 2,000 nodes lays out with the force layout (in the browser, in a worker)', async () => {
    const canvas = new Canvas(undefined);
    const graph = big(2500);
    canvas.add(graph);
    await canvas.runLayout('fcose', false);
    const at = (id: string) => canvas.cyForTests.getElementById(id).position();
    const distance = (a: string, b: string) => Math.hypot(at(a).x - at(b).x, at(a).y - at(b).y);
    const mean = (pairs: [string, string][]) =>
      pairs.reduce((sum, [a, b]) => sum + distance(a, b), 0) / pairs.length;
    // Related nodes end nearer each other than nodes picked apart from the relationships.
    const linked = mean(graph.relationships.map((r) => [r.source, r.target]));
    const unrelated = mean(graph.nodes.map((n, i) => [n.id, `n${(i * 131 + 17) % 2500}`]));
    expect(linked).toBeLessThan(unrelated / 2);
    expect(
      new Set(canvas.cyForTests.nodes().map((n) => Math.round(n.position('y')))).size,
    ).toBeGreaterThan(1000);
  });
});

describe("the canvas's clicks and selection, in the graph's ids", () => {
  /** A canvas with the graph, grouped (so group boxes exist), and what its listeners heard. */
  function listening() {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    const heard: string[] = [];
    canvas.onNodeTap((id) => heard.push(`tap ${id}`));
    canvas.onNodeDoubleTap((id) => heard.push(`double ${id}`));
    canvas.onEdgeTap((id) => heard.push(`edge ${id}`));
    canvas.onBackgroundTap(() => heard.push('background'));
    canvas.onNodeMenu((m) => heard.push(`menu ${m.id} ${m.name} pinned=${m.pinned}`));
    const el = (id: string) => canvas.cyForTests.getElementById(id);
    return { canvas, heard, el };
  }

  it('reports taps, double taps and menus on nodes by their ids', () => {
    const { canvas, heard, el } = listening();
    el('actor:a').emit('tap');
    el('actor:a').emit('dbltap');
    canvas.togglePin(['state:s']);
    el('state:s').emit('cxttap');
    expect(heard).toEqual(['tap actor:a', 'double actor:a', 'menu state:s S pinned=true']);
  });

  it('gives the menu a place on the screen', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    let at: { x: number; y: number } | undefined;
    canvas.onNodeMenu((m) => (at = m.at));
    canvas.cyForTests.getElementById('actor:a').emit('cxttap');
    expect(Number.isFinite(at?.x)).toBe(true);
    expect(Number.isFinite(at?.y)).toBe(true);
  });

  it('reports nothing for group boxes, which are not nodes of the graph', () => {
    const { canvas, heard, el } = listening();
    canvas.group(true);
    el('group:Actor').emit('tap');
    el('group:Actor').emit('dbltap');
    el('group:Actor').emit('cxttap');
    expect(heard).toEqual([]);
  });

  it('reports an edge by its relationship, and a merged edge by the first it stands for', () => {
    const { canvas, heard, el } = listening();
    el('rel:part_of:1').emit('tap');
    canvas.mergeParallel(true);
    canvas.cyForTests.edges('[mergedOf]').emit('tap');
    expect(heard).toEqual(['edge rel:part_of:1', 'edge rel:attributed_to:1']);
  });

  it('reports a tap on the background, and only there', () => {
    const { canvas, heard } = listening();
    canvas.cyForTests.emit('tap');
    expect(heard).toEqual(['background']);
  });

  it('selects, lists the selection (graph nodes apart) and clears it', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.group(true);
    canvas.select(['actor:a', 'state:s', 'rel:part_of:1', 'group:Actor']);
    expect(canvas.selectedIds().sort()).toEqual([
      'actor:a',
      'group:Actor',
      'rel:part_of:1',
      'state:s',
    ]);
    expect(canvas.selectedNodeIds().sort()).toEqual(['actor:a', 'state:s']);
    canvas.unselect();
    expect(canvas.selectedIds()).toEqual([]);
  });
});

describe('after an edit', () => {
  it('refresh draws what the server now holds: a renamed node, a retracted claim marked, a restored one unmarked, a removed one gone', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    const retracted = {
      ...graph.relationships[0]!,
      retractedAt: '2025-06-01T10:00:00.000Z',
      retractionReason: 'withdrawn',
    };
    canvas.refresh({
      nodes: graph.nodes.map((n) => (n.id === 'actor:a' ? { ...n, name: 'A renamed' } : n)),
      relationships: [retracted, ...graph.relationships.slice(2)],
    });
    expect(canvas.cyForTests.getElementById('actor:a').data('name')).toBe('A renamed');
    expect(canvas.cyForTests.getElementById(retracted.id).data('retracted')).toBe(true);
    expect(canvas.cyForTests.getElementById(retracted.id).data('caption')).toBe(
      'ATTRIBUTED_TO (retracted)',
    );
    expect(canvas.cyForTests.getElementById('rel:attributed_to:2').empty()).toBe(true);
    // Degrees still follow the graph.
    expect(canvas.cyForTests.getElementById('actor:a').data('degree')).toBe(2);

    canvas.refresh({ nodes: graph.nodes, relationships: [graph.relationships[0]!] });
    const restored = canvas.cyForTests.getElementById(retracted.id);
    expect(restored.data('retracted')).toBe(false);
    expect(restored.data('retractedAt')).toBeUndefined();
    expect(restored.data('retractionReason')).toBeUndefined();

    // A claim moved to another node by a merge is drawn between its new ends.
    canvas.refresh({
      nodes: graph.nodes,
      relationships: [{ ...graph.relationships[0]!, target: 'state:s' }],
    });
    expect(canvas.cyForTests.getElementById(retracted.id).target().id()).toBe('state:s');
  });
});

describe('a retracted Statement', () => {
  it('is drawn as retracted, captioned so, with the claims that touch it; restored, it is not', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    const retracted = {
      ...graph.nodes[3]!,
      retractedAt: '2025-06-01T10:00:00.000Z',
      retractedBy: 'alice',
      retractionReason: 'the ministry withdrew the statement',
    };
    canvas.refresh({
      nodes: [...graph.nodes.slice(0, 3), retracted],
      relationships: graph.relationships,
    });
    const node = canvas.cyForTests.getElementById('statement:t');
    expect(node.data('retracted')).toBe(true);
    expect(node.data('caption')).toBe('T (retracted)');
    const denial = canvas.cyForTests.getElementById('rel:denied:1');
    expect(denial.data('retracted')).toBe(true);
    expect(denial.data('caption')).toBe('DENIED'); // the claim itself is not retracted
    expect(canvas.cyForTests.getElementById('rel:part_of:1').data('retracted')).toBe(false);

    canvas.refresh(graph);
    expect(canvas.cyForTests.getElementById('statement:t').data('retracted')).toBe(false);
    expect(canvas.cyForTests.getElementById('statement:t').data('caption')).toBe('T');
    expect(canvas.cyForTests.getElementById('rel:denied:1').data('retracted')).toBe(false);
  });

  it('is found among the nodes of its label (the explorer keeps such claims to draw again)', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    expect(canvas.nodeIds(['Statement'])).toEqual(['statement:t']);
    expect(canvas.nodeIds([])).toEqual([]);
    expect(canvas.nodeIds()).toHaveLength(4);
  });
});

/** A technique used by `n` actors that use nothing else, and one actor that also targets a state. */
function hub(n: number) {
  const actors = Array.from({ length: n }, (_, i) => ({
    id: `actor:${i}`,
    label: 'Actor',
    name: `Actor ${i}`,
  }));
  return {
    nodes: [
      { id: 'technique:t', label: 'Technique', name: 'T' },
      { id: 'state:s', label: 'State', name: 'S' },
      ...actors,
    ],
    relationships: [
      ...actors.map((a, i) => ({
        id: `rel:uses:${i}`,
        type: 'USES',
        source: a.id,
        target: 'technique:t',
      })),
      { id: 'rel:targeted:0', type: 'TARGETED', source: 'actor:0', target: 'state:s' },
    ],
  };
}

describe('folding a hub’s leaves', () => {
  const shownNodes = (canvas: Canvas) =>
    canvas.cyForTests
      .nodes()
      .filter(
        (n: cytoscape.NodeSingular) =>
          !n.hasClass('filtered') && !n.hasClass('hidden') && !n.hasClass('folded'),
      )
      .map((n: cytoscape.NodeSingular) => n.id())
      .sort();

  it('draws the leaves of one kind as one countable node with one edge, and opens it on a tap', () => {
    const canvas = new Canvas(undefined);
    canvas.add(hub(12));
    expect(canvas.fold(true)).toBe(1);
    // Actor 0 also targets the state: it is no leaf, and stays.
    expect(shownNodes(canvas)).toEqual([
      'actor:0',
      'fold:technique:t|USES|in|Actor',
      'state:s',
      'technique:t',
    ]);
    const fold = canvas.cyForTests.getElementById('fold:technique:t|USES|in|Actor');
    expect(fold.data('caption')).toBe('11 Actors');
    const edge = canvas.cyForTests.getElementById('fold-edge:technique:t|USES|in|Actor');
    expect([edge.source().id(), edge.target().id(), edge.data('count')]).toEqual([
      fold.id(),
      'technique:t',
      11,
    ]);
    // Still on the canvas (the URL lists them), drawn as the fold.
    expect(canvas.nodeIds()).toHaveLength(14);
    fold.emit('tap');
    expect(canvas.folds()).toEqual([]);
    expect(shownNodes(canvas)).toHaveLength(14);
  });

  it('leaves a fold a user opened open when the canvas changes, and folds all again when the mode comes back', () => {
    const canvas = new Canvas(undefined);
    canvas.add(hub(12));
    canvas.fold(true);
    canvas.cyForTests.getElementById('fold:technique:t|USES|in|Actor').emit('tap');
    canvas.applyFilters({ hiddenLabels: [], hiddenTypes: [] });
    expect(canvas.folds()).toEqual([]);
    canvas.fold(false);
    canvas.fold(true);
    expect(canvas.folds()).toHaveLength(1);
  });

  it('reports no tap, double tap or menu for a fold, nor its removal', () => {
    const canvas = new Canvas(undefined);
    canvas.add(hub(12));
    const heard: string[] = [];
    canvas.onNodeTap((id) => heard.push(id));
    canvas.onNodeDoubleTap((id) => heard.push(id));
    canvas.onNodeMenu((r) => heard.push(r.id));
    canvas.onRemoved((ids) => heard.push(...ids));
    canvas.fold(true);
    const fold = canvas.cyForTests.getElementById('fold:technique:t|USES|in|Actor');
    fold.emit('dbltap');
    fold.emit('cxttap');
    fold.emit('tap');
    canvas.fold(true);
    expect(heard).toEqual([]);
  });

  it('folds one hub from its menu with the mode off, and says in the menu what its leaves are', () => {
    const canvas = new Canvas(undefined);
    canvas.add(hub(12));
    const menus: (string | undefined)[] = [];
    canvas.onNodeMenu((r) => menus.push(r.leaves));
    const t = canvas.cyForTests.getElementById('technique:t');
    t.emit('taphold');
    canvas.foldLeavesOf('technique:t');
    expect(canvas.folds().map((f) => f.leaves.length)).toEqual([11]);
    t.emit('cxttap');
    canvas.unfoldLeavesOf('technique:t');
    expect(canvas.folds()).toEqual([]);
    canvas.cyForTests.getElementById('state:s').emit('cxttap');
    expect(menus).toEqual(['foldable', 'folded', undefined]);
  });

  it('exports a fold as the leaves and relationships it stands for; a filtered kind takes its fold with it', () => {
    const canvas = new Canvas(undefined);
    canvas.add(hub(12));
    canvas.fold(true);
    canvas.applyFilters({ hiddenLabels: [], hiddenTypes: [] });
    const shown = canvas.visibleIds();
    expect(shown.nodes).toHaveLength(14);
    expect(shown.nodes.some((id) => id.startsWith('fold:'))).toBe(false);
    expect(shown.relationships.sort()).toEqual([...hub(12).relationships.map((r) => r.id)].sort());
    canvas.applyFilters({ hiddenLabels: [], hiddenTypes: ['USES'] });
    expect(canvas.folds()).toEqual([]);
    expect(canvas.undatedCount()).toBe(13);
  });

  it('says when Merge finds nothing parallel to merge, as on a star', () => {
    const canvas = new Canvas(undefined);
    canvas.add(hub(12));
    expect(canvas.mergeParallel(true)).toBe(0);
    canvas.add(graph);
    expect(canvas.mergeParallel(true)).toBe(1);
  });

  it('folds the leaves into the group of their kind when grouped', () => {
    const canvas = new Canvas(undefined);
    canvas.add(hub(12));
    canvas.group(true);
    canvas.fold(true);
    expect(canvas.cyForTests.getElementById('fold:technique:t|USES|in|Actor').data('parent')).toBe(
      'group:Actor',
    );
  });
});
