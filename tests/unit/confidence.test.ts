import { describe, expect, it } from 'vitest';
import {
  CONFIDENCE_OF_CREDIBILITY,
  confidenceOf,
  confidenceWord,
  credibilityOfConfidence,
  relationshipSchema,
} from '../../server/src/model/model';
import { PlanBuilder } from '../../server/src/exchange/write-plan';

const claim = {
  type: 'ATTRIBUTED_TO',
  from: 'operation:x',
  to: 'actor:y',
  sources: ['source:z'],
};

describe('confidence as data', () => {
  it('stores a word as its number and reads a number back as the word of its band', () => {
    expect(['low', 'medium', 'high', 'confirmed'].map(confidenceOf)).toEqual([15, 50, 85, 95]);
    expect(confidenceOf(42)).toBe(42);
    // A form sends the number it shows as text; anything else is left for validation to refuse.
    expect([confidenceOf('60'), confidenceOf('100'), confidenceOf('101')]).toEqual([
      60,
      100,
      '101',
    ]);
    expect([0, 29, 30, 69, 70, 94, 95, 100].map(confidenceWord)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'confirmed',
      'confirmed',
    ]);
  });

  it('maps Admiralty credibility to 0–100 and back, with 6 (cannot be judged) as no number', () => {
    expect([1, 2, 3, 4, 5].map((c) => CONFIDENCE_OF_CREDIBILITY[c])).toEqual([90, 70, 50, 30, 10]);
    expect(CONFIDENCE_OF_CREDIBILITY[6]).toBeUndefined();
    for (const c of [1, 2, 3, 4, 5])
      expect(credibilityOfConfidence(CONFIDENCE_OF_CREDIBILITY[c]!)).toBe(c);
  });

  it('accepts 0–100, a reliability A–F and a credibility 1–6, and refuses anything else', () => {
    const ok = { ...claim, confidence: 70, reliability: 'B', credibility: 2 };
    expect(relationshipSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { confidence: 101 },
      { confidence: 50.5 },
      { confidence: 'high' },
      { reliability: 'G' },
      { credibility: 7 },
    ])
      expect(relationshipSchema.safeParse({ ...claim, ...bad }).success).toBe(false);
  });
});

describe('when a claim became known', () => {
  it("is its date's first day, else its earliest source's publication, else left to recordedAt", () => {
    const b = new PlanBuilder();
    b.addNode('Source', 'source:a', { name: 'A', published: '2025-05-29' });
    b.addNode('Source', 'source:b', { name: 'B', published: '2025-05' });
    const add = (id: string, props: Record<string, unknown>) =>
      b.addRelationship(
        'CITES',
        { id, from: 'source:a', to: 'source:b', props, document: 'source:a' },
        id,
      );
    add('rel:cites:dated', { sources: ['source:a'], date: '2024' });
    add('rel:cites:sourced', { sources: ['source:a', 'source:b'] });
    add('rel:cites:unknown', { sources: ['source:c'] });
    const known = b.plan.relationships.get('CITES')!.map((r) => r.props.knownSince);
    expect(known).toEqual(['2024-01-01', '2025-05-01', undefined]);
  });
});
