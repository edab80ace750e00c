// The Cypher console: a drawer under the canvas with Neo4j's CodeMirror Cypher editor
// (loaded on first open, to keep it out of the initial bundle), Ctrl+Enter to run, recent
// queries, errors shown at their position, and "Save as query".
import { api, ApiError, type QueryResultJson, type SchemaInfo } from '../api';
import { byId, formText, h } from '../dom';
import { describeError } from '../errors';
import type { EditorApi } from '@neo4j-cypher/codemirror';

const HISTORY_KEY = 'attribution-graph:cypher-history';
const HISTORY_SIZE = 20;
const STARTER = 'MATCH (op:Operation)-[r:ATTRIBUTED_TO]->(actor)\nRETURN op, r, actor';

interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
  setPosition(offset: number): void;
  focus(): void;
}

export interface ConsoleHooks {
  show: (result: QueryResultJson, title: string) => void;
  saved: () => Promise<void>;
  theme: () => 'light' | 'dark';
}

export class CypherConsole {
  private editor: EditorHandle | undefined;
  private loading: Promise<EditorHandle> | undefined;
  private schema: SchemaInfo | undefined;
  private readonly body = byId('drawer-body');
  private readonly toggleButton = byId<HTMLButtonElement>('drawer-toggle');
  private readonly errorEl = byId('cypher-error');
  private readonly historySelect = byId<HTMLSelectElement>('cypher-history');

  constructor(private readonly hooks: ConsoleHooks) {
    this.toggleButton.addEventListener('click', () => void this.toggle());
    byId('run-cypher').addEventListener('click', () => void this.run());
    byId('save-query').addEventListener('click', () => this.openSave());
    this.historySelect.addEventListener('change', () => {
      if (this.historySelect.value) this.editor?.setValue(this.historySelect.value);
      this.historySelect.value = '';
    });
    this.renderHistory();
    const form = byId<HTMLFormElement>('save-form');
    form.addEventListener('submit', (event) => {
      if ((event.submitter as HTMLButtonElement | null)?.value !== 'save') return;
      event.preventDefault();
      void this.save(form);
    });
  }

  setSchema(schema: SchemaInfo): void {
    this.schema = schema;
  }

  get isOpen(): boolean {
    return !this.body.hidden;
  }

  async toggle(open = !this.isOpen): Promise<void> {
    this.body.hidden = !open;
    this.toggleButton.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('drawer-open', open);
    if (open) (await this.ensureEditor()).focus();
  }

  /** Opens the drawer showing results (without necessarily focusing the editor). */
  reveal(): void {
    this.body.hidden = false;
    this.toggleButton.setAttribute('aria-expanded', 'true');
    document.body.classList.add('drawer-open');
    void this.ensureEditor();
  }

  private ensureEditor(): Promise<EditorHandle> {
    if (this.editor) return Promise.resolve(this.editor);
    this.loading ??= (async () => {
      const [{ createCypherEditor }] = await Promise.all([
        import('@neo4j-cypher/codemirror'),
        import('@neo4j-cypher/codemirror/css/cypher-codemirror.css'),
      ]);
      // The typings say createCypherEditor returns the EditorApi; version 1.0.3 returns it
      // wrapped as { editor } (see its README and es/codemirror.js).
      const { editor: api } = createCypherEditor(byId('editor'), {
        value: this.history()[0] ?? STARTER,
        theme: this.hooks.theme(),
        lineNumbers: true,
        autocomplete: true,
        history: true,
        lint: true,
        schema: this.schema
          ? {
              labels: this.schema.labels.map((l) => l.name),
              relationshipTypes: this.schema.relationshipTypes.map((t) => t.name),
              propertyKeys: this.schema.propertyKeys,
            }
          : undefined,
      }) as unknown as { editor: EditorApi };
      api.onKeyDown((event: KeyboardEvent) => {
        if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
          event.preventDefault();
          void this.run();
        }
      });
      this.editor = {
        getValue: () => api.codemirror.state.doc.toString(),
        setValue: (text) => api.setValue(text),
        setPosition: (offset) => api.setPosition(offset, true),
        focus: () => api.focus(),
      };
      return this.editor;
    })();
    return this.loading;
  }

  async run(text?: string): Promise<void> {
    const editor = await this.ensureEditor();
    if (text !== undefined) editor.setValue(text);
    const query = editor.getValue().trim();
    if (!query) return;
    this.errorEl.hidden = true;
    try {
      const result = await api.cypher(query);
      this.remember(query);
      this.hooks.show(result, 'cypher-result');
    } catch (error) {
      this.errorEl.textContent = describeError(error);
      this.errorEl.hidden = false;
      // The editor's cursor goes to where Neo4j found the problem.
      const position = error instanceof ApiError ? error.details?.position : undefined;
      if (position) editor.setPosition(position.offset);
    }
  }

  private history(): string[] {
    try {
      const stored = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
      return Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  private remember(query: string): void {
    const next = [query, ...this.history().filter((q) => q !== query)].slice(0, HISTORY_SIZE);
    localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
    this.renderHistory();
  }

  private renderHistory(): void {
    this.historySelect.replaceChildren(
      h('option', { value: '' }, 'Recent queries…'),
      ...this.history().map((q) => h('option', { value: q }, q.replace(/\s+/g, ' ').slice(0, 80))),
    );
  }

  private openSave(): void {
    byId('save-error').hidden = true;
    byId<HTMLDialogElement>('save-dialog').showModal();
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const editor = await this.ensureEditor();
    const errorEl = byId('save-error');
    try {
      await api.saveQuery({
        name: formText(data, 'name'),
        title: formText(data, 'title'),
        description: formText(data, 'description'),
        result: data.get('result') === 'table' ? 'table' : 'graph',
        params: {},
        cypher: editor.getValue(),
      });
      byId<HTMLDialogElement>('save-dialog').close();
      form.reset();
      await this.hooks.saved();
    } catch (error) {
      errorEl.textContent = describeError(error);
      errorEl.hidden = false;
    }
  }
}
