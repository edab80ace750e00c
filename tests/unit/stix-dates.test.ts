// A STIX record's created/modified times are not the date of the claim it carries: ATT&CK's
// "2015 Ukraine Electric Power Attack attributed to Sandworm" was modified in 2023, and must
// not be dated 2023. The period comes from start_time/stop_time and first_seen/last_seen.
import { describe, expect, it } from 'vitest';
import { parseStixBundle } from '../../server/src/exchange/import/stix';

const campaign = 'campaign--26d9ebae-de58-427f-9a2f-4a0ea09b3cc2';
const sandworm = 'intrusion-set--381fcf73-60f6-4ab2-9991-6af3cbc35192';
const bundle = (relationship: Record<string, unknown>) =>
  JSON.stringify({
    type: 'bundle',
    id: 'bundle--11111111-2222-4333-8444-555555555555',
    objects: [
      {
        type: 'campaign',
        id: campaign,
        created: '2023-09-27T18:09:44.201Z',
        modified: '2023-09-27T18:09:44.201Z',
        name: '2015 Ukraine Electric Power Attack',
        first_seen: '2015-12-01T05:00:00.000Z',
        last_seen: '2016-01-01T05:00:00.000Z',
      },
      {
        type: 'intrusion-set',
        id: sandworm,
        created: '2017-05-31T21:32:04.588Z',
        modified: '2025-04-16T20:37:42.385Z',
        name: 'Sandworm Team',
      },
      {
        type: 'relationship',
        id: 'relationship--8c9ac5b4-93b6-4b0e-8bd7-ad2b9bb0ee27',
        created: '2023-09-27T18:14:15.245Z',
        modified: '2023-09-27T18:14:15.245Z',
        relationship_type: 'attributed-to',
        source_ref: campaign,
        target_ref: sandworm,
        ...relationship,
      },
    ],
  });

describe('dates of imported claims', () => {
  it('a relationship is undated when STIX gives only record times, which are kept apart', () => {
    const batch = parseStixBundle('attack.json', bundle({}));
    const rel = batch.relationships[0]!;
    expect(rel.type).toBe('ATTRIBUTED_TO');
    expect(rel.props).not.toHaveProperty('date');
    expect(rel.props).not.toHaveProperty('since');
    expect(rel.props).toMatchObject({
      recordCreated: '2023-09-27T18:14:15.245Z',
      recordModified: '2023-09-27T18:14:15.245Z',
    });
  });

  it('start_time and stop_time give the period the claim is about', () => {
    const batch = parseStixBundle(
      'attack.json',
      bundle({ start_time: '2015-12-23T00:00:00.000Z', stop_time: '2016-01-10T00:00:00.000Z' }),
    );
    expect(batch.relationships[0]!.props).toMatchObject({
      since: '2015-12-23',
      until: '2016-01-10',
    });
  });

  it("an operation's period comes from first_seen and last_seen, not from its record", () => {
    const batch = parseStixBundle('attack.json', bundle({}));
    const op = batch.nodes.find((n) => n.key === campaign)!;
    expect(op.props).toMatchObject({
      since: '2015-12-01',
      until: '2016-01-01',
      recordModified: '2023-09-27T18:09:44.201Z',
    });
    expect(op.props).not.toHaveProperty('date');
  });
});
