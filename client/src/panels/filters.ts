// The legend (built from /api/schema) doubles as the label and relationship-type filter;
// two range inputs set the time window in years. Rendered from the store's state, so it
// is simply rendered again after every change (undo, back, a shared link).
import type { SchemaInfo } from '../api';
import { byId, h } from '../dom';
import { LABEL_STYLE } from '../style';
import type { Store } from '../state';

export function renderFilters(schema: SchemaInfo, store: Store): void {
  const { hiddenLabels, hiddenTypes } = store.state;
  byId('legend-labels').replaceChildren(
    ...schema.labels.map((l) =>
      h(
        'li',
        { title: l.description },
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            'data-label': l.name,
            checked: !hiddenLabels.includes(l.name),
            onchange: (e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const rest = store.state.hiddenLabels.filter((x) => x !== l.name);
              store.set({ hiddenLabels: on ? rest : [...rest, l.name] });
            },
          }),
          h('span', {
            class: `swatch shape-${LABEL_STYLE[l.name]?.shape ?? 'ellipse'}`,
            style: `background:${LABEL_STYLE[l.name]?.color ?? '#888'}`,
          }),
          l.name,
          h('small', {}, String(l.count)),
        ),
      ),
    ),
  );
  byId('legend-types').replaceChildren(
    ...schema.relationshipTypes
      .filter((t) => t.count > 0)
      .map((t) =>
        h(
          'li',
          { title: t.description },
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              'data-type': t.name,
              checked: !hiddenTypes.includes(t.name),
              onchange: (e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                const rest = store.state.hiddenTypes.filter((x) => x !== t.name);
                store.set({ hiddenTypes: on ? rest : [...rest, t.name] });
              },
            }),
            h('span', { class: t.dispute ? 'line dashed' : 'line' }),
            t.name,
            h('small', {}, String(t.count)),
          ),
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
  const commit = () => {
    let f = Number(from.value);
    let t = Number(to.value);
    if (f > t) [f, t] = [t, f];
    store.set({ fromYear: f === minYear ? undefined : f, toYear: t === maxYear ? undefined : t });
  };
  from.oninput = to.oninput = () => (output.value = `${from.value} – ${to.value}`);
  from.onchange = to.onchange = commit;
}
