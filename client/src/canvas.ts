// Owns the Cytoscape instance: adding and removing graph data, filters, layouts, grouping,
// merging parallel edges, path highlighting, selection, the user's clicks and export. No other
// module touches Cytoscape (lint holds that wall): they call the named methods here and hear
// about clicks through the on… listeners, in the graph's own ids. Works headless, so its logic
// is unit-tested without a browser.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forceLayoutOffThread } from './layout/off-thread';
import type { GraphJson } from './api';
import { toElements } from './elements';
import { findFolds, foldCaption, type Fold } from './folds';
import { outsideWindow, periodOf } from './periods';
import { stylesheet } from './style';

cytoscape.use(fcose);

export const LAYOUTS = ['fcose', 'concentric', 'breadthfirst', 'grid'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

const MAX_FIT_ZOOM = 1.6;
/** Node count above which the canvas switches to cheaper drawing (straight edges, snapshots). */
const LARGE_GRAPH = 2000;
/**
 * Node count above which the force layout runs in a worker: fcose's draft quality on the
 * page froze it for 1.4–2.1 s at 1,800–1,950 real-data nodes.
 */
const WORKER_LAYOUT = 1000;
/** How long the force layout of a large graph may compute (in its worker) before it is drawn. */
const FORCE_BUDGET_MS = 3_000;
/** How many of the best-connected nodes keep a readable label when the view zooms out. */
const LABEL_PRIORITY = 25;
/** And of each kind, so that every kind (every group box, with Group) shows some names. */
const LABEL_PRIORITY_PER_KIND = 3;
/** Visible edges above which edge labels show only on hover, selection and paths. */
const DENSE_EDGES = 40;

export interface CanvasFilters {
  hiddenLabels: string[];
  hiddenTypes: string[];
  /** Inclusive ISO day bounds; a relationship without a date is not in or out of them. */
  since?: string | undefined;
  until?: string | undefined;
  /** Show relationships that have no date (default true). */
  undated?: boolean | undefined;
  /** Hide nodes whose relationships on the canvas are all filtered out (default true). */
  hideOrphans?: boolean | undefined;
  /** Hide claims below this confidence (0–100). */
  minConfidence?: number | undefined;
  /** With a minimum, show claims that give no confidence (default true). */
  unrated?: boolean | undefined;
}

/** What the filters hide of what is on the canvas. */
export interface HiddenByFilters {
  nodes: number;
  relationships: number;
}

function layoutOptions(name: LayoutName, animate: boolean): cytoscape.LayoutOptions {
  const common = { animate, animationDuration: 400, fit: true, padding: 40 };
  switch (name) {
    case 'fcose':
      return {
        name: 'fcose',
        quality: 'default',
        randomize: false,
        nodeRepulsion: 9000,
        idealEdgeLength: 110,
        nodeDimensionsIncludeLabels: true,
        ...common,
      } as cytoscape.LayoutOptions;
    case 'concentric':
      return {
        name: 'concentric',
        concentric: (n: cytoscape.NodeSingular) => n.degree(false),
        levelWidth: () => 2,
        minNodeSpacing: 30,
        ...common,
      };
    case 'breadthfirst':
      return { name: 'breadthfirst', directed: false, spacingFactor: 1.1, ...common };
    case 'grid':
      return { name: 'grid', avoidOverlap: true, ...common };
  }
}

/** A right-click or long press on a node: what the node menu shows and where (viewport pixels). */
export interface NodeMenuRequest {
  id: string;
  name: string;
  pinned: boolean;
  at: { x: number; y: number };
  /** Its leaves: folded into countable nodes now, or enough of one kind to fold. */
  leaves?: 'folded' | 'foldable' | undefined;
}

/** Where nodes sit on the canvas (model coordinates), by node id. */
export type Positions = Record<string, { x: number; y: number }>;

/** Group boxes (Group) are the canvas's own nodes, not the graph's: clicks on them report nothing. */
const isGroupBox = (el: cytoscape.SingularElementArgument) => Boolean(el.data('groupOf'));
/** A fold (a hub's leaves as one countable node) and its edge: the canvas's own too. */
const isFold = (el: cytoscape.SingularElementArgument) => el.data('foldKey') !== undefined;
/** Elements the canvas draws for its own sake, not the graph's: group boxes, folds, merged edges. */
const isOwn = (el: cytoscape.SingularElementArgument) =>
  isGroupBox(el) || isFold(el) || el.data('mergedOf') !== undefined;

export class Canvas {
  private readonly cy: cytoscape.Core;
  private grouped = false;
  private merged = false;
  /** Fold mode (Fold): every hub's leaves of one kind fold, but those the user opened. */
  private folding = false;
  /** Folds the user opened (a tap on one) while fold mode is on, by key. */
  private readonly openFolds = new Set<string>();
  /** Folds the user asked for (the node menu) while fold mode is off, by key. */
  private readonly closedFolds = new Set<string>();
  /** The layout last started, to stop if another starts before it ends. */
  private layout: cytoscape.Layouts | undefined;
  /** Counts layouts started (and restores): a worker's answer for an older one is dropped. */
  private layoutRun = 0;
  private theme: 'light' | 'dark';
  /** The stylesheet's label and edge scale for the current zoom (see style.ts). */
  private scale = 1;
  private scaleTimer: ReturnType<typeof setTimeout> | undefined;
  /** A finger held long on the canvas (taphold): the tap Cytoscape reports when it lifts is not one. */
  private held = false;
  /** Types that are themselves disputes: the model's, given by the explorer from /api/schema. */
  private disputeTypes: ReadonlySet<string> = new Set();

  constructor(container: HTMLElement | undefined, theme: 'light' | 'dark' = 'light') {
    this.theme = theme;
    this.cy = cytoscape({
      ...(container ? { container } : { headless: true }),
      style: stylesheet(theme),
      boxSelectionEnabled: true,
      selectionType: 'additive',
      minZoom: 0.1,
      maxZoom: 4,
    });
    // Cytoscape follows the window's size, not its container's: when the timeline or map
    // opens under the canvas, the drawing kept its old height and ran under the strip.
    if (container && typeof ResizeObserver !== 'undefined') {
      let queued = false;
      new ResizeObserver(() => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          this.cy.resize();
        });
      }).observe(container);
    }
    // The pointer on a node: its whole label, and the labels of its edges; on an edge, its own.
    this.cy.on('mouseover', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      node.addClass('hover');
      node.connectedEdges().addClass('hover');
    });
    this.cy.on('mouseout', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      node.removeClass('hover');
      node.connectedEdges().removeClass('hover');
    });
    this.cy.on(
      'mouseover',
      'edge',
      (e) => void (e.target as cytoscape.EdgeSingular).addClass('hover'),
    );
    this.cy.on(
      'mouseout',
      'edge',
      (e) => void (e.target as cytoscape.EdgeSingular).removeClass('hover'),
    );
    this.cy.on('tapstart', () => void (this.held = false));
    this.cy.on('taphold', () => void (this.held = true));
    // A tap on a fold opens it: its leaves come back around where it was.
    this.cy.on('tap', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      if (isFold(node) && !this.held) this.unfold(String(node.data('foldKey')));
    });
    // Zooming settles before the labels are rescaled: one restyle, not one per frame.
    this.cy.on('zoom', () => {
      clearTimeout(this.scaleTimer);
      this.scaleTimer = setTimeout(() => this.rescale(), 120);
    });
  }

  /**
   * Test hook: the Cytoscape instance, for the tests, the benchmark and devtools, which read
   * what is drawn (positions, classes, the renderer's state). The client's modules never use
   * it (lint forbids it): they go through the methods of this class.
   */
  get cyForTests(): cytoscape.Core {
    return this.cy;
  }

  // --- what the user does on the canvas -------------------------------------------------
  onNodeTap(listener: (id: string) => void): void {
    this.cy.on('tap', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      if (!isGroupBox(node) && !isFold(node) && !this.held) listener(node.id());
    });
  }

  onNodeDoubleTap(listener: (id: string) => void): void {
    this.cy.on('dbltap', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      if (!isGroupBox(node) && !isFold(node)) listener(node.id());
    });
  }

  /** A click on an edge, as the id of its relationship (a merged edge or a fold's: its first one). */
  onEdgeTap(listener: (relationshipId: string) => void): void {
    this.cy.on('tap', 'edge', (e) => {
      const edge = e.target as cytoscape.EdgeSingular;
      const standsFor = (edge.data('mergedOf') ?? edge.data('foldOf')) as string[] | undefined;
      if (!this.held) listener(standsFor?.[0] ?? edge.id());
    });
  }

  onBackgroundTap(listener: () => void): void {
    this.cy.on('tap', (e) => {
      if (e.target === this.cy && !this.held) listener();
    });
  }

  /** Graph elements leaving the canvas (removed, cleared, replaced), by their ids. */
  onRemoved(listener: (ids: string[]) => void): void {
    this.cy.on('remove', (e) => {
      const el = e.target as cytoscape.SingularElementArgument;
      if (!isOwn(el)) listener([el.id()]);
    });
  }

  /** The user let go of nodes they dragged. */
  onNodesMoved(listener: () => void): void {
    this.cy.on('dragfree', 'node', () => listener());
  }

  onNodeMenu(listener: (request: NodeMenuRequest) => void): void {
    // A right-click with a mouse; a long press on a touch screen (Cytoscape's taphold).
    const open = (e: cytoscape.EventObject) => {
      const node = e.target as cytoscape.NodeSingular;
      if (isGroupBox(node) || isFold(node)) return;
      const rendered = e.renderedPosition ?? node.renderedPosition();
      const box = this.cy.container()?.getBoundingClientRect();
      listener({
        id: node.id(),
        name: String(node.data('name')),
        pinned: node.locked(),
        at: { x: (box?.left ?? 0) + rendered.x, y: (box?.top ?? 0) + rendered.y },
        leaves: this.leavesOf(node.id()),
      });
    };
    this.cy.on('cxttap', 'node', open);
    this.cy.on('taphold', 'node', open);
  }

  // --- selection ------------------------------------------------------------------------
  /** Ids of everything selected (nodes, edges, group boxes). */
  selectedIds(): string[] {
    return this.cy.$(':selected').map((el) => el.id());
  }

  /** Ids of the selected nodes of the graph (not group boxes). */
  selectedNodeIds(): string[] {
    return this.cy
      .nodes(':selected')
      .filter((n) => !isOwn(n))
      .map((n) => n.id());
  }

  /** The selected nodes of the graph (not group boxes), with their label and name. */
  selectedNodes(): { id: string; label: string; name: string }[] {
    return this.cy
      .nodes(':selected')
      .filter((n) => !isOwn(n))
      .map((n) => ({ id: n.id(), label: String(n.data('label')), name: String(n.data('name')) }));
  }

  /** Adds these elements to the selection. */
  select(ids: string[]): void {
    for (const id of ids) this.cy.getElementById(id).select();
  }

  unselect(): void {
    this.cy.$(':selected').unselect();
  }

  /** The model's dispute types (from /api/schema), for elements added from now on. */
  setDisputeTypes(types: Iterable<string>): void {
    this.disputeTypes = new Set(types);
  }

  setTheme(theme: 'light' | 'dark'): void {
    this.theme = theme;
    this.cy.style(stylesheet(theme, this.scale));
  }

  /**
   * Zoomed out, the stylesheet's scale grows so that the priority labels stay readable and
   * edges stay thick enough to click (scale = 1 / zoom, in quarter steps, at most 4). Past
   * LARGE_GRAPH nodes the restyle would cost more than it gives: the scale stays 1.
   */
  private rescale(): void {
    const large = this.cy.nodes().length > LARGE_GRAPH;
    const wanted = large ? 1 : Math.min(4, Math.max(1, Math.round(4 / this.cy.zoom()) / 4));
    if (wanted === this.scale) return;
    this.scale = wanted;
    this.cy.style(stylesheet(this.theme, wanted));
  }

  /** The scale the stylesheet draws labels and edges at (1 at zoom 1 and closer). */
  labelScale(): number {
    return this.scale;
  }

  /** Adds what is new (existing elements keep their place); returns the ids added. */
  add(graph: Pick<GraphJson, 'nodes' | 'relationships'>): string[] {
    const fresh = toElements(graph, this.disputeTypes).filter((el) =>
      this.cy.getElementById(String(el.data.id)).empty(),
    );
    this.placeBeforeLayout(fresh);
    let added = this.cy.collection();
    this.cy.batch(() => {
      added = this.cy.add(fresh);
    });
    this.afterElementsChanged();
    if (this.merged) this.mergeParallel(true);
    return added.nodes().map((n) => n.id());
  }

  /**
   * Where new nodes start, before the layout moves them: beside a neighbour already drawn, else
   * on a spiral around the drawing's centre. fcose starts from the positions it is given
   * (randomize: false keeps an expansion from reshuffling the canvas), and nodes that all
   * started at (0, 0) ended on one straight line. The golden angle spreads them evenly and
   * the same input gives the same picture.
   */
  private placeBeforeLayout(fresh: cytoscape.ElementDefinition[]): void {
    const GOLDEN_ANGLE = 2.39996;
    const ids = new Set(fresh.map((el) => String(el.data.id)));
    const around = new Map<string, number>();
    const spiral = (centre: { x: number; y: number }, k: number, from: number, step: number) => ({
      x: centre.x + (from + step * Math.sqrt(k)) * Math.cos(k * GOLDEN_ANGLE),
      y: centre.y + (from + step * Math.sqrt(k)) * Math.sin(k * GOLDEN_ANGLE),
    });
    const drawn = this.cy.nodes().filter((n) => !isGroupBox(n));
    const box = drawn.nonempty() ? drawn.boundingBox({}) : undefined;
    const centre = box ? { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 } : { x: 0, y: 0 };
    // A new node's first neighbour already drawn (one pass over the new edges).
    const anchorOf = new Map<string, string>();
    for (const e of fresh) {
      if (e.data.source === undefined || e.data.target === undefined) continue;
      const [source, target] = [String(e.data.source), String(e.data.target)];
      if (ids.has(source) && !ids.has(target) && !anchorOf.has(source))
        anchorOf.set(source, target);
      if (ids.has(target) && !ids.has(source) && !anchorOf.has(target))
        anchorOf.set(target, source);
    }
    let loose = 0;
    for (const el of fresh) {
      if (el.data.source !== undefined || el.position) continue;
      const anchorId = anchorOf.get(String(el.data.id));
      const anchor = anchorId === undefined ? undefined : this.cy.getElementById(anchorId);
      if (anchor?.nonempty()) {
        const k = around.get(anchor.id()) ?? 0;
        around.set(anchor.id(), k + 1);
        el.position = spiral(anchor.position(), k, 90, 14);
      } else el.position = spiral(centre, loose++, box ? 120 : 0, 60);
    }
  }

  /** Replaces the canvas content with `graph`, keeping positions of nodes that stay. */
  replace(graph: Pick<GraphJson, 'nodes' | 'relationships'>): void {
    const keep = new Set([
      ...graph.nodes.map((n) => n.id),
      ...graph.relationships.map((r) => r.id),
    ]);
    this.cy.batch(() => {
      this.discard(this.cy.elements().filter((el) => !isOwn(el) && !keep.has(el.id())));
    });
    this.add(graph);
  }

  /**
   * Like replace, and the elements that stay take the server's current data: after an edit,
   * a renamed node or a corrected claim is drawn (and filtered) as it now is.
   */
  refresh(graph: Pick<GraphJson, 'nodes' | 'relationships'>): void {
    // An edge whose ends moved (a merge, or its undoing) is drawn anew between them.
    this.cy.batch(() => {
      for (const r of graph.relationships) {
        const edge = this.cy.getElementById(r.id);
        if (
          edge.nonempty() &&
          (edge.data('source') !== r.source || edge.data('target') !== r.target)
        )
          edge.remove();
      }
    });
    this.replace(graph);
    const own = new Set(['id', 'source', 'target', 'parent', 'degree']);
    this.cy.batch(() => {
      for (const el of toElements(graph, this.disputeTypes)) {
        const current = this.cy.getElementById(String(el.data.id));
        const stale = Object.keys(current.data() as object).filter(
          (k) => !own.has(k) && !(k in el.data),
        );
        if (stale.length) current.removeData(stale.join(' '));
        current.data(Object.fromEntries(Object.entries(el.data).filter(([k]) => !own.has(k))));
      }
    });
    this.afterElementsChanged();
  }

  remove(ids: string[]): void {
    this.cy.batch(() => ids.forEach((id) => this.discard(this.cy.getElementById(id))));
    this.afterElementsChanged();
  }

  /** Removes the neighbours that hang only on this node (undoes an expansion); returns them. */
  collapse(id: string): string[] {
    const node = this.cy.getElementById(id);
    const leaves = node
      .neighborhood()
      .nodes()
      .filter(
        (n) =>
          !isOwn(n) &&
          !n.locked() &&
          n
            .neighborhood()
            .nodes()
            .map((m) => m.id())
            .every((other) => other === id),
      );
    const removed = leaves.map((n) => n.id());
    this.remove(removed);
    return removed;
  }

  hide(ids: string[]): void {
    ids.forEach((id) => this.cy.getElementById(id).addClass('hidden'));
  }

  togglePin(ids: string[]): void {
    for (const id of ids) {
      const node = this.cy.getElementById(id);
      if (node.locked()) node.unlock().removeClass('pinned');
      else node.lock().addClass('pinned');
    }
  }

  /** Ids of the domain nodes on the canvas (not compound group parents), or of those labels. */
  nodeIds(labels?: readonly string[]): string[] {
    return this.cy
      .nodes()
      .filter((n) => !isOwn(n) && (!labels || labels.includes(String(n.data('label')))))
      .map((n) => n.id());
  }

  /**
   * The nodes and relationships a user sees (not hidden or filtered), for export. A merged
   * edge stands for the relationships it merges, and a fold for its leaves and their
   * relationships: those are exported instead of it.
   */
  visibleGraph(): { nodes: unknown[]; relationships: unknown[] } {
    const { nodes, edges } = this.visibleElements();
    return {
      nodes: nodes.map((n) => {
        const { degree: _degree, ...data } = n.data() as Record<string, unknown>;
        return data;
      }),
      relationships: edges.map((e) => {
        const {
          disputed: _d,
          count: _c,
          countLabel: _cl,
          ...data
        } = e.data() as Record<string, unknown>;
        return data;
      }),
    };
  }

  /** Ids of what a user sees: the export of "the view" is exactly this. */
  visibleIds(): { nodes: string[]; relationships: string[] } {
    const { nodes, edges } = this.visibleElements();
    return { nodes: nodes.map((n) => n.id()), relationships: edges.map((e) => e.id()) };
  }

  private visibleElements() {
    const shown = (el: cytoscape.SingularElementArgument) =>
      !el.hasClass('hidden') && !el.hasClass('filtered');
    // A folded leaf (class 'folded') is shown, as part of its fold.
    const nodes = this.cy.nodes().filter((n) => !isGroupBox(n) && !isFold(n) && shown(n));
    const ids = new Set(nodes.map((n) => n.id()));
    const between = (e: cytoscape.EdgeSingular) =>
      ids.has(e.source().id()) && ids.has(e.target().id());
    const edges = this.cy.edges().filter((e) => {
      if (isFold(e) || !between(e) || e.hasClass('filtered')) return false;
      const merged = e.data('mergedOf') as string[] | undefined;
      // Folded into a merged edge (hidden by it): shown when the merged edge is.
      if (e.hasClass('hidden'))
        return this.cy
          .edges('[mergedOf]')
          .filter((m) => shown(m) && (m.data('mergedOf') as string[]).includes(e.id()))
          .nonempty();
      return merged === undefined;
    });
    return { nodes, edges };
  }

  /** Applies the filters; returns how much of the canvas they hide. */
  applyFilters(filters: CanvasFilters): HiddenByFilters {
    const hiddenLabels = new Set(filters.hiddenLabels);
    const hiddenTypes = new Set(filters.hiddenTypes);
    const labelHidden = (n: cytoscape.NodeSingular) => hiddenLabels.has(String(n.data('label')));
    // Folds are drawn anew from what the filters leave (refold, below).
    this.unfoldAll();
    this.cy.batch(() => {
      // A node with a period of its own (an operation's since/until) outside the window goes,
      // with its relationships: a 2015 operation is not in a 2021-2025 view.
      this.cy.nodes().forEach((n) => {
        if (n.data('groupOf')) return;
        const period = periodOf(n.data() as Record<string, unknown>);
        const outOfWindow =
          period !== undefined && outsideWindow(period, filters.since, filters.until);
        n.toggleClass('filtered', labelHidden(n) || outOfWindow);
      });
      this.cy.edges().forEach((e) => {
        const period = periodOf(e.data() as Record<string, unknown>);
        const outOfWindow =
          period === undefined
            ? filters.undated === false
            : outsideWindow(period, filters.since, filters.until);
        e.toggleClass(
          'filtered',
          hiddenTypes.has(String(e.data('type'))) || outOfWindow || belowMinimum(e, filters),
        );
      });
      // Orphans: nodes whose relationships to the kinds still shown are all filtered out (by
      // type or time, or with an end outside the time window). A node with no such relationship at all (a search pick, or the last
      // actor when only actors are shown) is not an orphan; nor is the selection.
      if (filters.hideOrphans !== false)
        this.cy.nodes().forEach((n) => {
          if (n.data('groupOf') || n.hasClass('filtered') || n.selected()) return;
          const edges = n.connectedEdges().filter((e: cytoscape.EdgeSingular) => {
            return !e.hasClass('hidden') && !labelHidden(e.source()) && !labelHidden(e.target());
          });
          const shown = edges.filter((e: cytoscape.EdgeSingular) => {
            // An end outside the time window takes the relationship with it.
            return (
              !e.hasClass('filtered') &&
              !e.source().hasClass('filtered') &&
              !e.target().hasClass('filtered')
            );
          });
          if (edges.nonempty() && shown.empty()) n.addClass('filtered');
        });
    });
    this.refold();
    this.quietWhenDense();
    const nodes = this.cy.nodes('.filtered').length;
    const relationships = this.cy
      .edges()
      .filter(
        (e) =>
          !e.hasClass('hidden') &&
          (e.hasClass('filtered') ||
            e.source().hasClass('filtered') ||
            e.target().hasClass('filtered')),
      ).length;
    return { nodes, relationships };
  }

  /** How many claims on the canvas give no confidence. */
  unratedCount(): number {
    return this.cy.edges().filter((e) => !isOwn(e) && typeof e.data('confidence') !== 'number')
      .length;
  }

  /** How many relationships on the canvas have no date. */
  undatedCount(): number {
    return this.cy.edges().filter((e) => !isOwn(e) && e.data('periodStart') === undefined).length;
  }

  /** Many visible edges: their labels show only on hover, selection and paths. */
  private quietWhenDense(): void {
    // By class, not ':visible': display is restyled lazily, and may lag a change just made.
    const gone = (el: cytoscape.SingularElementArgument) =>
      el.hasClass('hidden') || el.hasClass('filtered') || el.hasClass('folded');
    const dense =
      this.cy.edges().filter((e) => !gone(e) && !gone(e.source()) && !gone(e.target())).length >
      DENSE_EDGES;
    this.cy.edges().toggleClass('quiet', dense);
  }

  runLayout(name: LayoutName, animate = true): Promise<void> {
    const visible = this.cy.elements(':visible');
    const nodes = visible.nodes().length;
    // A layout still running (its nodes may have gone since) is stopped first: two layouts
    // animating the same canvas wait on each other's queued animations and never end.
    this.stopLayout();
    // fcose costs O(n²) a step on the main thread: past a thousand nodes the force layout
    // runs in a worker instead (layout/), and the page keeps answering meanwhile.
    if (name === 'fcose' && nodes > WORKER_LAYOUT) return this.runForceOffThread(visible);
    const options = layoutOptions(name, animate && nodes < LARGE_GRAPH / 4);
    // fcose's draft quality skips the spectral start, so it needs random initial positions.
    if (name === 'fcose' && nodes > LARGE_GRAPH / 3)
      Object.assign(options, { quality: 'draft', randomize: true });
    return this.runCytoscapeLayout(visible, options);
  }

  /** Stops the layout under way, on the canvas or in the worker (its answer is then dropped). */
  private stopLayout(): void {
    this.layoutRun++;
    this.layout?.stop();
    this.cy.stop(true, true);
    this.cy.elements().stop(true, true);
  }

  private runCytoscapeLayout(
    eles: cytoscape.Collection,
    options: cytoscape.LayoutOptions,
  ): Promise<void> {
    const layout = eles.layout(options);
    this.layout = layout;
    const done = new Promise<void>((resolve) =>
      layout.one('layoutstop', () => {
        // A handful of nodes fitted to the screen would be drawn huge: cap the zoom.
        if (this.cy.zoom() > MAX_FIT_ZOOM) {
          this.cy.zoom(MAX_FIT_ZOOM);
          this.cy.center(this.cy.elements(':visible'));
        }
        clearTimeout(this.scaleTimer);
        this.rescale();
        resolve();
      }),
    );
    layout.run();
    return done;
  }

  /**
   * The force layout in a worker, then its positions at once (a preset layout). Pinned
   * nodes stay; group boxes follow their members. Nothing moves when another layout or a
   * restore started meanwhile.
   */
  private async runForceOffThread(visible: cytoscape.Collection): Promise<void> {
    const run = this.layoutRun;
    const members = visible.nodes().filter((n) => !isGroupBox(n));
    const input = {
      nodes: members.map((el) => {
        const n = el as cytoscape.NodeSingular;
        return { id: n.id(), ...n.position(), fixed: n.locked() };
      }),
      edges: visible.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
    };
    const laid = await forceLayoutOffThread(input, FORCE_BUDGET_MS);
    if (!laid || run !== this.layoutRun) return;
    await this.runCytoscapeLayout(members, {
      name: 'preset',
      positions: (n: cytoscape.NodeSingular) => laid.positions.get(n.id()) ?? n.position(),
      fit: true,
      padding: 40,
      animate: false,
    } as cytoscape.LayoutOptions);
  }

  /** Where each node of the graph sits (group boxes follow their members and are left out). */
  positions(): Positions {
    const out: Positions = {};
    this.cy.nodes().forEach((n) => {
      if (isGroupBox(n)) return;
      const { x, y } = n.position();
      out[n.id()] = { x, y };
    });
    return out;
  }

  /**
   * Puts the nodes where `positions` says, with no layout, and fits them in view. Only when
   * every node of the graph has a position (a saved investigation, a link): a partial set
   * would leave the others piled where they were added. Returns whether it placed them.
   */
  place(positions: Positions): boolean {
    const nodes = this.cy.nodes().filter((n) => !isGroupBox(n));
    const ids = nodes.map((n) => n.id());
    if (!ids.length || !ids.every((id) => positions[id] !== undefined)) return false;
    // Already there (an undo that changed something else): the view stays as the user left it.
    const now = this.positions();
    const there = ids.every((id) => {
      const [p, at] = [positions[id]!, now[id]!];
      return Math.abs(at.x - p.x) < 0.5 && Math.abs(at.y - p.y) < 0.5;
    });
    if (there) return true;
    this.stopLayout();
    this.cy.batch(() => {
      nodes.forEach((n) => {
        const p = positions[n.id()]!;
        // A pinned node keeps its place against layouts, not against a restore.
        const locked = n.locked();
        if (locked) n.unlock();
        n.position({ x: p.x, y: p.y });
        if (locked) n.lock();
      });
    });
    this.fitNow();
    return true;
  }

  /** Fits what is visible at once (no animation), never closer than MAX_FIT_ZOOM. */
  private fitNow(): void {
    const visible = this.cy.elements(':visible');
    this.cy.fit(visible.nonempty() ? visible : this.cy.elements(), 40);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(visible);
    }
    clearTimeout(this.scaleTimer);
    this.rescale();
  }

  fit(): void {
    this.cy.animate(
      { fit: { eles: this.cy.elements(':visible'), padding: 40 } },
      { duration: 300, complete: () => this.rescale() },
    );
  }

  /**
   * Fits what is shown into the canvas less its bottom `pixels` (a phone's inspector sheet
   * covers them), so that every node stays in reach of a tap.
   */
  fitAbove(pixels: number): void {
    const container = this.cy.container();
    const eles = this.cy.elements(':visible');
    if (!container || eles.empty()) return;
    const padding = 24;
    const box = eles.boundingBox();
    const width = container.clientWidth - 2 * padding;
    const height = container.clientHeight - pixels - 2 * padding;
    if (width <= 0 || height <= 0) return;
    const zoom = Math.min(
      MAX_FIT_ZOOM,
      Math.max(this.cy.minZoom(), Math.min(width / (box.w || 1), height / (box.h || 1))),
    );
    const pan = {
      x: padding + (width - box.w * zoom) / 2 - box.x1 * zoom,
      y: padding + (height - box.h * zoom) / 2 - box.y1 * zoom,
    };
    this.cy.stop(true, true);
    this.cy.animate({ zoom, pan }, { duration: 200, complete: () => this.rescale() });
  }

  centre(ids: string[]): void {
    let eles = this.cy.collection();
    for (const id of ids) eles = eles.union(this.cy.getElementById(id));
    if (eles.nonempty())
      this.cy.animate({ center: { eles }, zoom: Math.max(this.cy.zoom(), 1) }, { duration: 300 });
  }

  /** Puts every node into a compound parent per label, or takes them out again. */
  group(on: boolean): void {
    if (on === this.grouped) return;
    this.grouped = on;
    this.cy.batch(() => {
      if (on) {
        const labels = new Set(this.cy.nodes().map((n) => String(n.data('label'))));
        for (const label of labels) {
          const parentId = `group:${label}`;
          this.cy.add({
            group: 'nodes',
            data: { id: parentId, name: `${label}s`, caption: `${label}s`, groupOf: label, label },
          });
          this.cy
            .nodes(`[label = "${label}"]`)
            .filter((n) => !n.data('groupOf'))
            .move({ parent: parentId });
        }
      } else {
        this.cy
          .nodes()
          .filter((n) => !n.data('groupOf'))
          .move({ parent: null });
        this.cy.nodes('[groupOf]').remove();
      }
    });
  }

  isGrouped(): boolean {
    return this.grouped;
  }

  /**
   * Collapses relationships of one type between the same two nodes into one edge with a
   * count (they come from different sources), or restores them.
   */
  mergeParallel(on: boolean): number {
    this.merged = on;
    let merged = 0;
    this.cy.batch(() => {
      this.cy.edges('[mergedOf]').remove();
      this.cy.edges().removeClass('hidden');
      if (!on) return;
      const bundles = new Map<string, cytoscape.EdgeSingular[]>();
      this.cy.edges().forEach((e) => {
        if (isFold(e)) return;
        const key = `${e.source().id()}|${e.target().id()}|${String(e.data('type'))}`;
        bundles.set(key, [...(bundles.get(key) ?? []), e]);
      });
      for (const [key, edges] of bundles) {
        if (edges.length < 2) continue;
        merged += 1;
        const first = edges[0]!;
        edges.forEach((e) => e.addClass('hidden'));
        this.cy.add({
          group: 'edges',
          data: {
            ...(first.data() as Record<string, unknown>),
            id: `merged:${key}`,
            mergedOf: edges.map((e) => e.id()),
            count: edges.length,
            countLabel: `${String(first.data('type'))} ×${edges.length}`,
          },
        });
      }
    });
    return merged;
  }

  isMerged(): boolean {
    return this.merged;
  }

  /**
   * Fold mode: a hub's leaves of one label, joined to it by one relationship type in one
   * direction, become one countable node ("98 Actors") with one edge, when there are FOLD_AT
   * or more (folds.ts decides). A tap on a fold opens it. Returns how many folds are drawn.
   */
  fold(on: boolean): number {
    if (on !== this.folding) {
      this.folding = on;
      this.openFolds.clear();
      this.closedFolds.clear();
      this.refold();
    }
    return this.cy.nodes('[foldKey]').length;
  }

  isFolding(): boolean {
    return this.folding;
  }

  /** Folds one node's leaves (the node menu), whether fold mode is on or off. */
  foldLeavesOf(id: string): void {
    for (const fold of this.foldable().filter((f) => f.hub === id)) {
      this.openFolds.delete(fold.key);
      this.closedFolds.add(fold.key);
    }
    this.refold();
  }

  /** Opens every fold of one node (the node menu). */
  unfoldLeavesOf(id: string): void {
    this.cy
      .nodes('[foldKey]')
      .filter((n) => n.data('hub') === id)
      .forEach((n) => this.unfold(String(n.data('foldKey'))));
  }

  /** Ids of the folds' nodes on the canvas, with what they stand for (for tests and export). */
  folds(): { id: string; hub: string; type: string; label: string; leaves: string[] }[] {
    return this.cy.nodes('[foldKey]').map((n) => ({
      id: n.id(),
      hub: String(n.data('hub')),
      type: String(n.data('type')),
      label: String(n.data('label')),
      leaves: [...(n.data('leaves') as string[])],
    }));
  }

  /** Whether a node's leaves are folded now, or could be (what the node menu offers). */
  private leavesOf(id: string): 'folded' | 'foldable' | undefined {
    if (this.cy.nodes('[foldKey]').some((n) => n.data('hub') === id)) return 'folded';
    return this.foldable().some((f) => f.hub === id) ? 'foldable' : undefined;
  }

  /** Opens one fold: its leaves come back in a ring where the fold was. */
  private unfold(key: string): void {
    const fold = this.cy.nodes('[foldKey]').filter((n) => n.data('foldKey') === key);
    if (fold.empty()) return;
    const centre = { ...fold.position() };
    const leaves = (fold.data('leaves') as string[]).map((id) => this.cy.getElementById(id));
    const hub = this.cy.getElementById(String(fold.data('hub')));
    this.openFolds.add(key);
    this.closedFolds.delete(key);
    this.refold();
    // Spaced about 30 model pixels apart on the ring, at least 60 from its centre.
    const radius = Math.max(60, (leaves.length * 30) / (2 * Math.PI));
    this.cy.batch(() =>
      leaves.forEach((leaf, i) => {
        const angle = (2 * Math.PI * i) / leaves.length;
        if (!leaf.locked())
          leaf.position({
            x: centre.x + radius * Math.cos(angle),
            y: centre.y + radius * Math.sin(angle),
          });
      }),
    );
    this.quietWhenDense();
    // The hub and its leaves in view. Named, not ':visible': the leaves' display is restyled
    // lazily, so just after the batch they may not count as visible yet.
    const eles = leaves.reduce((all, leaf) => all.union(leaf), this.cy.collection().union(hub));
    if (this.cy.container())
      this.cy.animate(
        { fit: { eles, padding: 40 } },
        {
          duration: 300,
          complete: () => {
            if (this.cy.zoom() > MAX_FIT_ZOOM) this.cy.zoom(MAX_FIT_ZOOM);
            this.rescale();
          },
        },
      );
  }

  /** The folds the canvas could draw now, whatever the mode (what the filters leave shown). */
  private foldable(): Fold[] {
    const shown = (el: cytoscape.SingularElementArgument) =>
      !isOwn(el) && !el.hasClass('hidden') && !el.hasClass('filtered');
    return findFolds(
      this.cy
        .nodes()
        .filter((n) => shown(n))
        .map((n: cytoscape.NodeSingular) => ({
          id: n.id(),
          label: String(n.data('label')),
          // The user's hold on a node: pinned, selected or on a highlighted path.
          keep: n.locked() || n.selected() || n.hasClass('path'),
        })),
      this.cy
        .edges()
        .filter((e) => !isOwn(e) && !e.hasClass('filtered'))
        .map((e: cytoscape.EdgeSingular) => ({
          id: e.id(),
          type: String(e.data('type')),
          source: e.source().id(),
          target: e.target().id(),
        })),
    );
  }

  /** Takes the folds off the canvas, their leaves back on (they are drawn anew by refold). */
  private unfoldAll(): void {
    this.cy.batch(() => {
      this.cy.elements('.folded').removeClass('folded');
      this.cy.elements('[foldKey]').remove();
    });
  }

  /** Draws the folds the mode and the user's choices ask for; a fold drawn before keeps its place. */
  private refold(): void {
    const where = new Map<string, cytoscape.Position>();
    this.cy.nodes('[foldKey]').forEach((n) => {
      where.set(String(n.data('foldKey')), { ...n.position() });
    });
    this.unfoldAll();
    const wanted = this.foldable().filter((f) =>
      this.folding ? !this.openFolds.has(f.key) : this.closedFolds.has(f.key),
    );
    if (!wanted.length) return;
    this.cy.batch(() => {
      for (const fold of wanted) {
        const hub = this.cy.getElementById(fold.hub);
        let leaves = this.cy.collection();
        for (const leaf of fold.leaves) leaves = leaves.union(this.cy.getElementById(leaf));
        const caption = foldCaption(fold.leaves.length, fold.label);
        const id = `fold:${fold.key}`;
        this.cy.add({
          group: 'nodes',
          data: {
            id,
            foldKey: fold.key,
            hub: fold.hub,
            type: fold.type,
            label: fold.label,
            name: caption,
            caption,
            leaves: fold.leaves,
            count: fold.leaves.length,
            // Wide enough for its caption, which it carries inside (style.ts).
            foldWidth: 24 + caption.length * 7,
            ...(this.grouped ? { parent: `group:${fold.label}` } : {}),
          },
          position: where.get(fold.key) ?? this.besideHub(hub, leaves),
          classes: 'fold',
          selectable: false,
        });
        const [source, target] = fold.direction === 'out' ? [fold.hub, id] : [id, fold.hub];
        this.cy.add({
          group: 'edges',
          data: {
            id: `fold-edge:${fold.key}`,
            foldKey: fold.key,
            source,
            target,
            type: fold.type,
            foldOf: fold.relationships,
            count: fold.relationships.length,
            countLabel: `${fold.type} ×${fold.relationships.length}`,
          },
        });
        leaves.addClass('folded');
        leaves.connectedEdges().addClass('folded');
      }
    });
  }

  /** Where a new fold goes: out from its hub, towards where its leaves were. */
  private besideHub(
    hub: cytoscape.NodeSingular,
    leaves: cytoscape.NodeCollection,
  ): cytoscape.Position {
    const h = hub.position();
    const c = leaves.reduce(
      (sum, n) => ({ x: sum.x + n.position().x, y: sum.y + n.position().y }),
      {
        x: 0,
        y: 0,
      },
    );
    const dx = c.x / leaves.length - h.x;
    const dy = c.y / leaves.length - h.y;
    const length = Math.hypot(dx, dy);
    return length < 1
      ? { x: h.x + 90, y: h.y }
      : { x: h.x + (90 * dx) / length, y: h.y + (90 * dy) / length };
  }

  highlightPath(nodeIds: string[], relationshipIds: string[]): void {
    this.cy.elements().removeClass('path');
    [...nodeIds, ...relationshipIds].forEach((id) => this.cy.getElementById(id).addClass('path'));
  }

  exportPng(background: string): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: background });
  }

  /**
   * Removes elements, their animations first. Cytoscape keeps animating elements in a pool
   * keyed by id: one removed mid-layout stays there, and a node added later with the same id
   * is never animated, so its layout never ends (a claim drawn again from a table hung).
   */
  private discard(eles: cytoscape.CollectionArgument): void {
    eles.stop(true, true);
    eles.remove();
  }

  /** Whenever elements come or go: node sizes follow degree, rendering follows graph size. */
  private afterElementsChanged(): void {
    this.refold();
    const nodes = this.cy.nodes().filter((n) => !isGroupBox(n) && !isFold(n));
    this.cy.batch(() => {
      nodes.forEach((n) => void n.data('degree', n.degree(false)));
      // The best-connected nodes keep readable labels when zoomed out (style.ts).
      const degree = (n: cytoscape.SingularElementArgument) => Number(n.data('degree'));
      const ranked = nodes.sort((a, b) => degree(b) - degree(a));
      nodes.removeClass('label-priority');
      ranked.slice(0, LABEL_PRIORITY).addClass('label-priority');
      const perKind = new Map<string, number>();
      ranked.forEach((n) => {
        const kind = String(n.data('label'));
        const seen = perKind.get(kind) ?? 0;
        if (seen < LABEL_PRIORITY_PER_KIND) n.addClass('label-priority');
        perKind.set(kind, seen + 1);
      });
    });
    this.quietWhenDense();
    const large = this.cy.nodes().length > LARGE_GRAPH;
    this.useTextureWhilePanning(large);
    // Only the edges whose class changes, not every edge at every expansion.
    this.cy.batch(() => this.cy.edges(large ? ':not(.bulk)' : '.bulk').toggleClass('bulk', large));
  }

  /**
   * On a large graph, panning and zooming move a snapshot of the view instead of redrawing
   * every element each frame (10,000 elements: 30 -> 53 fps in the benchmark). Small graphs
   * keep the live drawing, which shows what scrolls into view. Cytoscape reads this option
   * only at start-up (`textureOnViewport`); its canvas renderer keeps it in this field,
   * which it reads on every frame, and has no public setter.
   */
  private useTextureWhilePanning(on: boolean): void {
    const renderer = (this.cy as unknown as { renderer?: () => unknown }).renderer?.() as
      { textureOnViewport?: boolean } | undefined;
    if (renderer && 'textureOnViewport' in renderer) renderer.textureOnViewport = on;
  }
}

/** A claim under the confidence minimum; one that gives none goes only if `unrated` is off. */
function belowMinimum(e: cytoscape.EdgeSingular, filters: CanvasFilters): boolean {
  if (filters.minConfidence === undefined) return false;
  const confidence: unknown = e.data('confidence');
  if (typeof confidence !== 'number') return filters.unrated === false;
  return confidence < filters.minConfidence;
}
