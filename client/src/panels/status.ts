// The status line over the canvas (loading, errors) and the banner that says a neighbourhood
// was cut short, with "show next 100" and "show all N".
import type { GraphJson } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import type { Panel } from './panel';

/** What the banner offers for a neighbourhood the server cut short. */
interface MoreOffer {
  /** The node whose neighbours were cut. */
  name: string;
  /** Neighbours shown, and how many there are. */
  shown: number;
  total: number;
  /** Draws the next `step` neighbours. */
  next: () => void;
  /** Draws them all (the explorer asks before a large number). */
  all: () => void;
  step: number;
}

export interface StatusPanel extends Panel {
  /** A passing message ('Loading…'); '' clears the line. */
  say(message: string): void;
  /** A message that answers a click, and goes by itself after a few seconds. */
  note(message: string): void;
  /** An error, in describeError's words. */
  fail(error: unknown): void;
  /** A message with one action (a button); the line clears when it is taken. */
  offer(message: string, action: string, act: () => void): void;
  /** Shows or hides the banner for a graph the server left part of. */
  truncated(graph: Pick<GraphJson, 'truncated' | 'omitted'>, offer?: MoreOffer): void;
}

export function createStatusPanel(): StatusPanel {
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
    note(message) {
      set(message, 'info');
      // Unless another message took its place meanwhile.
      setTimeout(() => {
        if (element.textContent === message) set('', 'info');
      }, 6000);
    },
    fail: (error) => set(describeError(error), 'error'),
    offer(message, action, act) {
      set(message, 'info');
      element.append(
        ' ',
        h(
          'button',
          {
            class: 'status-action',
            onclick: () => {
              set('', 'info');
              act();
            },
          },
          action,
        ),
      );
    },
    truncated(graph, offer) {
      banner.hidden = !graph.truncated;
      if (!graph.truncated) return;
      if (!offer) {
        banner.textContent = `Showing part of the neighbourhood: ${graph.omitted?.nodes ?? 'some'} more nodes were left out.`;
        return;
      }
      const rest = offer.total - offer.shown;
      banner.replaceChildren(
        `Showing ${offer.shown} of the ${offer.total} neighbours of ${offer.name}. `,
        h(
          'button',
          { id: 'show-next', onclick: () => offer.next() },
          `Show next ${Math.min(offer.step, rest)}`,
        ),
        ' ',
        h('button', { id: 'show-all', onclick: () => offer.all() }, `Show all ${offer.total}`),
        h(
          'small',
          {},
          ' Or expand one relationship type from the node menu (right-click or long press).',
        ),
      );
    },
  };
}
