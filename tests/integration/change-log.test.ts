// The change log against the real Neo4j: one record per write (API, import, seed run) with
// the right before and after, none for a refused write; filters, pages and histories; the
// authors that tokens name; reverts, which are changes of their own.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { SeedError } from '../../server/src/exchange/loader/seed-file';
import { defaultSeedFiles } from '../../seed/paths';
import { graphCounts, reseed } from '../support/db';
import { VALID_SEED, variant, writeSeed } from '../support/seed-fixtures';
import { startTestServer } from '../support/server';
import { changesOf, fresh, send } from '../support/workbench';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
});
afterAll(async () => {
  await reseed(server.db);
  await server.db.write('MATCH (r:ImportReview) DELETE r');
  await server.stop();
});

async function newPerson(name = fresh('Fixture Official')) {
  const { status, body } = await send(server, 'POST', '/api/nodes', { label: 'Person', name });
  expect(status).toBe(201);
  return body as { id: string; version: string; name: string };
}

async function newClaim(target: string) {
  const source = await send(server, 'POST', '/api/nodes', {
    label: 'Source',
    name: fresh('Report'),
    published: '2025-06-01',
  });
  const { status, body } = await send(server, 'POST', '/api/relationships', {
    type: 'SANCTIONED',
    source: 'state:united-states',
    target,
    sources: [source.body.id],
    date: '2025-06-01',
  });
  expect(status).toBe(201);
  return body as { id: string; version: string };
}

describe('one record per write', () => {
  it('each successful write appends exactly one record with the states before and after; a refused one appends none', async () => {
    const person = await newPerson();
    const titled = await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: person.version,
      title: 'Deputy Minister',
    });
    const stale = await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: person.version,
      title: 'Minister',
    });
    expect(stale.status).toBe(409);
    const bad = await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: titled.body.version,
      title: '',
    });
    expect(bad.status).toBe(400);
    const renamed = await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: titled.body.version,
      name: `${person.name} Jr`,
    });
    expect(renamed.status).toBe(200);

    const changes = await changesOf(server, person.id);
    expect(changes.map((c) => c.action)).toEqual(['update', 'update', 'create']);
    const strip = ({ version: _v, ...rest }: Record<string, unknown>) => rest;
    expect(changes[2].after).toEqual(strip(person));
    expect(changes[1].before).toEqual(strip(person));
    expect(changes[1].after).toEqual(strip(titled.body));
    expect(changes[0].before).toEqual(strip(titled.body));
    expect(changes[0].after).toEqual(strip(renamed.body));
    // Newest first, each at its own instant.
    const times = changes.map((c) => Date.parse(c.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('an edit that changes nothing is not a write and appends nothing', async () => {
    const person = await newPerson();
    const same = await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: person.version,
      name: person.name,
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(person.version);
    expect(await changesOf(server, person.id)).toHaveLength(1);
  });

  it('no route alters or removes a record', async () => {
    const [latest] = (await send(server, 'GET', '/api/changes?limit=1')).body.changes;
    const before = await graphCounts(server.db);
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      expect((await send(server, method, `/api/changes/${latest.id}`, {})).status).toBe(404);
    expect(await graphCounts(server.db)).toEqual(before);
    expect((await send(server, 'GET', `/api/changes?limit=1`)).body.changes[0]).toEqual(latest);
  });
});

describe('GET /api/changes', () => {
  it('filters by entity, action and time range, newest first', async () => {
    const start = new Date().toISOString();
    const person = await newPerson();
    await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: person.version,
      title: 'Spokesperson',
    });
    const updates = await send(
      server,
      'GET',
      `/api/changes?entity=${person.id}&action=update&since=${encodeURIComponent(start)}`,
    );
    expect(updates.body.changes.map((c: { action: string }) => c.action)).toEqual(['update']);
    const beforeStart = await send(
      server,
      'GET',
      `/api/changes?entity=${person.id}&until=${encodeURIComponent(new Date(Date.parse(start) - 1).toISOString())}`,
    );
    expect(beforeStart.body.changes).toEqual([]);
    // A day stands for the whole day.
    const today = start.slice(0, 10);
    const ofToday = await send(server, 'GET', `/api/changes?entity=${person.id}&until=${today}`);
    expect(ofToday.body.changes).toHaveLength(2);
  });

  it('pages with `next`: every record once, newest first', async () => {
    const person = await newPerson();
    let version = person.version;
    for (const title of ['Envoy', 'Ambassador', 'Minister']) {
      const { body } = await send(server, 'PATCH', `/api/nodes/${person.id}`, { version, title });
      version = body.version;
    }
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page: { changes: { id: string }[]; next: string | null } = (
        await send(
          server,
          'GET',
          `/api/changes?entity=${person.id}&limit=3${before ? `&before=${before}` : ''}`,
        )
      ).body;
      seen.push(...page.changes.map((c) => c.id));
      before = page.next;
    } while (before);
    const all = await changesOf(server, person.id);
    expect(seen).toEqual(all.map((c) => c.id));
    expect(seen).toHaveLength(4);
  });

  it('names what is wrong with a filter', async () => {
    const action = await send(server, 'GET', '/api/changes?action=destroy');
    expect(action.status).toBe(400);
    expect(action.body.error.message).toMatch(/action: unknown action "destroy"; allowed: create/);
    const since = await send(server, 'GET', '/api/changes?since=yesterday');
    expect(since.status).toBe(400);
    expect(since.body.error.message).toMatch(/since: an ISO 8601 date or date-time/);
    const cursor = await send(
      server,
      'GET',
      '/api/changes?before=change:00000000-0000-0000-0000-000000000000',
    );
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.message).toMatch(/before: no change with id/);
    const bad = await send(server, 'GET', '/api/changes?until=2025-02-30');
    expect(bad.status).toBe(200);
  });

  it('lists the history of a node and of a relationship on their own routes', async () => {
    const person = await newPerson();
    const claim = await newClaim(person.id);
    const nodeHistory = await send(server, 'GET', `/api/nodes/${person.id}/history`);
    // The claim names the person as its target: it is part of the person's history too.
    expect(nodeHistory.body.changes.map((c: { entity: string }) => c.entity)).toEqual([
      claim.id,
      person.id,
    ]);
    const relHistory = await send(server, 'GET', `/api/relationships/${claim.id}/history`);
    expect(relHistory.body).toEqual({
      changes: [expect.objectContaining({ entity: claim.id, action: 'create' })],
      next: null,
    });
  });
});

describe('imports and seed runs', () => {
  it('an import through the API appends one record with its counts and cause; a dry run appends none', async () => {
    const file = fs.readFileSync('tests/fixtures/import/misp-threat-actor.json', 'utf8');
    const upload = (dryRun: boolean) =>
      fetch(`${server.url}/api/import?format=misp-galaxy${dryRun ? '&dryRun=true' : ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: file,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const before = await graphCounts(server.db);
    expect((await upload(true)).status).toBe(200);
    expect((await graphCounts(server.db)).changes).toBe(before.changes);

    const { status, body: summary } = await upload(false);
    expect(status).toBe(200);
    const [run] = (await send(server, 'GET', '/api/changes?action=import&limit=1')).body.changes;
    expect(run).toMatchObject({
      action: 'import',
      entityKind: 'run',
      author: 'local',
      cause: 'POST /api/import?format=misp-galaxy',
      before: null,
      after: expect.objectContaining({
        dataset: summary.dataset,
        created: summary.created,
        merged: summary.merged,
        relationships: summary.relationships,
      }),
    });
    expect((await graphCounts(server.db)).changes).toBe(before.changes + 1);
  });

  it('a seed run appends one record naming its files and counts; a refused one appends none', async () => {
    const before = await graphCounts(server.db);
    const bad = writeSeed(
      'bad.yaml',
      variant((s) => (s.nodes[1]!.label = 'Spy')),
    );
    expect(await loadSeedFiles(server.db, [bad]).catch((e: unknown) => e)).toBeInstanceOf(
      SeedError,
    );
    expect(await graphCounts(server.db)).toEqual(before);

    const good = writeSeed('fixture.yaml', VALID_SEED);
    const summary = await loadSeedFiles(server.db, [...defaultSeedFiles(), good]);
    const [run] = (await send(server, 'GET', '/api/changes?action=seed&limit=1')).body.changes;
    expect(run).toMatchObject({
      action: 'seed',
      entityKind: 'run',
      author: 'local',
      entity: 'source:article-czech-mfa-apt31-2025-05-28',
      related: ['source:fixture-report'],
      cause: 'seed czech-mfa-apt31-2025-05-28.yaml, fixture.yaml',
      after: {
        files: ['czech-mfa-apt31-2025-05-28.yaml', 'fixture.yaml'],
        reset: false,
        deleted: 0,
        counts: summary.counts,
      },
    });
    expect(summary.counts.nodes.Actor?.created).toBe(1);
    expect((await graphCounts(server.db)).changes).toBe(before.changes + 1);
  });

  it('a run cannot be reverted from the API', async () => {
    const [run] = (await send(server, 'GET', '/api/changes?action=seed&limit=1')).body.changes;
    const before = await graphCounts(server.db);
    const { status, body } = await send(server, 'POST', `/api/changes/${run.id}/revert`, {});
    expect(status).toBe(409);
    expect(body.error.code).toBe('not_revertible');
    expect(await graphCounts(server.db)).toEqual(before);
  });
});

describe('reverting a change', () => {
  it('of an update restores the earlier properties as a new change', async () => {
    const person = await newPerson();
    await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: person.version,
      title: 'Wrong title',
    });
    const [update] = await changesOf(server, person.id);
    const { status, body } = await send(server, 'POST', `/api/changes/${update.id}/revert`, {
      reason: 'mistaken title',
    });
    expect(status).toBe(200);
    expect(body.change).toMatchObject({
      action: 'update',
      revertOf: update.id,
      reason: 'mistaken title',
      before: update.after,
      after: update.before,
    });
    const detail = await send(server, 'GET', `/api/nodes/${person.id}`);
    expect(detail.body.version).toBe(person.version);
    // Reverting the revert brings the title back.
    const again = await send(server, 'POST', `/api/changes/${body.change.id}/revert`, {});
    expect(again.body.change.after.title).toBe('Wrong title');
  });

  it('of an entity changed since answers 409 with its current state and writes nothing', async () => {
    const person = await newPerson();
    const first = await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: person.version,
      title: 'First',
    });
    await send(server, 'PATCH', `/api/nodes/${person.id}`, {
      version: first.body.version,
      title: 'Second',
    });
    const [, older] = await changesOf(server, person.id);
    const before = await graphCounts(server.db);
    const { status, body } = await send(server, 'POST', `/api/changes/${older.id}/revert`, {});
    expect(status).toBe(409);
    expect(body.error.code).toBe('changed_since');
    expect(body.error.details.current.title).toBe('Second');
    expect(await graphCounts(server.db)).toEqual(before);
  });

  it('of a claim’s creation retracts the claim (claims are never deleted)', async () => {
    const person = await newPerson();
    const claim = await newClaim(person.id);
    const [creation] = await changesOf(server, claim.id);
    const { status, body } = await send(server, 'POST', `/api/changes/${creation.id}/revert`, {});
    expect(status).toBe(200);
    expect(body.change).toMatchObject({ action: 'retract', revertOf: creation.id });
    const detail = await send(server, 'GET', `/api/relationships/${claim.id}`);
    expect(detail.body.relationship.retractionReason).toBe(`revert of ${creation.id}`);
  });

  it('of a node’s creation removes it while nothing uses it', async () => {
    const person = await newPerson();
    const [creation] = await changesOf(server, person.id);
    const { body } = await send(server, 'POST', `/api/changes/${creation.id}/revert`, {});
    expect(body.change).toMatchObject({ action: 'delete', after: null, revertOf: creation.id });
    expect((await send(server, 'GET', `/api/nodes/${person.id}`)).status).toBe(404);
  });

  it('that does not exist answers 404', async () => {
    const { status } = await send(
      server,
      'POST',
      '/api/changes/change:00000000-0000-0000-0000-000000000000/revert',
      {},
    );
    expect(status).toBe(404);
  });
});

describe('authors', () => {
  const ALICE = 'alice-token-0123456789abcdef';
  const PLAIN = 'plain-token-0123456789abcdef';
  const READER = 'read-token-0123456789abcdef';
  let secured: RunningServer;
  beforeAll(async () => {
    secured = await startTestServer({
      AUTH_TOKENS: READER,
      AUTH_WRITE_TOKENS: `alice:${ALICE},${PLAIN}`,
    });
  });
  afterAll(async () => {
    await secured.stop();
  });
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('a change names the person whose token made it, or a fingerprint of an unnamed token', async () => {
    const byAlice = await send(
      secured,
      'POST',
      '/api/nodes',
      { label: 'Person', name: fresh('Alice’s find') },
      as(ALICE),
    );
    expect(byAlice.status).toBe(201);
    const byPlain = await send(
      secured,
      'POST',
      '/api/nodes',
      { label: 'Person', name: fresh('Unnamed find') },
      as(PLAIN),
    );
    const log = async (entity: string) =>
      (await send(secured, 'GET', `/api/changes?entity=${entity}`, undefined, as(READER))).body
        .changes[0];
    expect((await log(byAlice.body.id)).author).toBe('alice');
    expect((await log(byPlain.body.id)).author).toMatch(/^token-[0-9a-f]{8}$/);
    expect((await log(byPlain.body.id)).author).not.toContain(PLAIN.slice(0, 8));
    const mine = await send(secured, 'GET', '/api/changes?author=alice', undefined, as(READER));
    expect(mine.body.changes.every((c: { author: string }) => c.author === 'alice')).toBe(true);
    expect(mine.body.changes[0].entity).toBe(byAlice.body.id);
  });

  it('a read token cannot write: 403, and nothing is written', async () => {
    const before = await graphCounts(secured.db);
    const { status } = await send(
      secured,
      'POST',
      '/api/nodes',
      { label: 'Person', name: fresh('Reader') },
      as(READER),
    );
    expect(status).toBe(403);
    expect(await graphCounts(secured.db)).toEqual(before);
  });
});
