import { describe, expect, it } from 'vitest';
import {
  graphNodeSchema,
  periodEnd,
  periodStart,
  relationshipPeriod,
  relationshipSchema,
  RELATIONSHIPS,
  NODE_LABELS,
} from '../../server/src/model/model';

describe('dates', () => {
  it('a partial date covers its whole period', () => {
    expect([periodStart('2022'), periodEnd('2022')]).toEqual(['2022-01-01', '2022-12-31']);
    expect([periodStart('2024-03'), periodEnd('2024-03')]).toEqual(['2024-03-01', '2024-03-31']);
    expect([periodStart('2025-05-28'), periodEnd('2025-05-28')]).toEqual([
      '2025-05-28',
      '2025-05-28',
    ]);
  });

  it('"since 2022" without an end is ongoing', () => {
    expect(relationshipPeriod({ since: '2022' })).toEqual({
      start: '2022-01-01',
      end: '9999-12-31',
    });
  });

  it('a plain date covers its own period, and undated claims have none', () => {
    expect(relationshipPeriod({ date: '2024' })).toEqual({
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(relationshipPeriod({})).toBeUndefined();
  });
});

describe('node schema', () => {
  it('accepts a valid actor', () => {
    expect(
      graphNodeSchema.safeParse({ id: 'actor:apt31', label: 'Actor', name: 'APT31' }).success,
    ).toBe(true);
  });

  it('rejects an id whose prefix does not match the label', () => {
    const result = graphNodeSchema.safeParse({ id: 'state:apt31', label: 'Actor', name: 'APT31' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('actor:<lowercase-slug>');
  });

  it('rejects a statement without its text and unknown fields', () => {
    const result = graphNodeSchema.safeParse({
      id: 'statement:x',
      label: 'Statement',
      name: 'X',
      verbatim: true,
      colour: 'red',
    });
    expect(result.error?.issues.map((i) => i.path.join('.') || i.code)).toEqual(
      expect.arrayContaining(['text']),
    );
  });
});

describe('relationship schema', () => {
  it('requires at least one source on every relationship', () => {
    const result = relationshipSchema.safeParse({
      type: 'TARGETED',
      from: 'operation:x',
      to: 'org:y',
      sources: [],
    });
    expect(result.error?.issues[0]?.message).toBe('at least one Source id');
  });

  it('requires the role on ROLE_IN and rejects a malformed date', () => {
    const result = relationshipSchema.safeParse({
      type: 'ROLE_IN',
      from: 'person:a',
      to: 'org:b',
      sources: ['source:s'],
      date: '28/05/2025',
    });
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['role', 'date']));
  });

  it('every relationship type names only labels of the model', () => {
    for (const spec of Object.values(RELATIONSHIPS)) {
      for (const label of [...spec.from, ...spec.to]) expect(NODE_LABELS).toContain(label);
    }
  });
});

describe('seed/seed-file.schema.json', () => {
  it('matches the model (regenerate with npm run seed:schema)', async () => {
    const fs = await import('node:fs');
    const { SCHEMA_FILE, seedFileJsonSchema } = await import('../../seed/json-schema');
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(seedFileJsonSchema());
  });
});
