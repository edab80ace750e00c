// What the editor needs from the rest of the explorer: the model's schema, the selection,
// the view's switch for retracted claims, and a way to redraw after a write.
import type { SchemaInfo } from '../../api';
import { byId, h } from '../../dom';

export interface Focus {
  kind: 'node' | 'edge';
  id: string;
}

export interface EditorContext {
  schema(): SchemaInfo | undefined;
  /** The domain nodes selected on the canvas, in selection order. */
  selectedNodes(): { id: string; label: string; name: string }[];
  showRetracted(): boolean;
  /**
   * After a write: the canvas is redrawn from the server (with `add` put on it), and the
   * inspector shows `focus` (or is cleared; left as it is when no focus is given).
   */
  refreshed(focus?: Focus | 'clear', add?: string[]): Promise<void>;
  status(message: string, kind?: 'info' | 'error'): void;
}

/** The one dialog the editor's forms open in (the editor panel's element, in index.html). */
export function openDialog(...content: Node[]): HTMLDialogElement {
  const dialog = byId<HTMLDialogElement>('edit-dialog');
  dialog.replaceChildren(...content);
  if (!dialog.open) dialog.showModal();
  return dialog;
}

export function closeDialog(): void {
  byId<HTMLDialogElement>('edit-dialog').close();
}

/**
 * The end every editor form shares: the reason ("Why", kept in the history), the error line,
 * and Cancel beside the submit button.
 */
export function formEnd(
  error: ReturnType<typeof errorLine>,
  submitLabel: string,
  cancel: () => void,
): Node[] {
  return [
    h(
      'label',
      { class: 'field' },
      h('span', {}, 'Why (kept in the history)'),
      h('input', { name: 'reason' }),
    ),
    error.el,
    h(
      'menu',
      { class: 'form-actions' },
      h('button', { type: 'button', onclick: cancel }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary' }, submitLabel),
    ),
  ];
}

/** A line for errors under a form; `show` fills it (or empties it). */
export function errorLine(): {
  el: HTMLElement;
  show: (message: string, ...extra: (Node | string)[]) => void;
} {
  const el = h('p', { class: 'error', role: 'alert', hidden: true });
  return {
    el,
    show: (message, ...extra) => {
      el.replaceChildren(message, ...extra);
      el.hidden = !message;
    },
  };
}
