// The review list's decisions on the real graph: a name that is two actors' alias is left
// for review; "same entity" merges the imported node into the chosen candidate (a recorded
// merge) and "different entities" keeps it apart; either way the next import of the same
// file follows the decision instead of asking again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMispGalaxy } from '../../server/src/exchange/import/misp';
import { importBatch } from '../../server/src/exchange/import/run';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import { postJson } from '../support/http';
import { getJson, startTestServer } from '../support/server';

/** Two actors that share an alias, as MISP's galaxy has them (FIN7 / Carbanak, say). */
const twins = {
  type: 'threat-actor',
  name: 'Twins',
  uuid: '11111111-1111-4111-8111-111111111111',
  version: 1,
  values: [
    {
      value: 'Twin Panda',
      uuid: '21111111-1111-4111-8111-111111111111',
      meta: { synonyms: ['Shared Name'] },
    },
    {
      value: 'Twin Bear',
      uuid: '31111111-1111-4111-8111-111111111111',
      meta: { synonyms: ['Shared Name'] },
    },
  ],
};

/** Another source's cluster whose only name is that alias: a tie at the best rank. */
const galaxyNaming = (uuid: string, clusterUuid: string) => ({
  type: 'threat-actor',
  name: 'Shared',
  uuid: clusterUuid,
  version: 1,
  values: [{ value: 'Shared Name', uuid, description: 'Reported under the shared name.' }],
});
const sharedA = galaxyNaming(
  '41111111-1111-4111-8111-111111111111',
  '51111111-1111-4111-8111-111111111111',
);
const sharedB = galaxyNaming(
  '61111111-1111-4111-8111-111111111111',
  '71111111-1111-4111-8111-111111111111',
);

let server: RunningServer;
const importJson = (name: string, galaxy: unknown) =>
  importBatch(server.db, parseMispGalaxy(name, JSON.stringify(galaxy)));
const actorsNamed = (name: string) =>
  server.db.read<{ id: string }>(
    `MATCH (a:Actor) WHERE a.name = $name OR $name IN coalesce(a.aliases, [])
     RETURN a.id AS id ORDER BY id`,
    { name },
  );
const decide = (id: string, body: unknown) =>
  postJson(server, `/api/imports/review/${id}/decision`, body);

// The review list is kept apart from the domain graph: a reseed leaves it, so it is cleared here.
const clearReview = () => server.db.write('MATCH (r:ImportReview) DELETE r');

beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
  await clearReview();
  await importJson('twins.json', twins);
});
afterAll(async () => {
  await reseed(server.db);
  await clearReview();
  await server.stop();
});

describe('the review list', () => {
  let itemId: string;
  let created: string;
  let panda: string;

  it('lists an ambiguous name with the node it created beside its candidates', async () => {
    const summary = await importJson('shared-a.json', sharedA);
    expect(summary.ambiguous).toHaveLength(1);
    const { status, body } = await getJson(server, '/api/imports/review');
    expect(status).toBe(200);
    const [item] = body.items;
    expect(body.items).toHaveLength(1);
    expect(item.incomingName).toBe('Shared Name');
    expect(item.decision).toBeUndefined();
    expect(item.created).toMatchObject({ name: 'Shared Name', label: 'Actor', aliases: [] });
    expect(
      item.candidateNodes.map((n: { name: string; aliases: string[] }) => [n.name, n.aliases]),
    ).toEqual([
      ['Twin Bear', ['Shared Name']],
      ['Twin Panda', ['Shared Name']],
    ]);
    itemId = item.id;
    created = item.created.id;
    panda = item.candidateNodes[1].id;
  });

  it('refuses a target that is not a candidate, an unknown item and a bad id, changing nothing', async () => {
    const notCandidate = await decide(itemId, { decision: 'same', target: 'actor:apt31' });
    expect(notCandidate.status).toBe(400);
    expect(notCandidate.body.error.message).toMatch(
      new RegExp(`^body\\.target: actor:apt31 is not a candidate of ${itemId}`),
    );
    expect((await decide('review:ffffffffffff', { decision: 'different' })).status).toBe(404);
    const badId = await decide('not-a-review', { decision: 'different' });
    expect(badId.status).toBe(400);
    const badBody = await decide(itemId, { decision: 'maybe' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/decision must be "same"/);
    expect((await getJson(server, '/api/imports/review')).body.items[0].decision).toBeUndefined();
    expect((await actorsNamed('Shared Name')).map((r) => r.id)).toContain(created);
  });

  it('"same entity" merges the imported node into the candidate, recorded as a merge', async () => {
    const began = new Date().toISOString();
    const { status, body } = await decide(itemId, { decision: 'same', target: panda });
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body).toMatchObject({ decision: 'same', decidedTarget: panda, decidedBy: 'local' });
    expect(body.created).toBeNull();
    const ids = (await actorsNamed('Shared Name')).map((r) => r.id);
    expect(ids).not.toContain(created);
    const merges = await getJson(
      server,
      `/api/changes?entity=${panda}&action=merge&since=${encodeURIComponent(began)}`,
    );
    expect(merges.body.changes).toHaveLength(1);
    expect(merges.body.changes[0].reason).toContain(itemId);

    const again = await decide(itemId, { decision: 'different' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');
  });

  it('the next import of the same file follows the decision: no new node, nothing to review', async () => {
    const before = (await actorsNamed('Shared Name')).length;
    const summary = await importJson('shared-a.json', sharedA);
    expect(summary.ambiguous).toEqual([]);
    expect(summary.created.Actor ?? 0).toBe(0);
    expect((await actorsNamed('Shared Name')).length).toBe(before);
  });

  it('"different entities" keeps the node apart, and its next import does not ask again', async () => {
    const first = await importJson('shared-b.json', sharedB);
    expect(first.ambiguous).toHaveLength(1);
    const item = first.ambiguous[0]!;
    const { status, body } = await decide(item.id, { decision: 'different' });
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body).toMatchObject({ decision: 'different', decidedTarget: item.createdId });
    expect(body.created.id).toBe(item.createdId);
    const again = await importJson('shared-b.json', sharedB);
    expect(again.ambiguous).toEqual([]);
    expect(again.created.Actor ?? 0).toBe(0);
    // Decided items come after undecided ones, and none is undecided now.
    const list = await getJson(server, '/api/imports/review');
    expect(list.body.items.map((i: { decision?: string }) => i.decision).sort()).toEqual([
      'different',
      'same',
    ]);
  });
});
