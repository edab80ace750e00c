// What a query result's cell holds, told apart for the results table.
import { describe, expect, it } from 'vitest';
import { classifyCell, relationshipText } from '../../client/src/result-cells';

const graph = {
  nodes: [
    { id: 'operation:czech-mfa-2022', label: 'Operation', name: 'Czech MFA operation' },
    { id: 'actor:apt31', label: 'Actor', name: 'APT31' },
  ],
  relationships: [
    {
      id: 'rel:attributed_to:abc',
      type: 'ATTRIBUTED_TO',
      source: 'operation:czech-mfa-2022',
      target: 'actor:apt31',
    },
  ],
  truncated: false,
};

describe('a result cell', () => {
  it('holding a node is a node, by its id, name and label', () => {
    expect(
      classifyCell({ id: 'actor:apt31', label: 'Actor', name: 'APT31', kind: 'group' }, graph),
    ).toEqual({
      kind: 'node',
      id: 'actor:apt31',
      name: 'APT31',
      label: 'Actor',
    });
  });

  it('holding a relationship reads "A —TYPE→ B" when the result brought its ends', () => {
    const cell = classifyCell({ id: 'rel:attributed_to:abc', sources: ['source:x'] }, graph);
    expect(cell).toEqual({
      kind: 'relationship',
      id: 'rel:attributed_to:abc',
      type: 'ATTRIBUTED_TO',
      from: 'Czech MFA operation',
      to: 'APT31',
    });
    expect(relationshipText(cell as Extract<typeof cell, { kind: 'relationship' }>)).toBe(
      'Czech MFA operation —ATTRIBUTED_TO→ APT31',
    );
  });

  it('holding a relationship whose ends the result lacks still names its type', () => {
    const cell = classifyCell({ id: 'rel:uses:f00' }, graph);
    expect(cell).toEqual({ kind: 'relationship', id: 'rel:uses:f00', type: 'USES' });
    expect(relationshipText(cell as Extract<typeof cell, { kind: 'relationship' }>)).toBe(
      '… —USES→ …',
    );
  });

  it('holding a list, a number or nothing is told apart; other objects stay JSON', () => {
    expect(classifyCell(['a', 2], graph)).toEqual({
      kind: 'list',
      items: [
        { kind: 'text', text: 'a' },
        { kind: 'text', text: '2' },
      ],
    });
    expect(classifyCell(null, graph)).toEqual({ kind: 'empty' });
    expect(classifyCell({ x: 1 }, graph)).toEqual({ kind: 'text', text: '{"x":1}' });
  });
});
