// STIX's own fields for provenance, without a database: periods at the source's precision on
// export, and on import which opinions are denials or disputes and which notes are quotes.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../server/src/exchange/export/stix-native';
import { readNativeProvenance } from '../../server/src/exchange/import/stix-native';

describe('periodOf', () => {
  it('writes a full day as STIX timestamps only, the stop time at the end of its day', () => {
    expect(
      periodOf({ since: '2024-03-04', until: '2024-03-04' }, ['start_time', 'stop_time']),
    ).toEqual({
      native: { start_time: '2024-03-04T00:00:00.000Z', stop_time: '2024-03-04T23:59:59.999Z' },
      keep: {},
    });
  });

  it("keeps a year's or a month's precision in our own properties, ending on the month's real last day", () => {
    expect(periodOf({ since: '2019', until: '2024-02' }, ['first_seen', 'last_seen'])).toEqual({
      native: { first_seen: '2019-01-01T00:00:00.000Z', last_seen: '2024-02-29T23:59:59.999Z' },
      keep: { since: '2019', until: '2024-02' },
    });
  });

  it('writes nothing for an undated claim or a malformed date', () => {
    expect(periodOf({ since: 'soon' }, ['start_time', 'stop_time'])).toEqual({
      native: {},
      keep: {},
    });
  });
});

describe('readNativeProvenance', () => {
  const objects = [
    { type: 'identity', id: 'identity--00000000-0000-4000-8000-000000000001' },
    { type: 'location', id: 'location--00000000-0000-4000-8000-000000000001' },
    { type: 'identity', id: 'identity--00000000-0000-4000-8000-000000000002' },
    { type: 'campaign', id: 'campaign--1' },
    { type: 'relationship', id: 'relationship--1' },
    {
      type: 'opinion',
      id: 'opinion--denial',
      opinion: 'strongly-disagree',
      created_by_ref: 'identity--00000000-0000-4000-8000-000000000002',
      object_refs: ['campaign--1'],
    },
    {
      type: 'opinion',
      id: 'opinion--dispute',
      opinion: 'disagree',
      created_by_ref: 'identity--00000000-0000-4000-8000-000000000001',
      object_refs: ['relationship--1'],
    },
    {
      type: 'opinion',
      id: 'opinion--of-the-denial',
      opinion: 'disagree',
      created_by_ref: 'identity--00000000-0000-4000-8000-000000000001',
      object_refs: ['opinion--denial'],
    },
    {
      type: 'opinion',
      id: 'opinion--agrees',
      opinion: 'agree',
      created_by_ref: 'identity--00000000-0000-4000-8000-000000000002',
      object_refs: ['relationship--1'],
    },
    { type: 'note', id: 'note--quote', content: 'the quote', object_refs: ['relationship--1'] },
    { type: 'note', id: 'note--about-campaign', content: 'words', object_refs: ['campaign--1'] },
  ];
  const native = readNativeProvenance(objects);

  it("reads a State's identity as its location, by their shared UUID", () => {
    expect(native.partyKey('identity--00000000-0000-4000-8000-000000000001')).toBe(
      'location--00000000-0000-4000-8000-000000000001',
    );
    expect(native.partyKey('identity--00000000-0000-4000-8000-000000000002')).toBe(
      'identity--00000000-0000-4000-8000-000000000002',
    );
  });

  it('takes disagreeing with a campaign as a denial, with a claim (a relationship or a denial) as a dispute', () => {
    expect([...native.denials]).toEqual(['opinion--denial']);
    expect(Object.fromEntries(native.disputes)).toEqual({
      'relationship--1': ['location--00000000-0000-4000-8000-000000000001'],
      'opinion--denial': ['location--00000000-0000-4000-8000-000000000001'],
    });
  });

  it('takes a note about claims as their quote, and leaves a note about an object and an agreeing opinion as statements', () => {
    expect(native.evidence.get('relationship--1')?.id).toBe('note--quote');
    expect([...native.consumed].sort()).toEqual([
      'note--quote',
      'opinion--dispute',
      'opinion--of-the-denial',
    ]);
  });
});
