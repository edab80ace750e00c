// The one shape of a panel. A panel module exports createXPanel(deps): XPanel, where `deps`
// names everything the panel needs from outside (callbacks into the explorer, the store) and
// XPanel extends Panel with the few methods others may call. A panel renders only inside its
// element, reaches the server only through api.ts, shows errors only through describeError,
// and never touches the canvas or another panel except through its deps.
export interface Panel {
  /** The panel's root in index.html; nothing else renders inside it. */
  readonly element: HTMLElement;
  /** Called when the panel comes into view (its tab is chosen), to load what it shows then. */
  show?(): void;
}
