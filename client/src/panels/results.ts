// A sortable results table with CSV export, for table-shaped query results.
import { byId, download, h } from '../dom';
import { userText } from '../user-text';

type Row = Record<string, unknown>;

/** A cell's text: lists joined, nodes and relationships by name, objects as JSON. */
export function cellText(value: unknown): string {
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

export function renderTable(columns: string[], rows: Row[], fileName: string): void {
  const container = byId('results');
  const exportButton = byId<HTMLButtonElement>('export-csv');
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

export function clearTable(): void {
  byId('results').replaceChildren();
  byId('export-csv').hidden = true;
}
