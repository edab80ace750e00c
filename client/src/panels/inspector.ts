// The inspector: what a node is and why an edge exists (views in inspector-node.ts and
// inspector-edge.ts). A Source also lists what it supports (source-claims.ts), an Actor whom
// it targets and a State who targets it (victimology-view.ts). Other panels add their parts
// under each (the editor's actions and history). It forgets what it shows when that leaves
// the canvas.
import { api, type NodeDetail, type RelationshipDetail } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import { edgeView } from './inspector-edge';
import { nodeView } from './inspector-node';
import type { Panel } from './panel';
import { sourceClaimsSection } from './source-claims';
import { victimologySection, type VictimologyActions } from './victimology-view';

/** Parts other panels add under a node or an edge (the editor's actions and history). */
export interface InspectorExtras {
  node?: (detail: NodeDetail) => Node;
  edge?: (detail: RelationshipDetail) => Node;
}

export interface InspectorActions extends VictimologyActions {
  /** Adds a node and its neighbours to the canvas (a name's link). */
  navigate: (id: string) => void;
  /** Adds a node's neighbours of these relationship types (a count's link). */
  expand: (id: string, types: string[]) => void;
  /** Draws a relationship with its two ends (a claim's link). */
  drawRelationship: (id: string) => void;
  /** Draws a node with its relationships to what is on the canvas. */
  drawNode: (id: string) => void;
}

export interface InspectorPanel extends Panel {
  showNode(id: string): Promise<void>;
  showEdge(id: string): Promise<void>;
  clear(): void;
  /** Clears the inspector if it shows one of these (they left the canvas). */
  forget(ids: readonly string[]): void;
  /** What it shows, if anything: a view drawn again shows it again. */
  showing(): { kind: 'node' | 'edge'; id: string } | undefined;
}

export function createInspectorPanel(deps: {
  actions: InspectorActions;
  extras?: InspectorExtras;
}): InspectorPanel {
  const { actions } = deps;
  const element = byId('inspector');
  const extras = deps.extras ?? {};
  /** The latest request: an answer to an older one is dropped. */
  let seq = 0;
  /** What is shown (a node or relationship id), for forget() and showing(). */
  let shown: string | undefined;
  let shownKind: 'node' | 'edge' = 'node';

  const render = (...children: (Node | null | false)[]): void => {
    element.replaceChildren(...children.filter((c): c is Node => Boolean(c)));
  };

  const clear = (): void => {
    seq++;
    shown = undefined;
    delete element.dataset.shows;
    render(
      h(
        'p',
        { class: 'hint' },
        'Click a node or a relationship to see what it is and why it exists.',
      ),
    );
  };

  /** Loads and renders one thing; a newer request wins, an error is said in words. */
  async function show<T>(
    id: string,
    load: () => Promise<T>,
    view: (answer: T, current: () => boolean) => (Node | null)[],
  ): Promise<void> {
    const mine = ++seq;
    shown = id;
    element.dataset.shows = id;
    render(h('p', { class: 'hint' }, 'Loading…'));
    try {
      const answer = await load();
      if (mine === seq) render(...view(answer, () => mine === seq));
    } catch (error) {
      if (mine === seq) render(h('p', { class: 'error' }, describeError(error)));
    }
  }

  const open = (id: string): void => void showNode(id);

  function showNode(id: string): Promise<void> {
    shownKind = 'node';
    return show(
      id,
      () => api.node(id),
      (detail, current) => [
        ...nodeView(detail, { ...actions, open }, [
          detail.node.label === 'Source' ? sourceClaimsSection(id, actions, current) : null,
          victimologySection(detail.node, actions, current),
        ]),
        extras.node?.(detail) ?? null,
      ],
    );
  }

  function showEdge(id: string): Promise<void> {
    shownKind = 'edge';
    return show(
      id,
      () => api.relationship(id),
      (detail) => [...edgeView(detail, { ...actions, open }), extras.edge?.(detail) ?? null],
    );
  }

  return {
    element,
    showNode,
    showEdge,
    clear,
    forget(ids) {
      if (shown !== undefined && ids.includes(shown)) clear();
    },
    showing: () => (shown === undefined ? undefined : { kind: shownKind, id: shown }),
  };
}
