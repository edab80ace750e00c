// Pulling a collection from a real TAXII 2.1 server (OASIS's medallion, memory backend loaded
// from tests/fixtures/taxii/medallion-data.json): the first pull imports the collection over
// several pages, the second imports nothing, and after objects are added to the server only
// those are pulled. A server that is unreachable or refuses the credentials is named clearly.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localNeo4jOptions, localPassword } from '../../neo4j-local/manager';
import type { RunningServer } from '../../server/src/server';
import { readCursor } from '../../server/src/exchange/taxii/cursor';
import { pullTaxiiCollection, TaxiiPullError } from '../../server/src/exchange/taxii/pull';
import { TAXII_MEDIA_TYPE } from '../../server/src/exchange/taxii/protocol';
import { reseed } from '../support/db';
import { freePort, startMedallion, type RunningMedallion } from '../support/medallion';
import { startTestServer } from '../support/server';
import { testConfig } from '../support/test-config';

const COLLECTION = '5c1e7f3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
const CAMPAIGN = 'campaign--8d3c4e5f-6071-4c9d-aebf-2a3b4c5d6e7f';
const NEW_IDENTITY = 'identity--b06f7182-93a4-4fc0-81e2-5d6e7f8091a2';
const NEW_RELATIONSHIP = 'relationship--c1708293-a4b5-4f0d-92f3-6e7f8091a2b3';

let server: RunningServer;
let medallion: RunningMedallion;
let apiRoot: string;
const credentials = () => ({ user: medallion.user, password: medallion.password });

async function nodeByStixId(stixId: string) {
  const rows = await server.db.read<{ id: string; labels: string[] }>(
    'MATCH (n:Entity {stixId: $stixId}) RETURN n.id AS id, labels(n) AS labels',
    { stixId },
  );
  return rows[0];
}

beforeAll(async () => {
  [server, medallion] = await Promise.all([
    startTestServer({ TAXII_PULL_HOSTS: '127.0.0.1' }),
    startMedallion('tests/fixtures/taxii/medallion-data.json'),
  ]);
  apiRoot = `${medallion.url}api1/`;
  await reseed(server.db);
  await server.db.write('MATCH (c:TaxiiCursor) WHERE c.apiRoot = $apiRoot DELETE c', { apiRoot });
}, 120_000);

afterAll(async () => {
  await server.db.write('MATCH (c:TaxiiCursor) WHERE c.apiRoot = $apiRoot DELETE c', { apiRoot });
  await reseed(server.db);
  await server.db.write('MATCH (r:ImportReview) DELETE r');
  await Promise.all([server.stop(), medallion.stop()]);
});

/** A pull of the fixture collection with the right credentials, two objects a page. */
const pullInPairs = () =>
  pullTaxiiCollection(server.db, {
    apiRoot,
    collectionId: COLLECTION,
    credentials: credentials(),
    pageSize: 2,
  });

describe('pulling a TAXII 2.1 collection from medallion', () => {
  it('first pull imports the whole collection, page by page, and remembers where it ended', async () => {
    const summary = await pullInPairs();
    expect(summary).toMatchObject({
      collectionTitle: 'Harbour Lantern reporting',
      addedAfter: null,
      objects: 5,
      pages: 3,
      referenced: 0,
      cursor: '2024-03-02T10:00:06.000Z',
    });
    expect(summary.imported?.created).toMatchObject({ Actor: 1, Operation: 1, Organisation: 1 });
    expect(summary.imported?.relationships).toMatchObject({
      ATTRIBUTED_TO: { created: 1 },
      TARGETED: { created: 1 },
    });
    expect((await nodeByStixId(CAMPAIGN))?.labels).toContain('Operation');
    const cursor = await readCursor(server.db, apiRoot, COLLECTION);
    expect(cursor).toMatchObject({ addedAfter: '2024-03-02T10:00:06.000Z', objects: 5 });
    // Through the same import as files: one change record for the run.
    const [change] = await server.db.read<{ n: number }>(
      "MATCH (c:Change {action: 'import'}) WHERE c.cause = $cause RETURN count(c) AS n",
      { cause: `TAXII pull of ${apiRoot}collections/${COLLECTION}/` },
    );
    expect(change!.n).toBe(1);
  });

  it('second pull asks with added_after and imports nothing', async () => {
    const summary = await pullInPairs();
    expect(summary).toMatchObject({
      addedAfter: '2024-03-02T10:00:06.000Z',
      objects: 0,
      imported: null,
      cursor: '2024-03-02T10:00:06.000Z',
    });
  });

  it('after objects are added to the server, pulls only those (and fetches what they refer to)', async () => {
    const added = await fetch(`${apiRoot}collections/${COLLECTION}/objects/`, {
      method: 'POST',
      headers: {
        Accept: TAXII_MEDIA_TYPE,
        'Content-Type': TAXII_MEDIA_TYPE,
        Authorization: `Basic ${Buffer.from(`${medallion.user}:${medallion.password}`).toString('base64')}`,
      },
      body: JSON.stringify({
        objects: [
          {
            type: 'identity',
            spec_version: '2.1',
            id: NEW_IDENTITY,
            created: '2024-05-01T08:00:00.000Z',
            modified: '2024-05-01T08:00:00.000Z',
            name: 'Fixture Port Authority',
            identity_class: 'organization',
          },
          {
            type: 'relationship',
            spec_version: '2.1',
            id: NEW_RELATIONSHIP,
            created: '2024-05-01T08:00:00.000Z',
            modified: '2024-05-01T08:00:00.000Z',
            relationship_type: 'targets',
            source_ref: CAMPAIGN,
            target_ref: NEW_IDENTITY,
            external_references: [
              {
                source_name: 'Fixture CERT update',
                url: 'https://cert.example.org/advisories/2024-031',
              },
            ],
          },
        ],
      }),
    });
    expect(added.status).toBe(202);
    const operation = (await nodeByStixId(CAMPAIGN))!.id;

    const summary = await pullInPairs();
    expect(summary.objects).toBe(2);
    expect(summary.referenced).toBe(1);
    expect(summary.cursor! > '2024-03-02T10:00:06.000Z').toBe(true);
    expect(summary.imported?.created).toEqual({ Organisation: 1 });
    expect(summary.imported?.merged).toMatchObject({ Operation: 1 });
    const target = (await nodeByStixId(NEW_IDENTITY))!.id;
    const [targeted] = await server.db.read<{ n: number }>(
      'MATCH (:Operation {id: $operation})-[r:TARGETED]->(:Organisation {id: $target}) RETURN count(r) AS n',
      { operation, target },
    );
    expect(targeted!.n).toBe(1);

    const again = await pullTaxiiCollection(server.db, {
      apiRoot,
      collectionId: COLLECTION,
      credentials: credentials(),
    });
    expect(again.objects).toBe(0);
  });

  it('names a server that refuses the credentials, without repeating them', async () => {
    const error = await pullTaxiiCollection(server.db, {
      apiRoot,
      collectionId: COLLECTION,
      credentials: { user: medallion.user, password: 'wrong-password-9911' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaxiiPullError);
    expect((error as Error).message).toMatch(/refused the credentials \(HTTP 401\)/);
    expect((error as Error).message).not.toMatch(/wrong-password-9911/);
  });

  it('names a server that cannot be reached', async () => {
    // A loopback port nothing listens on.
    const port = await freePort();
    const error = await pullTaxiiCollection(server.db, {
      apiRoot: `http://127.0.0.1:${port}/api1/`,
      collectionId: COLLECTION,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaxiiPullError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `Could not reach the TAXII server at http://127\\.0\\.0\\.1:${port}/api1/collections/.*ECONNREFUSED`,
      ),
    );
  });

  it('POST /api/import/taxii pulls for the Data tab, from listed hosts only', async () => {
    const post = (body: Record<string, unknown>) =>
      fetch(`${server.url}/api/import/taxii`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await post({
      apiRoot,
      collection: COLLECTION,
      user: medallion.user,
      password: medallion.password,
      full: true,
      dryRun: true,
    });
    expect(ok.status).toBe(200);
    const summary = (await ok.json()) as {
      objects: number;
      addedAfter: string | null;
      imported: { dryRun: boolean };
    };
    expect(summary).toMatchObject({ objects: 7, addedAfter: null, imported: { dryRun: true } });

    const refused = await post({
      apiRoot,
      collection: COLLECTION,
      user: medallion.user,
      password: 'nope-1234',
    });
    expect(refused.status).toBe(502);
    expect(
      ((await refused.json()) as { error: { code: string; message: string } }).error,
    ).toMatchObject({
      code: 'taxii_pull_failed',
      message: expect.stringMatching(/refused the credentials \(HTTP 401\)/),
    });

    const elsewhere = await post({
      apiRoot: apiRoot.replace('127.0.0.1', 'localhost'),
      collection: COLLECTION,
    });
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe(
      'taxii_host_not_allowed',
    );

    const bad = await post({ apiRoot: 'ftp://127.0.0.1/api1/', collection: COLLECTION });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/apiRoot/);
  });

  it('npm run import -- taxii pulls with credentials from the environment, never printing them', async () => {
    const config = testConfig();
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'seed/import-cli.ts',
        'taxii',
        apiRoot,
        COLLECTION,
        '--full',
        '--dry-run',
        '--page-size',
        '3',
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          NEO4J_URI: `bolt://127.0.0.1:${config.local.port}`,
          NEO4J_PASSWORD: localPassword({ ...localNeo4jOptions(config), log: () => undefined }),
          TAXII_USER: medallion.user,
          TAXII_PASSWORD: medallion.password,
        },
      },
    );
    expect(stdout).toContain(
      `Pulled "Harbour Lantern reporting" (${COLLECTION}) from ${apiRoot}: 7 new objects in 3 page(s) (the whole collection)`,
    );
    expect(stdout).toMatch(/Dry run \(rolled back\) of TAXII Harbour Lantern reporting/);
    expect(stdout + stderr).not.toContain(medallion.password);
  }, 150_000);
});
