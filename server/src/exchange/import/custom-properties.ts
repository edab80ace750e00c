// Our own STIX export carries the graph's properties in x_attribution_graph_properties, so a
// round trip keeps them; but a file from anywhere may put anything there. Only what Neo4j can
// store as a property is kept (a string, a finite number, a boolean, or a list of one kind of
// those), never under a name that means something to JavaScript objects; the rest is dropped
// and counted, so a strange file imports what it can instead of failing half-way.
import { countSkip, type ImportBatch } from './batch';

const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type Scalar = string | number | boolean;

function isScalar(v: unknown): v is Scalar {
  return (
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
  );
}

/** A value Neo4j stores as a property: a scalar or a list of scalars of one type. */
function isStorable(value: unknown): boolean {
  if (isScalar(value)) return true;
  if (!Array.isArray(value)) return false;
  const kind = typeof value[0];
  return value.every((v) => isScalar(v) && typeof v === kind);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The storable properties of `value` (a plain object, else none), in an object without a
 * prototype; `keep` names properties passed through as they are (read, then removed, by the
 * caller). What is dropped is counted in the batch's skipped list.
 */
export function customProperties(
  value: unknown,
  batch: Pick<ImportBatch, 'skipped'>,
  keep: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (value === undefined) return out;
  if (!isPlainObject(value)) {
    countSkip(batch, 'x_attribution_graph_properties that is not an object');
    return out;
  }
  for (const [name, v] of Object.entries(value)) {
    if (RESERVED_NAMES.has(name)) countSkip(batch, 'custom property with a reserved name dropped');
    else if (keep.includes(name) || isStorable(v)) out[name] = v;
    else
      countSkip(
        batch,
        'custom property dropped (not a string, number, boolean or a list of one of those)',
      );
  }
  return out;
}
