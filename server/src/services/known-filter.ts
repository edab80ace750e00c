// "As known on" a date (DESIGN.md, Claims over time), written once for every read that takes
// `asOf`: the explorer's neighbourhoods, paths, subgraphs and search, and the analysis routes.
// Values travel as parameters ($asOf, $includeRetracted, $visible); only variable names are
// put in. The same filter carries the caller's clearance: what its markings hide is never
// matched, so counts, totals and paths are computed over what the caller may see.
import { DEFAULT_MARKING, MARKINGS, markingsUpTo, type Marking } from '../model/model';

/** The day a claim on variable `r` became known: `knownSince`, else the day it was recorded. */
export const knownOn = (r: string) => `coalesce(${r}.knownSince, left(${r}.recordedAt, 10))`;

/**
 * A claim on `r` is retracted "on `$asOf`" if it, or one of its ends (a retracted Statement
 * goes with who made it and what it is about), was retracted on or before that day; without
 * `$asOf`, if any of them is retracted at all.
 */
const live = (x: string) =>
  `(${x}.retractedAt IS NULL OR ($asOf IS NOT NULL AND left(${x}.retractedAt, 10) > $asOf))`;

/**
 * The visibility predicate: the entity on `x` (a node or relationship) carries a marking the
 * caller's clearance allows ($visible, from markingsUpTo). Absent is CLEAR.
 */
export const visible = (x: string) => `coalesce(${x}.marking, '${DEFAULT_MARKING}') IN $visible`;

/** A relationship `r` the caller may see: it, and both its ends. */
export const visibleClaim = (r: string) =>
  `(${visible(r)} AND ${visible(`startNode(${r})`)} AND ${visible(`endNode(${r})`)})`;

/** Every node and relationship of a path `p` is visible. */
export const visiblePath = (p: string) =>
  `(all(x IN nodes(${p}) WHERE ${visible('x')}) AND all(x IN relationships(${p}) WHERE ${visible('x')}))`;

/**
 * Keeps a claim that is not retracted (or `$includeRetracted`), and, when `$asOf` is set, that
 * was known on `$asOf` and not yet retracted then: a claim retracted after `$asOf` is shown
 * (it carries its `retractedAt`), one retracted on or before it is not. A claim with neither
 * `knownSince` nor `recordedAt` (written before either existed) counts as always known.
 */
export function knownClaim(r: string): string {
  return `${visibleClaim(r)} AND ($includeRetracted
    OR (${live(r)} AND ${live(`startNode(${r})`)} AND ${live(`endNode(${r})`)}))
  AND ($asOf IS NULL OR coalesce(${knownOn(r)}, '0000-01-01') <= $asOf)`;
}

/**
 * A node that carries its own public date (a Source's `published`, a Statement's `date`, an
 * Operation's `disclosed`) is known from then; other nodes always are. A partial date
 * compares as its first day ('2025' < '2025-05-27'). A retracted node (a Statement) is left
 * out like a retracted claim.
 */
export const knownNode = (n: string) =>
  `${visible(n)} AND ($includeRetracted OR ${live(n)})
  AND ($asOf IS NULL OR coalesce(${n}.published, ${n}.date, ${n}.disclosed, '0000') <= $asOf)`;

export interface KnownFilter {
  /** YYYY-MM-DD: only what had been said by the end of that day. */
  asOf?: string | undefined;
  /** Retracted claims are hidden unless this is set. */
  includeRetracted?: boolean | undefined;
  /** The caller's clearance: markings above it are hidden. Undefined = sees everything. */
  clearance?: Marking | undefined;
}

/** $visible for a clearance: the markings it may see (every one when none is given). */
export function visibleParam(clearance: Marking | undefined): Marking[] {
  return clearance ? markingsUpTo(clearance) : [...MARKINGS];
}

export function knownParams(filter: KnownFilter): {
  asOf: string | null;
  includeRetracted: boolean;
  visible: Marking[];
} {
  return {
    asOf: filter.asOf ?? null,
    includeRetracted: filter.includeRetracted ?? false,
    visible: visibleParam(filter.clearance),
  };
}
