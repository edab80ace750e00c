// The keyboard shortcuts (listed in index.html's help dialog): one key, one action. Keys typed
// into a field, a dialog or the editor are text, not shortcuts.
export interface ShortcutActions {
  focusSearch: () => void;
  undo: () => void;
  redo: () => void;
  removeSelection: () => void;
  keepSelection: () => void;
  hideSelection: () => void;
  pinSelection: () => void;
  fit: () => void;
  centreSelection: () => void;
  nextLayout: () => void;
  toggleGroup: () => void;
  toggleTheme: () => void;
  toggleConsole: () => void;
  help: () => void;
  /** Esc: clear the selection and the path highlight, close the node menu. */
  dismiss: () => void;
}

export function bindShortcuts(actions: ShortcutActions): void {
  const keys: Record<string, (() => void) | undefined> = {
    Delete: actions.removeSelection,
    Backspace: actions.removeSelection,
    h: actions.hideSelection,
    k: actions.keepSelection,
    p: actions.pinSelection,
    f: actions.fit,
    c: actions.centreSelection,
    l: actions.nextLayout,
    g: actions.toggleGroup,
    t: actions.toggleTheme,
    e: actions.toggleConsole,
    '?': actions.help,
    Escape: actions.dismiss,
  };
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea, dialog, [contenteditable]')) return;
    if (e.key === '/') {
      e.preventDefault();
      actions.focusSearch();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) actions.redo();
      else actions.undo();
    } else keys[e.key]?.();
  });
}
