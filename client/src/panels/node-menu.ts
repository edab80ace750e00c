// The node menu (right-click on a node, or a long press on a touch screen): expand all or by
// relationship type, collapse, fold or unfold its leaves, pin, hide, remove. The types come
// from the node's degree, asked of the server as the menu opens.
import { api } from '../api';
import type { NodeMenuRequest } from '../canvas';
import { byId, h } from '../dom';
import type { Panel } from './panel';
import { userText } from '../user-text';

export interface NodeMenuActions {
  expand: (id: string, types?: string[]) => void;
  collapse: (id: string) => void;
  togglePin: (id: string) => void;
  hide: (id: string) => void;
  remove: (id: string) => void;
  foldLeaves: (id: string) => void;
  unfoldLeaves: (id: string) => void;
  /** One end of a path question (no Shift+click on a touch screen). */
  pathEnd: (end: 'from' | 'to', node: { id: string; name: string }) => void;
}

export interface NodeMenuPanel extends Panel {
  open(request: NodeMenuRequest): Promise<void>;
  close(): void;
}

export function createNodeMenuPanel(deps: { actions: NodeMenuActions }): NodeMenuPanel {
  const { actions } = deps;
  const element = byId('menu');
  const close = () => void (element.hidden = true);
  const item = (label: string, action: () => void) =>
    h('button', { role: 'menuitem', onclick: () => (close(), action()) }, label);

  return {
    element,
    close,
    async open({ id, name, pinned, at, leaves }) {
      element.replaceChildren(
        h('strong', {}, userText(name)),
        item('Expand all', () => actions.expand(id)),
        item('Collapse', () => actions.collapse(id)),
        ...(leaves === 'foldable'
          ? [item('Fold leaves', () => actions.foldLeaves(id))]
          : leaves === 'folded'
            ? [item('Unfold leaves', () => actions.unfoldLeaves(id))]
            : []),
        item(pinned ? 'Unpin' : 'Pin', () => actions.togglePin(id)),
        item('Path from here', () => actions.pathEnd('from', { id, name })),
        item('Path to here', () => actions.pathEnd('to', { id, name })),
        item('Hide', () => actions.hide(id)),
        item('Remove', () => actions.remove(id)),
        h('hr'),
        h('small', {}, 'Expand by type'),
      );
      element.hidden = false;
      // Inside the window: on a phone a press near the edge would put half the menu off it.
      const place = () => {
        const { width, height } = element.getBoundingClientRect();
        element.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - width - 4))}px`;
        element.style.top = `${Math.max(4, Math.min(at.y, window.innerHeight - height - 4))}px`;
      };
      place();
      try {
        const { degree } = await api.node(id);
        element.append(
          ...Object.keys(degree).map((type) => item(type, () => actions.expand(id, [type]))),
        );
        place();
      } catch {
        // The menu still offers the other actions.
      }
    },
  };
}
