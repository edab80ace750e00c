// Every query in cypher/ on the seeded graph, with defaults and with edge-case parameters;
// parameter validation; user-saved queries stored as :SavedQuery nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { loadQueryFiles } from '../../server/src/services/queries/catalog';
import { getJson, startTestServer } from '../support/server';
import { postJson } from '../support/http';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.db.write('MATCH (q:SavedQuery) DELETE q');
});
afterAll(async () => {
  await server.db.write('MATCH (q:SavedQuery) DELETE q');
  await server.stop();
});

const run = (name: string, params: Record<string, unknown> = {}) =>
  postJson(server, `/api/queries/${name}/run`, { params });
const column = (body: { rows: Record<string, unknown>[] }, name: string) =>
  body.rows.map((r) => r[name]);

describe('GET /api/queries', () => {
  it('lists the shipped queries with their parameter schemas', async () => {
    const { status, body } = await getJson(server, '/api/queries');
    expect(status).toBe(200);
    expect(body.queries.length).toBeGreaterThanOrEqual(12);
    const statements = body.queries.find((q: { name: string }) => q.name === 'statements-about');
    expect(statements.params.entity).toMatchObject({
      type: 'node',
      required: true,
      default: 'actor:apt31',
    });
    expect(statements.result).toBe('table');
  });
});

describe('every shipped query answers on the seeded graph', () => {
  it('each one runs with its defaults', async () => {
    for (const query of loadQueryFiles()) {
      const { status, body } = await run(query.name);
      expect(status, `${query.name}: ${JSON.stringify(body.error)}`).toBe(200);
      expect(body.rows.length, query.name).toBeGreaterThan(0);
      if (query.result === 'graph') expect(body.graph.nodes.length, query.name).toBeGreaterThan(0);
    }
  });

  it('actors and their targets: APT31 and the ministry, through the operation', async () => {
    const { body } = await run('actors-and-targets');
    const ids = body.graph.nodes.map((n: { id: string }) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining(['actor:apt31', 'operation:czech-mfa-2022', 'org:czech-mfa']),
    );
    const none = await run('actors-and-targets', { actor: 'actor:ni-gaobin' });
    expect(none.body.rows).toEqual([]);
  });

  it('who attributed what: the Czech government and the Czech Republic, with the article', async () => {
    const { body } = await run('attributions-with-sources', {
      operation: 'operation:czech-mfa-2022',
    });
    expect(
      body.rows.map((r: Record<string, unknown>) => [r.attributedTo, r.assertedBy]).sort(),
    ).toEqual([
      ['APT31', 'Czech government'],
      ['China', 'Czech Republic'],
    ]);
    expect(body.rows[0].sources[0]).toContain('malicious cyber operation');
  });

  it('everything said about China, newest first', async () => {
    const { body } = await run('statements-about', { entity: 'state:china' });
    expect(column(body, 'text')).toContain(
      'China (Communist Party) is intervening in our society through manipulation, propaganda, and cyber attacks.',
    );
    const dates = column(body, 'date').map((d) => (typeof d === 'string' ? d : ''));
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('condemnations and denials of the operation side by side', async () => {
    const { body } = await run('condemnations-and-denials');
    const condemned = body.rows
      .filter((r: { stance: string }) => r.stance === 'condemned')
      .map((r: { party: string }) => r.party)
      .sort();
    expect(condemned).toEqual(['Czech government', 'European Union', 'NATO']);
    expect(
      body.rows.some(
        (r: { party: string; stance: string }) =>
          r.party === 'China' && r.stance.startsWith('denied'),
      ),
    ).toBe(true);
  });

  it('sanctions: six, by the US and the UK, disputed by China; none since 2025', async () => {
    const { body } = await run('sanctions');
    expect(body.rows).toHaveLength(6);
    expect(new Set(column(body, 'imposedBy'))).toEqual(
      new Set(['United States', 'United Kingdom']),
    );
    expect(body.rows.every((r: { disputedBy: string[] }) => r.disputedBy.includes('China'))).toBe(
      true,
    );
    expect((await run('sanctions', { since: '2025' })).body.rows).toEqual([]);
    expect((await run('sanctions', { since: '2024-03' })).body.rows).toHaveLength(6);
  });

  it('the chain from APT31 to China goes through Chinese state security', async () => {
    const { body } = await run('actor-to-state', { actor: 'actor:apt31' });
    expect(body.graph.nodes.map((n: { id: string }) => n.id).sort()).toEqual([
      'actor:apt31',
      'org:china-state-security',
      'state:china',
    ]);
  });

  it('allies responding: the EU for the Czech Republic, NATO for NATO', async () => {
    expect(
      column((await run('alliance-responses', { alliance: 'org:eu' })).body, 'responder'),
    ).toEqual(['European Union']);
    expect(
      column((await run('alliance-responses', { alliance: 'org:nato' })).body, 'responder'),
    ).toEqual(['NATO']);
  });

  it('operations since a date: the ongoing operation counts for any date', async () => {
    expect((await run('operations-since', { since: '2025-01-01' })).body.rows).toHaveLength(1);
  });

  it('entities sharing a source with APT31, capped by limit', async () => {
    const { body } = await run('shared-sources', { entity: 'actor:apt31', limit: 3 });
    expect(body.rows).toHaveLength(3);
    expect(body.rows[0].shared).toBeGreaterThanOrEqual(body.rows[2].shared);
  });

  it('actors with the most targets: APT31 first', async () => {
    const { body } = await run('top-actors-by-targets', { limit: 1 });
    expect(body.rows).toEqual([
      expect.objectContaining({ actor: 'APT31', targets: 1, operations: 1 }),
    ]);
  });

  it('statements by Kallas, her two quotes among them', async () => {
    const { body } = await run('statements-by-person', { person: 'person:kaja-kallas' });
    expect(body.rows).toHaveLength(4);
    expect(body.rows.filter((r: { verbatim: boolean }) => r.verbatim)).toHaveLength(2);
  });

  it('the neighbourhood grows with depth and narrows with types', async () => {
    const size = async (params: Record<string, unknown>) =>
      (await run('neighbourhood', params)).body.graph.nodes.length;
    const one = await size({ entity: 'actor:apt31', depth: 1 });
    const two = await size({ entity: 'actor:apt31', depth: 2 });
    expect(two).toBeGreaterThan(one);
    expect(
      await size({ entity: 'actor:apt31', depth: 2, types: ['AFFILIATED_WITH', 'PART_OF'] }),
    ).toBe(6);
  });

  it('disputed claims include the affiliations the US asserts and China disputes', async () => {
    const { body } = await run('disputed-claims');
    expect(body.rows.filter((r: { claim: string }) => r.claim === 'AFFILIATED_WITH')).toHaveLength(
      3,
    );
  });
});

describe('retracted claims', () => {
  it('are left out of the queries that weigh claims, and count again once the retraction is reverted', async () => {
    const graph = await getJson(
      server,
      '/api/nodes/operation:czech-mfa-2022/neighbours?rels=ATTRIBUTED_TO',
    );
    const attributions: string[] = graph.body.relationships.map((r: { id: string }) => r.id);
    expect(attributions.length).toBeGreaterThan(0);
    const retractions: string[] = [];
    try {
      for (const id of attributions) {
        const { status } = await postJson(server, `/api/relationships/${id}/retract`, {
          reason: 'test: every attribution withdrawn',
        });
        expect(status).toBe(200);
        const history = await getJson(server, `/api/relationships/${id}/history?limit=1`);
        retractions.push(history.body.changes[0].id);
      }
      const params = { operation: 'operation:czech-mfa-2022' };
      expect((await run('attributions-with-sources', params)).body.rows).toEqual([]);
      expect((await run('actors-and-targets')).body.rows).toEqual([]);
      const stances = column((await run('condemnations-and-denials', params)).body, 'stance');
      expect(stances.some((s) => String(s).startsWith('attributes it to'))).toBe(false);
      const apt31 = (await run('top-actors-by-targets')).body.rows.find(
        (r: { actor: string }) => r.actor === 'APT31',
      );
      expect(apt31.operations).toBe(0);
    } finally {
      for (const change of retractions)
        await postJson(server, `/api/changes/${change}/revert`, { reason: 'test cleanup' });
    }
    expect(
      (await run('attributions-with-sources', { operation: 'operation:czech-mfa-2022' })).body.rows,
    ).toHaveLength(attributions.length);
  });
});

describe('parameter validation', () => {
  it.each([
    ['neighbourhood', { depth: 4 }, /depth must be at most 3/],
    ['neighbourhood', { depth: 'two' }, /depth must be a whole number \(got "two"\)/],
    ['neighbourhood', { types: ['HACKED'] }, /types must be one of/],
    [
      'statements-by-person',
      { person: 'actor:apt31' },
      /person must be the id of a Person \(person:…\)/,
    ],
    ['sanctions', { since: 'last year' }, /ISO 8601/],
    ['statements-about', { entity: '' }, /entity is required/],
    ['sanctions', { colour: 'red' }, /Unknown parameter\(s\) colour; this query takes since/],
  ])('%s with %j is a 400 that says why', async (name, params, message) => {
    const { status, body } = await run(name, params);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });

  it('a node parameter takes a name or an alias, in any case, as well as an id', async () => {
    const byId = await run('statements-about', { entity: 'actor:apt31' });
    expect(byId.body.rows.length).toBeGreaterThan(0);
    for (const entity of ['APT31', 'apt31', 'Violet Typhoon', ' zirconium ']) {
      const byName = await run('statements-about', { entity });
      expect(byName.status, entity).toBe(200);
      expect(byName.body.rows, entity).toEqual(byId.body.rows);
    }
    const china = await run('neighbourhood', { entity: 'China', depth: 1 });
    expect(china.status, JSON.stringify(china.body.error)).toBe(200);
    expect(china.body.graph.nodes.map((n: { id: string }) => n.id)).toContain('state:china');
  });

  it('a name that names no node of the label, or several at the best rank, is a 400 naming them', async () => {
    const none = await run('statements-about', { entity: 'Nobody At All' });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe(
      'entity: no node is named "Nobody At All" (by name or alias)',
    );
    // APT31 is an Actor: as a Person it names nobody.
    const wrongLabel = await run('statements-by-person', { person: 'APT31' });
    expect(wrongLabel.status).toBe(400);
    expect(wrongLabel.body.error.message).toMatch(/person: no Person is named "APT31"/);
    await server.db.write(
      `CREATE (:Entity:Actor {id: 'actor:twin-one', name: 'Twin One', aliases: ['Shared Twin']}),
              (:Entity:Actor {id: 'actor:twin-two', name: 'Twin Two', aliases: ['shared twin']})`,
    );
    try {
      const twins = await run('statements-about', { entity: 'Shared Twin' });
      expect(twins.status).toBe(400);
      expect(twins.body.error.message).toBe(
        'entity: "Shared Twin" names 2 nodes: Twin One (actor:twin-one), Twin Two (actor:twin-two); give the id',
      );
      // An exact name outranks another node's alias: not ambiguous.
      await server.db.write("MATCH (n:Actor {id: 'actor:twin-two'}) SET n.aliases = ['Twin One']");
      expect((await run('statements-about', { entity: 'Twin One' })).status).toBe(200);
    } finally {
      await server.db.write("MATCH (n:Actor) WHERE n.id STARTS WITH 'actor:twin-' DELETE n");
    }
  });

  it('an unknown query is a 404', async () => {
    expect((await run('no-such-query')).status).toBe(404);
  });
});

describe('user-saved queries', () => {
  const mine = {
    name: 'my-actors',
    title: 'My actors',
    description: 'Actors whose name starts with a prefix',
    result: 'table',
    params: { prefix: { type: 'string', default: 'A' } },
    cypher: 'MATCH (a:Actor) WHERE a.name STARTS WITH $prefix RETURN a.name AS name ORDER BY name',
  };

  it('are saved, listed beside the shipped ones, run, edited and deleted', async () => {
    expect((await postJson(server, '/api/queries', mine)).status).toBe(201);
    const stored = await server.db.read<{ labels: string[] }>(
      "MATCH (q {name: 'my-actors'}) RETURN labels(q) AS labels",
    );
    expect(stored[0]?.labels).toEqual(['SavedQuery']);

    const list = await getJson(server, '/api/queries');
    expect(list.body.queries.find((q: { name: string }) => q.name === 'my-actors')).toMatchObject({
      origin: 'user',
      title: 'My actors',
    });

    expect((await run('my-actors')).body.rows).toEqual([{ name: 'APT31' }]);
    expect((await run('my-actors', { prefix: 'Z' })).body.rows).toEqual([
      { name: 'Zhao Guangzong' },
    ]);

    const edited = await postJson(
      server,
      '/api/queries/my-actors',
      { ...mine, title: 'My actors, edited' },
      'PUT',
    );
    expect(edited.status).toBe(200);
    expect((await getJson(server, '/api/queries/my-actors')).body.title).toBe('My actors, edited');

    expect((await postJson(server, '/api/queries/my-actors', {}, 'DELETE')).status).toBe(204);
    expect((await run('my-actors')).status).toBe(404);
  });

  it('saved from the console without declared parameters, get those the text uses', async () => {
    const fromConsole = {
      name: 'sponsored-by',
      title: 'Sponsored by a state',
      description: 'Actors a state sponsors',
      result: 'table',
      params: {},
      cypher:
        "MATCH (a:Actor)-[*1..3]->(s:State {id: $state}) WHERE a.name <> $skip // not $comment\nRETURN DISTINCT a.name AS name, '$notParam' AS x ORDER BY name",
    };
    expect((await postJson(server, '/api/queries', fromConsole)).status).toBe(201);
    const stored = await getJson(server, '/api/queries/sponsored-by');
    expect(Object.keys(stored.body.params)).toEqual(['state', 'skip']);
    expect(stored.body.params.state).toMatchObject({ type: 'node', required: true });
    expect(stored.body.params.skip).toMatchObject({ type: 'string', required: true });
    // Without them: our 400 naming each, not the database's "Expected parameter(s)".
    const missing = await run('sponsored-by');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('state is required; skip is required');
    const ran = await run('sponsored-by', { state: 'China', skip: 'nobody' });
    expect(ran.status, JSON.stringify(ran.body.error)).toBe(200);
    expect(ran.body.rows.map((r: { name: string }) => r.name)).toContain('APT31');
    // A parameter name a form cannot carry is refused, naming it; nothing is stored.
    const odd = await postJson(server, '/api/queries', {
      ...fromConsole,
      name: 'odd-param',
      cypher: 'MATCH (a:Actor) WHERE a.name = $`odd name` RETURN a',
    });
    expect(odd.status).toBe(400);
    expect(odd.body.error.message).toMatch(/body\.cypher uses the parameter \$`odd name`/);
    expect((await getJson(server, '/api/queries/odd-param')).status).toBe(404);
    expect((await postJson(server, '/api/queries/sponsored-by', {}, 'DELETE')).status).toBe(204);
  });

  it('are validated like the shipped ones: a bad header or a write is refused and nothing is stored', async () => {
    const badHeader = await postJson(server, '/api/queries', { ...mine, result: 'chart' });
    expect(badHeader.status).toBe(400);
    expect(badHeader.body.error.message).toContain('result');
    const badParam = await postJson(server, '/api/queries', {
      ...mine,
      params: { n: { type: 'int', default: 'x' } },
    });
    expect(badParam.body.error.message).toMatch(/params\.n\.default/);
    const write = await postJson(server, '/api/queries', {
      ...mine,
      cypher: 'MATCH (a:Actor) SET a.x = 1',
    });
    expect(write.status).toBe(400);
    expect(write.body.error.code).toBe('query_refused');
    const clash = await postJson(server, '/api/queries', { ...mine, name: 'sanctions' });
    expect(clash.status).toBe(409);
    expect(await server.db.read('MATCH (q:SavedQuery) RETURN q')).toEqual([]);
  });
});
