// Attribution analysis controls: the "as known on" date of the whole view (only what had been
// said by then; not the time window, which is the period claims are about), the assessment
// of the selected operation or actor, and what changed between two dates.
import { api, type WhatChangedResult } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import { showBidiControls } from '../user-text';
import type { Panel } from './panel';

export interface AsOfPanel extends Panel {
  /** Shows the view's date (from the store, after undo or a link). */
  showDate(date: string | undefined): void;
}

type Changed = WhatChangedResult['added'][number];

export function createAsOfPanel(deps: {
  setAsOf: (date: string | undefined) => void;
  selected: () => { id: string; label: string; name: string }[];
  assess: (id: string) => void;
  showClaim: (id: string) => void;
}): AsOfPanel {
  const element = byId('analysis');
  const input = byId<HTMLInputElement>('as-of');
  const out = byId<HTMLOutputElement>('analysis-output');
  const list = byId<HTMLUListElement>('changed-list');

  input.addEventListener('change', () => deps.setAsOf(input.value || undefined));
  byId('as-of-today').addEventListener('click', () => {
    input.value = '';
    deps.setAsOf(undefined);
  });
  byId('assess').addEventListener('click', () => {
    const chosen = deps.selected().filter((n) => n.label === 'Operation' || n.label === 'Actor');
    if (chosen.length !== 1) {
      out.value = 'Select one operation or actor on the canvas first.';
      return;
    }
    out.value = '';
    deps.assess(chosen[0]!.id);
  });

  const item = (what: string, c: Changed) =>
    h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: 'link', 'data-claim': c.id, onclick: () => deps.showClaim(c.id) },
        `${c.on} ${what}: ${showBidiControls(c.sourceName)} ${c.type} ${showBidiControls(c.targetName)}`,
      ),
    );
  byId('what-changed').addEventListener('click', () => {
    const from = byId<HTMLInputElement>('changed-from').value;
    const to = byId<HTMLInputElement>('changed-to').value;
    if (!from || !to) {
      out.value = 'Give both dates: changes after the first, up to the second.';
      return;
    }
    out.value = 'Loading…';
    api
      .whatChanged(from, to)
      .then((r) => {
        const n = r.added.length + r.retracted.length + r.disputed.length;
        out.value = `${r.added.length} added, ${r.retracted.length} retracted, ${r.disputed.length} disputed${r.truncated ? ' (first ones only)' : ''}.`;
        list.replaceChildren(
          ...r.added.map((c) => item('added', c)),
          ...r.retracted.map((c) => item('retracted', c)),
          ...r.disputed.map((c) => item('disputed', c)),
        );
        if (n === 0) list.replaceChildren();
      })
      .catch((error: unknown) => {
        out.value = describeError(error);
      });
  });

  return {
    element,
    showDate(date) {
      input.value = date ?? '';
      element.classList.toggle('dated', Boolean(date));
    },
  };
}
