// Bounds a query result by size as well as by rows: items per list, nesting depth and the
// JSON bytes of all rows together, counted on the driver's values before anything is
// converted or serialised, so an oversized result is refused with a clear message instead
// of being turned into a huge response body.
import neo4j, { isNode, isPath, isRelationship } from 'neo4j-driver';
import { AppError } from '../../errors';

export interface SizeLimits {
  /** JSON bytes of all rows together (an estimate that never undercounts by much). */
  maxBytes: number;
  /** Items in any one list. */
  maxListItems: number;
  /** Levels of lists and maps inside one value. */
  maxDepth: number;
}

export const DEFAULT_SIZE_LIMITS: SizeLimits = {
  maxBytes: 4_000_000,
  maxListItems: 10_000,
  maxDepth: 32,
};

export class ResultTooLarge extends AppError {
  constructor(
    what: string,
    limit: string,
    advice = 'return fewer or smaller values (add LIMIT, or slice lists such as list[..100])',
  ) {
    super(422, 'result_too_large', `Result too large: ${what} (limit: ${limit}); ${advice}`);
  }
}

const TEMPORAL = [
  neo4j.isDate,
  neo4j.isDateTime,
  neo4j.isLocalDateTime,
  neo4j.isTime,
  neo4j.isLocalTime,
  neo4j.isDuration,
];

/** Counts the rows of one result against the limits; `admit` throws once one is passed. */
export class ResultBudget {
  private bytes = 0;
  /** The row being counted, to say where the limit was reached. */
  private row = 0;

  constructor(private readonly limits: SizeLimits) {}

  /** Counts one row (its column values); throws ResultTooLarge when a limit is passed. */
  admit(values: readonly unknown[], row: number): void {
    this.row = row;
    for (const value of values) this.measure(value, 0, row);
  }

  private add(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes)
      // A LIMIT the query already has may not be the fix: whole nodes carry their
      // descriptions (imported ATT&CK ones run to kilobytes), where a few properties would do.
      throw new ResultTooLarge(
        `more than ${this.limits.maxBytes.toLocaleString('en')} bytes of JSON by row ${(this.row + 1).toLocaleString('en')}`,
        `${this.limits.maxBytes.toLocaleString('en')} bytes (QUERY_RESULT_MAX_BYTES)`,
        'return fewer rows (LIMIT) or smaller ones: the properties you need rather than whole nodes (RETURN a.id, a.name rather than a), or slices of long lists (list[..100])',
      );
  }

  private measure(value: unknown, depth: number, row: number): void {
    if (depth > this.limits.maxDepth)
      throw new ResultTooLarge(
        `a value in row ${row + 1} is nested more than ${this.limits.maxDepth} levels deep`,
        `${this.limits.maxDepth} levels`,
      );
    if (value === null || value === undefined || typeof value === 'boolean') return this.add(5);
    if (typeof value === 'number' || typeof value === 'bigint' || neo4j.isInt(value))
      return this.add(24);
    if (typeof value === 'string') return this.add(value.length * 2 + 2); // escapes, worst case
    if (Array.isArray(value)) {
      // The length is known before any item is visited: a huge list costs nothing to refuse.
      if (value.length > this.limits.maxListItems)
        throw new ResultTooLarge(
          `a list in row ${row + 1} has ${value.length.toLocaleString('en')} items`,
          `${this.limits.maxListItems.toLocaleString('en')} items per list`,
        );
      this.add(2 + value.length);
      for (const item of value) this.measure(item, depth + 1, row);
      return;
    }
    if (TEMPORAL.some((is) => is(value))) return this.add(40);
    if (isNode(value)) {
      this.add(64 + value.labels.join().length);
      return this.measure(value.properties, depth + 1, row);
    }
    if (isRelationship(value)) {
      this.add(64 + value.type.length);
      return this.measure(value.properties, depth + 1, row);
    }
    if (isPath(value)) {
      this.measure(value.start, depth + 1, row);
      for (const segment of value.segments) {
        this.measure(segment.relationship, depth + 1, row);
        this.measure(segment.end, depth + 1, row);
      }
      return;
    }
    if (typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length > this.limits.maxListItems)
        throw new ResultTooLarge(
          `a map in row ${row + 1} has ${entries.length.toLocaleString('en')} keys`,
          `${this.limits.maxListItems.toLocaleString('en')} keys per map`,
        );
      this.add(2);
      for (const [key, item] of entries) {
        this.add(key.length + 4);
        this.measure(item, depth + 1, row);
      }
      return;
    }
    this.add(16); // nothing else comes from the driver; counted, never trusted to be small
  }
}
