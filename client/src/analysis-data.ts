// What the timeline and the map show of the canvas's content, as plain data: pure functions,
// tested without a browser (tests/unit/analysis-data.test.ts).
import { alpha2ToNumeric } from 'i18n-iso-countries';
import { showBidiControls } from './user-text';

/** What the canvas shows, as graph JSON (its nodes and relationships, with their properties). */
export interface CanvasContent {
  nodes: unknown[];
  relationships: unknown[];
}
type Props = Record<string, unknown>;

/** The claims drawn as points, with the word the timeline shows for each. */
const EVENT_TYPES: Record<string, string> = {
  ATTRIBUTED_TO: 'attribution',
  CONDEMNED: 'condemnation',
  DENIED: 'denial',
  SANCTIONED: 'sanction',
  SUMMONED: 'summons',
  RESPONDED_TO: 'response',
};

export interface TimelineEvent {
  id: string;
  group: string;
  content: string;
  start: string;
  end?: string;
  kind: 'period' | 'point';
  className: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
/** A partial date as a day the timeline can place: 2022 -> 2022-01-01, 2024-03 -> 2024-03-01. */
const day = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
const lastDay = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-28` : d);

/**
 * The events of the canvas's content: each operation with a start as a period (ongoing ones
 * run to today), each dated claim of an event type as a point, in the row of who asserts it
 * (its asserter, else the party at its start).
 */
export function timelineEvents(
  content: CanvasContent,
  today: string,
  /** Names of asserters that are not on the canvas (see offCanvasAsserters), by id. */
  otherNames: ReadonlyMap<string, string> = new Map(),
): TimelineEvent[] {
  const nodes = content.nodes as Props[];
  const names = new Map([
    ...otherNames,
    ...nodes.map((n) => [String(n.id), String(n.name)] as const),
  ]);
  const events: TimelineEvent[] = [];
  for (const n of nodes) {
    const since = str(n.since);
    if (n.label !== 'Operation' || !since) continue;
    const until = str(n.until);
    events.push({
      id: String(n.id),
      group: 'Operations',
      content: showBidiControls(String(n.name)),
      start: day(since),
      end: until ? lastDay(until) : today,
      kind: 'period',
      className: 'tl-operation',
    });
  }
  for (const r of content.relationships as Props[]) {
    const what = EVENT_TYPES[String(r.type)];
    const date = str(r.date);
    if (!what || !date) continue;
    const asserter = str(r.assertedBy) ?? String(r.source);
    const target = names.get(String(r.target)) ?? String(r.target);
    events.push({
      id: String(r.id),
      group: names.get(asserter) ?? asserter,
      content: `${what}: ${showBidiControls(target)}`,
      start: day(date),
      kind: 'point',
      className: `tl-${what}${typeof r.retractedAt === 'string' ? ' tl-retracted' : ''}`,
    });
  }
  return events;
}

/** Who asserts the canvas's dated events without being on the canvas (their rows need names). */
export function offCanvasAsserters(content: CanvasContent): string[] {
  const onCanvas = new Set((content.nodes as Props[]).map((n) => String(n.id)));
  const ids = new Set<string>();
  for (const r of content.relationships as Props[]) {
    const asserter = str(r.assertedBy);
    if (EVENT_TYPES[String(r.type)] && str(r.date) && asserter && !onCanvas.has(asserter))
      ids.add(asserter);
  }
  return [...ids];
}

export type MapMeasure = 'targeted' | 'asserted';

/** Relationship types by which an actor stands for a state (sponsor, home, employer). */
const ACTOR_STATE = new Set(['SPONSORED_BY', 'AFFILIATED_WITH', 'LOCATED_IN']);

export interface MapFacts {
  /** State node id -> its world-atlas id (ISO 3166 numeric). */
  numeric: Map<string, string>;
  /** World-atlas id -> count for the chosen measure. */
  counts: Map<string, number>;
  /** [sponsor, target] state node ids, one per operation and pair. */
  arcs: [string, string][];
}

/** What the map shows for the canvas's content; pure, so it is tested without a browser. */
export function mapFacts(content: CanvasContent, measure: MapMeasure): MapFacts {
  const nodes = content.nodes as Record<string, unknown>[];
  const label = new Map(nodes.map((n) => [String(n.id), String(n.label)]));
  const numeric = new Map<string, string>();
  for (const n of nodes) {
    const code = typeof n.iso2 === 'string' ? alpha2ToNumeric(n.iso2) : undefined;
    if (n.label === 'State' && code) numeric.set(String(n.id), code);
  }
  const rels = (content.relationships as Record<string, unknown>[]).map((r) => ({
    type: String(r.type),
    from: String(r.source),
    to: String(r.target),
    assertedBy: typeof r.assertedBy === 'string' ? r.assertedBy : undefined,
  }));
  /** The state a node stands for: itself, or what it is PART_OF (one step). */
  const stateOf = (id: string): string | undefined =>
    label.get(id) === 'State'
      ? id
      : rels.find((r) => r.type === 'PART_OF' && r.from === id && label.get(r.to) === 'State')?.to;
  const counts = new Map<string, number>();
  const add = (state: string | undefined) => {
    const code = state ? numeric.get(state) : undefined;
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  };
  const arcs = new Map<string, [string, string]>();
  for (const [op, kind] of label) {
    if (kind !== 'Operation') continue;
    const targets = new Set(
      rels
        .filter((r) => r.type === 'TARGETED' && r.from === op)
        .map((r) => stateOf(r.to))
        .filter((s): s is string => s !== undefined),
    );
    if (measure === 'targeted') targets.forEach(add);
    const attributed = rels.filter((r) => r.type === 'ATTRIBUTED_TO' && r.from === op);
    const sponsors = new Set<string>();
    for (const a of attributed) {
      if (label.get(a.to) === 'State') sponsors.add(a.to);
      for (const r of rels)
        if (r.from === a.to && ACTOR_STATE.has(r.type)) {
          const s = stateOf(r.to);
          if (s) sponsors.add(s);
        }
    }
    for (const s of sponsors) for (const t of targets) if (s !== t) arcs.set(`${s}|${t}`, [s, t]);
  }
  if (measure === 'asserted')
    for (const r of rels)
      add(r.assertedBy && label.get(r.assertedBy) === 'State' ? r.assertedBy : undefined);
  return { numeric, counts, arcs: [...arcs.values()] };
}
