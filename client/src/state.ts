// The view state (what is on the canvas and how it is filtered), mirrored in the URL.
// Every change is a browser history entry, so undo/redo, back/forward and shareable links
// all come from this one place.
import { LAYOUTS, type LayoutName } from './canvas';

export interface ViewState {
  ids: string[];
  layout: LayoutName;
  hiddenLabels: string[];
  hiddenTypes: string[];
  /** Years of the time window; undefined = open. */
  fromYear?: number | undefined;
  toYear?: number | undefined;
  /** Relationships without a date are shown (the default) or hidden. */
  undated: boolean;
  /** Nodes left without a visible relationship by the filters are hidden (the default). */
  hideOrphans: boolean;
  grouped: boolean;
  merged: boolean;
  /** Fold mode: a hub's many leaves of one kind drawn as one countable node. */
  folded: boolean;
  /** Retracted claims drawn too (hidden by default: they are never evidence). */
  retracted: boolean;
  /** A saved query to run when the link is opened, with its parameters. */
  query?: string | undefined;
  queryParams?: Record<string, string> | undefined;
}

/** The filters' part of the state, as it is when nothing is filtered. */
export const NO_FILTERS: Pick<
  ViewState,
  'hiddenLabels' | 'hiddenTypes' | 'fromYear' | 'toYear' | 'undated' | 'hideOrphans'
> = {
  hiddenLabels: [],
  hiddenTypes: [],
  fromYear: undefined,
  toYear: undefined,
  undated: true,
  hideOrphans: true,
};

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);
const year = (v: string | null) => (v && /^\d{4}$/.test(v) ? Number(v) : undefined);

function stateFromUrl(search: string): ViewState {
  const p = new URLSearchParams(search);
  const layout = p.get('layout');
  return {
    ids: list(p.get('ids')),
    layout: LAYOUTS.includes(layout as LayoutName) ? (layout as LayoutName) : 'fcose',
    hiddenLabels: list(p.get('hide')),
    hiddenTypes: list(p.get('hideRels')),
    fromYear: year(p.get('from')),
    toYear: year(p.get('to')),
    undated: p.get('undated') !== '0',
    hideOrphans: p.get('orphans') !== 'show',
    grouped: p.get('group') === '1',
    merged: p.get('merge') === '1',
    folded: p.get('fold') === '1',
    retracted: p.get('retracted') === '1',
    query: p.get('query') ?? undefined,
    queryParams: Object.fromEntries(
      [...p].filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), v]),
    ),
  };
}

function stateToUrl(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.ids.length) p.set('ids', state.ids.join(','));
  if (state.layout !== 'fcose') p.set('layout', state.layout);
  if (state.hiddenLabels.length) p.set('hide', state.hiddenLabels.join(','));
  if (state.hiddenTypes.length) p.set('hideRels', state.hiddenTypes.join(','));
  if (state.fromYear !== undefined) p.set('from', String(state.fromYear));
  if (state.toYear !== undefined) p.set('to', String(state.toYear));
  if (!state.undated) p.set('undated', '0');
  if (!state.hideOrphans) p.set('orphans', 'show');
  if (state.grouped) p.set('group', '1');
  if (state.merged) p.set('merge', '1');
  if (state.folded) p.set('fold', '1');
  if (state.retracted) p.set('retracted', '1');
  if (state.query) {
    p.set('query', state.query);
    for (const [k, v] of Object.entries(state.queryParams ?? {})) p.set(`p.${k}`, v);
  }
  const qs = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return qs ? `?${qs}` : location.pathname;
}

type Listener = (state: ViewState, cause: 'change' | 'history') => void;

export class Store {
  private current: ViewState;
  private index = 0;
  private listeners: Listener[] = [];

  constructor() {
    this.current = stateFromUrl(location.search);
    const entry = history.state as { index?: number } | null;
    this.index = entry?.index ?? 0;
    history.replaceState({ index: this.index }, '', stateToUrl(this.current));
    window.addEventListener('popstate', (event) => {
      this.index = (event.state as { index?: number } | null)?.index ?? 0;
      this.current = stateFromUrl(location.search);
      this.emit('history');
    });
  }

  get state(): ViewState {
    return this.current;
  }

  get canUndo(): boolean {
    return this.index > 0;
  }

  /** Records a new state as a history entry (one undo step). */
  set(patch: Partial<ViewState>): void {
    const next = { ...this.current, ...patch };
    if (stateToUrl(next) === stateToUrl(this.current)) return;
    this.current = next;
    this.index += 1;
    history.pushState({ index: this.index }, '', stateToUrl(next));
    this.emit('change');
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  undo(): void {
    if (this.canUndo) history.back();
  }

  redo(): void {
    history.forward();
  }

  private emit(cause: 'change' | 'history'): void {
    for (const l of this.listeners) l(this.current, cause);
  }
}
