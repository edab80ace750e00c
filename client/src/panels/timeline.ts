// The timeline under the canvas (vis-timeline): the dated events of what is on the canvas,
// one row per asserting party. Operations are periods; attributions, condemnations, denials,
// sanctions, summons and responses are points at the day they were made public. Moving or
// zooming the timeline (with "Filter the canvas" on) sets the view's time window to the
// years shown; clicking an event shows its claim. vis-timeline is the largest part of the
// page's code: it loads when the timeline is first opened, not with the page.
import type { Timeline } from 'vis-timeline/standalone';
import { byId } from '../dom';
import type { Panel } from './panel';
import { api } from '../api';
import { offCanvasAsserters, timelineEvents, type CanvasContent } from '../analysis-data';

export interface TimelinePanel extends Panel {
  /** Draws the events of what the canvas now shows. */
  refresh(): void;
}

export function createTimelinePanel(deps: {
  content: () => CanvasContent;
  /** The view's time window in years (undefined: open). */
  setWindow: (fromYear: number | undefined, toYear: number | undefined) => void;
  showClaim: (id: string) => void;
  showNode: (id: string) => void;
}): TimelinePanel {
  const element = byId('timeline-panel');
  const brush = byId<HTMLInputElement>('timeline-filter');
  const empty = byId('timeline-empty');
  const EMPTY = empty.textContent ?? '';
  let operationIds = new Set<string>();
  /** The events last drawn: the range is fitted again only when they change. */
  let drawn = '';
  let loading: Promise<Timeline> | undefined;

  async function load(): Promise<Timeline> {
    const [{ Timeline }] = await Promise.all([
      import('vis-timeline/standalone'),
      import('vis-timeline/styles/vis-timeline-graph2d.min.css'),
    ]);
    const timeline = new Timeline(byId('timeline'), [], [], {
      maxHeight: 240,
      verticalScroll: true,
      stack: true,
      showCurrentTime: false,
      zoomMin: 1000 * 60 * 60 * 24 * 7,
      orientation: 'top',
      margin: { item: 4 },
    });
    timeline.on('rangechanged', (props: { start: Date; end: Date; byUser: boolean }) => {
      if (!props.byUser || !brush.checked) return;
      deps.setWindow(props.start.getFullYear(), props.end.getFullYear());
    });
    timeline.on('select', (props: { items: (string | number)[] }) => {
      const id = props.items[0];
      if (id === undefined) return;
      if (operationIds.has(String(id))) deps.showNode(String(id));
      else deps.showClaim(String(id));
    });
    return timeline;
  }
  /** The timeline, loaded and made on first use (a failed load is tried again next time). */
  const ready = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  brush.addEventListener('change', () => {
    if (!brush.checked) return deps.setWindow(undefined, undefined);
    void ready().then((timeline) => {
      const range = timeline.getWindow();
      deps.setWindow(range.start.getFullYear(), range.end.getFullYear());
    });
  });

  /** Names of asserters met off the canvas, kept: a row is named by who asserts, not by an id. */
  const asserterNames = new Map<string, string>();
  async function nameAsserters(content: CanvasContent): Promise<void> {
    const missing = offCanvasAsserters(content).filter((id) => !asserterNames.has(id));
    if (!missing.length) return;
    try {
      const { nodes } = await api.graph(missing);
      for (const n of nodes) asserterNames.set(n.id, n.name);
    } catch {
      // Rows keep the asserter's id: still true, only less readable.
    }
  }

  async function draw(timeline: Timeline): Promise<void> {
    const content = deps.content();
    await nameAsserters(content);
    const events = timelineEvents(content, new Date().toISOString().slice(0, 10), asserterNames);
    operationIds = new Set(events.filter((e) => e.kind === 'period').map((e) => e.id));
    const rows = [...new Set(events.map((e) => e.group))];
    timeline.setGroups(rows.map((id) => ({ id, content: id })));
    timeline.setItems(
      events.map((e) => ({
        id: e.id,
        group: e.group,
        content: e.content,
        start: e.start,
        ...(e.end ? { end: e.end } : {}),
        type: e.kind === 'period' ? 'range' : 'point',
        className: e.className,
        title: e.content,
      })),
    );
    empty.textContent = EMPTY;
    empty.hidden = events.length > 0;
    // It may have been made while folded away: measure it again now that it is shown.
    timeline.redraw();
    const signature = events.map((e) => e.id).join(',');
    if (events.length && signature !== drawn) timeline.fit({ animation: false });
    drawn = signature;
  }

  return {
    element,
    refresh() {
      void ready().then(draw, () => {
        empty.textContent = 'The timeline could not be loaded; open it again to retry.';
        empty.hidden = false;
      });
    },
  };
}
