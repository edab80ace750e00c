// attribution-graph as a TAXII 2.1 server: OASIS's taxii2-client discovers it, lists the
// collections (the whole graph and a saved investigation), pages through every object and
// filters by type and date; the counts equal what the STIX export says. Then the protocol's
// edges by hand: media types, 406, 401, 403 on writes, 404, bad parameters, keyset pages.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { importBatch } from '../../server/src/exchange/import/run';
import { parseStixBundle } from '../../server/src/exchange/import/stix';
import { GRAPH_COLLECTION_ID } from '../../server/src/exchange/taxii/collections';
import { collectionUuid } from '../../server/src/exchange/taxii/protocol';
import { InvestigationService } from '../../server/src/services/investigations';
import { reseed } from '../support/db';
import { ensurePythonTool } from '../support/python-tools';
import { startTestServer } from '../support/server';

const TOKEN = 'taxii-test-reader-token-0123456789';
const TAXII = 'application/taxii+json;version=2.1';
const auth = { Authorization: `Bearer ${TOKEN}` };

const VIEW = ['actor:apt31', 'org:czech-mfa', 'state:czech-republic', 'operation:czech-mfa-2022'];

let server: RunningServer;
/** The export's STIX ids before the fixture import. */
let beforeIds: Set<string>;
let investigationId: string;
/** The newest claim's recordedAt before the fixture import: added_after's boundary. */
let boundary: string;

async function exported(ids?: string[]): Promise<{ id: string; type: string }[]> {
  const query = ids ? `?ids=${ids.map(encodeURIComponent).join(',')}` : '';
  const response = await fetch(`${server.url}/api/export/stix${query}`, { headers: auth });
  expect(response.status).toBe(200);
  return ((await response.json()) as { objects: { id: string; type: string }[] }).objects;
}

async function exportedFull(): Promise<
  { id: string; type: string; x_attribution_graph_id: string }[]
> {
  const response = await fetch(`${server.url}/api/export/stix`, { headers: auth });
  return (
    (await response.json()) as {
      objects: { id: string; type: string; x_attribution_graph_id: string }[];
    }
  ).objects;
}

async function taxii(url: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await fetch(`${server.url}${url}`, {
    ...init,
    headers: { Accept: TAXII, ...auth, ...init.headers },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

beforeAll(async () => {
  server = await startTestServer({ AUTH_TOKENS: TOKEN });
  await reseed(server.db);
  const investigations = new InvestigationService(server.db, { timeoutMs: 5000 });
  const saved = await investigations.create(
    {
      name: 'TAXII test: APT31 and the Czech ministry',
      notes: '',
      view: {
        ids: ['actor:apt31', 'org:czech-mfa', 'state:czech-republic', 'operation:czech-mfa-2022'],
        layout: 'fcose',
        hiddenLabels: [],
        hiddenTypes: [],
        undated: true,
        unrated: true,
        hideOrphans: false,
        grouped: false,
        merged: false,
        retracted: false,
        folded: false,
      },
      positions: {},
    },
    'taxii-test',
  );
  investigationId = saved.id;
  const [row] = await server.db.read<{ at: string }>(
    'MATCH ()-[r]->() RETURN max(r.recordedAt) AS at',
  );
  boundary = row!.at;
  beforeIds = new Set((await exported()).map((o) => o.id));
  // Claims recorded after the boundary: what added_after must return, and only they.
  await new Promise((r) => setTimeout(r, 5));
  const fixture = 'tests/fixtures/import/stix-2.1.json';
  await importBatch(server.db, parseStixBundle(fixture, fs.readFileSync(fixture, 'utf8')), {
    file: fixture,
  });
}, 120_000);

afterAll(async () => {
  await server.db.write('MATCH (i:Investigation {id: $id}) DELETE i', { id: investigationId });
  await reseed(server.db);
  await server.db.write('MATCH (r:ImportReview) DELETE r');
  await server.stop();
});

describe('TAXII 2.1 read by OASIS taxii2-client', () => {
  it('discovers the API root, lists both collections and pages through every object', async () => {
    const python = ensurePythonTool('taxii2-client');
    // Not spawnSync: the server answering the script runs in this process.
    const result = await promisify(execFile)(
      python,
      [
        path.resolve('tests/support/taxii-client-check.py'),
        `${server.url}/taxii2/`,
        TOKEN,
        '7',
        'relationship',
        boundary.replace(/(\.\d+)?Z$/, (m) => (m === 'Z' ? '.000Z' : m)),
      ],
      { encoding: 'utf8', timeout: 300_000 },
    );
    expect(result.stderr).not.toMatch(/Traceback/);
    const report = JSON.parse(result.stdout) as {
      default: string;
      api_roots: string[];
      api_root_versions: string[];
      collections: {
        id: string;
        title: string;
        can_read: boolean;
        can_write: boolean;
        pages: number;
        ids: string[];
        manifest_pages: number;
        manifest_ids: string[];
        typed_ids: string[];
        recent_ids: string[];
      }[];
    };
    expect(report.api_roots).toEqual([`${server.url}/taxii2/api/`]);
    expect(report.default).toBe(`${server.url}/taxii2/api/`);
    expect(report.api_root_versions).toEqual([TAXII]);

    const whole = report.collections.find((c) => c.id === GRAPH_COLLECTION_ID)!;
    expect(whole).toMatchObject({ title: 'Whole graph', can_read: true, can_write: false });
    // Every object of the export, each once, over several pages of 7.
    const all = await exported();
    expect(whole.ids).toHaveLength(all.length);
    expect(new Set(whole.ids)).toEqual(new Set(all.map((o) => o.id)));
    expect(whole.pages).toBe(Math.ceil(all.length / 7));
    expect(whole.pages).toBeGreaterThan(3);
    expect(new Set(whole.manifest_ids)).toEqual(new Set(all.map((o) => o.id)));
    expect(whole.manifest_pages).toBe(whole.pages);
    // match[type]
    const relationships = all.filter((o) => o.type === 'relationship').map((o) => o.id);
    expect(relationships.length).toBeGreaterThan(10);
    expect(new Set(whole.typed_ids)).toEqual(new Set(relationships));
    expect(whole.typed_ids).toHaveLength(relationships.length);
    // added_after: every claim the later import recorded and every node it brought with a
    // claim; nothing from before. (A node with no claim at all is dated by its own STIX date.)
    const added = all.filter((o) => !beforeIds.has(o.id));
    const recent = new Set(whole.recent_ids);
    for (const id of recent) expect(beforeIds.has(id)).toBe(false);
    const addedRelationships = added.filter((o) => o.type === 'relationship');
    expect(addedRelationships.length).toBeGreaterThan(3);
    for (const o of addedRelationships) expect(recent).toContain(o.id);
    const withClaims = await server.db.read<{ stix: string }>(
      `UNWIND $objects AS o
       MATCH (n:Entity {id: o.ours}) WHERE EXISTS { (n)-[r]-() WHERE r.recordedAt > $boundary }
       RETURN o.stix AS stix`,
      {
        boundary,
        objects: (await exportedFull())
          .filter((o) => added.some((a) => a.id === o.id) && o.type !== 'relationship')
          .map((o) => ({ stix: o.id, ours: o.x_attribution_graph_id })),
      },
    );
    expect(withClaims.length).toBeGreaterThan(2);
    for (const { stix } of withClaims) expect(recent).toContain(stix);

    // The saved investigation: its four nodes and the claims among them.
    const saved = report.collections.find((c) => c.id === collectionUuid(investigationId))!;
    expect(saved.title).toBe('TAXII test: APT31 and the Czech ministry');
    const inView = await exported(VIEW);
    expect(new Set(saved.ids)).toEqual(new Set(inView.map((o) => o.id)));
    expect(saved.ids.length).toBeGreaterThan(4);
  }, 360_000);
});

describe('TAXII 2.1 protocol edges', () => {
  const objects = `/taxii2/api/collections/${GRAPH_COLLECTION_ID}/objects/`;

  it('answers in TAXII media type with date headers, and keyset pages that cover everything once', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const { status, headers, body } = await taxii(
        `${objects}?limit=25${next ? `&next=${encodeURIComponent(next)}` : ''}`,
      );
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe(TAXII);
      const dates = (body.objects as unknown[]).length;
      expect(dates).toBeGreaterThan(0);
      expect(headers.get('x-taxii-date-added-first')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(
        headers.get('x-taxii-date-added-last')! >= headers.get('x-taxii-date-added-first')!,
      ).toBe(true);
      seen.push(...(body.objects as { id: string }[]).map((o) => o.id));
      expect(body.more).toBe(body.next !== undefined);
      next = body.next as string | undefined;
      pages += 1;
    } while (next);
    const all = await exported();
    expect(pages).toBe(Math.ceil(all.length / 25));
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen)).toEqual(new Set(all.map((o) => o.id)));
  });

  it('serves one object by id, its versions, and 404 for an object or collection it lacks', async () => {
    const [first] = await exported();
    const one = await taxii(`${objects}${first!.id}/`);
    expect(one.status).toBe(200);
    expect(one.body.objects).toHaveLength(1);
    expect(one.body.objects[0].id).toBe(first!.id);
    const versions = await taxii(`${objects}${first!.id}/versions/`);
    expect(versions.body.versions).toEqual([one.body.objects[0].modified]);
    const missing = await taxii(`${objects}indicator--00000000-0000-4000-8000-000000000000/`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ title: 'Not Found', http_status: '404' });
    const noCollection = await taxii(
      '/taxii2/api/collections/00000000-0000-4000-8000-000000000000/objects/',
    );
    expect(noCollection.status).toBe(404);
    expect(noCollection.body.description).toMatch(/No collection with id/);
  });

  it('filters by match[id] (a comma list) and match[version]', async () => {
    const [a, b] = await exported();
    const both = await taxii(`${objects}?match[id]=${a!.id},${b!.id}`);
    expect((both.body.objects as { id: string }[]).map((o) => o.id).sort()).toEqual(
      [a!.id, b!.id].sort(),
    );
    const last = await taxii(`${objects}?match[id]=${a!.id}&match[version]=last`);
    expect(last.body.objects).toHaveLength(1);
    const other = await taxii(
      `${objects}?match[id]=${a!.id}&match[version]=1999-01-01T00:00:00.000Z`,
    );
    expect(other.body.objects).toEqual([]);
    expect(other.body.more).toBe(false);
  });

  it('answers 406 with a TAXII error for an Accept it cannot meet (HTML, TAXII 2.0)', async () => {
    for (const accept of ['text/html', 'application/taxii+json;version=2.0']) {
      const { status, headers, body } = await taxii('/taxii2/', { headers: { Accept: accept } });
      expect(status).toBe(406);
      expect(headers.get('content-type')).toBe(TAXII);
      expect(body).toMatchObject({ title: 'Not Acceptable', http_status: '406' });
    }
  });

  it('answers 401 without a valid token, and takes the token as Bearer or as Basic password', async () => {
    const none = await fetch(`${server.url}/taxii2/`, { headers: { Accept: TAXII } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Basic/);
    expect(await none.json()).toMatchObject({ title: 'Unauthorized', http_status: '401' });
    const wrong = await taxii('/taxii2/', {
      headers: { Authorization: 'Bearer not-the-token-0123456789' },
    });
    expect(wrong.status).toBe(401);
    const basic = Buffer.from(`anyone:${TOKEN}`).toString('base64');
    const ok = await taxii('/taxii2/', { headers: { Authorization: `Basic ${basic}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.api_roots).toHaveLength(1);
  });

  it('refuses writes: POST objects is 403 (can_write false), PUT is 405', async () => {
    const post = await taxii(objects, {
      method: 'POST',
      headers: { 'Content-Type': TAXII },
      body: JSON.stringify({ objects: [] }),
    });
    expect(post.status).toBe(403);
    expect(post.body).toMatchObject({ title: 'Forbidden', http_status: '403' });
    const put = await taxii('/taxii2/api/collections/', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.body.http_status).toBe('405');
  });

  it('names a bad parameter: limit 0, a malformed added_after, a next it never gave', async () => {
    const zero = await taxii(`${objects}?limit=0`);
    expect(zero.status).toBe(400);
    expect(zero.body.description).toMatch(/limit/);
    const date = await taxii(`${objects}?added_after=yesterday`);
    expect(date.status).toBe(400);
    expect(date.body.description).toMatch(/added_after/);
    const next = await taxii(`${objects}?next=bogus`);
    expect(next.status).toBe(400);
    expect(next.body.description).toMatch(/next/);
    const nowhere = await taxii('/taxii2/api/nowhere/');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.title).toBe('Not Found');
  });
});
