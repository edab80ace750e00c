// Paths read as sentences, and the types a path question leaves out by default.
import { describe, expect, it } from 'vitest';
import { excludedTypes, readPath } from '../../client/src/paths';

const graph = {
  nodes: [
    { id: 'actor:apt31', label: 'Actor', name: 'APT31' },
    { id: 'operation:czech-mfa-2022', label: 'Operation', name: 'Czech MFA operation' },
    { id: 'org:czech-mfa', label: 'Organisation', name: 'Czech MFA' },
    { id: 'state:czech-republic', label: 'State', name: 'Czech Republic' },
  ],
  relationships: [
    {
      id: 'rel:attributed_to:1',
      type: 'ATTRIBUTED_TO',
      source: 'operation:czech-mfa-2022',
      target: 'actor:apt31',
    },
    {
      id: 'rel:targeted:1',
      type: 'TARGETED',
      source: 'operation:czech-mfa-2022',
      target: 'org:czech-mfa',
    },
    {
      id: 'rel:part_of:1',
      type: 'PART_OF',
      source: 'org:czech-mfa',
      target: 'state:czech-republic',
    },
  ],
};

describe('a path', () => {
  it('reads from its start, with arrows the way each relationship points', () => {
    const path = readPath(
      'actor:apt31',
      ['rel:attributed_to:1', 'rel:targeted:1', 'rel:part_of:1'],
      graph,
    );
    expect(path.text).toBe(
      'APT31 ←ATTRIBUTED_TO— Czech MFA operation —TARGETED→ Czech MFA —PART_OF→ Czech Republic',
    );
    expect(path.nodeIds).toEqual([
      'actor:apt31',
      'operation:czech-mfa-2022',
      'org:czech-mfa',
      'state:czech-republic',
    ]);
  });

  it('reads the other way from the other end', () => {
    expect(readPath('org:czech-mfa', ['rel:targeted:1', 'rel:attributed_to:1'], graph).text).toBe(
      'Czech MFA ←TARGETED— Czech MFA operation —ATTRIBUTED_TO→ APT31',
    );
  });

  it('says which relationship is missing from the answer', () => {
    expect(() => readPath('actor:apt31', ['rel:uses:x'], graph)).toThrow(/rel:uses:x/);
  });
});

describe('the types a path question leaves out', () => {
  it('are USES between an actor or operation and a target, either way round', () => {
    expect(excludedTypes(undefined, 'actor:apt31', 'state:czech-republic')).toEqual(['USES']);
    expect(excludedTypes(undefined, 'org:czech-mfa', 'operation:x')).toEqual(['USES']);
  });

  it('are none between other kinds', () => {
    expect(excludedTypes(undefined, 'actor:apt31', 'actor:apt41')).toEqual([]);
  });

  it("are the user's choice when made, but never USES towards a technique or a capability", () => {
    expect(excludedTypes(['RELATED_TO'], 'actor:apt31', 'state:x')).toEqual(['RELATED_TO']);
    expect(excludedTypes(['USES', 'RELATED_TO'], 'actor:apt31', 'technique:t1566')).toEqual([
      'RELATED_TO',
    ]);
  });
});
