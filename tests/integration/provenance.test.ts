// GET /api/sources/:id/claims: what a Source supports, checked against counts read straight
// from the seeded graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import { getJson, startTestServer } from '../support/server';

const ARTICLE = 'source:article-czech-mfa-apt31-2025-05-28';
let server: RunningServer;
let articleClaims: number;

beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
  const [row] = await server.db.read<{ n: number }>(
    'MATCH ()-[r]->() WHERE $id IN r.sources RETURN count(r) AS n',
    { id: ARTICLE },
  );
  articleClaims = row!.n;
});
afterAll(async () => {
  await server.stop();
});

describe('GET /api/sources/:id/claims', () => {
  it("lists every claim the article supports, newest first, each with its ends' names and labels", async () => {
    const { status, body } = await getJson(server, `/api/sources/${ARTICLE}/claims?limit=500`);
    expect(status).toBe(200);
    expect(body.source).toMatchObject({ id: ARTICLE, label: 'Source' });
    expect(articleClaims).toBeGreaterThan(10);
    expect(body.claims).toHaveLength(articleClaims);
    expect(body.total.claims).toBe(articleClaims);
    expect(body.truncated).toBe(false);
    expect(body.claims).toContainEqual({
      id: expect.stringMatching(/^rel:attributed_to:/),
      type: 'ATTRIBUTED_TO',
      from: {
        id: 'operation:czech-mfa-2022',
        name: 'Cyber operation against the Czech Foreign Ministry',
        label: 'Operation',
      },
      to: { id: 'actor:apt31', name: 'APT31', label: 'Actor' },
      date: '2025-05-28',
    });
    const dates = body.claims.map((c: { date: string | null }) => c.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('lists the entities that cite it among their own sources', async () => {
    const { body } = await getJson(server, '/api/sources/source:mitre-attack-g0128/claims');
    expect(body.entities).toEqual([{ id: 'actor:apt31', name: 'APT31', label: 'Actor' }]);
    expect(body.total.entities).toBe(1);
  });

  it('stops at the limit and says how many there are', async () => {
    const { body } = await getJson(server, `/api/sources/${ARTICLE}/claims?limit=2`);
    expect(body.claims).toHaveLength(2);
    expect(body.total.claims).toBe(articleClaims);
    expect(body.truncated).toBe(true);
  });

  it('answers 404 for an unknown Source and 400 for an id that is not a Source', async () => {
    const missing = await getJson(server, '/api/sources/source:nothing-here/claims');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('source:nothing-here');
    const actor = await getJson(server, '/api/sources/actor:apt31/claims');
    expect(actor.status).toBe(400);
    expect(actor.body.error.message).toContain('a Source id');
  });
});
