// STIX 2.1 in its own vocabulary: the export says confidence, who asserts, the period, who
// denies or disputes, the quote and the sources in STIX's native fields; the import reads
// them back (losslessly for our own export, and from another producer's bundle); OASIS's
// stix2 library and MISP's misp-stix converter read the export. On the seed plus a fixture
// with a denial, a dispute, a retracted claim, confidences and periods
// (tests/fixtures/exchange/stix-provenance.yaml).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { exportStix, type StixBundle } from '../../server/src/exchange/export/stix';
import { importBatch } from '../../server/src/exchange/import/run';
import { parseStixBundle } from '../../server/src/exchange/import/stix';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { deleteDomainGraph } from '../../server/src/exchange/loader/write';
import { defaultSeedFiles } from '../../seed/paths';
import { reseed } from '../support/db';
import { ensurePythonTool } from '../support/python-tools';
import { getJson, startTestServer } from '../support/server';
import { send } from '../support/workbench';

const FIXTURE = path.resolve(__dirname, '../fixtures/exchange/stix-provenance.yaml');
const FOREIGN = path.resolve(__dirname, '../fixtures/exchange/opencti-style-bundle.json');
const MFA_CLAIM = 'rel:attributed_to:fx-stix-mfa-attribution';
const HERALD_CLAIM = 'rel:attributed_to:fx-stix-herald-attribution';
const HERALD_STATEMENT = 'statement:fx-stix-herald-report';
const RETRACTED_AT = '2025-06-10T09:00:00.000Z';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-stix-native-'));

let server: RunningServer;
type Stix = Record<string, unknown> & { id: string; type: string };
const objectsOf = (bundle: StixBundle) => bundle.objects as Stix[];
const byOurId = (bundle: StixBundle, id: string) =>
  objectsOf(bundle).find((o) => o.x_attribution_graph_id === id);
const byId = (bundle: StixBundle, id: unknown) => objectsOf(bundle).find((o) => o.id === id);

/** The seed and the fixture, the Herald's claim retracted through the API as an analyst would. */
async function loadFixture(): Promise<void> {
  await loadSeedFiles(server.db, [...defaultSeedFiles(), FIXTURE], { reset: true });
  const claim = await getJson(server, `/api/relationships/${HERALD_CLAIM}`);
  const retracted = await send(server, 'POST', `/api/relationships/${HERALD_CLAIM}/retract`, {
    reason: 'The Herald withdrew its report',
    version: claim.body.version,
  });
  expect(retracted.status).toBe(200);
  const statement = await getJson(server, `/api/nodes/${HERALD_STATEMENT}`);
  const withdrawn = await send(server, 'POST', `/api/nodes/${HERALD_STATEMENT}/retract`, {
    reason: 'The Herald withdrew its report',
    version: statement.body.version,
  });
  expect(withdrawn.status).toBe(200);
  // A fixed time, so the export's bytes can be compared.
  await server.db.write(`MATCH ()-[r {id: $id}]->() SET r.retractedAt = $at`, {
    id: HERALD_CLAIM,
    at: RETRACTED_AT,
  });
  await server.db.write(`MATCH (s:Statement {id: $id}) SET s.retractedAt = $at`, {
    id: HERALD_STATEMENT,
    at: RETRACTED_AT,
  });
}

/** Properties without those named (keys sorted, so two reads compare as text). */
const withoutKeys = (props: Record<string, unknown>, names: readonly string[]) =>
  Object.fromEntries(
    Object.entries(props)
      .filter(([k]) => !names.includes(k))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
/** Written by the writer of each run, not carried by an element: the import's dataset and its STIX id. */
const NODE_DERIVED = ['stixId', 'stixIds', 'dataset', 'recordCreated', 'recordModified'];
/** Likewise the document the run names and when this product recorded the claim. */
const RELATIONSHIP_DERIVED = [...NODE_DERIVED, 'document', 'recordedAt', 'sources'];

/** Every node and relationship with the properties that say what it is and where it comes from. */
async function snapshot() {
  const nodes = await server.db.read<{ id: string; label: string; props: Record<string, unknown> }>(
    `MATCH (n:Entity) WHERE NOT n.id STARTS WITH 'source:ref-'
     RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props
     ORDER BY id`,
  );
  const relationships = await server.db.read<{ id: string; props: Record<string, unknown> }>(
    `MATCH (a)-[r]->(b)
     RETURN r.id AS id, a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props,
            [s IN r.sources WHERE NOT s STARTS WITH 'source:ref-'] AS sources ORDER BY id`,
  );
  return {
    nodes: nodes.map((n) => ({ ...n, props: withoutKeys(n.props, NODE_DERIVED) })),
    relationships: relationships.map((r) => ({
      ...r,
      props: withoutKeys(r.props, RELATIONSHIP_DERIVED),
    })),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  await loadFixture();
});
afterAll(async () => {
  await reseed(server.db);
  await server.stop();
});

describe("STIX export in STIX's own vocabulary", () => {
  let bundle: StixBundle;
  beforeAll(async () => {
    bundle = await exportStix(server.db, undefined);
  });

  it('gives a claim its confidence, its asserter as created_by_ref, its period and its sources natively', () => {
    const claim = byOurId(bundle, MFA_CLAIM)!;
    expect(claim).toMatchObject({
      type: 'relationship',
      relationship_type: 'attributed-to',
      confidence: 85,
      start_time: '2024-03-01T00:00:00.000Z',
      stop_time: '2025-05-30T23:59:59.999Z',
      description: 'The intrusion was carried out by the group known as Grey Heron.',
      external_references: [
        {
          source_name: 'Arland CERT advisory on Grey Heron',
          external_id: 'source:fx-stix-advisory',
          url: 'https://cert.arland.example/advisories/grey-heron',
          description: "The national CERT's technical advisory.",
        },
      ],
    });
    expect(byId(bundle, claim.created_by_ref)).toMatchObject({
      type: 'identity',
      name: 'Arland Ministry of Foreign Affairs',
      identity_class: 'organization',
      x_attribution_graph_id: 'org:fx-stix-arland-mfa',
    });
    // Only what STIX cannot say stays ours: the month's precision, the date made public, the
    // Admiralty grades; nothing a native field carries.
    const own = claim.x_attribution_graph_properties as Record<string, unknown>;
    expect(own).toMatchObject({ since: '2024-03', date: '2025-06-02', reliability: 'B' });
    for (const key of [
      'confidence',
      'assertedBy',
      'evidence',
      'sources',
      'disputedBy',
      'until',
      'retractedAt',
    ])
      expect(own, key).not.toHaveProperty(key);
  });

  it("names a person's claim by an individual and a state's by a nation beside its location", () => {
    const sponsor = byOurId(bundle, 'rel:sponsored_by:fx-stix-officer-sponsor')!;
    expect(byId(bundle, sponsor.created_by_ref)).toMatchObject({
      identity_class: 'individual',
      name: 'Arland CERT duty officer',
    });
    expect(sponsor).toMatchObject({
      start_time: '2019-01-01T00:00:00.000Z',
      stop_time: '2025-12-31T23:59:59.999Z',
      confidence: 50,
    });
    const targeted = byOurId(bundle, 'rel:targeted:fx-stix-target')!;
    const nation = byId(bundle, targeted.created_by_ref)!;
    const location = byOurId(bundle, 'state:fx-stix-arland')!;
    expect(nation).toMatchObject({ type: 'identity', identity_class: 'nation', name: 'Arland' });
    expect(nation.id.split('--')[1]).toBe(location.id.split('--')[1]);
    // A full day keeps no precision of ours; one day's period ends after it starts.
    expect(targeted).toMatchObject({
      start_time: '2024-03-04T00:00:00.000Z',
      stop_time: '2024-03-04T23:59:59.999Z',
    });
    expect(targeted.x_attribution_graph_properties).not.toHaveProperty('since');
  });

  it('writes the evidence quote as a note about the claim, by its asserter, citing its source', () => {
    const claim = byOurId(bundle, MFA_CLAIM)!;
    const notes = objectsOf(bundle).filter(
      (o) => o.type === 'note' && (o.object_refs as string[]).includes(claim.id),
    );
    expect(notes).toEqual([
      expect.objectContaining({
        content: 'The intrusion was carried out by the group known as Grey Heron.',
        created_by_ref: claim.created_by_ref,
        external_references: claim.external_references,
      }),
    ]);
  });

  it('writes a denial as a strongly-disagree opinion by the denier, and a dispute as a disagree one', () => {
    const denial = byOurId(bundle, 'rel:denied:fx-stix-borovia-denial')!;
    const operation = byOurId(bundle, 'operation:fx-stix-intrusion')!;
    expect(denial).toMatchObject({
      type: 'opinion',
      opinion: 'strongly-disagree',
      object_refs: [operation.id],
      explanation: 'Borovia has nothing to do with any intrusion in Arland.',
      confidence: 95,
    });
    expect(byId(bundle, denial.created_by_ref)).toMatchObject({
      identity_class: 'nation',
      name: 'Borovia',
    });
    const claim = byOurId(bundle, MFA_CLAIM)!;
    const disputes = objectsOf(bundle).filter(
      (o) => o.type === 'opinion' && (o.object_refs as string[])[0] === claim.id,
    );
    expect(disputes).toEqual([
      expect.objectContaining({ opinion: 'disagree', created_by_ref: denial.created_by_ref }),
    ]);
    // Arland disputes Borovia's denial in turn: an opinion about the opinion.
    const counter = objectsOf(bundle).filter(
      (o) => o.type === 'opinion' && (o.object_refs as string[])[0] === denial.id,
    );
    expect(counter).toEqual([expect.objectContaining({ opinion: 'disagree' })]);
  });

  it('marks the retracted claim revoked as of its retraction, and gives the operation first and last seen', () => {
    expect(byOurId(bundle, HERALD_CLAIM)).toMatchObject({ revoked: true, modified: RETRACTED_AT });
    expect(byOurId(bundle, HERALD_STATEMENT)).toMatchObject({
      type: 'note',
      revoked: true,
      modified: RETRACTED_AT,
      content: 'Officials told the Herald that Borovia itself ran the intrusion.',
      created_by_ref: byOurId(bundle, 'org:fx-stix-herald')!.id,
      object_refs: [byOurId(bundle, 'operation:fx-stix-intrusion')!.id],
    });
    expect(byOurId(bundle, 'operation:fx-stix-intrusion')).toMatchObject({
      type: 'campaign',
      first_seen: '2024-03-01T00:00:00.000Z',
      last_seen: '2025-05-30T23:59:59.999Z',
      aliases: ['Heron Mail'],
    });
  });

  it('dates each object when the graph recorded it, not the epoch: a consumer sees an edit as a new version', async () => {
    const [row] = await server.db.read<{ recordedAt: string; first: string }>(
      `MATCH ()-[r {id: $id}]->() MATCH (o:Entity {id: 'operation:fx-stix-intrusion'})-[c]-()
       RETURN r.recordedAt AS recordedAt, min(c.recordedAt) AS first`,
      { id: MFA_CLAIM },
    );
    const claim = byOurId(bundle, MFA_CLAIM)!;
    expect(claim.created).toBe(new Date(row!.recordedAt).toISOString());
    expect(claim.modified).toBe(claim.created);
    expect(byOurId(bundle, 'operation:fx-stix-intrusion')!.created).toBe(
      new Date(row!.first).toISOString(),
    );
    // Every claim, and every node a claim touches (a node without claims and without a date
    // of its own has nothing to be dated by).
    const relationships = objectsOf(bundle).filter((x) => x.type === 'relationship');
    const ends = new Set(relationships.flatMap((r) => [r.source_ref, r.target_ref]));
    for (const o of objectsOf(bundle).filter((x) => x.type === 'relationship' || ends.has(x.id)))
      expect(o.created, String(o.x_attribution_graph_id)).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it("keeps an imported object's own times, and writes its ATT&CK id in ATT&CK's reference", async () => {
    await server.db.write(
      `MERGE (s:Entity:Source {id: 'source:fx-stix-attack-ref'})
         SET s.name = 'mitre-attack', s.url = 'https://attack.mitre.org/groups/G9999'
       MERGE (a:Entity:Actor {id: 'actor:fx-stix-attack'})
         SET a.name = 'Fx Attack Group', a.attackId = 'G9999', a.sources = ['source:fx-stix-attack-ref'],
             a.recordCreated = '2017-05-31T21:31:48.664Z', a.recordModified = '2024-04-11T00:06:01.264Z'`,
    );
    try {
      const imported = await exportStix(server.db, undefined, [
        'actor:fx-stix-attack',
        'source:fx-stix-attack-ref',
      ]);
      expect(byOurId(imported, 'actor:fx-stix-attack')).toMatchObject({
        created: '2017-05-31T21:31:48.664Z',
        modified: '2024-04-11T00:06:01.264Z',
        external_references: [
          {
            source_name: 'mitre-attack',
            external_id: 'G9999',
            url: 'https://attack.mitre.org/groups/G9999',
          },
        ],
      });
    } finally {
      await server.db.write(
        `MATCH (n:Entity) WHERE n.id IN ['actor:fx-stix-attack', 'source:fx-stix-attack-ref'] DETACH DELETE n`,
      );
    }
  });

  it('is the same, byte for byte, every time', async () => {
    expect(JSON.stringify(await exportStix(server.db, undefined))).toBe(JSON.stringify(bundle));
  });

  it("passes OASIS's validator with its identities, opinions and notes", () => {
    const file = path.join(tmp, 'all.json');
    fs.writeFileSync(file, JSON.stringify(bundle));
    const validator = spawnSync(ensurePythonTool('stix2-validator'), [file], { encoding: 'utf8' });
    expect(validator.stdout).toContain('STIX JSON: Valid');
    expect(validator.status, validator.stdout.slice(-3000)).toBe(0);
  });

  it("is read by OASIS's stix2 library with every relationship's confidence and creator the graph has", async () => {
    const file = path.join(tmp, 'all-stix2.json');
    fs.writeFileSync(file, JSON.stringify(bundle));
    const parsed = spawnSync(
      ensurePythonTool('stix2'),
      [path.resolve('tests/support/stix2-parse.py'), file],
      { encoding: 'utf8' },
    );
    expect(parsed.status, parsed.stderr.slice(-3000)).toBe(0);
    const read = JSON.parse(parsed.stdout) as Record<string, number>;
    // Claims exported as relationships: all but ABOUT and MADE (inside the notes) and DENIED
    // (opinions); the graph's own counts of their confidences and party asserters.
    const [graph] = await server.db.read<Record<string, number>>(
      `MATCH ()-[r]->() WHERE NOT type(r) IN ['ABOUT', 'MADE', 'DENIED']
       OPTIONAL MATCH (p:State|Organisation|Person {id: r.assertedBy})
       RETURN count(r) AS relationships, count(r.confidence) AS withConfidence,
              count(p) AS withCreator`,
    );
    expect(graph!.withConfidence).toBeGreaterThan(3);
    expect(graph!.withCreator).toBeGreaterThan(10);
    expect(read).toMatchObject({
      relationships: graph!.relationships,
      withConfidence: graph!.withConfidence,
      withCreator: graph!.withCreator,
      revoked: 2,
    });
    const [denials] = await server.db.read<{ n: number }>(
      'MATCH ()-[r:DENIED]->() RETURN count(r) AS n',
    );
    expect(read.opinionsByCreator).toBeGreaterThan(denials!.n);
  });
});

describe('export -> import into an empty graph', () => {
  it('gives back every node, relationship and provenance property: 0 differences', async () => {
    await loadFixture();
    const before = await snapshot();
    const first = await exportStix(server.db, undefined);
    await server.db.transaction((tx) => deleteDomainGraph(tx));
    expect((await snapshot()).nodes).toEqual([]);
    const summary = await importBatch(
      server.db,
      parseStixBundle('export.json', JSON.stringify(first)),
    );
    expect(summary.skipped).toEqual({});
    const after = await snapshot();

    expect(after.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect(after.relationships.map((r) => r.id)).toEqual(before.relationships.map((r) => r.id));
    // Each difference named by element and property, with both values.
    const differences = [...before.nodes, ...before.relationships].flatMap((b, i) => {
      const a = [...after.nodes, ...after.relationships][i]!;
      const keys = new Set([...Object.keys(b.props), ...Object.keys(a.props)]);
      return [...keys, 'sources']
        .filter((k) =>
          k === 'sources'
            ? JSON.stringify((b as { sources?: unknown }).sources) !==
              JSON.stringify((a as { sources?: unknown }).sources)
            : JSON.stringify(b.props[k]) !== JSON.stringify(a.props[k]),
        )
        .map((k) => ({
          id: b.id,
          key: k,
          before: k === 'sources' ? (b as { sources?: unknown }).sources : b.props[k],
          after: k === 'sources' ? (a as { sources?: unknown }).sources : a.props[k],
        }));
    });
    expect(differences).toEqual([]);
    // The fixture's provenance in particular, read back from STIX's own fields.
    expect(after.relationships.find((r) => r.id === MFA_CLAIM)).toMatchObject({
      props: {
        confidence: 85,
        assertedBy: 'org:fx-stix-arland-mfa',
        since: '2024-03',
        until: '2025-05-30',
        disputedBy: ['state:fx-stix-borovia'],
        evidence: 'The intrusion was carried out by the group known as Grey Heron.',
      },
      sources: ['source:fx-stix-advisory'],
    });
    expect(after.relationships.find((r) => r.id === HERALD_CLAIM)).toMatchObject({
      props: { retractedAt: RETRACTED_AT, retractionReason: 'The Herald withdrew its report' },
    });
    expect(after.nodes.find((n) => n.id === HERALD_STATEMENT)).toMatchObject({
      props: { retractedAt: RETRACTED_AT, retractionReason: 'The Herald withdrew its report' },
    });

    // Exported again, every claim and node says the same in STIX's own fields.
    const again = await exportStix(server.db, undefined);
    const natives = (b: StixBundle) =>
      objectsOf(b)
        .filter(
          (o) => o.type !== 'report' || !String(o.x_attribution_graph_id).startsWith('source:ref-'),
        )
        .map(({ x_attribution_graph_properties: _own, ...o }) => o)
        .map(({ external_references: refs, ...o }) => ({
          ...o,
          external_references: ((refs as { external_id?: string }[] | undefined) ?? []).filter(
            (r) => !r.external_id?.startsWith('source:ref-'),
          ),
        }));
    expect(natives(again).filter((o) => o.id !== again.id)).toEqual(natives(first));
  });
});

describe('a bundle from another producer, in native fields only', () => {
  it('gives the asserter, confidence, period, evidence, denial and dispute', async () => {
    await reseed(server.db);
    const summary = await importBatch(
      server.db,
      parseStixBundle('opencti-style-bundle.json', fs.readFileSync(FOREIGN, 'utf8')),
    );
    expect(summary.created).toMatchObject({ Actor: 1, Operation: 1, Organisation: 2 });
    expect(summary.skipped).toEqual({});
    const [claim] = await server.db.read<Record<string, unknown>>(
      `MATCH (:Operation {name: 'Operation Fixture Lantern'})-[r:ATTRIBUTED_TO]->(:Actor {name: 'Fixture Kite'})
       MATCH (cert:Organisation {id: r.assertedBy})
       RETURN cert.name AS asserter, r.confidence AS confidence, r.since AS since, r.until AS until,
              r.evidence AS evidence, [p IN r.disputedBy | COLLECT { MATCH (o:Entity {id: p}) RETURN o.name }[0]] AS disputedBy`,
    );
    expect(claim).toEqual({
      asserter: 'Fixturia National CERT',
      confidence: 75,
      since: '2024-11-05',
      until: '2025-04-18',
      evidence: 'The Lantern implants beacon to infrastructure registered by Fixture Kite.',
      disputedBy: ['Ministry of Foreign Affairs of Nordavia'],
    });
    const denials = await server.db.read<Record<string, unknown>>(
      `MATCH (d:Organisation)-[r:DENIED]->(o:Operation {name: 'Operation Fixture Lantern'})
       RETURN d.name AS denier, r.evidence AS evidence`,
    );
    expect(denials).toEqual([
      {
        denier: 'Ministry of Foreign Affairs of Nordavia',
        evidence: 'Nordavia has never conducted any operation against Fixturia.',
      },
    ]);
    // The opinions and the evidence note are the claims' provenance, not Statements.
    const statements = await server.db.read(
      `MATCH (s:Statement) WHERE s.stixId STARTS WITH 'opinion--' OR s.stixId STARTS WITH 'note--' RETURN s.id`,
    );
    expect(statements).toEqual([]);
    // first_seen/last_seen give the operation its period (the model gives actors none).
    const [lantern] = await server.db.read<Record<string, unknown>>(
      `MATCH (o:Operation {name: 'Operation Fixture Lantern'}) RETURN o.since AS since, o.until AS until`,
    );
    expect(lantern).toEqual({ since: '2024-11-05', until: '2025-04-18' });
  });
});

describe("MISP's misp-stix converter", () => {
  it('turns the export into a MISP event that keeps APT31 and the Czech foreign ministry attribution', async () => {
    await reseed(server.db);
    const file = path.join(tmp, 'seed.json');
    fs.writeFileSync(file, JSON.stringify(await exportStix(server.db, undefined)));
    const converted = spawnSync(
      ensurePythonTool('misp-stix'),
      [path.resolve('tests/support/misp-stix-convert.py'), file, tmp],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(converted.status, converted.stderr.slice(-3000)).toBe(0);
    const { event } = JSON.parse(converted.stdout) as { event: MispEvent };
    const clusters = (galaxies: MispGalaxy[] | undefined) =>
      (galaxies ?? []).flatMap((g) => g.GalaxyCluster.map((c) => `${g.type}: ${c.value}`));
    // APT31 is the event's intrusion-set cluster.
    expect(clusters(event.Galaxy)).toContain('stix-2.1-intrusion-set: APT31');
    // The ministry is the victim: an organisation object whose name carries the operation
    // (a campaign cluster, which targeted it) and its state (a location cluster).
    const ministry = (event.Object ?? []).find((o) =>
      o.Attribute.some(
        (a) => a.object_relation === 'name' && a.value === 'Czech Ministry of Foreign Affairs',
      ),
    );
    expect(ministry?.name).toBe('organization');
    const name = ministry!.Attribute.find((a) => a.object_relation === 'name')!;
    expect(clusters(name.Galaxy)).toEqual(
      expect.arrayContaining([
        'stix-2.1-campaign: Cyber operation against the Czech Foreign Ministry',
        'stix-2.1-location: Czech Republic',
      ]),
    );
  });
});

interface MispGalaxy {
  type: string;
  GalaxyCluster: { value: string }[];
}
interface MispEvent {
  Galaxy?: MispGalaxy[];
  Object?: {
    name: string;
    Attribute: { object_relation: string; value: string; Galaxy?: MispGalaxy[] }[];
  }[];
}
