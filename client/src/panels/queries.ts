// The Queries panel: saved queries grouped and searchable; choosing one renders a form from
// its parameter schema (node ids get a search-backed picker, allowed values a select).
import { api, type ParamSpec, type QueryDefinition } from '../api';
import { byId, formText, h } from '../dom';
import type { Panel } from './panel';
import { showBidiControls, userText } from '../user-text';

export interface QueriesPanel extends Panel {
  /** (Re)reads the list of saved queries from the server. */
  load(): Promise<void>;
  find(name: string): QueryDefinition | undefined;
  /** Shows the form of a query, with given values (from a link) or the defaults. */
  open(query: QueryDefinition, values?: Record<string, unknown>): void;
}

export function createQueriesPanel(deps: {
  run: (query: QueryDefinition, params: Record<string, unknown>) => Promise<void>;
  onError: (error: unknown) => void;
}): QueriesPanel {
  let queries: QueryDefinition[] = [];
  const list = byId('query-list');
  const form = byId<HTMLFormElement>('query-form');
  const filter = byId<HTMLInputElement>('query-filter');

  async function load(): Promise<void> {
    try {
      queries = (await api.queries()).queries;
      renderList();
    } catch (error) {
      deps.onError(error);
    }
  }

  function renderList(): void {
    const needle = filter.value.trim().toLowerCase();
    const shown = queries.filter(
      (q) => !needle || `${q.title} ${q.description} ${q.group}`.toLowerCase().includes(needle),
    );
    const groups = new Map<string, QueryDefinition[]>();
    for (const q of shown) {
      const group = q.origin === 'user' ? 'Saved by you' : q.group;
      groups.set(group, [...(groups.get(group) ?? []), q]);
    }
    list.replaceChildren(
      ...(shown.length ? [] : [h('p', { class: 'hint' }, 'No saved query matches.')]),
      ...[...groups].map(([group, qs]) =>
        h(
          'section',
          {},
          h('h2', {}, userText(group)),
          h(
            'ul',
            { class: 'queries' },
            ...qs.map((q) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    class: 'query',
                    'data-query': q.name,
                    title: showBidiControls(q.description),
                    onclick: () => open(q),
                  },
                  userText(q.title),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function open(query: QueryDefinition, values: Record<string, unknown> = {}): void {
    const fields = Object.entries(query.params).map(([name, spec]) =>
      field(name, spec, values[name] ?? spec.default),
    );
    form.replaceChildren(
      h('h3', {}, userText(query.title)),
      h('p', { class: 'hint' }, userText(query.description)),
      ...fields,
      h(
        'div',
        { class: 'form-actions' },
        h(
          'button',
          { type: 'submit', class: 'primary' },
          `Run ▸ ${query.result === 'graph' ? 'graph' : 'table'}`,
        ),
        query.origin === 'user'
          ? h('button', { type: 'button', onclick: () => void remove(query) }, 'Delete')
          : null,
      ),
    );
    form.hidden = false;
    form.onsubmit = (event) => {
      event.preventDefault();
      void deps.run(query, formValues(query));
    };
  }

  /** The form's values, typed by the query's parameters; empty fields are left out. */
  function formValues(query: QueryDefinition): Record<string, unknown> {
    const data = new FormData(form);
    const out: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(query.params)) {
      const raw =
        spec.type === 'list' && spec.allowed ? data.getAll(name).map(String) : formText(data, name);
      if (Array.isArray(raw) ? raw.length === 0 : raw === '') continue;
      out[name] = spec.type === 'int' || spec.type === 'float' ? Number(raw) : raw;
    }
    return out;
  }

  function field(name: string, spec: ParamSpec, value: unknown): HTMLElement {
    const label = `${name}${spec.required ? ' *' : ''}`;
    const help = spec.description ? h('small', {}, spec.description) : null;
    const id = `param-${name}`;
    let input: HTMLElement;
    if (spec.allowed) {
      const chosen = new Set((Array.isArray(value) ? value : [value]).map(String));
      input = h(
        'select',
        { id, name, ...(spec.type === 'list' ? { multiple: true, size: '5' } : {}) },
        ...(spec.type === 'list' || spec.required ? [] : [h('option', { value: '' }, '(any)')]),
        ...spec.allowed.map((v) =>
          h('option', { value: String(v), selected: chosen.has(String(v)) }, String(v)),
        ),
      );
    } else if (spec.type === 'int' || spec.type === 'float') {
      input = h('input', {
        id,
        name,
        type: 'number',
        step: spec.type === 'int' ? '1' : 'any',
        ...(spec.min !== undefined ? { min: String(spec.min) } : {}),
        ...(spec.max !== undefined ? { max: String(spec.max) } : {}),
        value: value === undefined ? '' : String(value as number),
        required: spec.required,
      });
    } else if (spec.type === 'date') {
      // ISO dates at any precision (2022, 2024-03, 2025-05-28), as the data has them.
      input = h('input', {
        id,
        name,
        type: 'text',
        inputmode: 'numeric',
        pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?',
        placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD',
        value: typeof value === 'string' ? value : '',
        required: spec.required,
      });
    } else if (spec.type === 'node') {
      input = nodePicker(id, name, spec, typeof value === 'string' ? value : '');
    } else {
      input = h('input', {
        id,
        name,
        type: 'text',
        value: Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '',
        required: spec.required,
        ...(spec.type === 'list' ? { placeholder: 'comma-separated' } : {}),
      });
    }
    return h('label', { class: 'field', for: id }, h('span', {}, label), input, help);
  }

  /** A text input for a node id with suggestions from the search API (labels filtered). */
  function nodePicker(id: string, name: string, spec: ParamSpec, value: string): HTMLElement {
    const listId = `${id}-options`;
    const datalist = h('datalist', { id: listId });
    const input = h('input', {
      id,
      name,
      type: 'text',
      list: listId,
      value,
      required: spec.required,
      placeholder: spec.label ? `${spec.label} id or name` : 'node id or name',
      autocomplete: 'off',
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 || /^[a-z]+:/.test(q)) return;
      timer = setTimeout(() => {
        void api.search(q, 8).then(({ hits }) => {
          datalist.replaceChildren(
            ...hits
              .filter((hit) => !spec.label || hit.label === spec.label)
              .map((hit) =>
                h('option', { value: hit.id }, `${showBidiControls(hit.name)} (${hit.label})`),
              ),
          );
        });
      }, 150);
    });
    return h('span', { class: 'picker' }, input, datalist);
  }

  async function remove(query: QueryDefinition): Promise<void> {
    if (!confirm(`Delete the saved query "${query.title}"?`)) return;
    try {
      await api.deleteQuery(query.name);
      form.hidden = true;
      await load();
    } catch (error) {
      deps.onError(error);
    }
  }

  filter.addEventListener('input', () => renderList());
  return {
    element: byId('panel-queries'),
    load,
    find: (name) => queries.find((q) => q.name === name),
    open,
  };
}
