// The toolbar over the canvas: layout, + Node and + Claim (the workbench), fit, clear, keep only
// the selection, undo/redo, group, merge, fold, exports, theme, help.
// Each button calls one action; the layout menu and the pressed modes mirror the view state.
import type { LayoutName } from '../canvas';
import { byId } from '../dom';
import type { Panel } from './panel';

export interface ToolbarActions {
  setLayout: (layout: LayoutName) => void;
  fit: () => void;
  clear: () => void;
  keepSelected: () => void;
  undo: () => void;
  redo: () => void;
  toggleGroup: () => void;
  toggleMerge: () => void;
  toggleFold: () => void;
  newNode: () => void;
  newClaim: () => void;
  exportPng: () => void;
  exportJson: () => void;
  toggleTheme: () => void;
  help: () => void;
}

export interface ToolbarPanel extends Panel {
  /** Shows the layout of the view state (after undo, back, a shared link). */
  showLayout(layout: LayoutName): void;
  /** Shows Group, Merge and Fold pressed or not, as the view state has them. */
  showModes(modes: { grouped: boolean; merged: boolean; folded: boolean }): void;
}

export function createToolbarPanel(deps: { actions: ToolbarActions }): ToolbarPanel {
  const { actions } = deps;
  const layout = byId<HTMLSelectElement>('layout');
  layout.addEventListener('change', () => actions.setLayout(layout.value as LayoutName));
  const buttons: [string, () => void][] = [
    ['new-node', actions.newNode],
    ['new-claim', actions.newClaim],
    ['fit', actions.fit],
    ['clear', actions.clear],
    ['keep-selected', actions.keepSelected],
    ['undo', actions.undo],
    ['redo', actions.redo],
    ['group', actions.toggleGroup],
    ['merge', actions.toggleMerge],
    ['fold', actions.toggleFold],
    ['export-png', actions.exportPng],
    ['export-json', actions.exportJson],
    ['theme', actions.toggleTheme],
    ['help', actions.help],
  ];
  for (const [id, action] of buttons) byId(id).addEventListener('click', () => action());
  return {
    element: byId('toolbar'),
    showLayout: (name) => (layout.value = name),
    showModes({ grouped, merged, folded }) {
      byId('group').setAttribute('aria-pressed', String(grouped));
      byId('merge').setAttribute('aria-pressed', String(merged));
      byId('fold').setAttribute('aria-pressed', String(folded));
    },
  };
}
