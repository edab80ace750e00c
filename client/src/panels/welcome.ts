// The start view: an empty canvas that says where to begin. Example searches (names the graph
// holds) open the search's suggestions; the best-connected operation is offered too, but not
// drawn unasked: at the scale of the real imports it is a star of ATT&CK techniques.
import { api } from '../api';
import { byId, h } from '../dom';
import { labelStyle } from '../palette';
import type { Panel } from './panel';

/**
 * Entities worth starting from, in order: the seed's attribution, then names the ATT&CK and
 * MISP imports bring. Those the graph lacks are left out (one /api/graph request, which the
 * search's own rate limit does not count).
 */
const EXAMPLES = [
  'actor:apt31',
  'operation:czech-mfa-2022',
  'state:czech-republic',
  'actor:sandworm-team',
  'actor:lazarus-group',
  'state:china',
];
const SHOWN = 5;

export interface WelcomePanel extends Panel {
  /** Shows the welcome (on an empty canvas) or hides it. */
  showWhen(empty: boolean): void;
}

export function createWelcomePanel(deps: {
  /** Runs a search in the search box, its suggestions open. */
  search: (text: string) => void;
  /** Draws the best-connected operation and its neighbours. */
  overview: () => void;
}): WelcomePanel {
  const element = byId('welcome');
  let examples: Promise<{ name: string; label: string }[]> | undefined;

  /** The examples the graph holds, in EXAMPLES' order (none when the request fails). */
  const present = async () => {
    try {
      const { nodes } = await api.graph(EXAMPLES);
      return EXAMPLES.flatMap((id) => nodes.filter((n) => n.id === id)).slice(0, SHOWN);
    } catch {
      return [];
    }
  };

  function render(found: { name: string; label: string }[]): void {
    element.replaceChildren(
      h('h2', {}, 'Where to start'),
      h(
        'p',
        {},
        'The canvas starts empty so that you choose the question. Search for an actor, a state, an operation or the words of a statement (press /), for instance:',
      ),
      h(
        'ul',
        { class: 'examples' },
        ...found.map((n) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                class: 'example',
                'data-example': n.name,
                title: `Search for ${n.name} (${n.label})`,
                onclick: () => deps.search(n.name),
              },
              h('span', { class: 'swatch', style: `background:${labelStyle(n.label).color}` }),
              ` ${n.name}`,
            ),
          ),
        ),
      ),
      h(
        'p',
        { class: 'hint' },
        'Or run a saved question from the Queries tab, or ',
        h(
          'button',
          { class: 'link', id: 'welcome-overview', onclick: () => deps.overview() },
          'draw the best-connected operation',
        ),
        '.',
      ),
    );
  }

  return {
    element,
    showWhen(empty) {
      element.hidden = !empty;
      if (!empty) return;
      examples ??= present();
      void examples.then((found) => {
        if (!element.hidden) render(found);
      });
    },
  };
}
