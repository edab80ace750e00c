// The explorer's verbs: what each user action does to the canvas and the view state together.
// Panels, the toolbar, the node menu and the keyboard call these; each change of what is on
// the canvas is recorded in the store (one undo step, one URL), and a state that comes back
// through history (undo, back, a link) is brought onto the canvas by restore().
import {
  api,
  setKnownOn,
  type QueryDefinition,
  type QueryResultJson,
  type SchemaInfo,
} from './api';
import { LAYOUTS, type Canvas, type LayoutName } from './canvas';
import { download } from './dom';
import type { ConsolePanel } from './panels/console';
import type { FiltersPanel } from './panels/filters';
import type { InspectorPanel } from './panels/inspector';
import type { PathsJson } from './panels/path-finder';
import type { QueriesPanel } from './panels/queries';
import type { ResultsPanel } from './panels/results';
import type { StatusPanel } from './panels/status';
import type { TabsPanel } from './panels/tabs';
import type { ToolbarPanel } from './panels/toolbar';
import type { Focus } from './panels/editor';
import type { Store, ViewState } from './state';
import { currentTheme } from './theme';

interface ExplorerDeps {
  canvas: Canvas;
  store: Store;
  status: StatusPanel;
  inspector: Pick<InspectorPanel, 'showNode' | 'showEdge' | 'clear'>;
  results: Pick<ResultsPanel, 'display'>;
  toolbar: Pick<ToolbarPanel, 'showLayout'>;
  filters: Pick<FiltersPanel, 'setSchema'>;
  console: Pick<ConsolePanel, 'setSchema'>;
  queries: Pick<QueriesPanel, 'load' | 'find' | 'open'>;
  tabs: Pick<TabsPanel, 'select'>;
}

export function createExplorer(deps: ExplorerDeps) {
  const { canvas, store, status } = deps;
  let schema: SchemaInfo | undefined;

  /** Records the nodes on the canvas in the store (one undo step). */
  const commitIds = (): void => store.set({ ids: canvas.nodeIds() });

  function applyFilters(state: ViewState): void {
    canvas.applyFilters({
      hiddenLabels: state.hiddenLabels,
      hiddenTypes: state.hiddenTypes,
      since: state.fromYear !== undefined ? `${state.fromYear}-01-01` : undefined,
      until: state.toYear !== undefined ? `${state.toYear}-12-31` : undefined,
    });
  }

  async function addNeighbourhood(id: string, types?: string[]): Promise<void> {
    status.say('Loading…');
    try {
      const graph = await api.neighbours(id, {
        depth: 1,
        limit: 100,
        rels: types,
        includeRetracted: store.state.retracted,
      });
      const added = canvas.add(graph);
      status.truncated(graph);
      status.say('');
      applyFilters(store.state);
      if (added.length) await canvas.runLayout(store.state.layout);
      canvas.select([id]);
      commitIds();
      void deps.inspector.showNode(id);
    } catch (error) {
      status.fail(error);
    }
  }

  /** Whether the canvas now holds retracted claims (the view's switch, as last drawn). */
  let drawnRetracted = store.state.retracted;
  /** The "as known on" date the canvas was last drawn for. */
  let drawnAsOf: string | undefined;

  /** Brings the canvas to a state (first load, undo/redo, back/forward). */
  async function restore(state: ViewState): Promise<void> {
    const current = canvas.nodeIds().sort().join(',');
    setKnownOn(state.asOf);
    if (
      current !== [...state.ids].sort().join(',') ||
      drawnRetracted !== state.retracted ||
      drawnAsOf !== state.asOf
    ) {
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
      await canvas.runLayout(state.layout, false);
    }
    canvas.group(state.grouped);
    canvas.mergeParallel(state.merged);
    applyFilters(state);
    deps.toolbar.showLayout(state.layout);
    status.canvasEmpty(canvas.nodeIds().length === 0);
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
    deps.console.setSchema(loaded);
  }

  /**
   * After a write (the workbench): the canvas is redrawn from the server with `add` put on
   * it, the schema (counts, dates) is read again, and the inspector shows `focus` (or is
   * cleared; left as it is when no focus is given).
   */
  async function refreshed(focus?: Focus | 'clear', add: string[] = []): Promise<void> {
    const before = new Set(canvas.nodeIds());
    const ids = [...new Set([...before, ...add])];
    try {
      canvas.refresh(
        ids.length ? await api.graph(ids, store.state.retracted) : { nodes: [], relationships: [] },
      );
      drawnRetracted = store.state.retracted;
      applyFilters(store.state);
      if (add.some((id) => !before.has(id))) await canvas.runLayout(store.state.layout);
      commitIds();
      await loadSchema();
      status.canvasEmpty(canvas.nodeIds().length === 0);
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
  ): Promise<void> {
    // The summary first: it is there by the time the nodes appear.
    deps.results.display(result, title, shape !== 'graph' || result.graph.nodes.length === 0);
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
    try {
      const result = await api.runQuery(query.name, params);
      status.say('');
      await showResult(result, query.name, query.result);
      // The URL names the query and its parameters, so a link reruns it.
      const queryParams = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(',') : String(v as string | number),
        ]),
      );
      store.set({ ids: canvas.nodeIds(), query: query.name, queryParams });
    } catch (error) {
      status.fail(error);
    }
  }

  function setLayout(layout: LayoutName): void {
    store.set({ layout });
    void canvas.runLayout(layout);
  }

  /** Removes elements from the canvas, as one undo step. */
  function remove(ids: string[]): void {
    canvas.remove(ids);
    commitIds();
  }

  // The store drives the canvas: history brings a whole state back; a change made here has
  // already changed the canvas, so only the filters follow it.
  store.onChange((state, cause) => {
    if (cause === 'history') void restore(state);
    else applyFilters(state);
  });

  return {
    addNeighbourhood,
    refreshed,
    /** The schema as last read (the editor's forms build on its labels and fields). */
    schema: () => schema,
    /** The "Show retracted claims" switch: one undo step, then the view drawn again. */
    setShowRetracted(on: boolean): void {
      store.set({ retracted: on });
      void refreshed();
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
      void showResult(result, title, 'both').then(commitIds),
    showPaths(result: PathsJson): void {
      canvas.add(result);
      canvas.highlightPath(
        result.nodes.map((n) => n.id),
        result.relationships.map((r) => r.id),
      );
      commitIds();
    },
    setLayout,
    nextLayout: () =>
      setLayout(LAYOUTS[(LAYOUTS.indexOf(store.state.layout) + 1) % LAYOUTS.length]!),
    toggleGroup(): void {
      const grouped = !store.state.grouped;
      canvas.group(grouped);
      store.set({ grouped });
      void canvas.runLayout(store.state.layout);
    },
    toggleMerge(): void {
      const merged = !store.state.merged;
      canvas.mergeParallel(merged);
      store.set({ merged });
    },
    collapse(id: string): void {
      canvas.collapse(id);
      commitIds();
    },
    remove,
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

    /** Start-up: the schema and saved queries, then the linked view, query or an overview. */
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
      if (store.state.ids.length) await restore(store.state);
      if (linked) {
        // A link to a query: show its form with the linked values and run it.
        deps.tabs.select('queries');
        deps.queries.open(linked, store.state.queryParams ?? {});
        await runSavedQuery(linked, store.state.queryParams ?? {});
      } else if (store.state.ids.length === 0) await startOverview();
      document.body.dataset.ready = 'true';
    },
  };
}
