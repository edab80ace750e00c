// The attribution analysis routes on a fixture with a competing attribution, a retracted claim
// and sources that cite each other (tests/fixtures/analysis/competing-attribution.yaml, its
// header tells the story), beside the seed. Every expectation below is computed by hand from
// that file; the comments say how.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { defaultSeedFiles } from '../../seed/paths';
import { reseed } from '../support/db';
import { getJson, startTestServer } from '../support/server';
import { send } from '../support/workbench';

const FIXTURE = path.resolve(__dirname, '../fixtures/analysis/competing-attribution.yaml');
const OP = 'operation:fx-mfa-intrusion';
const rel = (type: string, slug: string) => `rel:${type}:fx-${slug}`;
const GOV = rel('attributed_to', 'gov-attribution');
const STATE = rel('attributed_to', 'state-attribution');
const SENTINEL = rel('attributed_to', 'sentinel-attribution');
const COURIER = rel('attributed_to', 'courier-attribution');
const DENIAL = rel('denied', 'borovia-denial');

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
  await loadSeedFiles(server.db, [...defaultSeedFiles(), FIXTURE], { reset: true });
  // The Courier walks its claim back, through the workbench like an analyst would; the
  // retraction is then dated 2025-03-20 so that "as known on" has a fixed answer.
  const claim = await getJson(server, `/api/relationships/${COURIER}`);
  const retracted = await send(server, 'POST', `/api/relationships/${COURIER}/retract`, {
    reason: 'The Courier withdrew its report',
    version: claim.body.version,
  });
  expect(retracted.status).toBe(200);
  await server.db.write(
    `MATCH ()-[r:ATTRIBUTED_TO {id: $id}]->() SET r.retractedAt = '2025-03-20T09:00:00.000Z'`,
    { id: COURIER },
  );
});
afterAll(async () => {
  await reseed(server.db);
  await server.stop();
});

const ids = (list: { id: string }[]) => list.map((x) => x.id);
const assess = async (query = '') => {
  const { status, body } = await getJson(server, `/api/assessments/${OP}${query}`);
  expect(status).toBe(200);
  return body;
};

describe('GET /api/assessments/:id', () => {
  it('groups the claims by attributed party and ranks them by the rule it returns', async () => {
    const body = await assess();
    expect(body.subject).toEqual({ id: OP, label: 'Operation', name: expect.any(String) });
    expect(body.ranking.length).toBeGreaterThan(3);
    // Grey Heron: gov statement + wire (cites it) + allied CERT = 2 independent sources.
    // Amber Lynx and Borovia: 1 each (Sentinel's two share a publisher; the courier cites
    // the wire which cites the government); Amber Lynx gives confidence 60, Borovia none.
    expect(body.parties.map((p: any) => [p.rank, p.party.id, p.independentSources])).toEqual([
      [1, 'actor:fx-grey-heron', 2],
      [2, 'actor:fx-amber-lynx', 1],
      [3, 'state:fx-borovia', 1],
    ]);
    const [heron, lynx, borovia] = body.parties;
    // The retracted Courier claim is hidden by default.
    expect(ids(heron.claims)).toEqual([GOV]);
    expect(heron.asserters).toEqual([
      { id: 'org:fx-arland-government', label: 'Organisation', name: 'Government of Arland' },
    ]);
    expect([heron.bestConfidence, heron.firstAsserted]).toEqual([85, '2025-03-10']);
    expect(heron.claims[0]).toMatchObject({
      date: '2025-03-10',
      confidence: 85,
      reliability: 'B',
      credibility: 2,
      singleSource: false,
      independentSources: 2,
      retractedAt: null,
    });
    const groups = Object.fromEntries(heron.claims[0].sources.map((s: any) => [s.id, s.group]));
    expect(groups).toEqual({
      'source:fx-gov-statement': 1,
      'source:fx-wire-report': 1,
      'source:fx-allied-cert-advisory': 2,
    });
    expect(lynx.claims[0]).toMatchObject({ id: SENTINEL, singleSource: true, confidence: 60 });
    expect(lynx.competing.sort()).toEqual(['actor:fx-grey-heron', 'state:fx-borovia']);
    expect(lynx.summary).toContain('single source');
    // Borovia denies the operation (weighs on every party) and disputes the claim against it.
    expect(heron.disputes.map((d: any) => [d.kind, d.claim, d.scope])).toEqual([
      ['denial', DENIAL, 'subject'],
    ]);
    expect(heron.disputes[0]).toMatchObject({
      by: { id: 'state:fx-borovia' },
      date: '2025-03-12',
      words: 'Borovia firmly rejects the groundless accusations of the Arland government.',
    });
    expect(ids(heron.disputes[0].sources)).toEqual(['source:fx-borovia-mfa']);
    expect(borovia.disputes.map((d: any) => [d.kind, d.claim, d.scope]).sort()).toEqual([
      ['denial', DENIAL, 'subject'],
      ['disputed', STATE, 'claim'],
    ]);
    expect(borovia.bestConfidence).toBeNull();
  });

  it('as known on a date shows only what had been said by then, retracted-later claims included', async () => {
    // 2025-03-11: the Courier's claim is public and not yet retracted (2025-03-20); Sentinel's
    // (2025-04-02) and the denial (2025-03-12) are not yet said. The courier article cites the
    // wire, so Grey Heron still has 2 independent sources but 2 asserters.
    const early = await assess('?asOf=2025-03-11');
    expect(early.asOf).toBe('2025-03-11');
    expect(early.parties.map((p: any) => p.party.id)).toEqual([
      'actor:fx-grey-heron',
      'state:fx-borovia',
    ]);
    const heron = early.parties[0];
    expect(ids(heron.claims).sort()).toEqual([COURIER, GOV].sort());
    expect(heron.claims.every((c: any) => c.retractedAt === null)).toBe(true);
    expect(heron.asserters.map((a: any) => a.id).sort()).toEqual(
      ['org:fx-arland-government', 'org:fx-courier'].sort(),
    );
    expect(heron.independentSources).toBe(2);
    expect(heron.disputes).toEqual([]);
    // After the retraction the Courier's claim is gone again; before anything, nothing.
    const later = await assess('?asOf=2025-03-25');
    expect(ids(later.parties[0].claims)).toEqual([GOV]);
    expect((await assess('?asOf=2025-03-09')).parties).toEqual([]);
  });

  it('shows a retracted claim when asked, marked and left out of the counts', async () => {
    const body = await assess('?includeRetracted=true');
    const heron = body.parties.find((p: any) => p.party.id === 'actor:fx-grey-heron');
    const courier = heron.claims.find((c: any) => c.id === COURIER);
    expect(courier.retractedAt).toBe('2025-03-20T09:00:00.000Z');
    expect(heron.asserters.map((a: any) => a.id)).toEqual(['org:fx-arland-government']);
  });

  it("on the seed: the Czech government's attribution with its source, and China's denial", async () => {
    const { status, body } = await getJson(server, '/api/assessments/operation:czech-mfa-2022');
    expect(status).toBe(200);
    const apt31 = body.parties.find((p: any) => p.party.id === 'actor:apt31');
    expect(apt31.claims[0].assertedBy.id).toBe('org:czech-government');
    expect(ids(apt31.claims[0].sources)).toEqual(['source:article-czech-mfa-apt31-2025-05-28']);
    expect(apt31.claims[0].singleSource).toBe(true);
    const denial = apt31.disputes.find((d: any) => d.kind === 'denial');
    expect(denial).toMatchObject({
      by: { id: 'state:china' },
      about: { id: 'statement:us-uk-accusation-2024' },
      scope: 'party',
      words: 'China has denied these allegations.',
    });
    // That denial is of the 2024 US and UK accusation, not of this attribution: listed, not
    // counted as a dispute here.
    expect(apt31.summary).toContain('not disputed');
    expect(apt31.summary).toContain('China denied another accusation about APT31');
    const before = await getJson(
      server,
      '/api/assessments/operation:czech-mfa-2022?asOf=2025-05-27',
    );
    expect(before.body.parties).toEqual([]);
    const on = await getJson(server, '/api/assessments/operation:czech-mfa-2022?asOf=2025-05-28');
    expect(on.body.parties.map((p: any) => p.party.id).sort()).toEqual(
      ['actor:apt31', 'state:china'].sort(),
    );
  });

  it('answers 400 for a node that is neither an operation nor an actor, 404 for none', async () => {
    expect((await getJson(server, '/api/assessments/state:fx-arland')).status).toBe(400);
    expect((await getJson(server, '/api/assessments/operation:fx-nothing')).status).toBe(404);
    expect((await getJson(server, `/api/assessments/${OP}?asOf=yesterday`)).status).toBe(400);
  });
});

describe('GET /api/what-changed', () => {
  it('lists the claims added, retracted and disputed in between', async () => {
    // (2025-03-10, 2025-03-31]: the Courier's claim, its CITES and REPORTED_BY (2025-03-11),
    // the denial, its statement and that statement's ABOUT, Borovia's REPORTED_BY (2025-03-12).
    const { status, body } = await getJson(
      server,
      '/api/what-changed?from=2025-03-10&to=2025-03-31',
    );
    expect(status).toBe(200);
    expect(ids(body.added).sort()).toEqual(
      [
        COURIER,
        rel('cites', 'courier-cites-wire'),
        rel('reported_by', 'courier'),
        DENIAL,
        rel('made', 'borovia-made'),
        rel('about', 'denial-about'),
        rel('reported_by', 'borovia'),
      ].sort(),
    );
    expect(body.added[0].on).toBe('2025-03-11');
    expect(ids(body.retracted)).toEqual([COURIER]);
    expect(body.retracted[0].on).toBe('2025-03-20');
    expect(ids(body.disputed)).toEqual([DENIAL]);
    expect(body.disputed[0]).toMatchObject({
      sourceName: 'Borovia',
      targetName: expect.any(String),
    });
    const april = await getJson(server, '/api/what-changed?from=2025-03-31&to=2025-04-30');
    expect(ids(april.body.added).sort()).toEqual(
      [
        SENTINEL,
        rel('affiliated_with', 'heron-defence'),
        rel('part_of', 'defence-part-of'),
        rel('reported_by', 'sentinel-report'),
        rel('reported_by', 'sentinel-blog'),
      ].sort(),
    );
    expect([april.body.retracted, april.body.disputed]).toEqual([[], []]);
    const backwards = await getJson(server, '/api/what-changed?from=2025-04-01&to=2025-03-01');
    expect(backwards.status).toBe(400);
  });
});

describe('asOf on the explorer routes and paths ranked by evidence', () => {
  it('ranks paths by their weakest link and marks each hop', async () => {
    // Grey Heron to Borovia, two hops each: via the intelligence service (70, 95: weakest 70),
    // via the defence ministry (50, 90: weakest 50), via the operation (85 and none: weakest
    // none; the Courier's retracted attribution is left out).
    const { status, body } = await getJson(
      server,
      '/api/paths?from=actor:fx-grey-heron&to=state:fx-borovia',
    );
    expect(status).toBe(200);
    expect(body.paths).toEqual([
      [rel('affiliated_with', 'heron-intel'), rel('part_of', 'intel-part-of')],
      [rel('affiliated_with', 'heron-defence'), rel('part_of', 'defence-part-of')],
      [GOV, STATE],
      // Through Borovia's denial of the operation: also no confidence and one source; as
      // many flagged hops (the denial is a dispute), so the hops' ids decide.
      [GOV, DENIAL],
    ]);
    expect(body.ranking.map((r: any) => r.weakestConfidence)).toEqual([70, 50, null, null]);
    expect(body.ranking[3].hops[1]).toMatchObject({
      id: DENIAL,
      disputed: true,
      singleSource: true,
    });
    expect(body.ranking[2].hops).toEqual([
      {
        id: GOV,
        confidence: 85,
        independentSources: 2,
        singleSource: false,
        disputed: false,
        retracted: false,
      },
      {
        id: STATE,
        confidence: null,
        independentSources: 1,
        singleSource: true,
        disputed: true,
        retracted: false,
      },
    ]);
    expect(body.rankingRule.length).toBe(5);
    expect(body.rankingRule[0]).toMatch(/shortest paths/);
    // Known on 2025-03-31: the defence ministry's link (2025-04-02) was not yet said.
    const early = await getJson(
      server,
      '/api/paths?from=actor:fx-grey-heron&to=state:fx-borovia&asOf=2025-03-31',
    );
    expect(early.body.paths).toEqual([
      [rel('affiliated_with', 'heron-intel'), rel('part_of', 'intel-part-of')],
      [GOV, STATE],
      [GOV, DENIAL],
    ]);
  });

  it("on the seed: APT31 to China's state security, the best-supported path first", async () => {
    const { body } = await getJson(
      server,
      '/api/paths?from=actor:apt31&to=org:china-state-security',
    );
    const best = body.ranking[0];
    for (const other of body.ranking.slice(1))
      expect(best.weakestConfidence ?? -1).toBeGreaterThanOrEqual(other.weakestConfidence ?? -1);
    const [direct] = await server.db.read<{ id: string }>(
      "MATCH (:Actor {id: 'actor:apt31'})-[r:AFFILIATED_WITH]->(:Organisation {id: 'org:china-state-security'}) RETURN r.id AS id",
    );
    expect(body.paths[0]).toEqual([direct!.id]);
    // One claim on one source (the article), which no one disputes in the seed.
    expect(best.hops[0]).toMatchObject({ disputed: false, singleSource: true });
  });

  it('asOf=2025-05-27 hides the Czech attribution and asOf=2025-05-28 shows it', async () => {
    const attributed = async (asOf: string) => {
      const { body } = await getJson(
        server,
        `/api/nodes/operation:czech-mfa-2022/neighbours?asOf=${asOf}`,
      );
      return body.relationships
        .filter((r: any) => r.type === 'ATTRIBUTED_TO')
        .map((r: any) => r.target)
        .sort();
    };
    expect(await attributed('2025-05-27')).toEqual([]);
    expect(await attributed('2025-05-28')).toEqual(['actor:apt31', 'state:china']);
    const graph = await getJson(
      server,
      '/api/graph?ids=operation:czech-mfa-2022,actor:apt31&asOf=2025-05-27',
    );
    // The operation was disclosed on 2025-05-28: not known on the 27th.
    expect(ids(graph.body.nodes)).toEqual(['actor:apt31']);
  });

  it('search as known on a date leaves out a statement made after it', async () => {
    const hits = async (q: string) =>
      ids((await getJson(server, `/api/search?q=Borovia%20rejects${q}`)).body.hits);
    // The full-text index catches up with the load in the background: wait for it.
    for (let i = 0; i < 50 && !(await hits('')).includes('statement:fx-borovia-denial'); i++)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await hits('&asOf=2025-03-12')).toContain('statement:fx-borovia-denial');
    expect(await hits('&asOf=2025-03-11')).not.toContain('statement:fx-borovia-denial');
  });

  it('keeps a claim retracted later in the view of an earlier date, and hides it after', async () => {
    const neighbours = async (q: string) =>
      ids(
        (await getJson(server, `/api/nodes/actor:fx-grey-heron/neighbours?${q}`)).body
          .relationships,
      );
    expect(await neighbours('asOf=2025-03-15')).toContain(COURIER);
    expect(await neighbours('asOf=2025-03-25')).not.toContain(COURIER);
    expect(await neighbours('')).not.toContain(COURIER);
  });
});
