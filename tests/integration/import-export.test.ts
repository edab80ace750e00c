// STIX and MISP import (mapping, entity resolution, ambiguity, bad input) and STIX export
// (OASIS validator, determinism, round trip), against the real Neo4j on the seeded graph.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { ImportError } from '../../server/src/exchange/import/batch';
import { parseMispGalaxy } from '../../server/src/exchange/import/misp';
import { importBatch } from '../../server/src/exchange/import/run';
import { parseStixBundle } from '../../server/src/exchange/import/stix';
import { exportStix } from '../../server/src/exchange/export/stix';
import { deleteDomainGraph } from '../../server/src/exchange/loader/write';
import { graphCounts, reseed } from '../support/db';
import { ensurePythonTool } from '../support/python-tools';
import { getJson, startTestServer } from '../support/server';

const FIXTURES = 'tests/fixtures/import';
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const importStix = (name: string) =>
  importBatch(server.db, parseStixBundle(name, read(name)), { file: name });

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
  await server.db.write('MATCH (r:ImportReview) DELETE r');
});
afterAll(async () => {
  await reseed(server.db);
  await server.db.write('MATCH (r:ImportReview) DELETE r');
  await server.stop();
});

async function node(id: string) {
  return (await getJson(server, `/api/nodes/${id}`)).body.node as Record<string, unknown>;
}
async function rels(cypher: string, params: Record<string, unknown> = {}) {
  return server.db.read<Record<string, unknown>>(cypher, params);
}

describe('STIX 2.1 import', () => {
  it("maps each object type, merges ZIRCONIUM into the seed's APT31 and skips what the model lacks", async () => {
    const summary = await importStix('stix-2.1.json');
    expect(summary.merged).toEqual({ Actor: 1 });
    expect(summary.created).toMatchObject({
      Actor: 1,
      Operation: 1,
      Organisation: 1,
      Person: 1,
      State: 1,
      Capability: 2,
      Technique: 1,
      Statement: 1,
    });
    expect(summary.skipped).toMatchObject({
      'revoked or deprecated': 1,
      'relationship to a skipped object (uses)': 1,
      'type not in the model: x-mitre-tactic': 1,
      'type not in the model: course-of-action': 1,
      'relationship to a skipped object (mitigates)': 1,
    });
    const apt31 = await node('actor:apt31');
    expect(apt31).toMatchObject({
      name: 'APT31',
      attackId: 'G0128',
      stixId: 'intrusion-set--4283ae19-69c7-4347-a35e-b56f08eb660b',
    });
    expect(apt31.aliases).toEqual(expect.arrayContaining(['ZIRCONIUM', 'Violet Typhoon']));
    expect((await node('technique:phishing')).attackId).toBe('T1566');
    expect(await node('capability:fixtureloader')).toMatchObject({
      kind: 'malware',
      attackId: 'S9001',
    });
    expect(await node('capability:fixturetool')).toMatchObject({ kind: 'tool' });
    expect(await node('operation:fixture-campaign')).toMatchObject({ since: '2023-06-01' });
    expect(await node('person:fixture-official')).toMatchObject({ label: 'Person' });
    expect(await node('state:finland')).toMatchObject({ iso2: 'FI' });
  });

  it('maps relationships and gives each its sources and dataset', async () => {
    const rows = await rels(
      `MATCH (a)-[r]->(b) WHERE r.dataset IS NOT NULL AND r.stixId STARTS WITH 'relationship--'
       RETURN a.id AS from, type(r) AS type, b.id AS to, r.sources AS sources, r.dataset AS dataset ORDER BY from, type, to`,
    );
    expect(rows.map((r) => `${String(r.from)} ${String(r.type)} ${String(r.to)}`)).toEqual([
      'actor:apt31 USES capability:fixtureloader',
      'actor:apt31 USES technique:phishing',
      'actor:axiom USES capability:fixturetool',
      'operation:fixture-campaign ATTRIBUTED_TO actor:apt31',
      'operation:fixture-campaign TARGETED org:fixture-parliament',
      'org:fixture-parliament LOCATED_IN state:finland',
    ]);
    for (const r of rows) expect((r.sources as string[]).includes(String(r.dataset))).toBe(true);
    const phishing = rows.find((r) => r.to === 'technique:phishing');
    expect((phishing?.sources as string[]).length).toBe(2); // the dataset and Check Point's report
  });

  it('turns a note into a statement about its objects, and a report into a source', async () => {
    const about = await rels(
      `MATCH (s:Statement)-[:ABOUT]->(a:Actor {id: 'actor:apt31'}) WHERE s.stixId STARTS WITH 'note--' RETURN s.text AS text`,
    );
    expect(about).toEqual([{ text: 'ZIRCONIUM reused FixtureLoader against parliaments.' }]);
    const report = await rels(
      `MATCH (s:Source) WHERE s.stixId STARTS WITH 'report--' RETURN s.name AS name, s.published AS published`,
    );
    expect(report).toEqual([{ name: 'Fixture report on ZIRCONIUM', published: '2024-02-03' }]);
  });

  it('a second import of the same file changes nothing but the change log', async () => {
    const before = await graphCounts(server.db);
    const summary = await importStix('stix-2.1.json');
    expect(summary.created).toEqual({});
    // The run is recorded (one change record); the graph is as it was.
    expect(await graphCounts(server.db)).toEqual({ ...before, changes: before.changes + 1 });
  });

  it('reads STIX 2.0 bundles too, resolving by STIX id', async () => {
    const summary = await importStix('stix-2.0.json');
    expect(summary.created).toMatchObject({ Actor: 1 });
    expect(summary.merged).toMatchObject({ Technique: 1 });
    expect(
      await rels(
        `MATCH (:Actor {name: 'Fixture Twenty'})-[:USES]->(t:Technique) RETURN t.id AS id`,
      ),
    ).toEqual([{ id: 'technique:phishing' }]);
  });

  it('refuses a bundle with a dangling reference and writes nothing', async () => {
    const before = await graphCounts(server.db);
    const error = await importStix('stix-dangling.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(
      /1 reference\(s\) to objects that are not in the file, so nothing was imported: relationship--f0000000.* -> malware--00000000/,
    );
    expect(await graphCounts(server.db)).toEqual(before);
  });

  it('says what is wrong with a file that is not JSON or not STIX', () => {
    expect(() => parseStixBundle('x.json', '{"type": "bundle", ')).toThrow(
      /x\.json: not valid JSON/,
    );
    expect(() => parseStixBundle('x.json', '{"values": []}')).toThrow(/x\.json: not a STIX bundle/);
    expect(() => parseMispGalaxy('y.json', '{"type": "bundle", "objects": []}')).toThrow(
      /y\.json: not a MISP galaxy cluster/,
    );
  });
});

describe('MISP galaxy import, through the API', () => {
  it('merges APT31, links sponsors and victims asserted by MISP, and reports an ambiguous name', async () => {
    const response = await fetch(`${server.url}/api/import?format=misp-galaxy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: read('misp-threat-actor.json'),
    });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as {
      merged: Record<string, number>;
      created: Record<string, number>;
      ambiguous: { incomingName: string; candidates: string[] }[];
      skipped: Record<string, number>;
    };
    expect(summary.merged.Actor).toBe(1);
    expect(summary.ambiguous).toEqual([
      expect.objectContaining({
        incomingName: 'Two Faces',
        candidates: expect.arrayContaining(['actor:ni-gaobin', 'actor:zhao-guangzong']),
      }),
    ]);
    expect(summary.skipped).toMatchObject({
      'victim that is not a country': 1,
      'related link to another MISP cluster': 1,
    });

    const apt31 = await node('actor:apt31');
    expect(apt31).toMatchObject({
      mispUuid: '6bf7e6b6-5917-45a6-9567-f0baba79768c',
      attackId: 'G0128',
      sectors: ['Government', 'Private sector'],
    });
    // MISP's "JUDGMENT PANDA" is the seed's "Judgment Panda": one alias, best-cased.
    expect(apt31.aliases).toEqual(
      expect.arrayContaining(['Judgment Panda', 'TA412', 'Violet Typhoon']),
    );
    expect(apt31.aliases).not.toContain('JUDGMENT PANDA');
    const sponsor = await rels(
      `MATCH (:Actor {id: 'actor:apt31'})-[r:SPONSORED_BY]->(s:State) RETURN s.id AS state, r.assertedBy AS by`,
    );
    expect(sponsor).toEqual([{ state: 'state:china', by: 'org:misp-project' }]);
    const victims = await rels(
      `MATCH (:Actor {id: 'actor:apt31'})-[r:TARGETED]->(s:State) RETURN s.id AS id ORDER BY id`,
    );
    expect(victims.map((v) => v.id)).toEqual(['state:czech-republic', 'state:united-states']);
    expect(
      await rels(
        `MATCH (:Actor {id: 'actor:apt31'})-[r:RELATED_TO]->(b) RETURN b.name AS name, r.relation AS relation`,
      ),
    ).toEqual([{ name: 'Fixture Kitten', relation: 'similar' }]);

    const review = await getJson(server, '/api/imports/review');
    expect(review.body.items).toEqual([
      expect.objectContaining({ incomingName: 'Two Faces', createdId: 'actor:two-faces' }),
    ]);
    // The ambiguous name was not merged into either candidate.
    expect((await node('actor:ni-gaobin')).aliases).toBeUndefined();
  });

  it("leaves exactly one APT31, found by any of its names, carrying the article's attribution, its techniques and MISP's references", async () => {
    const named = await rels(
      `MATCH (a:Actor) WHERE a.name = 'APT31' OR 'APT31' IN coalesce(a.aliases, []) RETURN a.id AS id`,
    );
    expect(named).toEqual([{ id: 'actor:apt31' }]);
    const search = await getJson(server, '/api/search?q=Violet%20Typhoon');
    expect(search.body.hits[0].id).toBe('actor:apt31');
    const links = await rels(
      `MATCH (a:Actor {id: 'actor:apt31'})
       RETURN EXISTS { (:Operation {id: 'operation:czech-mfa-2022'})-[:ATTRIBUTED_TO]->(a) } AS article,
              EXISTS { (a)-[:USES]->(:Technique) } AS techniques,
              'source:ref-' + substring('x', 0, 0) IS NOT NULL AND size([s IN a.sources WHERE s STARTS WITH 'source:ref-']) > 0 AS references`,
    );
    expect(links).toEqual([{ article: true, techniques: true, references: true }]);
  });
});

describe('STIX export', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-stix-'));

  it("exports APT31 and its neighbourhood as a bundle that OASIS's validator accepts, the same every time", async () => {
    const neighbours = await getJson(server, '/api/nodes/actor:apt31/neighbours?limit=200');
    const ids = neighbours.body.nodes.map((n: { id: string }) => n.id).join(',');
    const first = await getJson(server, `/api/export/stix?ids=${ids}`);
    const second = await getJson(server, `/api/export/stix?ids=${ids}`);
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body)).toBe(JSON.stringify(second.body));
    expect(first.body.objects.length).toBeGreaterThan(10);
    expect(
      first.body.objects.filter((o: { type: string }) => o.type === 'note').length,
    ).toBeGreaterThan(0);
    const file = path.join(tmp, 'apt31.json');
    fs.writeFileSync(file, JSON.stringify(first.body));
    const validator = spawnSync(ensurePythonTool('stix2-validator'), [file], { encoding: 'utf8' });
    expect(validator.stdout).toContain('STIX JSON: Valid');
    expect(validator.status, validator.stdout.slice(-3000)).toBe(0);
  });

  it('export -> import into an empty database gives back the same graph', async () => {
    const snapshot = async () => {
      const nodes = await rels(
        'MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> "Entity"][0] AS label, n.name AS name ORDER BY id',
      );
      const edges = await rels(
        'MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, r.id AS id, r.evidence AS evidence, r.assertedBy AS assertedBy ORDER BY id',
      );
      return { nodes, edges };
    };
    await reseed(server.db);
    const before = await snapshot();
    const bundle = await exportStix(server.db, undefined);
    await server.db.transaction((tx) => deleteDomainGraph(tx));
    expect((await snapshot()).nodes).toEqual([]);
    await importBatch(server.db, parseStixBundle('export.json', JSON.stringify(bundle)));
    const after = await snapshot();
    // The import adds the export itself as a Source (the dataset); everything else is as before.
    expect(after.nodes.filter((n) => !String(n.id).startsWith('source:ref-'))).toEqual(
      before.nodes,
    );
    expect(after.edges).toEqual(before.edges);
  });
});
