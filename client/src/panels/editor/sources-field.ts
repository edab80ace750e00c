// The Sources of a claim: chosen ones as chips, a search for existing ones, and a small form
// that adds a new Source from a URL and a date (its title taken from the URL if none is given).
import { ApiError, edits } from '../../api';
import { h } from '../../dom';
import { describeError } from '../../errors';
import { errorLine } from './context';
import { fieldInput } from './fields';
import { chip, nodePicker } from './picker';

interface Source {
  id: string;
  name: string;
}

/** A title for a source known only by its address: its host and path. */
function titleFromUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

/** The inline form for a new Source; `added` receives it once it exists. */
function newSourceForm(added: (source: { id: string; name: string }) => void): HTMLElement {
  const error = errorLine();
  const box = h(
    'fieldset',
    { class: 'new-source' },
    h('legend', {}, 'Or add a new source'),
    fieldInput({ name: 'sourceUrl', kind: 'url', required: false }, undefined, 'URL'),
    fieldInput({ name: 'sourcePublished', kind: 'date', required: false }, undefined, 'Published'),
    fieldInput({ name: 'sourceTitle', kind: 'text', required: false }, undefined, 'Title'),
    fieldInput({ name: 'sourcePublisher', kind: 'text', required: false }, undefined, 'Publisher'),
    error.el,
  );
  const value = (name: string) =>
    (box.querySelector(`[name="${name}"]`) as HTMLInputElement).value.trim();
  const add = async () => {
    const url = value('sourceUrl');
    const title = value('sourceTitle') || (url ? titleFromUrl(url) : '');
    if (!title) {
      error.show('Give the source a URL or a title');
      return;
    }
    const published = value('sourcePublished');
    const publisher = value('sourcePublisher');
    try {
      const source = await edits.createNode({
        label: 'Source',
        name: title,
        ...(url ? { url } : {}),
        ...(published ? { published } : {}),
        ...(publisher ? { publisher } : {}),
      });
      added(source);
      error.show('');
      for (const input of box.querySelectorAll('input')) input.value = '';
    } catch (e) {
      // A source of that title exists: use it rather than make a twin.
      const existing = (
        e instanceof ApiError && e.code === 'duplicate' ? e.details?.existing : undefined
      ) as { id: string; name: string }[] | undefined;
      if (existing?.[0]) added(existing[0]);
      else error.show(describeError(e));
    }
  };
  box.append(
    h('button', { type: 'button', name: 'add-source', onclick: () => void add() }, 'Add source'),
  );
  // Enter in these fields adds the source; it must not submit the claim without it.
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void add();
  });
  return box;
}

export function sourcesField(initial: Source[]): { el: HTMLElement; ids: () => string[] } {
  const sources = [...initial];
  const chips = h('div', { class: 'chips', 'aria-live': 'polite' });
  const render = () =>
    chips.replaceChildren(
      ...(sources.length
        ? sources.map((s, i) =>
            chip('Source', s.name, () => {
              sources.splice(i, 1);
              render();
            }),
          )
        : [h('small', { class: 'hint' }, 'No source yet: a claim needs at least one.')]),
    );
  const add = (s: Source) => {
    if (!sources.some((x) => x.id === s.id)) sources.push({ id: s.id, name: s.name });
    render();
  };
  render();
  const el = h(
    'fieldset',
    { class: 'claim-sources' },
    h('legend', {}, 'Sources *'),
    chips,
    nodePicker({
      name: 'source-search',
      placeholder: 'Find a source',
      types: ['Source'],
      onPick: add,
    }),
    newSourceForm(add),
  );
  return { el, ids: () => sources.map((s) => s.id) };
}
