// The workbench's write routes against the real Neo4j: nodes and claims are created,
// corrected, retracted and removed with their change records; every refusal answers 4xx,
// names the field, and writes nothing (graph and change log counted before and after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { graphCounts, reseed } from '../support/db';
import { startTestServer } from '../support/server';
import { changesOf, fresh, send, versionOfNode, versionOfRelationship } from '../support/workbench';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
});
afterAll(async () => {
  await reseed(server.db);
  await server.stop();
});

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

async function newSource(): Promise<string> {
  const { status, body } = await send(server, 'POST', '/api/nodes', {
    label: 'Source',
    name: fresh('Ministry statement'),
    url: 'https://example.org/statement',
    published: '2025-06-02',
    publisher: 'Example Ministry',
  });
  expect(status).toBe(201);
  return body.id as string;
}

async function newClaim(extra: Record<string, unknown> = {}) {
  const source = await newSource();
  const { status, body } = await send(server, 'POST', '/api/relationships', {
    type: 'ATTRIBUTED_TO',
    source: 'operation:czech-mfa-2022',
    target: 'actor:apt31',
    sources: [source],
    assertedBy: 'state:united-kingdom',
    date: '2025-06-02',
    evidence: 'the UK assesses that APT31 was behind it',
    ...extra,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body as { id: string; version: string } & Record<string, unknown>;
}

const neighbourIds = async (id: string, query = '') =>
  (
    await send(server, 'GET', `/api/nodes/${id}/neighbours?limit=1000${query}`)
  ).body.relationships.map((r: { id: string }) => r.id) as string[];

describe('creating a node', () => {
  it('answers 201 with the node in graph JSON, its new id and version, and records the change', async () => {
    const name = fresh('Republic of Fixtures');
    const { status, body } = await send(server, 'POST', '/api/nodes', {
      label: 'State',
      name,
      aliases: ['Fixturia'],
      iso2: 'FX',
      reason: 'named in the ministry statement',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ label: 'State', name, aliases: ['Fixturia'], iso2: 'FX' });
    expect(body.id).toMatch(/^state:republic-of-fixtures-[0-9a-f]{8}$/);
    expect(body.version).toMatch(/^[0-9a-f]{16}$/);
    const detail = await send(server, 'GET', `/api/nodes/${body.id}`);
    expect(detail.body.node).toMatchObject({ id: body.id, iso2: 'FX' });
    expect(detail.body.version).toBe(body.version);

    const [change, ...older] = await changesOf(server, body.id);
    expect(older).toEqual([]);
    const { version: _v, ...element } = body;
    expect(change).toMatchObject({
      action: 'create',
      entityKind: 'node',
      entity: body.id,
      author: 'local',
      before: null,
      after: element,
      reason: 'named in the ministry statement',
      cause: 'POST /api/nodes',
      revertOf: null,
      revertedBy: null,
    });
    expect(Date.now() - Date.parse(change.time)).toBeLessThan(60_000);
  });

  it('with an unknown label answers 400 naming the label and the allowed ones, and writes nothing', async () => {
    const error = await refused('POST', '/api/nodes', { label: 'Spy', name: 'Someone' }, 400);
    expect(error.message).toMatch(/body\.label: unknown label "Spy"; allowed: Actor, State/);
  });

  it('with a property the label does not have, or a malformed one, answers 400 naming it', async () => {
    const unknown = await refused(
      'POST',
      '/api/nodes',
      { label: 'State', name: fresh('Nowhere'), colour: 'blue' },
      400,
    );
    expect(unknown.message).toMatch(/colour/);
    const date = await refused(
      'POST',
      '/api/nodes',
      { label: 'Operation', name: fresh('Operation'), since: '2022-13' },
      400,
    );
    expect(date.message).toMatch(/body\.since: an ISO 8601 date/);
    const statement = await refused(
      'POST',
      '/api/nodes',
      { label: 'Statement', name: fresh('Said') },
      400,
    );
    expect(statement.message).toMatch(/body\.text/);
  });

  it('whose name or alias a node of the label has answers 409 offering that node, unless allowDuplicate', async () => {
    const error = await refused(
      'POST',
      '/api/nodes',
      { label: 'Actor', name: 'Violet-Typhoon' },
      409,
    );
    expect(error.code).toBe('duplicate');
    expect(error.details.existing).toEqual([
      expect.objectContaining({ id: 'actor:apt31', name: 'APT31' }),
    ]);
    const forced = await send(server, 'POST', '/api/nodes', {
      label: 'Actor',
      name: 'Violet-Typhoon',
      allowDuplicate: true,
    });
    expect(forced.status).toBe(201);
    expect(forced.body.id).toBe('actor:violet-typhoon');
    await send(server, 'DELETE', `/api/nodes/${forced.body.id}`);
  });

  it('sent as a form or as text (what another site can post) answers 415 and writes nothing', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const before = await graphCounts(server.db);
      const response = await fetch(`${server.url}/api/nodes`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: JSON.stringify({ label: 'State', name: fresh('Forged') }),
      });
      expect(response.status).toBe(415);
      expect(await graphCounts(server.db)).toEqual(before);
    }
  });
});

describe('correcting a node', () => {
  async function newOrganisation() {
    const { body } = await send(server, 'POST', '/api/nodes', {
      label: 'Organisation',
      name: fresh('Fixture Agency'),
      description: 'An agency',
      kind: 'agency',
    });
    return body as { id: string; version: string };
  }

  it('from the version read changes the properties, null removes one, and the change keeps both states', async () => {
    const org = await newOrganisation();
    const { status, body } = await send(server, 'PATCH', `/api/nodes/${org.id}`, {
      version: org.version,
      kind: 'ministry',
      description: null,
      aliases: ['FA'],
      reason: 'it is a ministry',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: org.id, kind: 'ministry', aliases: ['FA'] });
    expect(body).not.toHaveProperty('description');
    expect(body.version).not.toBe(org.version);
    const [change] = await changesOf(server, org.id);
    expect(change).toMatchObject({ action: 'update', reason: 'it is a ministry' });
    expect(change.before).toMatchObject({ kind: 'agency', description: 'An agency' });
    expect(change.after).toMatchObject({ kind: 'ministry', aliases: ['FA'] });
    expect(change.after).not.toHaveProperty('description');
  });

  it('from a stale version answers 409 with the current state and writes nothing', async () => {
    const org = await newOrganisation();
    const first = await send(server, 'PATCH', `/api/nodes/${org.id}`, {
      version: org.version,
      kind: 'company',
    });
    expect(first.status).toBe(200);
    const error = await refused(
      'PATCH',
      `/api/nodes/${org.id}`,
      { version: org.version, kind: 'union' },
      409,
    );
    expect(error.code).toBe('stale_version');
    expect(error.details.current).toMatchObject({ id: org.id, kind: 'company' });
    expect(error.details.current.version).toBe(first.body.version);
  });

  it('refuses to change its label or to store a value the model forbids, naming the field', async () => {
    const org = await newOrganisation();
    const label = await refused(
      'PATCH',
      `/api/nodes/${org.id}`,
      { version: org.version, label: 'State' },
      400,
    );
    expect(label.message).toMatch(/^body\.label: the label of a node never changes/);
    const kind = await refused(
      'PATCH',
      `/api/nodes/${org.id}`,
      { version: org.version, kind: 'cult' },
      400,
    );
    expect(kind.message).toMatch(/body\.kind/);
    await refused('PATCH', '/api/nodes/org:no-such-thing', { version: org.version }, 404);
  });
});

describe('creating a claim', () => {
  it('answers 201 with the claim in graph JSON, its provenance, period and version, and records it', async () => {
    const claim = await newClaim();
    expect(claim).toMatchObject({
      type: 'ATTRIBUTED_TO',
      source: 'operation:czech-mfa-2022',
      target: 'actor:apt31',
      assertedBy: 'state:united-kingdom',
      date: '2025-06-02',
      periodStart: '2025-06-02',
      periodEnd: '2025-06-02',
    });
    expect(claim.id).toMatch(/^rel:attributed_to:[0-9a-f]{16}$/);
    expect(await neighbourIds('operation:czech-mfa-2022')).toContain(claim.id);
    const detail = await send(server, 'GET', `/api/relationships/${claim.id}`);
    expect(detail.body.assertedBy.id).toBe('state:united-kingdom');
    expect(detail.body.version).toBe(claim.version);
    const changes = await changesOf(server, claim.id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      action: 'create',
      entityKind: 'relationship',
      before: null,
      related: ['operation:czech-mfa-2022', 'actor:apt31'],
    });
  });

  it('without a source answers 400 ("no claim without a source") and writes nothing', async () => {
    const base = {
      type: 'ATTRIBUTED_TO',
      source: 'operation:czech-mfa-2022',
      target: 'actor:apt31',
      date: '2025-06-03',
    };
    const missing = await refused('POST', '/api/relationships', base, 400);
    expect(missing.message).toMatch(/body\.sources/);
    const empty = await refused('POST', '/api/relationships', { ...base, sources: [] }, 400);
    expect(empty.message).toMatch(
      /body\.sources: at least one Source id: no claim without a source/,
    );
    const notASource = await refused(
      'POST',
      '/api/relationships',
      { ...base, sources: ['source:does-not-exist'] },
      400,
    );
    expect(notASource.message).toBe('body.sources.0: no Source node with id source:does-not-exist');
  });

  it('of an unknown type, or of a type the model does not allow between the two labels, answers 400 and writes nothing', async () => {
    const source = await newSource();
    const unknown = await refused(
      'POST',
      '/api/relationships',
      { type: 'HACKED', source: 'actor:apt31', target: 'org:czech-mfa', sources: [source] },
      400,
    );
    expect(unknown.message).toMatch(/body\.type: unknown relationship type "HACKED"; allowed: /);
    const wrongStart = await refused(
      'POST',
      '/api/relationships',
      { type: 'ATTRIBUTED_TO', source: 'state:china', target: 'actor:apt31', sources: [source] },
      400,
    );
    expect(wrongStart.message).toBe(
      'body.source: ATTRIBUTED_TO cannot start at a State (allowed: Operation)',
    );
    const wrongEnd = await refused(
      'POST',
      '/api/relationships',
      {
        type: 'ATTRIBUTED_TO',
        source: 'operation:czech-mfa-2022',
        target: 'org:czech-mfa',
        sources: [source],
      },
      400,
    );
    expect(wrongEnd.message).toBe(
      'body.target: ATTRIBUTED_TO cannot end at a Organisation (allowed: Actor, State)',
    );
  });

  it('to a node that does not exist, asserted by nobody known, or ending before it starts, answers 400', async () => {
    const source = await newSource();
    const base = { type: 'TARGETED', source: 'actor:apt31', sources: [source] };
    expect(
      (await refused('POST', '/api/relationships', { ...base, target: 'org:nowhere' }, 400))
        .message,
    ).toBe('body.target: no node with id org:nowhere');
    expect(
      (
        await refused(
          'POST',
          '/api/relationships',
          { ...base, target: 'org:czech-mfa', assertedBy: 'state:atlantis' },
          400,
        )
      ).message,
    ).toBe('body.assertedBy: no node with id state:atlantis');
    expect(
      (
        await refused(
          'POST',
          '/api/relationships',
          { ...base, target: 'org:czech-mfa', since: '2024', until: '2023' },
          400,
        )
      ).message,
    ).toBe('body.until: until (2023) is before since (2024)');
  });

  it('that exists already (same type, ends, source and party) answers 409 offering it', async () => {
    const claim = await newClaim();
    const again = await refused(
      'POST',
      '/api/relationships',
      {
        type: 'ATTRIBUTED_TO',
        source: claim.source,
        target: claim.target,
        sources: claim.sources,
        assertedBy: claim.assertedBy,
      },
      409,
    );
    expect(again.code).toBe('duplicate_claim');
    expect(again.details.existing.id).toBe(claim.id);
  });
});

describe('correcting a claim', () => {
  it('changes its date and period from the version read, and the change keeps both dates', async () => {
    const claim = await newClaim();
    const { status, body } = await send(server, 'PATCH', `/api/relationships/${claim.id}`, {
      version: claim.version,
      date: '2025-06-05',
      reason: 'the statement was published on the 5th',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ date: '2025-06-05', periodStart: '2025-06-05' });
    const [change] = await changesOf(server, claim.id);
    expect(change.action).toBe('update');
    expect(change.before.date).toBe('2025-06-02');
    expect(change.after.date).toBe('2025-06-05');
  });

  it('from a stale version answers 409 with the current state and writes nothing', async () => {
    const claim = await newClaim();
    await send(server, 'PATCH', `/api/relationships/${claim.id}`, {
      version: claim.version,
      confidence: 'high',
    });
    const error = await refused(
      'PATCH',
      `/api/relationships/${claim.id}`,
      { version: claim.version, confidence: 'low' },
      409,
    );
    expect(error.code).toBe('stale_version');
    // A word is stored as its number (docs/model.md): high is 85.
    expect(error.details.current.confidence).toBe(85);
  });

  it('refuses to remove its last source, to move its ends or to set server fields', async () => {
    const claim = await newClaim();
    const path = `/api/relationships/${claim.id}`;
    expect(
      (await refused('PATCH', path, { version: claim.version, sources: [] }, 400)).message,
    ).toMatch(/body\.sources: at least one Source id/);
    expect(
      (await refused('PATCH', path, { version: claim.version, target: 'state:china' }, 400))
        .message,
    ).toMatch(/^body\.target: the target of a claim never changes/);
    expect(
      (await refused('PATCH', path, { version: claim.version, retractedAt: '2025' }, 400)).message,
    ).toMatch(/^body\.retractedAt: set by retracting the claim/);
  });
});

describe('retracting a claim', () => {
  it('keeps it with when, by whom and why, hides it from the explorer, and shows it on request', async () => {
    const claim = await newClaim();
    const { status, body } = await send(server, 'POST', `/api/relationships/${claim.id}/retract`, {
      reason: 'the ministry withdrew the statement',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: claim.id,
      retractedBy: 'local',
      retractionReason: 'the ministry withdrew the statement',
      evidence: claim.evidence,
    });
    expect(Date.now() - Date.parse(body.retractedAt)).toBeLessThan(60_000);

    // Hidden from every explorer read by default, shown with includeRetracted=true.
    expect(await neighbourIds('operation:czech-mfa-2022')).not.toContain(claim.id);
    expect(await neighbourIds('operation:czech-mfa-2022', '&includeRetracted=true')).toContain(
      claim.id,
    );
    const ends = 'ids=operation:czech-mfa-2022,actor:apt31';
    const subgraph = (q: string) =>
      send(server, 'GET', `/api/graph?${ends}${q}`).then((a) =>
        a.body.relationships.map((r: { id: string }) => r.id),
      );
    expect(await subgraph('')).not.toContain(claim.id);
    expect(await subgraph('&includeRetracted=true')).toContain(claim.id);
    const paths = async (q: string) =>
      (
        await send(server, 'GET', `/api/paths?from=operation:czech-mfa-2022&to=actor:apt31${q}`)
      ).body.relationships.map((r: { id: string }) => r.id);
    expect(await paths('')).not.toContain(claim.id);
    expect(await paths('&includeRetracted=true')).toContain(claim.id);
    const degree = async (q: string) =>
      (await send(server, 'GET', `/api/nodes/actor:apt31${q}`)).body.degree.ATTRIBUTED_TO.in;
    expect(await degree('?includeRetracted=true')).toBe((await degree('')) + 1);
    // Exported to STIX as revoked, so other tools do not count it either.
    const bundle = await send(server, 'GET', `/api/export/stix?${ends}`);
    expect(
      bundle.body.objects.find(
        (o: { x_attribution_graph_id?: string }) => o.x_attribution_graph_id === claim.id,
      ),
    ).toMatchObject({ revoked: true, modified: body.retractedAt });
    // Still readable itself, with its retraction.
    const detail = await send(server, 'GET', `/api/relationships/${claim.id}`);
    expect(detail.body.relationship.retractionReason).toBe('the ministry withdrew the statement');

    const [change] = await changesOf(server, claim.id);
    expect(change).toMatchObject({
      action: 'retract',
      reason: 'the ministry withdrew the statement',
    });
    expect(change.before).not.toHaveProperty('retractedAt');
    expect(change.after.retractedBy).toBe('local');
  });

  it('twice, or correcting a retracted claim, answers 409 and writes nothing', async () => {
    const claim = await newClaim();
    const retracted = await send(server, 'POST', `/api/relationships/${claim.id}/retract`, {
      reason: 'withdrawn',
    });
    expect(
      (await refused('POST', `/api/relationships/${claim.id}/retract`, { reason: 'again' }, 409))
        .code,
    ).toBe('already_retracted');
    expect(
      (
        await refused(
          'PATCH',
          `/api/relationships/${claim.id}`,
          { version: retracted.body.version, date: '2025' },
          409,
        )
      ).code,
    ).toBe('retracted');
  });

  it('without a reason answers 400 and writes nothing', async () => {
    const claim = await newClaim();
    const error = await refused('POST', `/api/relationships/${claim.id}/retract`, {}, 400);
    expect(error.message).toMatch(/body\.reason/);
  });

  it('and reverting the retraction brings the claim back into the explorer', async () => {
    const claim = await newClaim();
    await send(server, 'POST', `/api/relationships/${claim.id}/retract`, { reason: 'withdrawn' });
    const [retraction] = await changesOf(server, claim.id);
    const { status, body } = await send(server, 'POST', `/api/changes/${retraction.id}/revert`, {
      reason: 'the withdrawal was a misreport',
    });
    expect(status).toBe(200);
    expect(body.change).toMatchObject({
      action: 'restore',
      revertOf: retraction.id,
      reason: 'the withdrawal was a misreport',
    });
    expect(body.change.after).not.toHaveProperty('retractedAt');
    expect(await neighbourIds('operation:czech-mfa-2022')).toContain(claim.id);
    expect(await versionOfRelationship(server, claim.id)).toBe(claim.version);
    const [latest, original] = await changesOf(server, claim.id);
    expect(latest.id).toBe(body.change.id);
    expect(original!.id).toBe(retraction.id);
    expect(original!.revertedBy).toBe(body.change.id);
  });
});

describe('removing a node', () => {
  it('that claims use is refused with the list of them, and nothing is written', async () => {
    const error = await refused('DELETE', '/api/nodes/org:czech-mfa', undefined, 409);
    expect(error.code).toBe('has_claims');
    expect(error.details.total).toBeGreaterThan(0);
    expect(error.details.uses).toContainEqual(
      expect.objectContaining({
        kind: 'relationship',
        type: 'TARGETED',
        source: 'operation:czech-mfa-2022',
        target: 'org:czech-mfa',
        as: 'end',
      }),
    );
    expect(error.message).toMatch(/TARGETED operation:czech-mfa-2022 -> org:czech-mfa/);
  });

  it('that is only named as a source or an asserting party is refused too', async () => {
    const claim = await newClaim();
    const source = (claim.sources as string[])[0]!;
    const error = await refused('DELETE', `/api/nodes/${source}`, undefined, 409);
    expect(error.details.uses).toEqual([expect.objectContaining({ id: claim.id, as: 'sources' })]);
  });

  it('created by mistake and never used is removed, recorded, and comes back when reverted', async () => {
    const { body: node } = await send(server, 'POST', '/api/nodes', {
      label: 'Person',
      name: fresh('Mistyped Person'),
    });
    const removed = await send(
      server,
      'DELETE',
      `/api/nodes/${node.id}?version=${node.version}&reason=typo`,
    );
    expect(removed.status).toBe(204);
    expect((await send(server, 'GET', `/api/nodes/${node.id}`)).status).toBe(404);
    const [deletion] = await changesOf(server, node.id);
    const { version: _v, ...element } = node;
    expect(deletion).toMatchObject({
      action: 'delete',
      before: element,
      after: null,
      reason: 'typo',
    });
    const reverted = await send(server, 'POST', `/api/changes/${deletion.id}/revert`, {});
    expect(reverted.body.change).toMatchObject({ action: 'create', revertOf: deletion.id });
    expect(await versionOfNode(server, node.id)).toBe(node.version);
  });
});
