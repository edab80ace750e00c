// Retracting a Statement (issue 14: "retract, never delete") against the real Neo4j: it stays
// with when, by whom and why; it and the claims that touch it leave every explorer read and
// the saved queries unless includeRetracted=true; a node that is no claim, a stale version, a
// second retraction and a request from another site are refused and write nothing; one change
// records it, and reverting that change brings the Statement back.
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

const SPEAKER = 'person:jan-lipavsky';
const SUBJECT = 'state:china';
const REASON = 'the ministry withdrew the statement';

/** Sends the request and checks that it was refused with `status` and changed nothing. */
async function refused(
  method: string,
  path: string,
  body: unknown,
  status: number,
  headers: Record<string, string> = {},
) {
  const before = await graphCounts(server.db);
  const answer = await send(server, method, path, body, headers);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(await graphCounts(server.db)).toEqual(before);
  return answer.body.error as { code: string; message: string; details?: any };
}

async function created(path: string, body: Record<string, unknown>) {
  const answer = await send(server, 'POST', path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string; version: string } & Record<string, unknown>;
}

/** A Statement of its own: made by Lipavsky, about China, from a Source of its own. */
async function newStatement() {
  const token = fresh('withdrawn').split(' ')[1]!;
  const source = await created('/api/nodes', {
    label: 'Source',
    name: fresh('Ministry press release'),
    url: 'https://example.org/press',
    published: '2025-06-02',
  });
  const statement = await created('/api/nodes', {
    label: 'Statement',
    name: `Minister on ${token}`,
    text: `The ministry attributes ${token} to China`,
    verbatim: false,
    date: '2025-06-02',
  });
  const claim = { sources: [source.id], date: '2025-06-02' };
  const made = await created('/api/relationships', {
    type: 'MADE',
    source: SPEAKER,
    target: statement.id,
    ...claim,
  });
  const about = await created('/api/relationships', {
    type: 'ABOUT',
    source: statement.id,
    target: SUBJECT,
    ...claim,
  });
  return { token, statement, made: made.id, about: about.id };
}

const retract = (id: string, body: Record<string, unknown>) =>
  send(server, 'POST', `/api/nodes/${encodeURIComponent(id)}/retract`, body);

const ids = (items: { id: string }[]) => items.map((x) => x.id);

/** What the explorer's reads show of the statement, by default or with includeRetracted. */
async function seen(s: Awaited<ReturnType<typeof newStatement>>, include: boolean) {
  const flag = include ? 'includeRetracted=true' : 'includeRetracted=false';
  const search = await send(server, 'GET', `/api/search?q=${s.token}&limit=50&${flag}`);
  const neighbours = await send(
    server,
    'GET',
    `/api/nodes/${SPEAKER}/neighbours?limit=1000&${flag}`,
  );
  const graph = await send(
    server,
    'GET',
    `/api/graph?ids=${s.statement.id},${SPEAKER},${SUBJECT}&${flag}`,
  );
  const paths = await send(
    server,
    'GET',
    `/api/paths?from=${SPEAKER}&to=${SUBJECT}&maxDepth=2&limit=50&${flag}`,
  );
  const subject = await send(server, 'GET', `/api/nodes/${SUBJECT}?${flag}`);
  const query = await send(server, 'POST', '/api/queries/statements-by-person/run', {
    params: { person: SPEAKER },
  });
  for (const answer of [search, neighbours, graph, paths, subject, query])
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return {
    search: ids(search.body.hits).includes(s.statement.id),
    neighbourNodes: ids(neighbours.body.nodes).includes(s.statement.id),
    neighbourClaims: ids(neighbours.body.relationships).includes(s.made),
    graphNodes: ids(graph.body.nodes).includes(s.statement.id),
    graphClaims: ids(graph.body.relationships).filter((id) => [s.made, s.about].includes(id))
      .length,
    paths: ids(paths.body.nodes).includes(s.statement.id),
    statementsAbout: ids(subject.body.statements).includes(s.statement.id),
    aboutDegree: subject.body.degree.ABOUT?.in ?? 0,
    // The saved query has no switch: a retracted Statement is never in it.
    savedQuery: query.body.rows.some((r: { id: string }) => r.id === s.statement.id),
  };
}

describe('POST /api/nodes/{id}/retract on a Statement', () => {
  it('answers 200 with the Statement and its retraction: when, by whom and why, its data kept', async () => {
    const s = await newStatement();
    const before = await graphCounts(server.db);
    const { status, body } = await retract(s.statement.id, {
      reason: REASON,
      version: s.statement.version,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      id: s.statement.id,
      label: 'Statement',
      name: s.statement.name,
      text: s.statement.text,
      retractedBy: 'local',
      retractionReason: REASON,
    });
    expect(Date.now() - Date.parse(body.retractedAt)).toBeLessThan(60_000);
    expect(body.version).not.toBe(s.statement.version);
    // Nothing removed: the node, its claims and their ends are all still there.
    const after = await graphCounts(server.db);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.relationships).toEqual(before.relationships);
    expect(after.changes).toBe(before.changes + 1);
    const detail = await send(server, 'GET', `/api/nodes/${s.statement.id}`);
    expect(detail.body.node).toMatchObject({ retractionReason: REASON, retractedBy: 'local' });
    expect(detail.body.version).toBe(body.version);
    // Asked for by id, it still lists who made it and what it is about.
    expect(detail.body.degree).toEqual({ MADE: { in: 1, out: 0 }, ABOUT: { in: 0, out: 1 } });
  });

  it('leaves the log exactly one retract record, with the Statement before and after', async () => {
    const s = await newStatement();
    const { body } = await retract(s.statement.id, { reason: REASON });
    const changes = await changesOf(server, s.statement.id);
    const retractions = changes.filter((c) => c.action === 'retract');
    expect(retractions).toHaveLength(1);
    const [change] = retractions;
    expect(change).toMatchObject({
      entityKind: 'node',
      entity: s.statement.id,
      author: 'local',
      reason: REASON,
      // The request as sent (the client encodes the id, as this test does).
      cause: `POST /api/nodes/${encodeURIComponent(s.statement.id)}/retract`,
      revertOf: null,
      revertedBy: null,
    });
    const { version: _created, ...createdState } = s.statement;
    expect(change.before).toEqual(createdState);
    const { version: _written, ...writtenState } = body;
    expect(change.after).toEqual(writtenState);
    // The same record in the node's own history and in the log.
    const history = await send(server, 'GET', `/api/nodes/${s.statement.id}/history`);
    expect(history.body.changes[0]).toEqual(change);
    const log = await send(server, 'GET', '/api/changes?action=retract&limit=5');
    expect(ids(log.body.changes)).toContain(change.id);
  });

  it('hides it and the claims that touch it from search, neighbours, graphs, paths, node details and saved queries; includeRetracted shows them', async () => {
    const s = await newStatement();
    const visible = {
      search: true,
      neighbourNodes: true,
      neighbourClaims: true,
      graphNodes: true,
      graphClaims: 2,
      paths: true,
      statementsAbout: true,
      savedQuery: true,
    };
    const live = await seen(s, false);
    const liveAll = await seen(s, true);
    expect(live).toMatchObject(visible);
    expect(liveAll).toMatchObject(visible);

    expect((await retract(s.statement.id, { reason: REASON })).status).toBe(200);
    const hidden = await seen(s, false);
    expect(hidden).toEqual({
      search: false,
      neighbourNodes: false,
      neighbourClaims: false,
      graphNodes: false,
      graphClaims: 0,
      paths: false,
      statementsAbout: false,
      aboutDegree: live.aboutDegree - 1,
      savedQuery: false,
    });
    expect(await seen(s, true)).toEqual({ ...liveAll, savedQuery: false });
    // Its relationships themselves are not retracted: only hidden with it.
    const made = await send(server, 'GET', `/api/relationships/${s.made}`);
    expect(made.body.relationship).not.toHaveProperty('retractedAt');
  });

  it('exports it to STIX as revoked', async () => {
    const s = await newStatement();
    const { body } = await retract(s.statement.id, { reason: REASON });
    const bundle = await send(server, 'GET', `/api/export/stix?ids=${s.statement.id},${SUBJECT}`);
    expect(bundle.status).toBe(200);
    expect(
      bundle.body.objects.find(
        (o: { x_attribution_graph_id?: string }) => o.x_attribution_graph_id === s.statement.id,
      ),
    ).toMatchObject({ type: 'note', revoked: true, modified: body.retractedAt });
  });
});

describe('refusals, each writing nothing', () => {
  it('a node that is no claim answers 422 naming its label and the claim labels', async () => {
    const version = await versionOfNode(server, 'actor:apt31');
    const error = await refused(
      'POST',
      '/api/nodes/actor:apt31/retract',
      { reason: REASON, version },
      422,
    );
    expect(error.code).toBe('not_a_claim');
    expect(error.message).toMatch(
      /^actor:apt31 is labelled Actor, which is not a claim: only Statement nodes/,
    );
    expect(error.details).toEqual({ label: 'Actor', claimLabels: ['Statement'] });
  });

  it('a stale version answers 409 with the current state', async () => {
    const s = await newStatement();
    await send(server, 'PATCH', `/api/nodes/${s.statement.id}`, {
      version: s.statement.version,
      channel: 'press conference',
    });
    const error = await refused(
      'POST',
      `/api/nodes/${s.statement.id}/retract`,
      { reason: REASON, version: s.statement.version },
      409,
    );
    expect(error.code).toBe('stale_version');
    expect(error.details.current).toMatchObject({
      id: s.statement.id,
      channel: 'press conference',
    });
    expect(error.details.current).not.toHaveProperty('retractedAt');
  });

  it('a second retraction answers 409 already_retracted; correcting or merging it answers 409 retracted', async () => {
    const s = await newStatement();
    const first = await retract(s.statement.id, { reason: REASON });
    const again = await refused(
      'POST',
      `/api/nodes/${s.statement.id}/retract`,
      { reason: 'again' },
      409,
    );
    expect(again.code).toBe('already_retracted');
    expect(again.message).toContain(first.body.retractedAt);
    const patch = await refused(
      'PATCH',
      `/api/nodes/${s.statement.id}`,
      { version: first.body.version, channel: 'radio' },
      409,
    );
    expect(patch.code).toBe('retracted');
    const other = await newStatement();
    const merge = await refused(
      'POST',
      '/api/nodes/merge',
      { keep: other.statement.id, duplicate: s.statement.id },
      409,
    );
    expect(merge.code).toBe('retracted');
  });

  it('retraction fields in a body answer 400 naming the field and the route that sets them', async () => {
    const s = await newStatement();
    const error = await refused(
      'PATCH',
      `/api/nodes/${s.statement.id}`,
      { version: s.statement.version, retractedAt: '2025-06-02T00:00:00Z' },
      400,
    );
    expect(error.message).toBe(
      'body.retractedAt: set by retracting the claim (POST /api/nodes/{id}/retract)',
    );
  });

  it('without a reason answers 400, an unknown node 404', async () => {
    const s = await newStatement();
    expect(
      (await refused('POST', `/api/nodes/${s.statement.id}/retract`, {}, 400)).message,
    ).toMatch(/body\.reason/);
    expect(
      (await refused('POST', '/api/nodes/statement:no-such-thing/retract', { reason: REASON }, 404))
        .message,
    ).toBe('No node with id "statement:no-such-thing"');
  });

  it('a request from another site answers 403', async () => {
    const s = await newStatement();
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const error = await refused(
        'POST',
        `/api/nodes/${s.statement.id}/retract`,
        { reason: REASON },
        403,
        headers,
      );
      expect(error.code).toBe('cross_site_refused');
    }
  });
});

describe('reverting the retraction', () => {
  it('restores the Statement as it was, as a new change, and the explorer shows it again', async () => {
    const s = await newStatement();
    await retract(s.statement.id, { reason: REASON });
    const [retraction] = (await changesOf(server, s.statement.id)).filter(
      (c) => c.action === 'retract',
    );
    const { status, body } = await send(server, 'POST', `/api/changes/${retraction.id}/revert`, {
      reason: 'the withdrawal was a misreport',
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.change).toMatchObject({
      action: 'restore',
      entityKind: 'node',
      entity: s.statement.id,
      revertOf: retraction.id,
      reason: 'the withdrawal was a misreport',
    });
    expect(body.change.before.retractionReason).toBe(REASON);
    expect(body.change.after).not.toHaveProperty('retractedAt');
    expect(await versionOfNode(server, s.statement.id)).toBe(s.statement.version);
    expect(await seen(s, false)).toMatchObject({
      search: true,
      neighbourNodes: true,
      neighbourClaims: true,
      graphClaims: 2,
      statementsAbout: true,
      savedQuery: true,
    });
    const [latest, original] = await changesOf(server, s.statement.id);
    expect(latest.id).toBe(body.change.id);
    expect(original.id).toBe(retraction.id);
    expect(original.revertedBy).toBe(body.change.id);
    // And it can be retracted again, from the version it has now.
    expect((await retract(s.statement.id, { reason: 'withdrawn after all' })).status).toBe(200);
  });
});
