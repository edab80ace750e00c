// Entity resolution ranks its evidence: an incoming primary name that is one actor's primary
// name and another's alias joins the first (ATT&CK's "APT41" and MISP's "APT41" were left
// apart as "ambiguous" before); only a tie at the best rank is ambiguous. Aliases are kept
// once per name, in their best-cased form.
import { describe, expect, it } from 'vitest';
import type { ImportBatch, IncomingNode } from '../../server/src/exchange/import/batch';
import {
  dedupeAliases,
  resolve,
  type ExistingNode,
} from '../../server/src/exchange/import/resolve';

const actor = (id: string, name: string, aliases: string[] = []): ExistingNode => ({
  id,
  label: 'Actor',
  props: { id, name, aliases },
});
const batchOf = (...nodes: IncomingNode[]): ImportBatch => ({
  dataset: { sourceId: 'source:ref-misp', name: 'MISP threat-actor galaxy' },
  nodes,
  relationships: [],
  skipped: {},
  dangling: [],
});
const incoming = (name: string, aliases: string[] = []): IncomingNode => ({
  key: `misp:${name}`,
  label: 'Actor',
  props: { name, aliases },
});

describe('entity resolution by name', () => {
  const existing = [
    actor('actor:apt41', 'APT41', ['Wicked Panda', 'BARIUM']),
    actor('actor:earth-baku', 'Earth Baku', ['APT41']),
  ];

  it('joins the actor whose primary name matches over one that has it as an alias', () => {
    const r = resolve(batchOf(incoming('APT41', ['Winnti'])), existing, new Set());
    expect(r.ids.get('misp:APT41')).toBe('actor:apt41');
    expect(r.review).toEqual([]);
  });

  it('still refuses to guess between two actors that match at the same rank', () => {
    const twins = [actor('actor:a', 'Lazarus Group'), actor('actor:b', 'Lazarus Group')];
    const r = resolve(batchOf(incoming('Lazarus Group')), twins, new Set());
    expect(r.review).toHaveLength(1);
    expect(r.review[0]!.candidates.sort()).toEqual(['actor:a', 'actor:b']);
    expect(['actor:a', 'actor:b']).not.toContain(r.ids.get('misp:Lazarus Group'));
  });

  it('an alias-only match is used when it is the only one', () => {
    const r = resolve(batchOf(incoming('Wicked Panda')), existing, new Set());
    expect(r.ids.get('misp:Wicked Panda')).toBe('actor:apt41');
  });

  it('merging keeps one alias per name, best-cased, and never the primary name', () => {
    const r = resolve(
      batchOf(incoming('APT41', ['barium', 'BARIUM', 'Wicked  panda', 'apt-41', 'Double Dragon'])),
      existing,
      new Set(),
    );
    const row = r.rows.find((x) => x.id === 'actor:apt41')!;
    expect(row.props.aliases).toEqual(['Wicked Panda', 'BARIUM', 'Double Dragon']);
  });
});

describe('dedupeAliases', () => {
  it('prefers mixed case, then capitals, and drops repeats of the name', () => {
    expect(
      dedupeAliases('APT31', [
        'ZIRCONIUM',
        'Zirconium',
        'zirconium',
        'APT 31',
        'JUDGMENT PANDA',
        'Judgment Panda',
        'Zhōngguó',
      ]),
    ).toEqual(['Zirconium', 'Judgment Panda', 'Zhōngguó']);
  });

  it('keeps the name spelt with its accents, which is no repeat of it', () => {
    expect(
      dedupeAliases('Jan Lipavsky', ['Jan Lipavský', 'JAN LIPAVSKY', 'Jan  Lipavsky']),
    ).toEqual(['Jan Lipavský']);
  });
});

describe('external ids of merged clusters', () => {
  it('keeps a merged MISP cluster uuid, so its next import joins by uuid even when its name has become ambiguous', () => {
    const chrysene = (uuid: string): IncomingNode => ({
      key: uuid,
      label: 'Actor',
      props: { name: 'CHRYSENE', mispUuid: uuid },
    });
    const uuid = '0a1b2c3d-0000-4000-8000-000000000001';
    // OilRig came from its own cluster first, with its own uuid.
    const oilrig = actor('actor:oilrig', 'OilRig', ['CHRYSENE']);
    oilrig.props.mispUuid = '0a1b2c3d-0000-4000-8000-0000000000ff';
    const first = resolve(batchOf(chrysene(uuid)), [oilrig], new Set());
    expect(first.ids.get(uuid)).toBe('actor:oilrig');
    const merged = first.rows.find((r) => r.id === 'actor:oilrig')!;
    expect(merged.props.mispUuids).toEqual([uuid]);
    // Another actor now lists CHRYSENE too: by name it would be a tie; the uuid decides.
    const again = resolve(
      batchOf(chrysene(uuid)),
      [
        { ...actor('actor:oilrig', 'OilRig', ['CHRYSENE']), props: merged.props as never },
        actor('actor:greenbug', 'Greenbug', ['CHRYSENE']),
      ],
      new Set(),
    );
    expect(again.ids.get(uuid)).toBe('actor:oilrig');
    expect(again.review).toEqual([]);
  });
});
