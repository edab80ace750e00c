// The object filters and pages of TAXII 2.1 (sections 3.4 and 3.5), over a collection's
// objects held in memory, each with the date it was added. Pages are keyset pages: `next`
// names the last object a page ended on, so a client that follows it neither skips nor
// repeats an object when the graph changes between pages.
import { AppError } from '../../errors';
import { STIX_MEDIA_TYPE } from './protocol';

export interface DatedObject {
  object: Record<string, unknown>;
  /** When this version of the object was added to the collection (ISO 8601, milliseconds). */
  dateAdded: string;
}

export interface ObjectFilter {
  addedAfter?: string | undefined;
  ids?: string[] | undefined;
  types?: string[] | undefined;
  /** `last`, `first`, `all` or timestamps; each object has one version here, its `modified`. */
  versions?: string[] | undefined;
  specVersions?: string[] | undefined;
}

/** An object's one version: STIX's `modified`, else `created` (an unversioned object). */
export const versionOf = (o: Record<string, unknown>): string =>
  typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : '';

const instant = (s: string) => Date.parse(s);

export function filterObjects(items: DatedObject[], filter: ObjectFilter): DatedObject[] {
  const after = filter.addedAfter === undefined ? undefined : instant(filter.addedAfter);
  const ids = filter.ids && new Set(filter.ids);
  const types = filter.types && new Set(filter.types);
  const versions = filter.versions?.filter((v) => !['last', 'first', 'all'].includes(v));
  // Only timestamps narrow: last, first and all all name an object's one version.
  const exact =
    versions?.length && versions.length === filter.versions?.length
      ? new Set(versions.map(instant))
      : undefined;
  return items.filter(({ object, dateAdded }) => {
    if (after !== undefined && !(instant(dateAdded) > after)) return false;
    if (ids && !ids.has(String(object.id))) return false;
    if (types && !types.has(String(object.type))) return false;
    if (exact && !exact.has(instant(versionOf(object)))) return false;
    if (
      filter.specVersions &&
      !filter.specVersions.includes(
        typeof object.spec_version === 'string' ? object.spec_version : '2.1',
      )
    )
      return false;
    return true;
  });
}

/** Oldest first, then by id: the order pages follow (and that `added_after` implies). */
export function byDateAdded(a: DatedObject, b: DatedObject): number {
  return a.dateAdded === b.dateAdded
    ? String(a.object.id).localeCompare(String(b.object.id))
    : a.dateAdded < b.dateAdded
      ? -1
      : 1;
}

const encodeNext = (item: DatedObject) =>
  Buffer.from(JSON.stringify([item.dateAdded, String(item.object.id)])).toString('base64url');

function decodeNext(next: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(next, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(instant(value[0])) &&
      typeof value[1] === 'string'
    )
      return [value[0], value[1]];
  } catch {
    // Falls through to the error below: any text that is not ours is refused alike.
  }
  throw new AppError(
    400,
    'bad_request',
    'next: not a value this server gave (send back the "next" of the previous page as it was)',
  );
}

export interface Page {
  items: DatedObject[];
  more: boolean;
  next?: string;
}

/** One page of `limit` items (sorted by byDateAdded), after the item `next` names. */
export function pageOf(sorted: DatedObject[], limit: number, next?: string): Page {
  let start = 0;
  if (next !== undefined) {
    const [date, id] = decodeNext(next);
    start = sorted.findIndex(
      (item) => item.dateAdded > date || (item.dateAdded === date && String(item.object.id) > id),
    );
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  const last = items[items.length - 1];
  return { items, more, ...(more && last ? { next: encodeNext(last) } : {}) };
}

/** The X-TAXII-Date-Added-First/Last headers of a page (section 3.3.1), when it has items. */
export function dateHeaders(items: DatedObject[]): Record<string, string> {
  const first = items[0];
  const last = items[items.length - 1];
  return first && last
    ? { 'X-TAXII-Date-Added-First': first.dateAdded, 'X-TAXII-Date-Added-Last': last.dateAdded }
    : {};
}

export const manifestRecord = ({ object, dateAdded }: DatedObject) => ({
  id: String(object.id),
  date_added: dateAdded,
  version: versionOf(object),
  media_type: STIX_MEDIA_TYPE,
});
