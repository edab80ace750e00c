// TAXII 2.1's Accept negotiation, object filters and keyset pages, without a server.
import { describe, expect, it } from 'vitest';
import {
  byDateAdded,
  dateHeaders,
  filterObjects,
  pageOf,
  type DatedObject,
} from '../../server/src/exchange/taxii/paging';
import { acceptsTaxii21 } from '../../server/src/exchange/taxii/protocol';

const item = (id: string, type: string, dateAdded: string, modified = dateAdded): DatedObject => ({
  object: { id: `${type}--${id}`, type, spec_version: '2.1', modified },
  dateAdded,
});
const items = [
  item('c', 'relationship', '2025-01-02T00:00:00.000Z'),
  item('a', 'intrusion-set', '2025-01-01T00:00:00.000Z'),
  item('b', 'relationship', '2025-01-01T00:00:00.000Z'),
  item('d', 'identity', '2025-01-03T00:00:00.000Z', '2024-06-01T00:00:00.000Z'),
].sort(byDateAdded);

describe('Accept negotiation', () => {
  it('accepts no header, wildcards and TAXII JSON of no version or 2.1', () => {
    for (const accept of [
      undefined,
      '',
      '*/*',
      'application/*',
      'application/taxii+json',
      'application/taxii+json;version=2.1',
      'text/html, application/taxii+json; version="2.1"',
    ])
      expect(acceptsTaxii21(accept)).toBe(true);
  });
  it('refuses other types, TAXII 2.0 and q=0', () => {
    for (const accept of [
      'text/html',
      'application/json',
      'application/taxii+json;version=2.0',
      'application/taxii+json;q=0',
    ])
      expect(acceptsTaxii21(accept)).toBe(false);
  });
});

describe('object filters', () => {
  it('keeps what was added strictly after added_after', () => {
    const kept = filterObjects(items, { addedAfter: '2025-01-01T00:00:00.000Z' });
    expect(kept.map((i) => i.object.id)).toEqual(['relationship--c', 'identity--d']);
  });
  it('matches any of several types or ids (TAXII OR)', () => {
    expect(filterObjects(items, { types: ['identity', 'intrusion-set'] })).toHaveLength(2);
    expect(filterObjects(items, { ids: ['relationship--b', 'nope--x'] })).toHaveLength(1);
  });
  it('matches a version timestamp to modified; last, first and all keep every object', () => {
    expect(filterObjects(items, { versions: ['2024-06-01T00:00:00Z'] })).toHaveLength(1);
    expect(filterObjects(items, { versions: ['last'] })).toHaveLength(4);
    expect(filterObjects(items, { specVersions: ['2.0'] })).toHaveLength(0);
  });
});

describe('keyset pages', () => {
  it('orders by date added then id, and pages of 2 cover everything once', () => {
    expect(items.map((i) => i.object.id)).toEqual([
      'intrusion-set--a',
      'relationship--b',
      'relationship--c',
      'identity--d',
    ]);
    const first = pageOf(items, 2);
    expect(first).toMatchObject({ more: true });
    const second = pageOf(items, 2, first.next);
    expect(second.more).toBe(false);
    expect(second.next).toBeUndefined();
    expect([...first.items, ...second.items]).toEqual(items);
  });
  it('neither skips nor repeats when an object is added before the next page is asked', () => {
    const first = pageOf(items, 2);
    const grown = [...items, item('e', 'identity', '2025-01-04T00:00:00.000Z')].sort(byDateAdded);
    const rest = pageOf(grown, 10, first.next);
    expect(rest.items.map((i) => i.object.id)).toEqual([
      'relationship--c',
      'identity--d',
      'identity--e',
    ]);
  });
  it('refuses a next it never gave, naming the parameter', () => {
    expect(() => pageOf(items, 2, 'bogus')).toThrow(/next/);
  });
  it('dates a page by its first and last objects, and an empty page not at all', () => {
    expect(dateHeaders(items)).toEqual({
      'X-TAXII-Date-Added-First': '2025-01-01T00:00:00.000Z',
      'X-TAXII-Date-Added-Last': '2025-01-03T00:00:00.000Z',
    });
    expect(dateHeaders([])).toEqual({});
  });
});
