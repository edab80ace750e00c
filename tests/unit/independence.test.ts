import { describe, expect, it } from 'vitest';
import {
  independentCount,
  independentGroups,
  type SourceFacts,
} from '../../server/src/services/independence';

const facts = (list: Partial<SourceFacts>[]) =>
  new Map(
    list.map((f) => [
      f.id!,
      { name: f.id!, published: null, url: null, cites: [], publishers: [], ...f } as SourceFacts,
    ]),
  );
const pub = (id: string) => ({ id, label: 'Organisation', name: id });

describe('independent sources', () => {
  it('counts sources that cite each other, either way, once', () => {
    const f = facts([
      { id: 'source:a', cites: ['source:b'] },
      { id: 'source:b', cites: ['source:a'] },
    ]);
    expect(independentCount(['source:a', 'source:b'], f)).toBe(1);
  });

  it('counts two reports that cite a common original once, though the original is not listed', () => {
    const f = facts([
      { id: 'source:a', cites: ['source:wire'] },
      { id: 'source:b', cites: ['source:wire'] },
      { id: 'source:c' },
    ]);
    expect(independentGroups(['source:a', 'source:b', 'source:c'], f)).toEqual(
      new Map([
        ['source:a', 1],
        ['source:b', 1],
        ['source:c', 2],
      ]),
    );
  });

  it('counts sources of the same publisher once, and repeated ids once', () => {
    const f = facts([
      { id: 'source:a', publishers: [pub('org:reuters')] },
      { id: 'source:b', publishers: [pub('org:reuters')] },
      { id: 'source:c', publishers: [pub('org:bloomberg')] },
    ]);
    expect(independentCount(['source:a', 'source:b', 'source:c', 'source:c'], f)).toBe(2);
  });

  it('counts unrelated sources, and sources it knows nothing of, each once', () => {
    expect(independentCount(['source:x', 'source:y'], new Map())).toBe(2);
    expect(independentCount([], new Map())).toBe(0);
  });
});
