// The view state (what is on the canvas and how it is filtered), mirrored in the URL.
// Every change is a browser history entry, so undo/redo, back/forward and shareable links
// all come from this one place.
import { LAYOUTS, type LayoutName, type Positions } from './canvas';

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
  /** Claims below this confidence (0–100) are hidden; undefined = no minimum. */
  minConfidence?: number | undefined;
  /** With a minimum set, claims that give no confidence are still shown (the default). */
  unrated: boolean;
  grouped: boolean;
  merged: boolean;
  /** Fold mode: a hub's many leaves of one kind drawn as one countable node. */
  folded: boolean;
  /** Retracted claims drawn too (hidden by default: they are never evidence). */
  retracted: boolean;
  /** "As known on" (YYYY-MM-DD): only what had been said by then; undefined = today. */
  asOf?: string | undefined;
  /** A saved query to run when the link is opened, with its parameters. */
  query?: string | undefined;
  queryParams?: Record<string, string> | undefined;
  /**
   * Where the nodes sit. A link carries them (rounded to the pixel) for views of at most
   * MAX_LINK_POSITIONS nodes; a larger view keeps its layout in a saved investigation.
   */
  positions?: Positions | undefined;
  /** The saved investigation this view was opened from; a link with only it opens it. */
  investigation?: string | undefined;
}

/** Views up to this many nodes carry their positions in the URL (about 10 characters each). */
export const MAX_LINK_POSITIONS = 50;

/**
 * The URL form of positions: "x_y" per node, whole pixels, in the order of `ids`, joined by
 * commas ("12_-40,300_25"). Nothing when a node has no position or the view is too large.
 */
export function encodePositions(ids: string[], positions: Positions | undefined): string {
  if (!positions || !ids.length || ids.length > MAX_LINK_POSITIONS) return '';
  const parts: string[] = [];
  for (const id of ids) {
    const p = positions[id];
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return '';
    parts.push(`${Math.round(p.x)}_${Math.round(p.y)}`);
  }
  return parts.join(',');
}

/** Positions back from their URL form; undefined unless there is one per id, all valid. */
export function decodePositions(ids: string[], text: string | null): Positions | undefined {
  const parts = text ? text.split(',') : [];
  if (!parts.length || parts.length !== ids.length) return undefined;
  const out: Positions = {};
  for (const [i, part] of parts.entries()) {
    const match = /^(-?\d{1,7})_(-?\d{1,7})$/.exec(part);
    if (!match) return undefined;
    out[ids[i]!] = { x: Number(match[1]), y: Number(match[2]) };
  }
  return out;
}

/** The filters' part of the state, as it is when nothing is filtered. */
export const NO_FILTERS: Pick<
  ViewState,
  | 'hiddenLabels'
  | 'hiddenTypes'
  | 'fromYear'
  | 'toYear'
  | 'undated'
  | 'hideOrphans'
  | 'minConfidence'
  | 'unrated'
> = {
  hiddenLabels: [],
  hiddenTypes: [],
  fromYear: undefined,
  toYear: undefined,
  undated: true,
  hideOrphans: true,
  minConfidence: undefined,
  unrated: true,
};

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);
const year = (v: string | null) => (v && /^\d{4}$/.test(v) ? Number(v) : undefined);
/** A confidence minimum from the URL: a whole number 1–100 (0 is no minimum). */
const minimum = (v: string | null) =>
  v && /^\d{1,3}$/.test(v) && Number(v) > 0 && Number(v) <= 100 ? Number(v) : undefined;

export function stateFromUrl(search: string): ViewState {
  const p = new URLSearchParams(search);
  const layout = p.get('layout');
  const ids = list(p.get('ids'));
  return {
    ids,
    layout: LAYOUTS.includes(layout as LayoutName) ? (layout as LayoutName) : 'fcose',
    hiddenLabels: list(p.get('hide')),
    hiddenTypes: list(p.get('hideRels')),
    fromYear: year(p.get('from')),
    toYear: year(p.get('to')),
    undated: p.get('undated') !== '0',
    hideOrphans: p.get('orphans') !== 'show',
    minConfidence: minimum(p.get('minConf')),
    unrated: p.get('unrated') !== '0',
    grouped: p.get('group') === '1',
    merged: p.get('merge') === '1',
    folded: p.get('fold') === '1',
    retracted: p.get('retracted') === '1',
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(p.get('asOf') ?? '') ? p.get('asOf')! : undefined,
    query: p.get('query') ?? undefined,
    queryParams: Object.fromEntries(
      [...p].filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), v]),
    ),
    positions: decodePositions(ids, p.get('pos')),
    investigation: p.get('investigation') ?? undefined,
  };
}

export function stateToUrl(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.investigation) p.set('investigation', state.investigation);
  if (state.ids.length) p.set('ids', state.ids.join(','));
  const pos = encodePositions(state.ids, state.positions);
  if (pos) p.set('pos', pos);
  if (state.layout !== 'fcose') p.set('layout', state.layout);
  if (state.hiddenLabels.length) p.set('hide', state.hiddenLabels.join(','));
  if (state.hiddenTypes.length) p.set('hideRels', state.hiddenTypes.join(','));
  if (state.fromYear !== undefined) p.set('from', String(state.fromYear));
  if (state.toYear !== undefined) p.set('to', String(state.toYear));
  if (!state.undated) p.set('undated', '0');
  if (!state.hideOrphans) p.set('orphans', 'show');
  if (state.minConfidence !== undefined) p.set('minConf', String(state.minConfidence));
  if (!state.unrated) p.set('unrated', '0');
  if (state.grouped) p.set('group', '1');
  if (state.merged) p.set('merge', '1');
  if (state.folded) p.set('fold', '1');
  if (state.retracted) p.set('retracted', '1');
  if (state.asOf) p.set('asOf', state.asOf);
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

  /**
   * Changes the current state without a new history entry or listeners told: what the canvas
   * did by itself (nodes dragged, a layout settled) is kept in the link, not undone.
   */
  replace(patch: Partial<ViewState>): void {
    this.current = { ...this.current, ...patch };
    history.replaceState({ index: this.index }, '', stateToUrl(this.current));
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
