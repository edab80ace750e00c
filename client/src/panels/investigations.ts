// The Investigations tab: save the canvas (its nodes where they sit, filters, switches) as a
// named investigation with notes, list those saved, open one (nodes placed as saved, no
// layout), update it from the version opened, delete it, and copy its link
// (?investigation=<id>). Stored on the server as :Investigation nodes.
import {
  ApiError,
  investigations as api,
  type Investigation,
  type InvestigationView,
  type NodePositions,
} from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import { MAX_LINK_POSITIONS } from '../state';
import { showBidiControls, userText } from '../user-text';
import type { Panel } from './panel';

export interface InvestigationsPanel extends Panel {
  /** Opens a saved investigation by id (a link's ?investigation=): reads it, draws it. */
  open(id: string): Promise<void>;
}

/** A date-time as a person reads it in a list: "2026-11-29 22:50". */
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The link that opens an investigation in any browser that reaches this server. */
const linkTo = (id: string) =>
  `${location.origin}${location.pathname}?investigation=${encodeURIComponent(id)}`;

export function createInvestigationsPanel(deps: {
  /** The canvas as an investigation keeps it. */
  current: () => { view: InvestigationView; positions: NodePositions };
  /** Draws an investigation: its nodes where they were saved, its filters. */
  draw: (investigation: Investigation) => Promise<void>;
  /** Asks the user to confirm (window.confirm in the page). */
  confirm: (question: string) => boolean;
}): InvestigationsPanel {
  const element = byId('panel-investigations');
  /** The investigation last opened or saved here: Update writes to it. */
  let opened: Investigation | undefined;

  const name = h('input', {
    id: 'investigation-name',
    name: 'name',
    required: true,
    maxlength: '120',
    autocomplete: 'off',
    placeholder: 'e.g. APT31 and the Czech ministry',
  });
  const notes = h('textarea', {
    id: 'investigation-notes',
    name: 'notes',
    rows: '6',
    maxlength: '20000',
    placeholder: 'What you found, what is open, whom to ask (plain text or Markdown)',
  });
  const saveNew = h('button', { type: 'submit', class: 'primary', id: 'investigation-save' });
  saveNew.textContent = 'Save as new';
  const update = h('button', { type: 'button', id: 'investigation-update', hidden: true });
  update.textContent = 'Update';
  const message = h('output', { id: 'investigation-status', class: 'investigation-status' });
  const linkHint = h('p', { class: 'hint', id: 'investigation-link-hint' });
  const list = h('ul', { id: 'investigation-list', class: 'investigation-list' });
  const heading = h('h2', { id: 'investigation-heading' }, 'Save this canvas');

  const form = h(
    'form',
    { id: 'investigation-form', class: 'query-form investigation-form' },
    heading,
    h('label', {}, 'Name ', name),
    h('label', {}, 'Notes ', notes),
    h('div', { class: 'form-actions' }, saveNew, update),
    message,
    linkHint,
  );
  element.replaceChildren(form, h('section', {}, h('h2', {}, 'Saved investigations'), list));

  const say = (text: string, kind: 'ok' | 'error' = 'ok') => {
    message.textContent = text;
    message.classList.toggle('error', kind === 'error');
  };

  /** A link field the user can copy by hand when the clipboard is not offered. */
  function showLink(investigation: Investigation, copied: boolean): void {
    const field = h('input', {
      readonly: true,
      class: 'investigation-link',
      'aria-label': `Link to ${investigation.name}`,
      value: linkTo(investigation.id),
    });
    message.classList.remove('error');
    message.replaceChildren(copied ? 'Link copied: ' : 'Copy this link: ', field);
    field.select();
  }

  async function copyLink(investigation: Investigation): Promise<void> {
    let copied = false;
    try {
      await navigator.clipboard.writeText(linkTo(investigation.id));
      copied = true;
    } catch {
      // No clipboard (an insecure origin, a refusal): the field below is selected instead.
    }
    showLink(investigation, copied);
  }

  function showOpened(investigation: Investigation | undefined): void {
    opened = investigation;
    heading.textContent = investigation
      ? `Open: ${showBidiControls(investigation.name)}`
      : 'Save this canvas';
    update.hidden = !investigation;
    if (investigation) {
      update.title = `Save the canvas and the notes into “${showBidiControls(investigation.name)}”`;
      name.value = investigation.name;
      notes.value = investigation.notes;
    }
  }

  /** How large a view a link can carry with its layout; beyond, the hint says to save it. */
  function renderHint(): void {
    const count = deps.current().view.ids.length;
    linkHint.textContent =
      count > MAX_LINK_POSITIONS
        ? `This canvas has ${count} nodes: the page's link keeps which nodes, not where they sit (a link keeps the layout of up to ${MAX_LINK_POSITIONS}). Save it as an investigation to keep its layout.`
        : 'The page’s address is a link to this view, layout included; an investigation also keeps your notes.';
  }

  async function load(): Promise<void> {
    try {
      const { investigations } = await api.list();
      list.replaceChildren(
        ...(investigations.length
          ? []
          : [h('li', { class: 'hint' }, 'Nothing saved yet: name this canvas above and save it.')]),
        ...investigations.map((item) =>
          h(
            'li',
            { 'data-investigation': item.id },
            h(
              'button',
              {
                class: 'query investigation-open',
                title: `Open ${showBidiControls(item.name)}`,
                onclick: () => void open(item.id),
              },
              userText(item.name),
            ),
            h(
              'small',
              { class: 'hint' },
              `${item.nodeCount} node${item.nodeCount === 1 ? '' : 's'} · ${when(item.updatedAt)} · ${showBidiControls(item.author)}`,
            ),
            h(
              'span',
              { class: 'investigation-actions' },
              h(
                'button',
                {
                  class: 'investigation-copy',
                  title: 'Copy a link that opens this investigation',
                  onclick: () =>
                    void api
                      .get(item.id)
                      .then(copyLink)
                      .catch((e: unknown) => say(describeError(e), 'error')),
                },
                'Copy link',
              ),
              h(
                'button',
                {
                  class: 'investigation-delete',
                  title: 'Delete this investigation (the graph is not touched)',
                  onclick: () => void remove(item.id, item.name),
                },
                'Delete',
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      say(describeError(error), 'error');
    }
  }

  async function open(id: string): Promise<void> {
    say('Opening…');
    try {
      const investigation = await api.get(id);
      await deps.draw(investigation);
      showOpened(investigation);
      say(`Opened “${showBidiControls(investigation.name)}”.`);
      renderHint();
    } catch (error) {
      say(describeError(error), 'error');
    }
  }

  async function remove(id: string, label: string): Promise<void> {
    if (
      !deps.confirm(
        `Delete the investigation “${showBidiControls(label)}”? The graph is not touched.`,
      )
    )
      return;
    try {
      await api.remove(id);
      if (opened?.id === id) showOpened(undefined);
      say(`Deleted “${showBidiControls(label)}”.`);
      await load();
    } catch (error) {
      say(describeError(error), 'error');
    }
  }

  async function save(asNew: boolean): Promise<void> {
    const { view, positions } = deps.current();
    const body = { name: name.value.trim(), notes: notes.value, view, positions };
    if (!body.name) {
      say('Give the investigation a name first.', 'error');
      name.focus();
      return;
    }
    try {
      const saved =
        asNew || !opened
          ? await api.create(body)
          : await api.update(opened.id, { ...body, version: opened.version });
      showOpened(saved);
      say(`Saved “${showBidiControls(saved.name)}” (${saved.nodeCount} nodes).`);
      await load();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stale_version' && opened) {
        // Someone saved it since: nothing of theirs is overwritten, nothing of yours is lost.
        const id = opened.id;
        message.classList.add('error');
        message.replaceChildren(
          'Someone saved this investigation since you opened it. Open theirs, or keep yours with Save as new. ',
          h('button', { type: 'button', onclick: () => void open(id) }, 'Open theirs'),
        );
      } else say(describeError(error), 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(true);
  });
  update.addEventListener('click', () => void save(false));

  return {
    element,
    show() {
      renderHint();
      void load();
    },
    open,
  };
}
