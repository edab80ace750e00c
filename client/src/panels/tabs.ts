// The side tabs (Explore, Queries, Investigations, Data): one shown at a time; a panel in a tab hears show()
// when its tab is chosen.
import { byId } from '../dom';
import type { Panel } from './panel';

const TABS = ['explore', 'queries', 'investigations', 'data'] as const;
export type Tab = (typeof TABS)[number];

export interface TabsPanel extends Panel {
  select(tab: Tab): void;
}

export function createTabsPanel(deps: { panels: Partial<Record<Tab, Panel>> }): TabsPanel {
  const select = (tab: Tab): void => {
    for (const name of TABS) {
      byId(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
      byId(`panel-${name}`).hidden = name !== tab;
    }
    deps.panels[tab]?.show?.();
  };
  for (const name of TABS) byId(`tab-${name}`).addEventListener('click', () => select(name));
  return { element: byId('tabs'), select };
}
