// The inspector as a bottom sheet on a phone (styles.css, max-width 600px): a bar under the
// canvas with the name of what the inspector shows; a tap on a node or an edge raises the
// sheet halfway over the canvas, a tap or a drag up on the bar raises it further, a drag down
// or × lowers it back to the bar. When it rises over the canvas, `covers` hears how much it
// hides, so that the graph moves into the part left clear (the next node a user taps, for a
// claim or a path, is not under it). On a wider screen the bar is not drawn and the state
// is ignored: the inspector is a column beside the canvas.
import { byId } from '../dom';
import type { Panel } from './panel';

/** Where the sheet is: only its bar, halfway up, or nearly the whole screen. */
type SheetState = 'closed' | 'peek' | 'full';
const ORDER: SheetState[] = ['closed', 'peek', 'full'];
/** A drag of more than this many pixels moves the sheet a step; less is a tap. */
const DRAG = 24;
/** Just past the time within which a second tap makes a double tap (Cytoscape's multiClickDebounceTime, 250 ms). */
const DOUBLE_TAP = 300;

export interface SheetPanel extends Panel {
  /** Something was chosen on the canvas: the sheet shows it halfway up. */
  peek(): void;
  close(): void;
}

export function createSheetPanel(deps: { covers: (pixels: number) => void }): SheetPanel {
  const element = byId('inspector-sheet');
  const bar = byId('sheet-bar');
  const title = byId('sheet-title');
  const inspector = byId('inspector');

  const set = (state: SheetState): void => {
    const was = element.dataset.sheet;
    element.dataset.sheet = state;
    bar.setAttribute('aria-expanded', String(state !== 'closed'));
    if (state !== 'peek' || was === 'peek') return;
    // How much of the canvas it now hides (none beside the canvas, on a wide screen).
    const sheetTop = element.getBoundingClientRect().top;
    const canvasBox = byId('cy').getBoundingClientRect();
    const hidden = Math.min(canvasBox.bottom, window.innerHeight) - sheetTop;
    if (hidden > 0 && sheetTop > canvasBox.top) deps.covers(hidden);
  };
  const state = () => (element.dataset.sheet as SheetState | undefined) ?? 'closed';
  const step = (by: 1 | -1) =>
    set(ORDER[Math.min(ORDER.length - 1, Math.max(0, ORDER.indexOf(state()) + by))]!);

  // The bar names what the inspector shows, whoever filled it (a tap, the search, a link).
  const retitle = () => {
    const heading = inspector.querySelector('h2')?.textContent?.trim();
    title.textContent = heading || 'Inspector: tap a node or a relationship';
  };
  new MutationObserver(retitle).observe(inspector, { childList: true, subtree: true });
  retitle();

  // A drag on the bar moves the sheet a step up or down; a tap raises it (from full: lowers).
  let startY: number | undefined;
  bar.addEventListener('pointerdown', (e) => {
    startY = e.clientY;
  });
  bar.addEventListener('pointerup', (e) => {
    if (startY === undefined) return;
    const dy = e.clientY - startY;
    startY = undefined;
    if (dy < -DRAG) step(1);
    else if (dy > DRAG) step(-1);
    else set(state() === 'full' ? 'peek' : state() === 'peek' ? 'full' : 'peek');
  });
  bar.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      set(state() === 'closed' ? 'peek' : 'closed');
    }
  });
  byId('sheet-close').addEventListener('click', (e) => {
    e.stopPropagation();
    set('closed');
  });
  set('closed');

  /** A raise waiting for the double-tap window to pass. */
  let raising: ReturnType<typeof setTimeout> | undefined;
  return {
    element,
    peek: () => {
      // After the window for a double tap: rising at once would move the graph from under a
      // second tap, and a double tap (expand) would never land.
      clearTimeout(raising);
      raising = setTimeout(() => {
        if (state() === 'closed') set('peek');
      }, DOUBLE_TAP);
    },
    close: () => set('closed'),
  };
}
