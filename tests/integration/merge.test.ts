// Merging two nodes that are one entity, against the real Neo4j: aliases united, claims
// moved, references rewritten, the duplicate removed; the merge recorded and undone by
// reverting it, and done again by reverting the undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { graphCounts, reseed } from '../support/db';
import { startTestServer } from '../support/server';
import { changesOf, fresh, send, versionOfNode } from '../support/workbench';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
});
afterAll(async () => {
  await reseed(server.db);
  await server.stop();
});

async function created(path: string, body: Record<string, unknown>) {
  const answer = await send(server, 'POST', path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string; version: string } & Record<string, unknown>;
}

/** Two actors that turn out to be one, each with claims, and a claim that names the duplicate. */
async function twins() {
  const source = await created('/api/nodes', {
    label: 'Source',
    name: fresh('Vendor report'),
    published: '2025-04-01',
  });
  const keep = await created('/api/nodes', {
    label: 'Actor',
    name: fresh('Fixture Panda'),
    aliases: [fresh('FP')],
    kind: 'group',
  });
  const duplicate = await created('/api/nodes', {
    label: 'Actor',
    name: fresh('Fixture Bear'),
    aliases: [fresh('FB')],
    description: 'Named by another vendor',
    allowDuplicate: true,
  });
  const claim = (body: Record<string, unknown>) =>
    created('/api/relationships', { sources: [source.id], date: '2025-04-01', ...body });
  const attribution = await claim({
    type: 'ATTRIBUTED_TO',
    source: 'operation:czech-mfa-2022',
    target: duplicate.id,
  });
  const targeting = await claim({
    type: 'TARGETED',
    source: duplicate.id,
    target: 'org:czech-mfa',
  });
  const disputed = await claim({
    type: 'TARGETED',
    source: keep.id,
    target: 'state:czech-republic',
    disputedBy: [duplicate.id],
  });
  return { source, keep, duplicate, attribution, targeting, disputed };
}

const relationship = async (id: string) =>
  (await send(server, 'GET', `/api/relationships/${id}`)).body.relationship;

describe('merging two nodes', () => {
  it('unites the aliases, moves the claims, rewrites references, removes the duplicate and records it', async () => {
    const t = await twins();
    const { status, body } = await send(server, 'POST', '/api/nodes/merge', {
      keep: t.keep.id,
      duplicate: t.duplicate.id,
      keepVersion: t.keep.version,
      duplicateVersion: t.duplicate.version,
      reason: 'the vendors name one group',
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.node).toMatchObject({
      id: t.keep.id,
      name: t.keep.name,
      kind: 'group',
      description: 'Named by another vendor',
    });
    expect(new Set(body.node.aliases)).toEqual(
      new Set([
        ...(t.keep.aliases as string[]),
        t.duplicate.name,
        ...(t.duplicate.aliases as string[]),
      ]),
    );
    expect(new Set(body.moved)).toEqual(new Set([t.attribution.id, t.targeting.id]));
    expect((await send(server, 'GET', `/api/nodes/${t.duplicate.id}`)).status).toBe(404);

    expect(await relationship(t.attribution.id)).toMatchObject({ target: t.keep.id });
    expect(await relationship(t.targeting.id)).toMatchObject({ source: t.keep.id });
    expect((await relationship(t.disputed.id)).disputedBy).toEqual([t.keep.id]);

    const [change] = await changesOf(server, t.keep.id);
    expect(change).toMatchObject({
      id: body.change,
      action: 'merge',
      entity: t.keep.id,
      reason: 'the vendors name one group',
    });
    expect(change.related).toEqual(
      expect.arrayContaining([t.duplicate.id, t.attribution.id, t.targeting.id, t.disputed.id]),
    );
    // The duplicate's own history ends with the merge.
    expect((await changesOf(server, t.duplicate.id))[0].id).toBe(body.change);
  });

  it('is undone by reverting it: the duplicate, its claims and the kept node come back as they were', async () => {
    const t = await twins();
    const merged = await send(server, 'POST', '/api/nodes/merge', {
      keep: t.keep.id,
      duplicate: t.duplicate.id,
    });
    const unmerged = await send(server, 'POST', `/api/changes/${merged.body.change}/revert`, {
      reason: 'two groups after all',
    });
    expect(unmerged.status, JSON.stringify(unmerged.body)).toBe(200);
    expect(unmerged.body.change).toMatchObject({
      action: 'unmerge',
      revertOf: merged.body.change,
      reason: 'two groups after all',
    });
    expect(await versionOfNode(server, t.keep.id)).toBe(t.keep.version);
    expect(await versionOfNode(server, t.duplicate.id)).toBe(t.duplicate.version);
    expect(await relationship(t.attribution.id)).toMatchObject({ target: t.duplicate.id });
    expect(await relationship(t.targeting.id)).toMatchObject({ source: t.duplicate.id });
    expect((await relationship(t.disputed.id)).disputedBy).toEqual([t.duplicate.id]);

    // Reverting the undo merges them again.
    const again = await send(server, 'POST', `/api/changes/${unmerged.body.change.id}/revert`, {});
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.change).toMatchObject({ action: 'merge', revertOf: unmerged.body.change.id });
    expect((await send(server, 'GET', `/api/nodes/${t.duplicate.id}`)).status).toBe(404);
    expect(await relationship(t.targeting.id)).toMatchObject({ source: t.keep.id });
  });

  it('cannot be undone once the kept node changed: 409 naming it, and nothing is written', async () => {
    const t = await twins();
    const merged = await send(server, 'POST', '/api/nodes/merge', {
      keep: t.keep.id,
      duplicate: t.duplicate.id,
    });
    await send(server, 'PATCH', `/api/nodes/${t.keep.id}`, {
      version: merged.body.node.version,
      kind: 'company',
    });
    const before = await graphCounts(server.db);
    const { status, body } = await send(
      server,
      'POST',
      `/api/changes/${merged.body.change}/revert`,
      {},
    );
    expect(status).toBe(409);
    expect(body.error.code).toBe('changed_since');
    expect(body.error.details.changed).toEqual([t.keep.id]);
    expect(await graphCounts(server.db)).toEqual(before);
  });

  it('of nodes of two labels, of a node with itself or with a missing node, is refused and writes nothing', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [
        { keep: 'actor:apt31', duplicate: 'state:china' },
        400,
        /^body\.duplicate: state:china is a State and actor:apt31 a Actor/,
      ],
      [{ keep: 'actor:apt31', duplicate: 'actor:apt31' }, 400, /merged into itself/],
      [{ keep: 'actor:apt31', duplicate: 'actor:nobody' }, 404, /No node with id "actor:nobody"/],
      [
        { keep: 'actor:apt31', duplicate: 'actor:wuhan-xrz', keepVersion: '0000000000000000' },
        409,
        /changed since you read it/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const before = await graphCounts(server.db);
      const answer = await send(server, 'POST', '/api/nodes/merge', body);
      expect(answer.status).toBe(status);
      expect(answer.body.error.message).toMatch(message);
      expect(await graphCounts(server.db)).toEqual(before);
    }
  });
});
