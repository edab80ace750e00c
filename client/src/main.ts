// Wires the explorer together: the store (URL state) drives the canvas; panels change the
// store; the canvas reports clicks to the inspector.
import type cytoscape from 'cytoscape';
import './styles.css';
import { api, ApiError, type GraphJson, type QueryDefinition, type QueryResultJson } from './api';
import { Canvas, LAYOUTS, type LayoutName } from './canvas';
import { byId, download, h } from './dom';
import { Inspector } from './panels/inspector';
import { renderFilters } from './panels/filters';
import { setupSearch } from './panels/search';
import { CypherConsole } from './panels/console';
import { QueriesPanel } from './panels/queries';
import { setupDataPanel } from './panels/data';
import { clearTable, renderTable } from './panels/results';
import { Store, type ViewState } from './state';
import { Editor, type Focus } from './panels/editor';

type Theme = 'light' | 'dark';
const theme = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
document.documentElement.dataset.theme =
  localStorage.getItem('theme') ??
  (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

const store = new Store();
const canvas = new Canvas(byId('cy'), theme());
const statusEl = byId('status');
const banner = byId('truncated');
const inspector = new Inspector((id) => void addNeighbourhood(id), {
  node: (detail) => editor.nodeSection(detail),
  edge: (detail) => editor.edgeSection(detail),
});
let schema: Awaited<ReturnType<typeof api.schema>> | undefined;

function status(message: string, kind: 'info' | 'error' | 'empty' | '' = 'info'): void {
  statusEl.textContent = message;
  statusEl.className = `status ${kind}`;
  statusEl.hidden = !message;
}

function explain(error: unknown): string {
  if (error instanceof ApiError && error.code === 'neo4j_unavailable')
    return 'Neo4j is not reachable. Start it (npm run db:start) or check NEO4J_URI; this page retries when you act again.';
  return error instanceof Error ? error.message : String(error);
}

function showTruncated(graph: GraphJson): void {
  banner.hidden = !graph.truncated;
  if (graph.truncated)
    banner.textContent = `Showing part of the neighbourhood: ${graph.omitted?.nodes ?? 'some'} more nodes were left out. Filter by relationship type to see them.`;
}

/** Canvas + store in one step: the store records the visible ids (one undo step). */
function commitIds(): void {
  store.set({ ids: canvas.nodeIds() });
}

async function addNeighbourhood(id: string, rels?: string[]): Promise<void> {
  status('Loading…');
  try {
    const graph = await api.neighbours(id, {
      depth: 1,
      limit: 100,
      rels,
      includeRetracted: store.state.retracted,
    });
    const added = canvas.add(graph);
    showTruncated(graph);
    status('');
    applyFilters(store.state);
    if (added.length) await canvas.runLayout(store.state.layout);
    canvas.cy.getElementById(id).select();
    commitIds();
    void inspector.showNode(id);
  } catch (error) {
    status(explain(error), 'error');
  }
}

function applyFilters(state: ViewState): void {
  canvas.applyFilters({
    hiddenLabels: state.hiddenLabels,
    hiddenTypes: state.hiddenTypes,
    since: state.fromYear !== undefined ? `${state.fromYear}-01-01` : undefined,
    until: state.toYear !== undefined ? `${state.toYear}-12-31` : undefined,
  });
}

/** Whether the canvas now holds retracted claims (the view's switch, as last drawn). */
let drawnRetracted = store.state.retracted;

/** Brings the canvas to a state (first load, undo/redo, back/forward). */
async function restore(state: ViewState): Promise<void> {
  const current = canvas.nodeIds().sort().join(',');
  editor.syncRetracted(state.retracted);
  if (current !== [...state.ids].sort().join(',') || drawnRetracted !== state.retracted) {
    if (state.ids.length === 0) canvas.replace({ nodes: [], relationships: [] });
    else {
      status('Loading…');
      try {
        canvas.replace(await api.graph(state.ids, state.retracted));
        drawnRetracted = state.retracted;
        status('');
      } catch (error) {
        status(explain(error), 'error');
        return;
      }
    }
    await canvas.runLayout(state.layout, false);
  }
  canvas.group(state.grouped);
  canvas.mergeParallel(state.merged);
  applyFilters(state);
  byId<HTMLSelectElement>('layout').value = state.layout;
  if (schema) renderFilters(schema, store);
  showEmptyState();
}

function showEmptyState(): void {
  if (canvas.nodeIds().length > 0) {
    if (statusEl.classList.contains('empty')) status('');
    return;
  }
  statusEl.replaceChildren(
    h('strong', {}, 'The canvas is empty. '),
    'Search for an actor, a state or a quote above, or ',
    h('button', { class: 'link', onclick: () => void startOverview() }, 'show an overview'),
    '.',
  );
  statusEl.className = 'status empty';
  statusEl.hidden = false;
}

// --- the workbench: writes redraw the view from the server ------------------------------
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
    schema = await api.schema(); // counts and dates changed
    renderFilters(schema, store);
    if (focus === 'clear') inspector.clear();
    else if (focus?.kind === 'node') {
      canvas.cy.getElementById(focus.id).select();
      await inspector.showNode(focus.id);
    } else if (focus) await inspector.showEdge(focus.id);
  } catch (error) {
    status(explain(error), 'error');
  }
}

const editor = new Editor({
  schema: () => schema,
  selectedNodes: () =>
    canvas.cy
      .nodes(':selected')
      .filter((n) => !n.data('groupOf'))
      .map((n) => ({ id: n.id(), label: String(n.data('label')), name: String(n.data('name')) })),
  showRetracted: () => store.state.retracted,
  setShowRetracted: (on) => {
    store.set({ retracted: on });
    void refreshed();
  },
  refreshed,
  status,
});

async function startOverview(): Promise<void> {
  if (schema?.featured) await addNeighbourhood(schema.featured);
}

// --- saved queries and the console ------------------------------------------------------
/** Draws a result: its nodes onto the canvas, its rows into the table under it. */
async function showResult(
  result: QueryResultJson,
  title: string,
  shape: 'graph' | 'table' | 'both',
): Promise<void> {
  const summary = byId('result-summary');
  summary.textContent = `${title}: ${result.rows.length} row(s)${result.truncated ? ` (capped at ${result.rowLimit})` : ''}, ${result.graph.nodes.length} node(s), ${result.elapsedMs} ms`;
  if (shape !== 'table' && result.graph.nodes.length) {
    const added = canvas.add(result.graph);
    applyFilters(store.state);
    if (added.length) await canvas.runLayout(store.state.layout);
  }
  if (shape !== 'graph' || result.graph.nodes.length === 0) {
    renderTable(result.columns, result.rows, `${title}.csv`);
    cypherConsole.reveal();
  } else clearTable();
}

async function runSavedQuery(
  query: QueryDefinition,
  params: Record<string, unknown>,
): Promise<void> {
  status('Running…');
  try {
    const result = await api.runQuery(query.name, params);
    status('');
    await showResult(result, query.name, query.result);
    const queryParams = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.join(',') : String(v as string | number),
      ]),
    );
    store.set({ ids: canvas.nodeIds(), query: query.name, queryParams });
  } catch (error) {
    status(explain(error), 'error');
  }
}

const queriesPanel = new QueriesPanel({ run: runSavedQuery, onError: (m) => status(m, 'error') });
const cypherConsole = new CypherConsole({
  show: (result, title) => {
    void showResult(result, title, 'both').then(commitIds);
  },
  saved: async () => {
    await queriesPanel.load();
    selectTab('queries');
  },
  theme,
});

function selectTab(tab: 'explore' | 'queries' | 'data'): void {
  for (const name of ['explore', 'queries', 'data'] as const) {
    byId(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
    byId(`panel-${name}`).hidden = name !== tab;
  }
}
byId('tab-explore').addEventListener('click', () => selectTab('explore'));
byId('tab-queries').addEventListener('click', () => selectTab('queries'));
byId('tab-data').addEventListener('click', () => selectTab('data'));
setupDataPanel({
  imported: async () => {
    schema = await api.schema();
    renderFilters(schema, store);
    cypherConsole.setSchema(schema);
  },
  visibleIds: () => canvas.nodeIds(),
});

store.onChange((state, cause) => {
  if (cause === 'history') void restore(state);
  else {
    applyFilters(state);
    if (schema) renderFilters(schema, store);
  }
});

// --- canvas interactions ------------------------------------------------------------
canvas.cy.on('tap', 'node', (e) => {
  const node = e.target as cytoscape.NodeSingular;
  if (!node.data('groupOf')) void inspector.showNode(node.id());
});
canvas.cy.on('tap', 'edge', (e) => {
  const edge = e.target as cytoscape.EdgeSingular;
  const id = (edge.data('mergedOf') as string[] | undefined)?.[0] ?? edge.id();
  void inspector.showEdge(id);
});
canvas.cy.on(
  'dbltap',
  'node',
  (e) => void addNeighbourhood((e.target as cytoscape.NodeSingular).id()),
);
canvas.cy.on('tap', (e) => {
  if (e.target === canvas.cy) {
    inspector.clear();
    closeMenu();
  }
});

const menu = byId('menu');
function closeMenu(): void {
  menu.hidden = true;
}
canvas.cy.on('cxttap', 'node', (e) => void openNodeMenu(e));
async function openNodeMenu(e: cytoscape.EventObject): Promise<void> {
  const node = e.target as cytoscape.NodeSingular;
  const id = node.id();
  const pos = e.renderedPosition ?? { x: 0, y: 0 };
  const rect = byId('cy').getBoundingClientRect();
  const item = (label: string, action: () => void) =>
    h('button', { role: 'menuitem', onclick: () => (closeMenu(), action()) }, label);
  menu.replaceChildren(
    h('strong', {}, String(node.data('name'))),
    item('Expand all', () => void addNeighbourhood(id)),
    item('Collapse', () => {
      canvas.collapse(id);
      commitIds();
    }),
    item(node.locked() ? 'Unpin' : 'Pin', () => canvas.togglePin([id])),
    item('Hide', () => canvas.hide([id])),
    item('Remove', () => (canvas.remove([id]), commitIds())),
    h('hr'),
    h('small', {}, 'Expand by type'),
  );
  menu.style.left = `${rect.left + pos.x}px`;
  menu.style.top = `${rect.top + pos.y}px`;
  menu.hidden = false;
  try {
    const { degree } = await api.node(id);
    menu.append(
      ...Object.keys(degree).map((type) => item(type, () => void addNeighbourhood(id, [type]))),
    );
  } catch {
    // the menu still offers the other actions
  }
}

// --- toolbar -------------------------------------------------------------------------
byId<HTMLSelectElement>('layout').addEventListener('change', (e) => {
  const layout = (e.target as HTMLSelectElement).value as LayoutName;
  store.set({ layout });
  void canvas.runLayout(layout);
});
byId('fit').addEventListener('click', () => canvas.fit());
byId('undo').addEventListener('click', () => store.undo());
byId('redo').addEventListener('click', () => store.redo());
byId('group').addEventListener('click', () => {
  const grouped = !store.state.grouped;
  canvas.group(grouped);
  store.set({ grouped });
  void canvas.runLayout(store.state.layout);
});
byId('merge').addEventListener('click', () => {
  const merged = !store.state.merged;
  canvas.mergeParallel(merged);
  store.set({ merged });
});
byId('export-png').addEventListener('click', () => {
  download('attribution-graph.png', canvas.exportPng(theme() === 'dark' ? '#1b1e22' : '#ffffff'));
});
byId('export-json').addEventListener('click', () => {
  download(
    'attribution-graph.json',
    new Blob([JSON.stringify(canvas.visibleGraph(), null, 2)], { type: 'application/json' }),
  );
});
function toggleTheme(): void {
  const next: Theme = theme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  localStorage.setItem('theme', next);
  canvas.setTheme(next);
}
byId('theme').addEventListener('click', toggleTheme);
byId('help').addEventListener('click', () => byId<HTMLDialogElement>('help-dialog').showModal());

byId('find-path').addEventListener('click', () => void findPaths());
async function findPaths(): Promise<void> {
  const out = byId<HTMLOutputElement>('path-output');
  const selected = canvas.cy.nodes(':selected').filter((n) => !n.data('groupOf'));
  if (selected.length !== 2) {
    out.value = 'Select exactly two nodes (Shift+click the second).';
    return;
  }
  const [a, b] = [selected[0]!.id(), selected[1]!.id()];
  try {
    const result = await api.paths(a, b);
    if (!result.paths.length) {
      out.value = 'No path within 6 hops.';
      return;
    }
    canvas.add(result);
    canvas.highlightPath(
      result.nodes.map((n) => n.id),
      result.relationships.map((r) => r.id),
    );
    commitIds();
    out.value = `${result.paths.length} shortest path(s) of ${result.paths[0]!.length} hop(s), highlighted in red.`;
  } catch (error) {
    out.value = explain(error);
  }
}

// --- keyboard --------------------------------------------------------------------------
document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  if (target.closest('input, select, textarea, dialog, [contenteditable]')) return; // typing, not a shortcut
  const selected = () => canvas.cy.$(':selected').map((el) => el.id());
  if (e.key === '/') {
    e.preventDefault();
    byId('search').focus();
  } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
    e.preventDefault();
    if (e.shiftKey) store.redo();
    else store.undo();
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    canvas.remove(selected());
    commitIds();
  } else if (e.key === 'h') canvas.hide(selected());
  else if (e.key === 'p') canvas.togglePin(canvas.cy.nodes(':selected').map((n) => n.id()));
  else if (e.key === 'f') canvas.fit();
  else if (e.key === 'c') canvas.centre(selected());
  else if (e.key === 'l') {
    const next = LAYOUTS[(LAYOUTS.indexOf(store.state.layout) + 1) % LAYOUTS.length]!;
    store.set({ layout: next });
    void canvas.runLayout(next);
  } else if (e.key === 'g') byId('group').click();
  else if (e.key === 't') toggleTheme();
  else if (e.key === 'e') void cypherConsole.toggle();
  else if (e.key === '?') byId<HTMLDialogElement>('help-dialog').showModal();
  else if (e.key === 'Escape') {
    canvas.cy.$(':selected').unselect();
    closeMenu();
  }
});

setupSearch(
  (hit) => void addNeighbourhood(hit.id),
  (message) => status(message, 'error'),
);

async function boot(): Promise<void> {
  try {
    schema = await api.schema();
    renderFilters(schema, store);
    cypherConsole.setSchema(schema);
    await queriesPanel.load();
  } catch (error) {
    status(explain(error), 'error');
    return;
  }
  const linked = store.state.query ? queriesPanel.find(store.state.query) : undefined;
  if (store.state.ids.length) await restore(store.state);
  if (linked) {
    // A link to a query: show its form with the linked values and run it.
    selectTab('queries');
    queriesPanel.open(linked, store.state.queryParams ?? {});
    await runSavedQuery(linked, store.state.queryParams ?? {});
  } else if (store.state.ids.length === 0 && schema.featured) await startOverview();
  document.body.dataset.ready = 'true';
}
void boot();

// A read-only handle for end-to-end tests and for users poking at the graph in devtools.
(window as unknown as { attributionGraph: unknown }).attributionGraph = {
  cy: canvas.cy,
  canvas,
  store,
};
