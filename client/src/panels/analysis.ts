// Creates and connects the attribution analysis panels (as known on, assessment, what changed,
// timeline, map), so that main.ts wires them with one call.
import './analysis.css';
import type { Store } from '../state';
import { createAsOfPanel } from './as-of';
import { createAssessmentPanel } from './assessment';
import { createMapPanel } from './map';
import { createStripPanel } from './strip';
import { createTimelinePanel } from './timeline';
import type { CanvasContent } from '../analysis-data';

export function createAnalysisPanels(deps: {
  store: Store;
  content: () => CanvasContent;
  selectedNodes: () => { id: string; label: string; name: string }[];
  setAsOf: (date: string | undefined) => void;
  setWindow: (fromYear: number | undefined, toYear: number | undefined) => void;
  showClaim: (id: string) => void;
  showNode: (id: string) => void;
}): void {
  const assessment = createAssessmentPanel({
    showRetracted: () => deps.store.state.retracted,
    showClaim: deps.showClaim,
  });
  const asOf = createAsOfPanel({
    setAsOf: deps.setAsOf,
    selected: deps.selectedNodes,
    assess: (id) => void assessment.open(id),
    showClaim: deps.showClaim,
  });
  const timeline = createTimelinePanel({
    content: deps.content,
    setWindow: deps.setWindow,
    showClaim: deps.showClaim,
    showNode: deps.showNode,
  });
  const map = createMapPanel({ content: deps.content, selectState: deps.showNode });
  const strip = createStripPanel({ views: { timeline, map } });

  asOf.showDate(deps.store.state.asOf);
  // The canvas changes after the store does (a load, undo): draw the strip a moment later.
  let pending: ReturnType<typeof setTimeout> | undefined;
  deps.store.onChange((state, cause) => {
    asOf.showDate(state.asOf);
    // Its own brushing changes only the window: redrawing would reset the timeline's range.
    if (cause === 'change' && pending === undefined) {
      pending = setTimeout(() => {
        pending = undefined;
        strip.refresh();
      }, 600);
    } else if (cause === 'history') setTimeout(() => strip.refresh(), 600);
  });
}
