// The strip under the canvas: the timeline or the map of what the canvas shows (or neither,
// folded away). Each view is drawn again when it is opened and when the canvas changes.
import { byId } from '../dom';
import type { Panel } from './panel';

type View = 'timeline' | 'map';

export interface StripPanel extends Panel {
  /** Draws the open view again (the canvas changed). */
  refresh(): void;
}

export function createStripPanel(deps: { views: Record<View, { refresh(): void }> }): StripPanel {
  const element = byId('analysis-strip');
  const buttons = { timeline: byId('strip-timeline'), map: byId('strip-map') };
  const bodies = { timeline: byId('timeline-panel'), map: byId('map-panel') };
  let open: View | undefined;

  function show(view: View | undefined) {
    open = view;
    for (const v of ['timeline', 'map'] as const) {
      bodies[v].hidden = v !== view;
      buttons[v].setAttribute('aria-pressed', String(v === view));
    }
    element.classList.toggle('open', view !== undefined);
    if (view) deps.views[view].refresh();
  }
  for (const v of ['timeline', 'map'] as const)
    buttons[v].addEventListener('click', () => show(open === v ? undefined : v));

  return {
    element,
    refresh() {
      if (open) deps.views[open].refresh();
    },
  };
}
