// A graph written by an older version (claims' confidence as words, no knownSince, no data
// version marker) is brought to the model's current shape when the app starts, once: the
// words become the numbers docs/model.md maps them to, and claims gain the day they became
// known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { migrateData } from '../../server/src/db/schema';
import { connectTestDb, reseed } from '../support/db';

let db: Database;
beforeAll(async () => {
  db = connectTestDb();
  await reseed(db);
});
afterAll(async () => {
  await reseed(db);
  await db.close();
});

describe('migrateData', () => {
  it('turns word confidences into numbers and dates claims, once, and leaves numbers alone', async () => {
    // An older version's graph: no marker, and an attribution written before knownSince.
    await db.write(`MATCH (v:DataVersion) DETACH DELETE v`);
    await db.write(
      `MATCH (:Operation {id: 'operation:czech-mfa-2022'})-[r:ATTRIBUTED_TO]->(:Actor {id: 'actor:apt31'})
       REMOVE r.knownSince`,
    );
    await db.write(
      `MATCH (a:Actor {id: 'actor:apt31'})-[r:AFFILIATED_WITH]->() SET r.confidence = 'high'
       WITH count(r) AS n
       MATCH (s:Statement) WITH n, s ORDER BY s.id LIMIT 1 SET s.confidence = 'low'
       RETURN n`,
    );
    const before = await db.read<{ n: number }>(
      "MATCH ()-[r]->() WHERE r.confidence = 'high' RETURN count(r) AS n",
    );
    expect(before[0]!.n).toBeGreaterThan(0);
    // The high words, the low statement, and the undated attribution.
    expect(await migrateData(db)).toBe(Number(before[0]!.n) + 2);
    const attribution = await db.read<{ knownSince: string }>(
      `MATCH (:Operation {id: 'operation:czech-mfa-2022'})-[r:ATTRIBUTED_TO]->(:Actor {id: 'actor:apt31'})
       RETURN r.knownSince AS knownSince`,
    );
    expect(attribution.map((a) => a.knownSince)).toEqual(['2025-05-28']);
    const after = await db.read<{ words: number; high: number; low: number }>(
      `MATCH ()-[r]->() WITH sum(CASE WHEN r.confidence IS :: STRING NOT NULL THEN 1 ELSE 0 END) AS words,
                             sum(CASE WHEN r.confidence = 85 THEN 1 ELSE 0 END) AS high
       MATCH (s:Statement) WHERE s.confidence = 15
       RETURN words, high, count(s) AS low`,
    );
    expect(after[0]).toEqual({ words: 0, high: Number(before[0]!.n), low: 1 });
    expect(await migrateData(db)).toBe(0);
    // The marker keeps later starts from scanning again: words written now stay words.
    await db.write(
      `MATCH (:Actor {id: 'actor:apt31'})-[r:AFFILIATED_WITH]->() SET r.confidence = 'high'`,
    );
    expect(await migrateData(db)).toBe(0);
  });
});
