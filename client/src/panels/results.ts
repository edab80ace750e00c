// A query's result under the canvas: its summary line, and its rows as a sortable table with
// CSV export (table-shaped results, or a graph result with no nodes to draw). Cells show clean
// text (imported Markdown without its syntax or citation markers); a node or a relationship
// in a cell is a link that draws it on the canvas ("A —TYPE→ B" for a relationship).
import type { QueryResultJson } from '../api';
import { byId, download, h } from '../dom';
import { markdownText } from '../markdown';
import { classifyCell, relationshipText, type Cell } from '../result-cells';
import type { Panel } from './panel';
import { userText } from '../user-text';

type Row = Record<string, unknown>;

/** A cell's text: lists joined, nodes and relationships by name, objects as JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    if (typeof o.type === 'string' && typeof o.id === 'string') return o.type;
    return JSON.stringify(value);
  }
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
}

/**
 * What a spreadsheet would read as a formula (OWASP, CSV injection): a cell that starts with
 * =, +, -, @, a tab, a carriage return or a line feed, or the full-width =, +, - and @.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A CSV cell's text, with a leading ' when it would start a formula (numbers stay numbers). */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  return typeof value !== 'number' && FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV: every field quoted, quotes doubled, formulas neutralised (csvCell). */
export function toCsv(columns: string[], rows: Row[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return (
    [
      columns.map((c) => quote(csvCell(c))).join(','),
      ...rows.map((r) => columns.map((c) => quote(csvCell(r[c]))).join(',')),
    ].join('\r\n') + '\r\n'
  );
}

export interface ResultsPanel extends Panel {
  /**
   * Shows a result's summary; with `table`, its rows too (opening the drawer: under the
   * console's editor for a console run, alone for a saved query), else no table.
   */
  display(result: QueryResultJson, title: string, table: boolean, from: 'console' | 'query'): void;
}

/** Where a click in a cell leads: onto the canvas. */
export interface CellActions {
  drawNode: (id: string) => void;
  drawRelationship: (id: string) => void;
}

function renderCell(cell: Cell, actions: CellActions): (Node | string)[] {
  switch (cell.kind) {
    case 'empty':
      return [];
    case 'text':
      return [userText(markdownText(cell.text))];
    case 'node':
      return [
        h(
          'button',
          {
            class: 'link cell-node',
            'data-node': cell.id,
            title: `${cell.label}: draw on the canvas`,
            onclick: () => actions.drawNode(cell.id),
          },
          userText(cell.name),
        ),
      ];
    case 'relationship':
      return [
        h(
          'button',
          {
            class: 'link cell-relationship',
            'data-relationship': cell.id,
            title: 'Draw this relationship on the canvas',
            onclick: () => actions.drawRelationship(cell.id),
          },
          userText(relationshipText(cell)),
        ),
      ];
    case 'list':
      return cell.items.flatMap((item, i) => [...(i ? [', '] : []), ...renderCell(item, actions)]);
  }
}

export function createResultsPanel(deps: {
  reveal: (from: 'console' | 'query') => void;
  actions: CellActions;
}): ResultsPanel {
  const element = byId('results');
  const summary = byId('result-summary');
  const exportButton = byId<HTMLButtonElement>('export-csv');
  return {
    element,
    display(result, title, table, from) {
      summary.textContent = `${title}: ${result.rows.length} row(s)${result.truncated ? ` (capped at ${result.rowLimit})` : ''}, ${result.graph.nodes.length} node(s), ${result.elapsedMs} ms`;
      if (table) {
        renderTable(element, exportButton, result, `${title}.csv`, deps.actions);
        deps.reveal(from);
      } else {
        element.replaceChildren();
        exportButton.hidden = true;
      }
    },
  };
}

function renderTable(
  container: HTMLElement,
  exportButton: HTMLButtonElement,
  result: QueryResultJson,
  fileName: string,
  actions: CellActions,
): void {
  const { columns, rows } = result;
  let sortColumn: string | undefined;
  let ascending = true;
  const draw = () => {
    const sorted = sortColumn
      ? [...rows].sort((a, b) => {
          const x = cellText(a[sortColumn!]);
          const y = cellText(b[sortColumn!]);
          const n = Number(x) - Number(y);
          const order = Number.isNaN(n) || x === '' || y === '' ? x.localeCompare(y) : n;
          return ascending ? order : -order;
        })
      : rows;
    container.replaceChildren(
      h(
        'table',
        { class: 'result-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...columns.map((c) =>
              h(
                'th',
                {
                  scope: 'col',
                  'aria-sort': sortColumn === c ? (ascending ? 'ascending' : 'descending') : 'none',
                  onclick: () => {
                    ascending = sortColumn === c ? !ascending : true;
                    sortColumn = c;
                    draw();
                  },
                },
                userText(c),
                sortColumn === c ? (ascending ? ' ▲' : ' ▼') : '',
              ),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...sorted.map((r) =>
            h(
              'tr',
              {},
              ...columns.map((c) =>
                h('td', {}, ...renderCell(classifyCell(r[c], result.graph), actions)),
              ),
            ),
          ),
        ),
      ),
    );
  };
  draw();
  exportButton.hidden = false;
  exportButton.onclick = () =>
    download(fileName, new Blob([toCsv(columns, rows)], { type: 'text/csv' }));
}
