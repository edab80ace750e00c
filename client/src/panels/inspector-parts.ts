// Small pieces the inspector's views share: a label badge, a property row, names as links,
// a Source as a link to its URL and to its own inspector.
import { h } from '../dom';
import { labelStyle, TLP_COLOUR } from '../palette';
import { userText } from '../user-text';

/** Text of a property value; objects never turn into [object Object]. */
export const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : Array.isArray(v)
      ? v.map(str).join(', ')
      : '';

export function badge(label: string): HTMLElement {
  return h('span', { class: 'badge', style: `background:${labelStyle(label).color}` }, label);
}

/** An element's TLP marking, as TLP 2.0 shows it; an element without one is CLEAR. */
export function markingBadge(marking: unknown): HTMLElement {
  const name = typeof marking === 'string' && marking in TLP_COLOUR ? marking : 'CLEAR';
  return h(
    'span',
    {
      class: 'badge tlp',
      style: `color:${TLP_COLOUR[name]}`,
      title: `Traffic Light Protocol 2.0: TLP:${name}`,
      'data-marking': name,
    },
    `TLP:${name}`,
  );
}

export function row(name: string, value: unknown): HTMLElement | null {
  if (value === undefined || value === null || value === '') return null;
  return h(
    'tr',
    {},
    h('th', {}, userText(name)),
    h('td', {}, value instanceof Node ? value : userText(str(value))),
  );
}

/** An in-app link: a name that does something (draws, opens) when clicked. */
export function action(text: string, run: () => void, attrs: Record<string, string> = {}) {
  return h(
    'a',
    { href: '#', ...attrs, onclick: (e: Event) => (e.preventDefault(), run()) },
    userText(text),
  );
}

/** Names read as a list: "A", "A and B", "A, B and C" (nodes given as elements). */
export function joinAnd(items: Node[]): (Node | string)[] {
  return items.flatMap((item, i) => [
    ...(i === 0 ? [] : i === items.length - 1 ? [' and '] : [', ']),
    item,
  ]);
}

/** A link to a Source's URL, opened apart from the app; null without a URL. */
export function externalLink(url: unknown, text: string): HTMLElement | null {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
  return h(
    'a',
    { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'external' },
    userText(text),
  );
}

/**
 * One Source in a list: its name opens it in the inspector (what it supports); "↗" opens
 * its URL; its publisher and date follow.
 */
export function sourceItem(
  source: { id: string; name: string; url?: unknown; published?: unknown; publisher?: unknown },
  openSource: (id: string) => void,
): HTMLElement {
  const detail = [source.publisher, source.published].filter((x) => typeof x === 'string');
  return h(
    'li',
    { 'data-source': source.id },
    action(source.name, () => openSource(source.id), { class: 'source-name' }),
    ' ',
    externalLink(source.url, '↗'),
    detail.length ? h('small', {}, ' (', userText(detail.join(', ')), ')') : null,
  );
}
