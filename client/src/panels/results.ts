// A query's result under the canvas: its summary line, and its rows as a sortable table with
// CSV export (table-shaped results, or a graph result with no nodes to draw).
import type { QueryResultJson } from '../api';
import { byId, download, h } from '../dom';
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
  /** Shows a result's summary; with `table`, its rows too (opening the drawer), else no table. */
  display(result: QueryResultJson, title: string, table: boolean): void;
}

export function createResultsPanel(deps: { reveal: () => void }): ResultsPanel {
  const element = byId('results');
  const summary = byId('result-summary');
  const exportButton = byId<HTMLButtonElement>('export-csv');
  return {
    element,
    display(result, title, table) {
      summary.textContent = `${title}: ${result.rows.length} row(s)${result.truncated ? ` (capped at ${result.rowLimit})` : ''}, ${result.graph.nodes.length} node(s), ${result.elapsedMs} ms`;
      if (table) {
        renderTable(element, exportButton, result.columns, result.rows, `${title}.csv`);
        deps.reveal();
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
  columns: string[],
  rows: Row[],
  fileName: string,
): void {
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
            h('tr', {}, ...columns.map((c) => h('td', {}, userText(cellText(r[c]))))),
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
