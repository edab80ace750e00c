// Wires the explorer: creates the canvas, the store (URL state) and the panels, and connects
// them. What each action does is in explorer.ts; what each panel shows is in panels/.
import './styles.css';
import { Canvas } from './canvas';
import { byId } from './dom';
import { createExplorer } from './explorer';
import { bindShortcuts } from './keyboard';
import { createConsolePanel } from './panels/console';
import { createDataPanel } from './panels/data';
import { createEditorPanel } from './panels/editor';
import { createFilterBannerPanel } from './panels/filter-banner';
import { createFiltersPanel } from './panels/filters';
import { createInspectorPanel } from './panels/inspector';
import { createInvestigationsPanel } from './panels/investigations';
import { createNodeMenuPanel } from './panels/node-menu';
import { createPathFinderPanel } from './panels/path-finder';
import { createQueriesPanel } from './panels/queries';
import { createResultsPanel } from './panels/results';
import { createReviewPanel } from './panels/review/review';
import { createSearchPanel } from './panels/search';
import { createSheetPanel } from './panels/sheet';
import { createStatusPanel } from './panels/status';
import { createTabsPanel } from './panels/tabs';
import { createAnalysisPanels } from './panels/analysis';
import { createToolbarPanel } from './panels/toolbar';
import { createWelcomePanel } from './panels/welcome';
import { Store } from './state';
import { showBidiControls } from './user-text';
import { applyStartTheme, currentTheme, switchTheme } from './theme';

applyStartTheme();
const store = new Store();
const canvas = new Canvas(byId('cy'), currentTheme());

// Panels call the explorer's verbs, and the explorer updates panels: the panels are made
// first, with callbacks that reach the explorer (and the tabs) once they exist, below; none
// of the callbacks runs before then.
const help = () => byId<HTMLDialogElement>('help-dialog').showModal();
const toggleTheme = () => canvas.setTheme(switchTheme());

const status = createStatusPanel();
const inspector = createInspectorPanel({
  actions: {
    navigate: (id) => void explorer.addNeighbourhood(id),
    expand: (id, types) => void explorer.addNeighbourhood(id, types),
    drawRelationship: (id) => void explorer.drawRelationship(id),
    drawNode: (id) => void explorer.drawNode(id),
    drawPath: (graph, path) => void explorer.drawPath(graph, path),
  },
  // The workbench's parts: edit, remove, correct, retract, and the history with its reverts.
  extras: {
    node: (detail) => editor.nodeSection(detail),
    edge: (detail) => editor.edgeSection(detail),
  },
});
const editor = createEditorPanel({
  schema: () => explorer.schema(),
  selectedNodes: () => canvas.selectedNodes(),
  showRetracted: () => store.state.retracted,
  refreshed: (focus, add) => explorer.refreshed(focus, add),
  // Its messages name nodes: their bidi controls are shown, not obeyed, as everywhere.
  status: (message, kind) =>
    kind === 'error'
      ? status.fail(showBidiControls(message))
      : status.say(showBidiControls(message)),
});
const search = createSearchPanel({
  choose: (hit) => void explorer.addNeighbourhood(hit.id),
  onError: (error) => status.fail(error),
  showRetracted: () => store.state.retracted,
});
const welcome = createWelcomePanel({
  search: (text) => search.query(text),
  overview: () => void explorer.startOverview(),
});
const filterBanner = createFilterBannerPanel({ reset: () => explorer.resetFilters() });
const filters = createFiltersPanel({
  store,
  setShowRetracted: (on) => explorer.setShowRetracted(on),
});
const queries = createQueriesPanel({
  run: (query, params) => explorer.runSavedQuery(query, params),
  onError: (error) => status.fail(error),
});
const cypherConsole = createConsolePanel({
  show: (result, title) => explorer.showConsoleResult(result, title),
  saved: async () => {
    await queries.load();
    tabs.select('queries');
  },
  theme: currentTheme,
});
const results = createResultsPanel({
  reveal: (from) => cypherConsole.reveal(from),
  actions: {
    drawNode: (id) => void explorer.drawNode(id),
    drawRelationship: (id) => void explorer.drawRelationship(id),
  },
});
const data = createDataPanel({
  imported: () => explorer.loadSchema(),
  visible: () => canvas.visibleIds(),
  review: {
    drawNode: (id) => void explorer.drawNode(id),
    // A "same entity" merge moves claims: what the canvas shows is read again.
    decided: () => explorer.refreshed(),
  },
});
const investigations = createInvestigationsPanel({
  current: () => explorer.investigationOf(),
  draw: (investigation) => explorer.openInvestigation(investigation),
  confirm: (question) => window.confirm(question),
});
const tabs = createTabsPanel({ panels: { queries, investigations, data } });
const toolbar = createToolbarPanel({
  actions: {
    setLayout: (layout) => explorer.setLayout(layout),
    fit: () => canvas.fit(),
    clear: () => explorer.clear(),
    keepSelected: () => explorer.keepSelected(),
    undo: () => store.undo(),
    redo: () => store.redo(),
    toggleGroup: () => explorer.toggleGroup(),
    toggleMerge: () => explorer.toggleMerge(),
    toggleFold: () => explorer.toggleFold(),
    newNode: () => editor.newNode(),
    newClaim: () => editor.newClaim(),
    exportPng: () => explorer.exportPng(),
    exportJson: () => explorer.exportJson(),
    toggleTheme,
    help,
  },
});
const menu = createNodeMenuPanel({
  actions: {
    expand: (id, types) => void explorer.addNeighbourhood(id, types),
    collapse: (id) => explorer.collapse(id),
    togglePin: (id) => canvas.togglePin([id]),
    hide: (id) => canvas.hide([id]),
    remove: (id) => explorer.remove([id]),
    foldLeaves: (id) => canvas.foldLeavesOf(id),
    unfoldLeaves: (id) => canvas.unfoldLeavesOf(id),
    pathEnd: (end, node) => pathFinder.setEnd(end, node),
  },
});
/**
 * Selects a claim on the canvas and shows its evidence (from a path's hop, a timeline event);
 * on a phone the inspector's sheet comes up with it.
 */
function showClaim(id: string): void {
  canvas.unselect();
  canvas.select([id]);
  sheet.peek();
  void inspector.showEdge(id);
}

const pathFinder = createPathFinderPanel({
  selectedNodeIds: () => canvas.selectedNodeIds(),
  showPaths: (result) => explorer.showPaths(result),
  highlight: (nodeIds, relationshipIds) => canvas.highlightPath(nodeIds, relationshipIds),
  showClaim,
});

const explorer = createExplorer({
  canvas,
  store,
  status,
  inspector,
  results,
  toolbar,
  filters,
  filterBanner,
  pathFinder,
  welcome,
  confirm: (question) => window.confirm(question),
  console: cypherConsole,
  queries,
  tabs,
  investigations,
});

// Attribution analysis: as known on, assessment, what changed, timeline and map.
createAnalysisPanels({
  store,
  content: () => canvas.visibleGraph(),
  selectedNodes: () => canvas.selectedNodes(),
  setAsOf: (date) => explorer.setAsOf(date),
  setWindow: (fromYear, toYear) => store.set({ fromYear, toYear }),
  showClaim,
  showNode: (id) => {
    canvas.unselect();
    canvas.select([id]);
    void inspector.showNode(id);
  },
});

// Ingestion's Review view (its own dialog); after a commit the explorer shows what was written.
const review = createReviewPanel({
  committed: (_result, focus) => {
    if (focus) void explorer.addNeighbourhood(focus);
  },
  schema: () => explorer.schema(),
});
byId('open-review').addEventListener('click', () => review.open());

// On a phone the inspector is a sheet over the canvas (panels/sheet.ts): a tap raises it,
// and the graph moves into the part of the canvas it leaves clear.
const sheet = createSheetPanel({ covers: (pixels) => canvas.fitAbove(pixels) });
canvas.onNodeTap((id) => {
  sheet.peek();
  void explorer.inspect({ node: id });
});
canvas.onEdgeTap((id) => {
  sheet.peek();
  void explorer.inspect({ edge: id });
});
canvas.onNodeDoubleTap((id) => void explorer.addNeighbourhood(id));
canvas.onNodeMenu((request) => void menu.open(request));
canvas.onRemoved((ids) => inspector.forget(ids));
canvas.onNodesMoved(() => explorer.moved());
canvas.onBackgroundTap(() => {
  inspector.clear();
  sheet.close();
  menu.close();
});

bindShortcuts({
  focusSearch: () => search.focus(),
  undo: () => store.undo(),
  redo: () => store.redo(),
  removeSelection: () => explorer.removeSelection(),
  keepSelection: () => explorer.keepSelected(),
  hideSelection: () => canvas.hide(canvas.selectedIds()),
  pinSelection: () => canvas.togglePin(canvas.selectedNodeIds()),
  fit: () => canvas.fit(),
  centreSelection: () => canvas.centre(canvas.selectedIds()),
  nextLayout: () => explorer.nextLayout(),
  toggleGroup: () => explorer.toggleGroup(),
  toggleTheme,
  toggleConsole: () => void cypherConsole.toggle(),
  help,
  dismiss: () => {
    canvas.unselect();
    menu.close();
    explorer.clearHighlight();
  },
});

void explorer.open();

// Test hook: the end-to-end tests, the benchmark and devtools reach the canvas (and through
// its cyForTests, Cytoscape) and the store here. Nothing in the client reads it.
(window as unknown as { attributionGraph: unknown }).attributionGraph = { canvas, store };
