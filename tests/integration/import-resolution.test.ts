// Resolution on the real graph: two MISP clusters that are one actor (by primary name and
// by alias) join the seed's APT31 once, their "related" link between them is not drawn as
// APT31 related to itself, and the merged aliases hold each name once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { parseMispGalaxy } from '../../server/src/exchange/import/misp';
import { importBatch } from '../../server/src/exchange/import/run';
import { connectTestDb, reseed } from '../support/db';

const galaxy = {
  type: 'threat-actor',
  name: 'Threat Actor',
  uuid: '7cdff317-a673-4474-84ec-4f1754947823',
  version: 1,
  values: [
    {
      value: 'APT31',
      uuid: '0f0e0d0c-0b0a-4909-8807-060504030201',
      meta: { synonyms: ['Zirconium', 'ZIRCONIUM', 'APT 31'], refs: ['https://example.org/apt31'] },
      related: [{ 'dest-uuid': '1f1e1d1c-1b1a-4919-8817-161514131211', type: 'similar' }],
    },
    {
      value: 'Violet Typhoon',
      uuid: '1f1e1d1c-1b1a-4919-8817-161514131211',
      meta: { refs: ['https://example.org/violet-typhoon'] },
    },
  ],
};

let db: Database;
beforeAll(async () => {
  db = connectTestDb();
  await reseed(db);
});
afterAll(async () => {
  await reseed(db);
  await db.close();
});

describe('importing two clusters of one actor', () => {
  it('merges both into APT31 and skips the self-relationship, with its reason', async () => {
    const summary = await importBatch(db, parseMispGalaxy('galaxy.json', JSON.stringify(galaxy)));
    expect(summary.ambiguous).toEqual([]);
    expect(summary.skipped['RELATED_TO from an entity to itself']).toBe(1);
    const rows = await db.read<{ n: number; self: number; aliases: string[] }>(
      `MATCH (a:Actor) WHERE a.name = 'APT31' OR 'Violet Typhoon' IN a.aliases
       RETURN count(a) AS n, COUNT { (a)-[:RELATED_TO]-(a) } AS self, a.aliases AS aliases`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ n: 1, self: 0 });
    const normal = rows[0]!.aliases.map((a) => a.toLowerCase().replace(/[^a-z0-9]/g, ''));
    expect(new Set(normal).size).toBe(normal.length);
  });
});
