// The status line over the canvas (loading, errors, the empty-canvas hint) and the banner that
// says a neighbourhood was cut short.
import type { GraphJson } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import type { Panel } from './panel';

export interface StatusPanel extends Panel {
  /** A passing message ('Loading…'); '' clears the line. */
  say(message: string): void;
  /** An error, in describeError's words. */
  fail(error: unknown): void;
  /** Shows or hides the banner for a graph the server left part of. */
  truncated(graph: Pick<GraphJson, 'truncated' | 'omitted'>): void;
  /** On an empty canvas, the hint that offers an overview; once nodes are there, no hint. */
  canvasEmpty(empty: boolean): void;
}

export function createStatusPanel(deps: { overview: () => void }): StatusPanel {
  const element = byId('status');
  const banner = byId('truncated');

  const set = (message: string, kind: 'info' | 'error'): void => {
    element.textContent = message;
    element.className = `status ${kind}`;
    element.hidden = !message;
  };

  return {
    element,
    say: (message) => set(message, 'info'),
    fail: (error) => set(describeError(error), 'error'),
    truncated(graph) {
      banner.hidden = !graph.truncated;
      if (graph.truncated)
        banner.textContent = `Showing part of the neighbourhood: ${graph.omitted?.nodes ?? 'some'} more nodes were left out. Filter by relationship type to see them.`;
    },
    canvasEmpty(empty) {
      if (!empty) {
        if (element.classList.contains('empty')) set('', 'info');
        return;
      }
      element.replaceChildren(
        h('strong', {}, 'The canvas is empty. '),
        'Search for an actor, a state or a quote above, or ',
        h('button', { class: 'link', onclick: () => deps.overview() }, 'show an overview'),
        '.',
      );
      element.className = 'status empty';
      element.hidden = false;
    },
  };
}
