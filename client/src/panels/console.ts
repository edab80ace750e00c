// The Cypher console: a drawer under the canvas with Neo4j's CodeMirror Cypher editor
// (loaded on first open, to keep it out of the initial bundle), Ctrl+Enter to run, recent
// queries, errors shown at their position, and "Save as query".
import { api, ApiError, type QueryResultJson, type SchemaInfo } from '../api';
import { byId, formText, h } from '../dom';
import { describeError } from '../errors';
import type { Theme } from '../theme';
import type { EditorApi } from '@neo4j-cypher/codemirror';
import type { Panel } from './panel';

const HISTORY_KEY = 'attribution-graph:cypher-history';
const HISTORY_SIZE = 20;
const STARTER = 'MATCH (op:Operation)-[r:ATTRIBUTED_TO]->(actor)\nRETURN op, r, actor';

interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
  setPosition(offset: number): void;
  focus(): void;
}

export interface ConsolePanel extends Panel {
  /** Labels, types and properties for the editor's completion (used when it first opens). */
  setSchema(schema: SchemaInfo): void;
  /** Opens (and focuses the editor) or closes the drawer. */
  toggle(open?: boolean): Promise<void>;
  /**
   * Opens the drawer to show results, without taking the focus: a console run's with the
   * editor above them, a saved query's alone (the console's last text is not its query).
   */
  reveal(from: 'console' | 'query'): void;
}

/** The recent queries kept in this browser, newest first. */
function history(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function createConsolePanel(deps: {
  show: (result: QueryResultJson, title: string) => void;
  saved: () => Promise<void>;
  theme: () => Theme;
}): ConsolePanel {
  let editor: EditorHandle | undefined;
  let loading: Promise<EditorHandle> | undefined;
  let schema: SchemaInfo | undefined;
  const body = byId('drawer-body');
  const toggleButton = byId<HTMLButtonElement>('drawer-toggle');
  const errorEl = byId('cypher-error');
  const historySelect = byId<HTMLSelectElement>('cypher-history');
  const saveForm = byId<HTMLFormElement>('save-form');
  const saveDialog = byId<HTMLDialogElement>('save-dialog');
  const saveError = byId('save-error');

  const setOpen = (open: boolean, resultsOnly = false): void => {
    body.hidden = !open;
    body.classList.toggle('results-only', resultsOnly);
    toggleButton.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('drawer-open', open);
  };

  function ensureEditor(): Promise<EditorHandle> {
    if (editor) return Promise.resolve(editor);
    loading ??= (async () => {
      const [{ createCypherEditor }] = await Promise.all([
        import('@neo4j-cypher/codemirror'),
        import('@neo4j-cypher/codemirror/css/cypher-codemirror.css'),
      ]);
      // The typings say createCypherEditor returns the EditorApi; version 1.0.3 returns it
      // wrapped as { editor } (see its README and es/codemirror.js).
      const { editor: cm } = createCypherEditor(byId('editor'), {
        value: history()[0] ?? STARTER,
        theme: deps.theme(),
        lineNumbers: true,
        autocomplete: true,
        history: true,
        lint: true,
        schema: schema
          ? {
              labels: schema.labels.map((l) => l.name),
              relationshipTypes: schema.relationshipTypes.map((t) => t.name),
              propertyKeys: schema.propertyKeys,
            }
          : undefined,
      }) as unknown as { editor: EditorApi };
      cm.onKeyDown((event: KeyboardEvent) => {
        if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
          event.preventDefault();
          void run();
        }
      });
      editor = {
        getValue: () => cm.codemirror.state.doc.toString(),
        setValue: (text) => cm.setValue(text),
        setPosition: (offset) => cm.setPosition(offset, true),
        focus: () => cm.focus(),
      };
      return editor;
    })();
    return loading;
  }

  async function run(): Promise<void> {
    const handle = await ensureEditor();
    const query = handle.getValue().trim();
    if (!query) return;
    errorEl.hidden = true;
    try {
      const result = await api.cypher(query);
      remember(query);
      deps.show(result, 'cypher-result');
    } catch (error) {
      errorEl.textContent = describeError(error);
      errorEl.hidden = false;
      // The editor's cursor goes to where Neo4j found the problem.
      const position = error instanceof ApiError ? error.details?.position : undefined;
      if (position) handle.setPosition(position.offset);
    }
  }

  function remember(query: string): void {
    const next = [query, ...history().filter((q) => q !== query)].slice(0, HISTORY_SIZE);
    localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
    renderHistory();
  }

  function renderHistory(): void {
    historySelect.replaceChildren(
      h('option', { value: '' }, 'Recent queries…'),
      ...history().map((q) => h('option', { value: q }, q.replace(/\s+/g, ' ').slice(0, 80))),
    );
  }

  async function save(): Promise<void> {
    const data = new FormData(saveForm);
    const handle = await ensureEditor();
    try {
      await api.saveQuery({
        name: formText(data, 'name'),
        title: formText(data, 'title'),
        description: formText(data, 'description'),
        result: data.get('result') === 'table' ? 'table' : 'graph',
        params: {},
        cypher: handle.getValue(),
      });
      saveDialog.close();
      saveForm.reset();
      await deps.saved();
    } catch (error) {
      saveError.textContent = describeError(error);
      saveError.hidden = false;
    }
  }

  async function toggle(
    open = body.hidden || body.classList.contains('results-only'),
  ): Promise<void> {
    setOpen(open);
    if (open) (await ensureEditor()).focus();
  }

  toggleButton.addEventListener('click', () => void toggle());
  byId('run-cypher').addEventListener('click', () => void run());
  byId('save-query').addEventListener('click', () => {
    saveError.hidden = true;
    saveDialog.showModal();
  });
  historySelect.addEventListener('change', () => {
    if (historySelect.value) editor?.setValue(historySelect.value);
    historySelect.value = '';
  });
  saveForm.addEventListener('submit', (event) => {
    if ((event.submitter as HTMLButtonElement | null)?.value !== 'save') return;
    event.preventDefault();
    void save();
  });
  renderHistory();

  return {
    element: byId('drawer'),
    setSchema: (next) => void (schema = next),
    toggle,
    reveal(from) {
      setOpen(true, from === 'query');
      if (from === 'console') void ensureEditor();
    },
  };
}
