// The search box: debounced suggestions from /api/search, keyboard navigable.
import { api, type SearchHit } from '../api';
import { byId, h } from '../dom';
import { labelStyle } from '../palette';
import type { Panel } from './panel';
import { userText } from '../user-text';

export interface SearchPanel extends Panel {
  focus(): void;
  /** Types `text` into the box and opens its suggestions (the welcome's examples). */
  query(text: string): void;
}

export function createSearchPanel(deps: {
  choose: (hit: SearchHit) => void;
  onError: (error: unknown) => void;
  /** The view's "Show retracted claims" switch: retracted Statements are found only then. */
  showRetracted: () => boolean;
}): SearchPanel {
  const input = byId<HTMLInputElement>('search');
  const list = byId<HTMLUListElement>('suggestions');
  let hits: SearchHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    active = -1;
    input.setAttribute('aria-expanded', 'false');
  };
  const render = () => {
    list.replaceChildren(
      ...(hits.length
        ? hits.map((hit, i) =>
            h(
              'li',
              {
                role: 'option',
                id: `suggestion-${i}`,
                'aria-selected': String(i === active),
                class: i === active ? 'active' : '',
                onmousedown: (e: Event) => {
                  e.preventDefault();
                  choose(i);
                },
              },
              h('span', {
                class: 'swatch',
                style: `background:${labelStyle(hit.label).color}`,
              }),
              h('strong', {}, userText(hit.name)),
              h('em', {}, ` ${hit.label}`),
              h('small', {}, userText(hit.snippet)),
            ),
          )
        : [h('li', { class: 'empty' }, 'No match for “', userText(input.value), '”')]),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`);
  };
  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    close();
    input.value = '';
    deps.choose(hit);
  };
  const lookup = async () => {
    const q = input.value.trim();
    if (!q) return close();
    const mine = ++seq;
    try {
      const result = await api.search(q, 8, undefined, deps.showRetracted());
      if (mine !== seq) return; // a newer keystroke won
      hits = result.hits;
      active = hits.length ? 0 : -1;
      render();
    } catch (error) {
      deps.onError(error);
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void lookup(), 180);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden && e.key !== 'Escape') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + hits.length) % Math.max(hits.length, 1);
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      close();
      input.blur();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  return {
    element: byId('search-box'),
    focus: () => input.focus(),
    query(text) {
      input.value = text;
      input.focus();
      void lookup();
    },
  };
}
