// The explorer's verbs: what each user action does to the canvas and the view state together.
// Panels, the toolbar, the node menu and the keyboard call these; each change of what is on
// the canvas is recorded in the store (one undo step, one URL), and a state that comes back
// through history (undo, back, a link) is brought onto the canvas by restore().
import {
  api,
  type GraphJson,
  setKnownOn,
  type Investigation,
  type InvestigationView,
  type QueryDefinition,
  type QueryResultJson,
  type SchemaInfo,
} from './api';
import { LAYOUTS, type Canvas, type LayoutName } from './canvas';
import { FOLD_AT } from './folds';
import { download } from './dom';
import type { ConsolePanel } from './panels/console';
import type { FilterBannerPanel } from './panels/filter-banner';
import type { FiltersPanel } from './panels/filters';
import type { InspectorPanel } from './panels/inspector';
import type { InvestigationsPanel } from './panels/investigations';
import type { PathFinderPanel, PathsJson } from './panels/path-finder';
import type { QueriesPanel } from './panels/queries';
import type { ResultsPanel } from './panels/results';
import type { StatusPanel } from './panels/status';
import type { TabsPanel } from './panels/tabs';
import type { ToolbarPanel } from './panels/toolbar';
import type { Focus } from './panels/editor';
import type { WelcomePanel } from './panels/welcome';
import { NO_FILTERS, type Store, type ViewState } from './state';
import { currentTheme } from './theme';

interface ExplorerDeps {
  canvas: Canvas;
  store: Store;
  status: StatusPanel;
  inspector: Pick<InspectorPanel, 'showNode' | 'showEdge' | 'clear' | 'showing' | 'element'>;
  results: Pick<ResultsPanel, 'display'>;
  toolbar: Pick<ToolbarPanel, 'showLayout' | 'showModes'>;
  filters: Pick<FiltersPanel, 'setSchema' | 'setUndatedCount' | 'setUnratedCount'>;
  pathFinder: Pick<PathFinderPanel, 'setSchema' | 'clear'>;
  filterBanner: Pick<FilterBannerPanel, 'report'>;
  welcome: Pick<WelcomePanel, 'showWhen'>;
  /** Asks the user to confirm (window.confirm in the page). */
  confirm: (question: string) => boolean;
  console: Pick<ConsolePanel, 'setSchema'>;
  queries: Pick<QueriesPanel, 'load' | 'find' | 'open'>;
  tabs: Pick<TabsPanel, 'select'>;
  investigations: Pick<InvestigationsPanel, 'open'>;
}

export function createExplorer(deps: ExplorerDeps) {
  const { canvas, store, status } = deps;
  let schema: SchemaInfo | undefined;

  /** What is on the canvas and where, as the view state holds it. */
  const drawn = () => ({ ids: canvas.nodeIds(), positions: canvas.positions() });
  /** Records the nodes on the canvas and their places in the store (one undo step). */
  const commitIds = (): void => store.set(drawn());
  /** Keeps where the nodes now are in the link, without an undo step (a drag, a layout). */
  const keepPositions = (): void => store.replace({ positions: canvas.positions() });

  /**
   * Brings the canvas in line with the state's filters after any change of either, and the
   * panels that report on the canvas: what the filters hide, the undated count, the welcome.
   */
  function applyFilters(state: ViewState): void {
    const hidden = canvas.applyFilters({
      hiddenLabels: state.hiddenLabels,
      hiddenTypes: state.hiddenTypes,
      since: state.fromYear !== undefined ? `${state.fromYear}-01-01` : undefined,
      until: state.toYear !== undefined ? `${state.toYear}-12-31` : undefined,
      undated: state.undated,
      hideOrphans: state.hideOrphans,
      minConfidence: state.minConfidence,
      unrated: state.unrated,
    });
    deps.filterBanner.report(hidden);
    deps.filters.setUndatedCount(canvas.undatedCount());
    deps.filters.setUnratedCount(canvas.unratedCount());
    deps.welcome.showWhen(canvas.nodeIds().length === 0);
  }

  /** Neighbours shown per expansion, and past how many "show all" asks first. */
  const STEP = 100;
  const CONFIRM_ABOVE = 200;
  /** The most the neighbourhood route gives in one answer (its limit's maximum). */
  const MOST = 1000;

  async function addNeighbourhood(id: string, types?: string[], limit = STEP): Promise<void> {
    status.say('Loading…');
    try {
      const graph = await api.neighbours(id, {
        depth: 1,
        limit,
        rels: types,
        includeRetracted: store.state.retracted,
      });
      const added = canvas.add(graph);
      const omitted = graph.omitted?.nodes ?? 0;
      // The first neighbours are all drawn already (a double-click after picking a hit):
      // expanding again means the next ones, as the banner's "Show next" does.
      if (!added.length && omitted > 0 && limit < MOST)
        return await addNeighbourhood(id, types, Math.min(limit + STEP, MOST));
      const total = limit + omitted;
      const name = graph.nodes.find((n) => n.id === id)?.name ?? id;
      status.truncated(graph, {
        name,
        shown: limit,
        total,
        step: STEP,
        next: () => void addNeighbourhood(id, types, Math.min(limit + STEP, MOST)),
        all: () => {
          const count = Math.min(total, MOST);
          const question =
            total > MOST
              ? `${name} has ${total} neighbours; at most ${MOST} can be drawn at once. Draw ${MOST}?`
              : `Draw all ${total} neighbours of ${name}? A canvas this large is slow to read.`;
          if (count <= CONFIRM_ABOVE || deps.confirm(question))
            void addNeighbourhood(id, types, count);
        },
      });
      // An expansion that adds nothing says why, rather than seeming to ignore the click.
      status.say(
        added.length
          ? ''
          : graph.nodes.length <= 1
            ? `${name} has no relationships to draw${types?.length ? ` of type ${types.join(', ')}` : ''}.`
            : `Every neighbour of ${name} is on the canvas already.`,
      );
      applyFilters(store.state);
      if (added.length) await canvas.runLayout(store.state.layout);
      canvas.select([id]);
      commitIds();
      void deps.inspector.showNode(id);
    } catch (error) {
      status.fail(error);
    }
  }

  /**
   * Claims (Statements) the canvas held until a write retracted them while the view hides
   * retracted claims: "Show retracted claims", or reverting the retraction, draws them again.
   */
  const withheld = new Set<string>();

  /** Whether the canvas now holds retracted claims (the view's switch, as last drawn). */
  let drawnRetracted = store.state.retracted;
  /** The "as known on" date the canvas was last drawn for. */
  let drawnAsOf: string | undefined;

  /** Puts elements on the canvas (laid out if new), selects one and records the view. */
  async function draw(
    graph: Pick<GraphJson, 'nodes' | 'relationships'>,
    focus: { node: string } | { edge: string },
  ): Promise<void> {
    const added = canvas.add(graph);
    applyFilters(store.state);
    if (added.length) await canvas.runLayout(store.state.layout);
    canvas.unselect();
    if ('node' in focus) {
      canvas.select([focus.node]);
      void deps.inspector.showNode(focus.node);
    } else {
      canvas.select([focus.edge]);
      void deps.inspector.showEdge(focus.edge);
    }
    commitIds();
  }

  /** A node onto the canvas, with its relationships to what is there already. */
  async function drawNode(id: string): Promise<void> {
    try {
      const present = canvas.nodeIds();
      // The subgraph route takes at most 500 ids: past that, the node comes alone.
      const ids = present.length < 500 ? [...present, id] : [id];
      await draw(await api.graph(ids, store.state.retracted), { node: id });
    } catch (error) {
      status.fail(error);
    }
  }

  /** A relationship onto the canvas with its two ends, selected and explained. */
  async function drawRelationship(id: string): Promise<void> {
    try {
      const { relationship, from, to } = await api.relationship(id);
      await draw({ nodes: [from, to], relationships: [relationship] }, { edge: id });
    } catch (error) {
      status.fail(error);
    }
  }

  /** A path onto the canvas (its nodes and relationships from `graph`), highlighted. */
  async function drawPath(
    graph: Pick<GraphJson, 'nodes' | 'relationships'>,
    path: { nodeIds: string[]; relationshipIds: string[] },
  ): Promise<void> {
    const nodes = new Set(path.nodeIds);
    const rels = new Set(path.relationshipIds);
    const added = canvas.add({
      nodes: graph.nodes.filter((n) => nodes.has(n.id)),
      relationships: graph.relationships.filter((r) => rels.has(r.id)),
    });
    applyFilters(store.state);
    if (added.length) await canvas.runLayout(store.state.layout);
    deps.pathFinder.clear();
    canvas.highlightPath(path.nodeIds, path.relationshipIds);
    commitIds();
  }

  /** Brings the canvas to a state (first load, undo/redo, back/forward). */
  async function restore(state: ViewState): Promise<void> {
    withheld.clear(); // the state says what is on the canvas
    const current = canvas.nodeIds().sort().join(',');
    setKnownOn(state.asOf);
    const changed =
      current !== [...state.ids].sort().join(',') ||
      drawnRetracted !== state.retracted ||
      drawnAsOf !== state.asOf;
    if (changed) {
      if (state.ids.length === 0) canvas.replace({ nodes: [], relationships: [] });
      else {
        status.say('Loading…');
        try {
          canvas.replace(await api.graph(state.ids, state.retracted));
          drawnRetracted = state.retracted;
          drawnAsOf = state.asOf;
          status.say('');
        } catch (error) {
          status.fail(error);
          return;
        }
      }
    }
    // Where the state says the nodes sit (a link, a saved investigation): placed, not laid out.
    const placed = state.positions !== undefined && canvas.place(state.positions);
    if (changed && !placed) await canvas.runLayout(state.layout, false);
    canvas.group(state.grouped);
    canvas.mergeParallel(state.merged);
    canvas.fold(state.folded);
    applyFilters(state);
    deps.toolbar.showLayout(state.layout);
    deps.toolbar.showModes(state);
  }

  /**
   * A click on a node or an edge: the inspector shows it. On a phone the inspector is below
   * the canvas, out of sight: the status line offers to go there, so a tap never seems lost.
   */
  async function inspect(what: { node: string } | { edge: string }): Promise<void> {
    await ('node' in what
      ? deps.inspector.showNode(what.node)
      : deps.inspector.showEdge(what.edge));
    const top = deps.inspector.element.getBoundingClientRect().top;
    if (top > window.innerHeight - 40)
      status.offer('The details are below the canvas.', 'Show details ↓', () =>
        deps.inspector.element.scrollIntoView({ behavior: 'smooth', block: 'start' }),
      );
  }

  async function startOverview(): Promise<void> {
    if (schema?.featured) await addNeighbourhood(schema.featured);
  }

  /** Reads the schema (labels, types, dates) and gives it to the panels that offer it. */
  async function loadSchema(): Promise<void> {
    const loaded = await api.schema();
    schema = loaded;
    canvas.setDisputeTypes(loaded.relationshipTypes.filter((t) => t.dispute).map((t) => t.name));
    deps.filters.setSchema(loaded);
    deps.pathFinder.setSchema(loaded);
    deps.console.setSchema(loaded);
  }

  /**
   * After a write (the workbench): the canvas is redrawn from the server with `add` put on
   * it, the schema (counts, dates) is read again, and the inspector shows `focus` (or is
   * cleared; left as it is when no focus is given).
   */
  async function refreshed(focus?: Focus | 'clear', add: string[] = []): Promise<void> {
    const before = new Set(canvas.nodeIds());
    // Withheld claims are asked for again: the server draws them once shown or restored.
    const ids = [...new Set([...before, ...add, ...withheld])];
    const claims = canvas.nodeIds(schema?.labels.filter((l) => l.claim).map((l) => l.name) ?? []);
    try {
      const graph = ids.length
        ? await api.graph(ids, store.state.retracted)
        : { nodes: [], relationships: [] };
      const drawn = new Set(graph.nodes.map((n) => n.id));
      for (const id of [...claims, ...withheld])
        if (drawn.has(id)) withheld.delete(id);
        else withheld.add(id);
      canvas.refresh(graph);
      drawnRetracted = store.state.retracted;
      applyFilters(store.state);
      if ([...drawn].some((id) => !before.has(id))) await canvas.runLayout(store.state.layout);
      commitIds();
      await loadSchema();
      if (focus === 'clear') deps.inspector.clear();
      else if (focus?.kind === 'node') {
        canvas.select([focus.id]);
        await deps.inspector.showNode(focus.id);
      } else if (focus) await deps.inspector.showEdge(focus.id);
    } catch (error) {
      status.fail(error);
    }
  }

  /** Draws a result: its nodes onto the canvas, its rows into the table under it. */
  async function showResult(
    result: QueryResultJson,
    title: string,
    shape: 'graph' | 'table' | 'both',
    from: 'console' | 'query',
  ): Promise<void> {
    // The summary first: it is there by the time the nodes appear.
    deps.results.display(result, title, shape !== 'graph' || result.graph.nodes.length === 0, from);
    if (shape !== 'table' && result.graph.nodes.length) {
      const added = canvas.add(result.graph);
      applyFilters(store.state);
      if (added.length) await canvas.runLayout(store.state.layout);
    }
  }

  async function runSavedQuery(
    query: QueryDefinition,
    params: Record<string, unknown>,
  ): Promise<void> {
    status.say('Running…');
    deps.pathFinder.clear();
    try {
      const result = await api.runQuery(query.name, params);
      status.say('');
      await showResult(result, query.title, query.result, 'query');
      // The URL names the query and its parameters, so a link reruns it.
      const queryParams = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(',') : String(v as string | number),
        ]),
      );
      store.set({ ...drawn(), query: query.name, queryParams });
    } catch (error) {
      status.fail(error);
    }
  }

  function setLayout(layout: LayoutName): void {
    store.set({ layout });
    void canvas.runLayout(layout).then(keepPositions);
  }

  /** Removes elements from the canvas, as one undo step. */
  function remove(ids: string[]): void {
    canvas.remove(ids);
    commitIds();
  }

  /** Empties the canvas (one undo step): the welcome comes back. */
  function clear(): void {
    canvas.replace({ nodes: [], relationships: [] });
    status.truncated({ truncated: false });
    deps.inspector.clear();
    // An empty canvas is no longer the investigation it was opened from.
    store.set({ ...drawn(), investigation: undefined });
    applyFilters(store.state);
  }

  /**
   * Opens a saved investigation: its nodes where they were saved (no layout), its filters and
   * switches. Opened from its own link at start-up, it takes that history entry (Back does not
   * lead to an empty canvas); otherwise it is one undo step.
   */
  async function openInvestigation(investigation: Investigation): Promise<void> {
    const state: ViewState = {
      ...NO_FILTERS,
      ...investigation.view,
      query: undefined,
      queryParams: undefined,
      positions: investigation.positions,
      investigation: investigation.id,
    };
    const fromItsLink =
      store.state.investigation === investigation.id && store.state.ids.length === 0;
    if (fromItsLink) store.replace(state);
    else store.set(state);
    deps.pathFinder.clear();
    deps.inspector.clear();
    await restore(state);
    keepPositions();
  }

  /** The canvas as an investigation keeps it: the view state and every node's place. */
  function investigationOf(): {
    view: InvestigationView;
    positions: Record<string, { x: number; y: number }>;
  } {
    const s = store.state;
    return {
      view: {
        ids: canvas.nodeIds(),
        layout: s.layout,
        hiddenLabels: s.hiddenLabels as InvestigationView['hiddenLabels'],
        hiddenTypes: s.hiddenTypes as InvestigationView['hiddenTypes'],
        fromYear: s.fromYear,
        toYear: s.toYear,
        undated: s.undated,
        hideOrphans: s.hideOrphans,
        minConfidence: s.minConfidence,
        unrated: s.unrated,
        grouped: s.grouped,
        merged: s.merged,
        retracted: s.retracted,
        folded: s.folded,
        asOf: s.asOf,
        query: s.query,
        queryParams: s.query ? s.queryParams : undefined,
      },
      positions: canvas.positions(),
    };
  }

  /** Removes every node but the selected ones (one undo step). */
  function keepSelected(): void {
    const keep = new Set(canvas.selectedNodeIds());
    if (!keep.size) {
      status.say('Select the nodes to keep first (click, Shift+click or Shift+drag).');
      return;
    }
    remove(canvas.nodeIds().filter((id) => !keep.has(id)));
  }

  // The store drives the canvas: history brings a whole state back; a change made here has
  // already changed the canvas, so only the filters follow it.
  store.onChange((state, cause) => {
    if (cause === 'history') void restore(state);
    else applyFilters(state);
  });

  return {
    addNeighbourhood,
    inspect,
    refreshed,
    /** The schema as last read (the editor's forms build on its labels and fields). */
    schema: () => schema,
    /** The "Show retracted claims" switch: one undo step, then the view drawn again. */
    setShowRetracted(on: boolean): void {
      // What the inspector shows stays there, even a retracted claim the view now hides.
      const showing = deps.inspector.showing();
      store.set({ retracted: on });
      void refreshed(showing);
    },
    drawNode,
    drawRelationship,
    drawPath,
    /** Esc: no path highlighted, whichever panel drew it. */
    clearHighlight(): void {
      deps.pathFinder.clear();
      canvas.highlightPath([], []);
    },
    /** "As known on" a date (undefined: today): one undo step, the same nodes drawn again. */
    setAsOf(date: string | undefined): void {
      store.set({ asOf: date });
      void restore(store.state);
    },
    startOverview,
    loadSchema,
    runSavedQuery,
    /** A console result: drawn and tabled, and its nodes recorded. */
    showConsoleResult: (result: QueryResultJson, title: string) =>
      void showResult(result, title, 'both', 'console').then(commitIds),
    /** A path question's answer onto the canvas (the path finder highlights what it shows). */
    async showPaths(result: PathsJson): Promise<void> {
      const added = canvas.add(result);
      applyFilters(store.state);
      if (added.length) await canvas.runLayout(store.state.layout);
      commitIds();
    },
    setLayout,
    nextLayout: () =>
      setLayout(LAYOUTS[(LAYOUTS.indexOf(store.state.layout) + 1) % LAYOUTS.length]!),
    toggleGroup(): void {
      const grouped = !store.state.grouped;
      canvas.group(grouped);
      store.set({ grouped });
      deps.toolbar.showModes(store.state);
      void canvas.runLayout(store.state.layout).then(keepPositions);
    },
    toggleMerge(): void {
      const merged = !store.state.merged;
      const bundles = canvas.mergeParallel(merged);
      store.set({ merged });
      deps.toolbar.showModes(store.state);
      // On a star (one edge from the hub to each leaf) there is nothing parallel: say so, and
      // what gathers a star instead.
      if (merged && bundles === 0)
        status.note(
          'Nothing to merge: Merge joins relationships of one type between the same two nodes, and no two here are parallel. To gather a node’s many leaves into one, use Fold.',
        );
    },
    toggleFold(): void {
      const folded = !store.state.folded;
      const folds = canvas.fold(folded);
      store.set({ folded });
      deps.toolbar.showModes(store.state);
      if (folded && folds === 0)
        status.note(
          `Nothing to fold: a node folds its leaves when it has ${FOLD_AT} or more of one kind, joined to it by one relationship type.`,
        );
      void canvas.runLayout(store.state.layout);
    },
    collapse(id: string): void {
      canvas.collapse(id);
      commitIds();
    },
    remove,
    clear,
    keepSelected,
    openInvestigation,
    investigationOf,
    /** Nodes dragged: their new places go into the link. */
    moved: keepPositions,
    resetFilters: () => store.set(NO_FILTERS),
    removeSelection: () => remove(canvas.selectedIds()),
    exportPng: () =>
      download(
        'attribution-graph.png',
        canvas.exportPng(currentTheme() === 'dark' ? '#1b1e22' : '#ffffff'),
      ),
    exportJson: () =>
      download(
        'attribution-graph.json',
        new Blob([JSON.stringify(canvas.visibleGraph(), null, 2)], { type: 'application/json' }),
      ),

    /** Start-up: the schema and saved queries, then the linked view or query, else the welcome. */
    async open(): Promise<void> {
      try {
        await loadSchema();
        await deps.queries.load();
      } catch (error) {
        status.fail(error);
        return;
      }
      const linked = store.state.query ? deps.queries.find(store.state.query) : undefined;
      setKnownOn(store.state.asOf);
      if (store.state.investigation && !store.state.ids.length) {
        // A link to a saved investigation: opened from the server, its panel showing it.
        deps.tabs.select('investigations');
        await deps.investigations.open(store.state.investigation);
      } else if (store.state.ids.length) await restore(store.state);
      if (linked) {
        // A link to a query: show its form with the linked values and run it.
        deps.tabs.select('queries');
        deps.queries.open(linked, store.state.queryParams ?? {});
        await runSavedQuery(linked, store.state.queryParams ?? {});
      }
      // Fold mode from a link applies to what is drawn from now on, even on an empty canvas.
      canvas.fold(store.state.folded);
      deps.toolbar.showModes(store.state);
      applyFilters(store.state);
      document.body.dataset.ready = 'true';
    },
  };
}
