// The legend (built from /api/schema) doubles as the label and relationship-type filter, each
// row with "only" to keep that one alone; two range inputs set the time window in years, a
// switch includes or leaves out undated claims (with their count on the canvas), another hides
// the nodes the filters leave without a relationship. Rendered from the store's state, so it
// is simply rendered again after every change of the state (a click, undo, back, a link).
import type { SchemaInfo } from '../api';
import { byId, h } from '../dom';
import { labelStyle } from '../palette';
import type { Store } from '../state';
import type { Panel } from './panel';

type ListKey = 'hiddenLabels' | 'hiddenTypes';

/** One legend row: a checkbox that hides or shows `name`, and "only" that hides all others. */
function toggleRow(
  store: Store,
  key: ListKey,
  item: { name: string; count: number; description: string },
  all: readonly string[],
  marker: HTMLElement,
): HTMLElement {
  const attr = key === 'hiddenLabels' ? 'data-label' : 'data-type';
  return h(
    'li',
    { title: item.description },
    h(
      'label',
      {},
      h('input', {
        type: 'checkbox',
        [attr]: item.name,
        checked: !store.state[key].includes(item.name),
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          const rest = store.state[key].filter((x) => x !== item.name);
          store.set({ [key]: on ? rest : [...rest, item.name] });
        },
      }),
      marker,
      item.name,
      h('small', {}, String(item.count)),
    ),
    h(
      'button',
      {
        class: 'only',
        [attr]: item.name,
        title: `Show only ${item.name}`,
        onclick: () => store.set({ [key]: all.filter((x) => x !== item.name) }),
      },
      'only',
    ),
  );
}

export interface FiltersPanel extends Panel {
  /** The labels, types and date range to offer (at start-up, after an import). */
  setSchema(schema: SchemaInfo): void;
  /** How many relationships on the canvas have no date (shown by the undated switch). */
  setUndatedCount(count: number): void;
  /** How many claims on the canvas give no confidence (shown by the unrated switch). */
  setUnratedCount(count: number): void;
}

export function createFiltersPanel(deps: {
  store: Store;
  /** The "Show retracted claims" switch: the explorer redraws the view with or without them. */
  setShowRetracted: (on: boolean) => void;
}): FiltersPanel {
  let schema: SchemaInfo | undefined;
  const retracted = byId<HTMLInputElement>('show-retracted');
  retracted.addEventListener('change', () => deps.setShowRetracted(retracted.checked));
  const render = () => {
    // After undo, back or a shared link the switch follows the view.
    retracted.checked = deps.store.state.retracted;
    if (schema) renderFilters(schema, deps.store);
  };
  render();
  deps.store.onChange(render);
  const undated = byId<HTMLInputElement>('include-undated');
  undated.onchange = () => deps.store.set({ undated: undated.checked });
  const orphans = byId<HTMLInputElement>('hide-orphans');
  orphans.onchange = () => deps.store.set({ hideOrphans: orphans.checked });
  const unrated = byId<HTMLInputElement>('include-unrated');
  unrated.onchange = () => deps.store.set({ unrated: unrated.checked });
  const minimum = byId<HTMLInputElement>('min-confidence');
  minimum.oninput = () => showMinimum(Number(minimum.value));
  // 0 is no minimum: the link and the banner stay clean.
  minimum.onchange = () =>
    deps.store.set({
      minConfidence: Number(minimum.value) > 0 ? Number(minimum.value) : undefined,
    });
  return {
    element: byId('filters'),
    setSchema(next) {
      schema = next;
      render();
    },
    setUndatedCount(count) {
      byId('undated-count').textContent = `(${count} on the canvas)`;
    },
    setUnratedCount(count) {
      byId('unrated-count').textContent = `(${count} on the canvas)`;
    },
  };
}

/** The minimum's words beside its slider; the unrated switch matters only with a minimum. */
function showMinimum(value: number): void {
  byId<HTMLOutputElement>('min-confidence-output').value =
    value > 0 ? `${value} of 100` : 'any (no minimum)';
  byId<HTMLInputElement>('include-unrated').disabled = value === 0;
}

function renderFilters(schema: SchemaInfo, store: Store): void {
  const labels = schema.labels.map((l) => l.name);
  byId('legend-labels').replaceChildren(
    ...schema.labels.map((l) =>
      toggleRow(
        store,
        'hiddenLabels',
        l,
        labels,
        h('span', {
          class: `swatch shape-${labelStyle(l.name).shape}`,
          style: `background:${labelStyle(l.name).color}`,
        }),
      ),
    ),
  );
  // "only" hides every other type the model has, listed or not (one the graph gains later
  // stays hidden too).
  const allTypes = schema.relationshipTypes.map((t) => t.name);
  byId('legend-types').replaceChildren(
    ...schema.relationshipTypes
      .filter((t) => t.count > 0)
      .map((t) =>
        toggleRow(
          store,
          'hiddenTypes',
          t,
          allTypes,
          h('span', { class: t.dispute ? 'line dashed' : 'line' }),
        ),
      ),
  );

  const minYear = Number((schema.dateRange.min ?? '2000').slice(0, 4));
  const maxYear = Math.max(
    Number((schema.dateRange.max ?? String(new Date().getFullYear())).slice(0, 4)),
    minYear,
  );
  const from = byId<HTMLInputElement>('time-from');
  const to = byId<HTMLInputElement>('time-to');
  const output = byId<HTMLOutputElement>('time-output');
  for (const input of [from, to]) {
    input.min = String(minYear);
    input.max = String(maxYear);
    input.step = '1';
  }
  const sync = () => {
    from.value = String(store.state.fromYear ?? minYear);
    to.value = String(store.state.toYear ?? maxYear);
    output.value = `${from.value} – ${to.value}`;
  };
  sync();
  byId<HTMLInputElement>('include-undated').checked = store.state.undated;
  byId<HTMLInputElement>('hide-orphans').checked = store.state.hideOrphans;
  byId<HTMLInputElement>('include-unrated').checked = store.state.unrated;
  byId<HTMLInputElement>('min-confidence').value = String(store.state.minConfidence ?? 0);
  showMinimum(store.state.minConfidence ?? 0);
  const commit = () => {
    let f = Number(from.value);
    let t = Number(to.value);
    if (f > t) [f, t] = [t, f];
    store.set({ fromYear: f === minYear ? undefined : f, toYear: t === maxYear ? undefined : t });
  };
  from.oninput = to.oninput = () => (output.value = `${from.value} – ${to.value}`);
  from.onchange = to.onchange = commit;
}
