// The form fields GET /api/schema lists for each label and relationship type, read off the
// model: what the explorer's forms are built from.
import { describe, expect, it } from 'vitest';
import { LABELS, RELATIONSHIPS } from '../../server/src/model/model';
import { fieldsOf } from '../../server/src/workbench/fields';

describe('fields of the model', () => {
  it('say which are dates, choices, addresses, lists, booleans and which are required', () => {
    expect(fieldsOf(LABELS.Statement.properties)).toEqual([
      { name: 'text', kind: 'text', required: true },
      { name: 'verbatim', kind: 'boolean', required: true },
      { name: 'date', kind: 'date', required: false },
      { name: 'channel', kind: 'text', required: false },
    ]);
    expect(fieldsOf(LABELS.Source.properties).map((f) => [f.name, f.kind])).toEqual([
      ['url', 'url'],
      ['published', 'date'],
      ['publisher', 'text'],
      ['file', 'text'],
      ['text', 'text'],
      ['sha256', 'text'],
      ['publishedGuessed', 'boolean'],
    ]);
    expect(fieldsOf(LABELS.Actor.properties)).toEqual([
      { name: 'kind', kind: 'choice', required: false, values: ['group', 'company', 'individual'] },
      { name: 'sectors', kind: 'list', required: false },
    ]);
    expect(fieldsOf(LABELS.State.properties)).toEqual([
      { name: 'iso2', kind: 'text', required: false, pattern: '^[A-Z]{2}$' },
    ]);
  });

  it('of a relationship type are its own properties (a role is required)', () => {
    expect(fieldsOf(RELATIONSHIPS.ROLE_IN.properties)).toEqual([
      { name: 'role', kind: 'text', required: true },
    ]);
  });
});
