// Over the canvas: how much of it the filters hide, with one button that resets them, so that
// filters set earlier never hide part of a new result unnoticed.
import type { HiddenByFilters } from '../canvas';
import { byId, h } from '../dom';
import type { Panel } from './panel';

export interface FilterBannerPanel extends Panel {
  report(hidden: HiddenByFilters): void;
}

export function createFilterBannerPanel(deps: { reset: () => void }): FilterBannerPanel {
  const element = byId('filter-banner');
  return {
    element,
    report({ nodes, relationships }) {
      const total = nodes + relationships;
      element.hidden = total === 0;
      if (!total) return;
      const parts = [
        nodes ? `${nodes} node${nodes === 1 ? '' : 's'}` : '',
        relationships ? `${relationships} relationship${relationships === 1 ? '' : 's'}` : '',
      ].filter(Boolean);
      element.replaceChildren(
        h('strong', {}, `${total} element${total === 1 ? '' : 's'} hidden by filters`),
        ` (${parts.join(', ')}) `,
        h('button', { id: 'reset-filters', onclick: () => deps.reset() }, 'Reset filters'),
      );
    },
  };
}
