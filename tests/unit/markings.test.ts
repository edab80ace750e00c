// TLP markings: the model's order and clearances, the STIX and MISP spellings read on import,
// and the visibility predicate every read shares.
import { describe, expect, it } from 'vitest';
import { markingsUpTo, MARKINGS, markingOf } from '../../server/src/model/model';
import {
  markingDefinition,
  markingOfMispTag,
  markingOfStixRefs,
  TLP2_MARKING_DEFINITION,
} from '../../server/src/exchange/tlp';
import { knownParams, visible, visibleClaim } from '../../server/src/services/known-filter';

describe('the TLP 2.0 markings of the model', () => {
  it('are ordered CLEAR < GREEN < AMBER < AMBER+STRICT < RED, and a clearance sees up to its own', () => {
    expect(MARKINGS).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
    expect(markingsUpTo('CLEAR')).toEqual(['CLEAR']);
    expect(markingsUpTo('AMBER')).toEqual(['CLEAR', 'GREEN', 'AMBER']);
    expect(markingsUpTo('RED')).toEqual([...MARKINGS]);
  });

  it('reads an absent or unknown marking as CLEAR', () => {
    expect(markingOf(undefined)).toBe('CLEAR');
    expect(markingOf('PURPLE')).toBe('CLEAR');
    expect(markingOf('AMBER+STRICT')).toBe('AMBER+STRICT');
  });
});

describe('STIX object_marking_refs', () => {
  it('reads the TLP 2.0 definitions, and TLP 1.0 WHITE as CLEAR', () => {
    expect(markingOfStixRefs([TLP2_MARKING_DEFINITION.GREEN])).toBe('GREEN');
    expect(markingOfStixRefs(['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'])).toBe(
      'CLEAR',
    );
    expect(markingOfStixRefs(['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'])).toBe(
      'RED',
    );
  });

  it('keeps the strictest of several, and ignores other marking definitions', () => {
    expect(
      markingOfStixRefs([
        TLP2_MARKING_DEFINITION.GREEN,
        'marking-definition--00000000-0000-4000-8000-000000000000',
        TLP2_MARKING_DEFINITION['AMBER+STRICT'],
      ]),
    ).toBe('AMBER+STRICT');
    expect(markingOfStixRefs(['marking-definition--00000000-0000-4000-8000-000000000000'])).toBe(
      undefined,
    );
    expect(markingOfStixRefs(undefined)).toBe(undefined);
  });

  it('writes the fixed TLP 2.0 ids, one definition object per marking', () => {
    expect(TLP2_MARKING_DEFINITION).toEqual({
      CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
      AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    });
    expect(markingDefinition('AMBER')).toMatchObject({
      type: 'marking-definition',
      id: TLP2_MARKING_DEFINITION.AMBER,
      name: 'TLP:AMBER',
    });
  });
});

describe("MISP's tlp: tags", () => {
  it.each([
    ['tlp:clear', 'CLEAR'],
    ['tlp:white', 'CLEAR'],
    ['tlp:green', 'GREEN'],
    ['TLP:AMBER', 'AMBER'],
    ['tlp:amber+strict', 'AMBER+STRICT'],
    ['tlp:red', 'RED'],
    ['tlp:ex:chr', undefined],
    ['misp-galaxy:threat-actor="APT31"', undefined],
  ])('%s reads as %s', (tag, marking) => {
    expect(markingOfMispTag(tag)).toBe(marking);
  });
});

describe('the visibility predicate', () => {
  it('is one Cypher fragment with the allowed markings as $visible; absent counts as CLEAR', () => {
    expect(visible('n')).toBe("coalesce(n.marking, 'CLEAR') IN $visible");
    expect(visibleClaim('r')).toBe(
      "(coalesce(r.marking, 'CLEAR') IN $visible AND coalesce(startNode(r).marking, 'CLEAR') IN $visible AND coalesce(endNode(r).marking, 'CLEAR') IN $visible)",
    );
    expect(knownParams({ clearance: 'GREEN' }).visible).toEqual(['CLEAR', 'GREEN']);
    // No clearance (no tokens configured): the one local user sees everything.
    expect(knownParams({}).visible).toEqual([...MARKINGS]);
  });
});
