// Saved investigations on the real Neo4j: each route, its validation (the message names the
// field and nothing is written), 409 from a stale version, 404, write tokens and authors, and
// investigations kept out of what the explorer, search, export and the schema's counts see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { startTestServer } from '../support/server';
import { fresh, send } from '../support/workbench';

let server: RunningServer;
const count = async () =>
  (await server.db.read<{ n: number }>('MATCH (i:Investigation) RETURN count(i) AS n'))[0]!.n;

beforeAll(async () => {
  server = await startTestServer();
  await server.db.write('MATCH (i:Investigation) DELETE i');
});
afterAll(async () => {
  await server.db.write('MATCH (i:Investigation) DELETE i');
  await server.stop();
});

const view = (ids: string[]) => ({
  ids,
  layout: 'fcose',
  hiddenLabels: ['Source'],
  hiddenTypes: [],
  fromYear: 2020,
  undated: true,
  hideOrphans: true,
  grouped: false,
  merged: false,
  retracted: false,
});

const body = (name = fresh('APT31 case')) => ({
  name,
  notes: '## Open questions\n\n- who else *was* targeted?',
  view: view(['actor:apt31', 'state:china']),
  positions: { 'actor:apt31': { x: 10.5, y: -20 }, 'state:china': { x: 200, y: 35.25 } },
});

describe('saving and reopening an investigation', () => {
  it('POST answers 201 with the investigation; GET gives back its view, positions and notes exactly', async () => {
    const input = body();
    const created = await send(server, 'POST', '/api/investigations', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: input.name,
      notes: input.notes,
      view: input.view,
      positions: input.positions,
      author: 'local',
      version: 1,
      nodeCount: 2,
    });
    expect(created.body.id).toMatch(/^inv-[0-9a-f-]{36}$/);
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();

    const read = await send(server, 'GET', `/api/investigations/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('the list names each with its node count, most recently updated first', async () => {
    const first = await send(server, 'POST', '/api/investigations', body());
    const second = await send(server, 'POST', '/api/investigations', {
      ...body(),
      view: view(['actor:apt31']),
      positions: {},
    });
    const { status, body: list } = await send(server, 'GET', '/api/investigations');
    expect(status).toBe(200);
    const ids = list.investigations.map((i: { id: string }) => i.id);
    expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id));
    expect(list.investigations.find((i: { id: string }) => i.id === second.body.id)).toEqual({
      id: second.body.id,
      name: second.body.name,
      author: 'local',
      createdAt: second.body.createdAt,
      updatedAt: second.body.updatedAt,
      nodeCount: 1,
      version: 1,
    });
  });

  it('PUT from the current version replaces it and counts the version up; a stale version answers 409 and changes nothing', async () => {
    const created = await send(server, 'POST', '/api/investigations', body());
    const path = `/api/investigations/${created.body.id}`;
    const next = {
      ...body('Renamed case'),
      view: view(['actor:apt31', 'state:china', 'org:czech-mfa']),
      version: 1,
    };
    const updated = await send(server, 'PUT', path, next);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Renamed case', version: 2, nodeCount: 3 });
    expect(updated.body.createdAt).toBe(created.body.createdAt);

    const stale = await send(server, 'PUT', path, { ...next, name: 'Lost update', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.message).toContain('your version 1, now 2');
    expect(stale.body.error.details.current).toMatchObject({ name: 'Renamed case', version: 2 });
    expect((await send(server, 'GET', path)).body.name).toBe('Renamed case');
  });

  it('DELETE removes it (204); then GET, PUT and DELETE answer 404', async () => {
    const created = await send(server, 'POST', '/api/investigations', body());
    const path = `/api/investigations/${created.body.id}`;
    expect((await send(server, 'DELETE', path)).status).toBe(204);
    const gone = await send(server, 'GET', path);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toContain(created.body.id);
    expect((await send(server, 'PUT', path, { ...body(), version: 1 })).status).toBe(404);
    expect((await send(server, 'DELETE', path)).status).toBe(404);
  });

  it('an id that is not an investigation id answers 400 naming it', async () => {
    const { status, body: answer } = await send(server, 'GET', '/api/investigations/actor:apt31');
    expect(status).toBe(400);
    expect(answer.error.message).toMatch(/^id: /);
  });
});

describe('what is refused, and writes nothing', () => {
  const refused = async (input: unknown, field: RegExp) => {
    const before = await count();
    const { status, body: answer } = await send(server, 'POST', '/api/investigations', input);
    expect(status, JSON.stringify(answer)).toBe(400);
    expect(answer.error.message).toMatch(field);
    expect(await count()).toBe(before);
  };

  it('names the field that is wrong', async () => {
    await refused({ ...body(), name: '  ' }, /body\.name: a name is required/);
    await refused({ ...body(), notes: 'x'.repeat(20_001) }, /body\.notes: notes are at most/);
    await refused(
      { ...body(), view: { ...view(['actor:apt31']), layout: 'spiral' } },
      /body\.view\.layout/,
    );
    await refused(
      { ...body(), view: { ...view(['actor:apt31']), hiddenLabels: ['Investigation'] } },
      /body\.view\.hiddenLabels\.0/,
    );
    await refused(
      { ...body(), view: view(['not an id']) },
      /body\.view\.ids\.0: a node id such as actor:apt31/,
    );
    await refused(
      { ...body(), view: view(Array.from({ length: 501 }, (_, i) => `actor:n${i}`)) },
      /body\.view\.ids: at most 500 nodes/,
    );
    await refused({ ...body(), view: { ...view([]), extra: 1 } }, /body\.view: Unrecognized key/);
  });

  it('refuses positions that are not finite numbers, too far, or of nodes not in the view', async () => {
    // JSON has no Infinity or NaN: they arrive as null.
    await refused(
      { ...body(), positions: { 'actor:apt31': { x: null, y: 0 } } },
      /body\.positions\.actor:apt31\.x/,
    );
    await refused(
      { ...body(), positions: { 'actor:apt31': { x: 2e6, y: 0 } } },
      /body\.positions\.actor:apt31\.x: a coordinate from/,
    );
    await refused(
      { ...body(), positions: { 'org:nato': { x: 1, y: 2 } } },
      /body\.positions\.org:nato: org:nato is not one of view\.ids/,
    );
  });

  it('refuses a PUT without a version, naming it', async () => {
    const created = await send(server, 'POST', '/api/investigations', body());
    const { status, body: answer } = await send(
      server,
      'PUT',
      `/api/investigations/${created.body.id}`,
      body('No version'),
    );
    expect(status).toBe(400);
    expect(answer.error.message).toMatch(/body\.version/);
  });

  it('takes JSON only', async () => {
    const before = await count();
    const response = await fetch(`${server.url}/api/investigations`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(body()),
    });
    expect(response.status).toBe(415);
    expect(await count()).toBe(before);
  });
});

describe('kept apart from the domain graph', () => {
  it('search, the subgraph, export and the schema counts never see an investigation', async () => {
    const before = (await send(server, 'GET', '/api/schema')).body;
    const name = fresh('Distinctive investigation');
    const created = await send(server, 'POST', '/api/investigations', { ...body(name) });
    expect(created.status).toBe(201);
    const after = (await send(server, 'GET', '/api/schema')).body;
    expect(after.labels).toEqual(before.labels);
    expect(after.labels.map((l: { name: string }) => l.name)).not.toContain('Investigation');

    const hits = (await send(server, 'GET', `/api/search?q=${encodeURIComponent('Distinctive')}`))
      .body.hits;
    expect(hits).toEqual([]);
    // Its id is not a node id: the explorer's routes cannot even be asked for it.
    const graph = await send(server, 'GET', `/api/graph?ids=${created.body.id}`);
    expect(graph.status).toBe(400);
    expect((await send(server, 'GET', `/api/nodes/${created.body.id}`)).status).toBe(400);
    const all = await server.db.read<{ n: number }>(
      'MATCH (i:Investigation) WHERE i:Entity OR size(labels(i)) > 1 RETURN count(i) AS n',
    );
    expect(all[0]!.n).toBe(0);
    const bundle = (await send(server, 'GET', '/api/export/stix')).body;
    expect(JSON.stringify(bundle)).not.toContain('Distinctive investigation');
  });
});

describe('write tokens and authors', () => {
  const WRITER = 'alice-token-0123456789abcdef';
  const READER = 'read-token-0123456789abcdef';
  let secured: RunningServer;
  beforeAll(async () => {
    secured = await startTestServer({
      AUTH_TOKENS: READER,
      AUTH_WRITE_TOKENS: `alice:${WRITER}`,
    });
  });
  afterAll(async () => {
    await secured.stop();
  });
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('a read token lists and reads but cannot save, update or delete; the writer is named', async () => {
    const before = await count();
    const denied = await send(secured, 'POST', '/api/investigations', body(), as(READER));
    expect(denied.status).toBe(403);
    expect(await count()).toBe(before);

    const created = await send(secured, 'POST', '/api/investigations', body(), as(WRITER));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ author: 'alice', updatedBy: 'alice' });
    const path = `/api/investigations/${created.body.id}`;
    expect((await send(secured, 'GET', path, undefined, as(READER))).status).toBe(200);
    expect((await send(secured, 'GET', '/api/investigations', undefined, as(READER))).status).toBe(
      200,
    );
    expect((await send(secured, 'PUT', path, { ...body(), version: 1 }, as(READER))).status).toBe(
      403,
    );
    expect((await send(secured, 'DELETE', path, undefined, as(READER))).status).toBe(403);
    expect((await send(secured, 'GET', path)).status).toBe(401);
  });
});
