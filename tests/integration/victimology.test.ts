// "Which states does APT31 target?" APT31 has no TARGETED claim of its own in the seed: its
// target is behind the operation attributed to it (APT31 <- operation -> Czech MFA -> Czech
// Republic). The answers are checked against ids read straight from the graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import { getJson, startTestServer } from '../support/server';

let server: RunningServer;
const relId = async (cypher: string) => (await server.db.read<{ id: string }>(cypher))[0]!.id;
let attributed: string, targeted: string, partOf: string;

beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
  attributed = await relId(
    "MATCH (:Operation {id: 'operation:czech-mfa-2022'})-[r:ATTRIBUTED_TO]->(:Actor {id: 'actor:apt31'}) RETURN r.id AS id",
  );
  targeted = await relId(
    "MATCH (:Operation {id: 'operation:czech-mfa-2022'})-[r:TARGETED]->({id: 'org:czech-mfa'}) RETURN r.id AS id",
  );
  partOf = await relId(
    "MATCH ({id: 'org:czech-mfa'})-[r:PART_OF]->(:State {id: 'state:czech-republic'}) RETURN r.id AS id",
  );
});
afterAll(async () => {
  await reseed(server.db); // the last test retracts a claim
  await server.stop();
});

describe('GET /api/nodes/:id/targets', () => {
  it("finds the Czech Republic behind APT31's operation, with the path that says so", async () => {
    const { status, body } = await getJson(server, '/api/nodes/actor:apt31/targets');
    expect(status).toBe(200);
    expect(body.node.id).toBe('actor:apt31');
    expect(body.entries).toEqual([
      {
        party: expect.objectContaining({ id: 'state:czech-republic', label: 'State' }),
        via: 'operation',
        paths: [[attributed, targeted, partOf]],
      },
    ]);
    const drawn = body.graph.relationships.map((r: { id: string }) => r.id).sort();
    expect(drawn).toEqual([attributed, targeted, partOf].sort());
    expect(body.graph.nodes.map((n: { id: string }) => n.id).sort()).toEqual(
      ['actor:apt31', 'operation:czech-mfa-2022', 'org:czech-mfa', 'state:czech-republic'].sort(),
    );
  });

  it('as known on a date: the attribution made public on 2025-05-28 is not there the day before', async () => {
    const before = await getJson(server, '/api/nodes/actor:apt31/targets?asOf=2025-05-27');
    expect(before.status).toBe(200);
    expect(before.body.entries).toEqual([]);
    const on = await getJson(server, '/api/nodes/actor:apt31/targets?asOf=2025-05-28');
    expect(on.body.entries.map((e: { party: { id: string } }) => e.party.id)).toEqual([
      'state:czech-republic',
    ]);
    const attackers = await getJson(
      server,
      '/api/nodes/state:czech-republic/attackers?asOf=2025-05-27',
    );
    expect(attackers.body.entries).toEqual([]);
  });

  it('answers an empty list for a node that targets nothing, and 404 for an unknown one', async () => {
    const none = await getJson(server, '/api/nodes/state:czech-republic/targets');
    expect(none.status).toBe(200);
    expect(none.body.entries).toEqual([]);
    const missing = await getJson(server, '/api/nodes/actor:nobody/targets');
    expect(missing.status).toBe(404);
  });
});

describe('GET /api/nodes/:id/attackers', () => {
  it('lists the operation and, through it, APT31 and China as those who target the Czech Republic', async () => {
    const { status, body } = await getJson(server, '/api/nodes/state:czech-republic/attackers');
    expect(status).toBe(200);
    const byParty = Object.fromEntries(
      body.entries.map((e: { party: { id: string }; via: string; paths: string[][] }) => [
        `${e.party.id} ${e.via}`,
        e.paths,
      ]),
    );
    expect(byParty['operation:czech-mfa-2022 direct']).toEqual([[targeted, partOf]]);
    expect(byParty['actor:apt31 operation']).toEqual([[attributed, targeted, partOf]]);
    expect(Object.keys(byParty)).toContain('state:china operation');
    expect(Object.keys(byParty)).toHaveLength(3);
  });

  it('checks its limit like every route', async () => {
    const bad = await getJson(server, '/api/nodes/state:czech-republic/attackers?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit/);
  });
});

describe('a retracted claim', () => {
  it('is never evidence: retracting the attribution takes APT31 off the targets and the attackers', async () => {
    const retracted = await fetch(`${server.url}/api/relationships/${attributed}/retract`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'the attribution was withdrawn' }),
    });
    expect(retracted.status).toBe(200);
    const targets = await getJson(server, '/api/nodes/actor:apt31/targets');
    expect(targets.body.entries).toEqual([]);
    const attackers = await getJson(server, '/api/nodes/state:czech-republic/attackers');
    const parties = attackers.body.entries.map(
      (e: { party: { id: string }; via: string }) => `${e.party.id} ${e.via}`,
    );
    expect(parties).toContain('operation:czech-mfa-2022 direct');
    expect(parties).not.toContain('actor:apt31 operation');
  });
});
