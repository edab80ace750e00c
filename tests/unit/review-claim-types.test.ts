// The Review view's claim types come from the model (as /api/schema gives it), and so do the
// types a draft may hold: a type the extractor learns is offered and accepted everywhere.
import { describe, expect, it } from 'vitest';
import { claimTypesFor } from '../../client/src/panels/review/claim-types';
import { CLAIM_TYPES, ingestDraft } from '../../server/src/contract/ingest';
import { RELATIONSHIP_TYPES, RELATIONSHIPS } from '../../server/src/model/model';

// The shape /api/schema answers, built from the model itself.
const types = RELATIONSHIP_TYPES.map((name) => ({
  name,
  count: 0,
  description: RELATIONSHIPS[name].description,
  from: [...RELATIONSHIPS[name].from],
  to: [...RELATIONSHIPS[name].to],
  dispute: false,
  properties:
    'properties' in RELATIONSHIPS[name]
      ? [{ name: 'role', kind: 'text' as const, required: false }]
      : [],
}));

describe('the claim types of the Review view', () => {
  it('offers the structural types the model allows between the ends', () => {
    expect(claimTypesFor(types, 'Person', 'Organisation', 'ROLE_IN')).toContain('ROLE_IN');
    expect(claimTypesFor(types, 'Organisation', 'State', 'PART_OF')).toContain('PART_OF');
    expect(claimTypesFor(types, 'State', 'Organisation', 'MEMBER_OF')).toContain('MEMBER_OF');
    expect(claimTypesFor(types, 'Statement', 'Actor', 'ABOUT')).toEqual(['ABOUT']);
  });

  it('does not offer a type the model forbids between the ends, except the current one', () => {
    const personToState = claimTypesFor(types, 'Person', 'State', 'ROLE_IN');
    expect(personToState).not.toContain('PART_OF');
    expect(personToState).not.toContain('ATTRIBUTED_TO');
    expect(claimTypesFor(types, 'Person', 'Person', 'ROLE_IN')[0]).toBe('ROLE_IN');
  });

  it("lets a draft hold every type whose ends are a report's entities, with a ROLE_IN's role", () => {
    for (const t of ['ROLE_IN', 'PART_OF', 'MEMBER_OF', 'ABOUT', 'ATTRIBUTED_TO', 'MADE'])
      expect(CLAIM_TYPES).toContain(t);
    expect(CLAIM_TYPES).not.toContain('CITES');
    expect(CLAIM_TYPES).not.toContain('USES');
    const draft = {
      draftId: 'd1',
      created: '2025-05-28T00:00:00Z',
      author: 'a',
      sha256: 'x',
      text: 'Czech Foreign Minister Jan Lipavsky',
      source: {},
      entities: [],
      claims: [
        {
          ref: 'c1',
          type: 'ROLE_IN',
          from: 'e1',
          to: 'e2',
          role: 'Foreign Minister',
          evidence: 'Czech Foreign Minister Jan Lipavsky',
          start: 0,
          end: 35,
          confidence: 'high',
          reason: 'a title',
        },
      ],
    };
    expect(ingestDraft.parse(draft).claims[0]?.role).toBe('Foreign Minister');
    expect(() =>
      ingestDraft.parse({ ...draft, claims: [{ ...draft.claims[0], type: 'CITES' }] }),
    ).toThrow();
  });
});
