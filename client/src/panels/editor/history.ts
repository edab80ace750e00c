// An entity's history in the inspector: each change with when, who, what and why, what it
// changed, and a button that reverts it (a revert is a change of its own).
import { edits, type ChangeRecord } from '../../api';
import { h } from '../../dom';
import { showBidiControls, userText } from '../../user-text';
import { describeError } from '../../errors';
import { type EditorContext, type Focus } from './context';

const VERB: Record<ChangeRecord['action'], string> = {
  create: 'Created',
  update: 'Corrected',
  delete: 'Removed',
  retract: 'Retracted',
  restore: 'Restored',
  merge: 'Merged',
  unmerge: 'Unmerged',
  import: 'Imported',
  seed: 'Loaded',
};

/**
 * Bookkeeping the server derives, and the retraction's own fields (the entry's verb and
 * reason say them): a reader does not need them spelt out.
 */
const NOT_SHOWN = new Set([
  'id',
  'document',
  'periodStart',
  'periodEnd',
  'knownSince',
  'recordedAt',
  'version',
  'retractedAt',
  'retractedBy',
  'retractionReason',
]);

function show(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** "date: 2025-06-02 → 2025-06-05" for each property the change touched. */
function differences(change: ChangeRecord): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  if (change.action === 'merge' || change.action === 'unmerge') return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !NOT_SHOWN.has(k) && show(before[k]) !== show(after[k]),
  );
  if (!change.before || !change.after) return [];
  return keys.map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`);
}

/** What a change in another entity's history was about: "an ATTRIBUTED_TO claim". */
function subject(c: ChangeRecord): string {
  const state = c.after ?? c.before;
  return c.entityKind === 'relationship' && typeof state?.type === 'string'
    ? `a ${state.type} claim`
    : c.entity;
}

function when(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime())
    ? time
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function historySection(ctx: EditorContext, focus: Focus): HTMLElement {
  const list = h('ol', { class: 'history' }, h('li', { class: 'hint' }, 'Loading…'));
  const section = h('section', { class: 'history-section' }, h('h3', {}, 'History'), list);
  const revert = async (change: ChangeRecord, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const { change: undone } = await edits.revert(change.id);
      ctx.status(`Reverted: ${VERB[change.action].toLowerCase()} on ${when(change.time)}`);
      // Undoing a merge brings the duplicate back: draw it beside the node it was merged into.
      const restored =
        undone.action === 'unmerge'
          ? (undone.after as { duplicate?: { id: string } } | null)?.duplicate?.id
          : undefined;
      await ctx.refreshed(focus, restored ? [restored] : []);
    } catch (e) {
      button.disabled = false;
      ctx.status(describeError(e), 'error');
    }
  };
  void edits
    .history(focus.kind === 'node' ? 'node' : 'relationship', focus.id)
    .then(({ changes }) => {
      list.replaceChildren(
        ...(changes.length
          ? changes.map((c) => {
              const button = h('button', { type: 'button', class: 'revert' }, 'Revert');
              button.addEventListener('click', () => void revert(c, button));
              return h(
                'li',
                { class: `change ${c.action}`, 'data-change': c.id },
                h(
                  'p',
                  { class: 'change-head' },
                  h('strong', {}, VERB[c.action]),
                  c.entity === focus.id ? null : ` ${showBidiControls(subject(c))}`,
                  c.revertOf ? ' (a revert)' : null,
                  h('br'),
                  h('small', {}, `${when(c.time)} · `, userText(c.author)),
                ),
                c.reason ? h('p', { class: 'reason' }, userText(c.reason)) : null,
                ...differences(c).map((d) => h('p', { class: 'diff' }, userText(d))),
                c.revertedBy
                  ? h('small', { class: 'hint' }, 'Reverted since')
                  : c.entityKind === 'run'
                    ? null
                    : button,
              );
            })
          : [h('li', { class: 'hint' }, 'No recorded changes (loaded before the change log).')]),
      );
    })
    .catch((e: unknown) => list.replaceChildren(h('li', { class: 'error' }, describeError(e))));
  return section;
}
