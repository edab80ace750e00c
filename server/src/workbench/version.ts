// An element's version: a digest of its graph JSON. Any writer (the API, an import, the seed
// loader) that changes an element changes its version, without any of them keeping a counter.
import { createHash } from 'node:crypto';

/** Object keys sorted at every level, so equal elements give equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

export function versionOf(element: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(element)))
    .digest('hex')
    .slice(0, 16);
}
