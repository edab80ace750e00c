// A search box that picks one node (of some labels): for a claim's sources and its asserting
// party. Suggestions come from /api/search as the user types.
import { api, type SearchHit } from '../../api';
import { h } from '../../dom';
import { showBidiControls, userText } from '../../user-text';
import { labelStyle } from '../../palette';

export function nodePicker(options: {
  name: string;
  placeholder: string;
  types: string[];
  onPick: (hit: SearchHit) => void;
}): HTMLElement {
  const input = h('input', {
    type: 'search',
    name: options.name,
    placeholder: options.placeholder,
    autocomplete: 'off',
    'aria-label': options.placeholder,
  });
  const list = h('ul', { class: 'picker-hits', role: 'listbox', hidden: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const lookup = async () => {
    const q = input.value.trim();
    if (!q) {
      list.hidden = true;
      return;
    }
    const mine = ++seq;
    const { hits } = await api.search(q, 8, options.types).catch(() => ({ hits: [] }));
    if (mine !== seq) return; // a newer keystroke won
    list.replaceChildren(
      ...(hits.length
        ? hits.map((hit) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  role: 'option',
                  onclick: () => {
                    input.value = '';
                    list.hidden = true;
                    options.onPick(hit);
                  },
                },
                h('span', {
                  class: 'swatch',
                  style: `background:${labelStyle(hit.label).color}`,
                }),
                ' ',
                userText(hit.name),
                ' ',
                h('small', {}, hit.label),
              ),
            ),
          )
        : [h('li', { class: 'empty' }, `No ${options.types.join(' or ')} matches “${q}”`)]),
    );
    list.hidden = false;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void lookup(), 180);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') e.preventDefault(); // picking, not submitting the form
  });
  return h('div', { class: 'picker' }, input, list);
}

/**
 * One chosen node (a claim's asserting party, a merge's duplicate): its chip with a remove
 * button, or `none` when nothing is chosen.
 */
export function chosenNode(none: string): {
  el: HTMLElement;
  value: () => SearchHit | undefined;
  set: (hit: SearchHit | undefined) => void;
} {
  const el = h('div', { class: 'chips' });
  let chosen: SearchHit | undefined;
  const set = (hit: SearchHit | undefined) => {
    chosen = hit;
    el.replaceChildren(
      hit ? chip(hit.label, hit.name, () => set(undefined)) : h('small', { class: 'hint' }, none),
    );
  };
  set(undefined);
  return { el, value: () => chosen, set };
}

/** A chosen node shown as a chip with a remove button. */
export function chip(label: string, name: string, onRemove?: () => void): HTMLElement {
  return h(
    'span',
    { class: 'chip' },
    h('span', { class: 'swatch', style: `background:${labelStyle(label).color}` }),
    ' ',
    userText(name),
    ' ',
    onRemove
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            'aria-label': `Remove ${showBidiControls(name)}`,
            onclick: onRemove,
          },
          '✕',
        )
      : null,
  );
}
