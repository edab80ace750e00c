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
import { parseStixBundle } from '../../server/src/exchange/import/stix';
import { parseMispGalaxy } from '../../server/src/exchange/import/misp';

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

describe('importers read markings', () => {
  it('a STIX object takes the marking its object_marking_refs name, a relationship too', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--2b0c8a8e-7d6c-4f1e-9a53-0d4cbbdb6a10',
      objects: [
        {
          type: 'intrusion-set',
          spec_version: '2.1',
          id: 'intrusion-set--6f1c2a7e-1b0b-4d0a-9a3e-2f5f1a9c3b11',
          name: 'Marked Heron',
          object_marking_refs: [TLP2_MARKING_DEFINITION.AMBER],
        },
        {
          type: 'campaign',
          spec_version: '2.1',
          id: 'campaign--0b2f6c1d-3e4a-4b5c-8d6e-7f8091a2b3c4',
          name: 'Open Heron',
          object_marking_refs: ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'],
        },
        {
          type: 'relationship',
          spec_version: '2.1',
          id: 'relationship--5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
          relationship_type: 'attributed-to',
          source_ref: 'campaign--0b2f6c1d-3e4a-4b5c-8d6e-7f8091a2b3c4',
          target_ref: 'intrusion-set--6f1c2a7e-1b0b-4d0a-9a3e-2f5f1a9c3b11',
          object_marking_refs: [TLP2_MARKING_DEFINITION.RED],
        },
        markingDefinition('AMBER'),
        markingDefinition('RED'),
      ],
    };
    const batch = parseStixBundle('marked.json', JSON.stringify(bundle));
    const marking = (name: string) => batch.nodes.find((n) => n.props.name === name)?.props.marking;
    expect(marking('Marked Heron')).toBe('AMBER');
    expect(marking('Open Heron')).toBe('CLEAR');
    expect(batch.relationships.map((r) => r.props.marking)).toEqual(['RED']);
  });

  it("a MISP cluster's tlp: tag marks its values and their claims; a value's own tag may restrict further", () => {
    const cluster = {
      type: 'threat-actor',
      name: 'Threat Actor',
      uuid: '7cdff317-a673-4474-84ec-4f1754947823',
      tags: ['tlp:green'],
      values: [
        {
          value: 'Green Heron',
          uuid: '11111111-2222-4333-8444-555555555555',
          meta: { country: 'CN' },
        },
        {
          value: 'Red Heron',
          uuid: '66666666-7777-4888-8999-aaaaaaaaaaaa',
          meta: { country: 'CN' },
          Tag: [{ name: 'tlp:red' }],
        },
      ],
    };
    const batch = parseMispGalaxy('galaxy.json', JSON.stringify(cluster));
    const actor = (name: string) => batch.nodes.find((n) => n.props.name === name);
    expect(actor('Green Heron')?.props.marking).toBe('GREEN');
    expect(actor('Red Heron')?.props.marking).toBe('RED');
    const sponsored = batch.relationships.filter((r) => r.type === 'SPONSORED_BY');
    expect(sponsored.map((r) => r.props.marking).sort()).toEqual(['GREEN', 'RED']);
  });
});
