// The explorer's API on the seeded graph (real Neo4j).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import neo4j from 'neo4j-driver';
import { connectTestDb } from '../support/db';
import { getJson, startTestServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('search', () => {
  it('finds APT31 by an alias, with the alias in the snippet', async () => {
    const { status, body } = await getJson(server, '/api/search?q=Violet%20Typhoon');
    expect(status).toBe(200);
    expect(body.hits[0]).toMatchObject({ id: 'actor:apt31', label: 'Actor', name: 'APT31' });
    expect(body.hits[0].snippet).toContain('Violet Typhoon');
  });

  it("finds Lipavsky's post by a word of his quote", async () => {
    const { body } = await getJson(server, '/api/search?q=propaganda');
    expect(body.hits.map((h: { id: string }) => h.id)).toContain('statement:lipavsky-x-post');
  });

  it('matches prefixes and small misspellings', async () => {
    const prefix = await getJson(server, '/api/search?q=Lipav');
    expect(prefix.body.hits[0].id).toBe('person:jan-lipavsky');
    const fuzzy = await getJson(server, '/api/search?q=Lipavski');
    expect(fuzzy.body.hits.map((h: { id: string }) => h.id)).toContain('person:jan-lipavsky');
  });

  it('filters by label', async () => {
    const { body } = await getJson(server, '/api/search?q=china&types=State');
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits.every((h: { label: string }) => h.label === 'State')).toBe(true);
  });

  describe('ranking on imported-shaped data', () => {
    // As after an ATT&CK import: citation Sources whose titles repeat an actor's name (and
    // outscore it in Lucene), a tool that shares the actor's alias, a name written as one word.
    const sources = Array.from({ length: 8 }, (_, i) => ({
      id: `source:fx-rank-${i}`,
      name: `Vendor ${i}. (2020, May ${i + 1}). Kraken Group campaign ${i}: Kraken Group again. Retrieved May 2021.`,
    }));
    beforeAll(async () => {
      const db = connectTestDb();
      try {
        await db.write(
          `UNWIND $sources AS s MERGE (n:Entity:Source {id: s.id}) SET n.name = s.name
           MERGE (a:Entity:Actor {id: 'actor:fx-rank-kraken'}) SET a.name = 'Kraken Group', a.aliases = ['Sea Monster']
           MERGE (t:Entity:Capability {id: 'capability:fx-rank-tool'}) SET t.name = 'KrakenTool', t.aliases = ['Sea Monster']
           MERGE (b:Entity:Actor {id: 'actor:fx-rank-apt77'}) SET b.name = 'APT77'`,
          { sources },
        );
      } finally {
        await db.close();
      }
    });
    afterAll(async () => {
      const db = connectTestDb();
      try {
        await db.write(
          `MATCH (n:Entity) WHERE n.id STARTS WITH 'source:fx-rank-' OR n.id IN $ids DETACH DELETE n`,
          {
            ids: ['actor:fx-rank-kraken', 'capability:fx-rank-tool', 'actor:fx-rank-apt77'],
          },
        );
      } finally {
        await db.close();
      }
    });
    const ids = async (q: string) =>
      (await getJson(server, `/api/search?q=${encodeURIComponent(q)}`)).body.hits as {
        id: string;
        label: string;
      }[];

    it('lists the actor before the Sources that cite it, and every Source after the rest', async () => {
      const hits = await ids('Kraken');
      expect(hits[0]?.id).toBe('actor:fx-rank-kraken');
      const firstSource = hits.findIndex((h) => h.label === 'Source');
      expect(firstSource).toBeGreaterThan(0);
      expect(hits.slice(firstSource).every((h) => h.label === 'Source')).toBe(true);
    });

    it('lists a party whose alias is the query before a tool with the same alias', async () => {
      expect((await ids('Sea Monster')).slice(0, 2).map((h) => h.id)).toEqual([
        'actor:fx-rank-kraken',
        'capability:fx-rank-tool',
      ]);
    });

    it('finds a one-word name written with a space or a hyphen', async () => {
      for (const q of ['APT 77', 'apt-77', 'APT77'])
        expect((await ids(q))[0]?.id, q).toBe('actor:fx-rank-apt77');
    });
  });

  it('treats Lucene syntax in the query as text', async () => {
    const { status } = await getJson(
      server,
      '/api/search?q=' + encodeURIComponent('APT31") OR *:* ~'),
    );
    expect(status).toBe(200);
  });

  it('rejects a q of 10,000 characters with a 400 that names q', async () => {
    const { status, body } = await getJson(server, `/api/search?q=${'a'.repeat(10_000)}`);
    expect(status).toBe(400);
    expect(body.error.message).toContain('q must be at most 200 characters');
  });
});

describe('neighbours', () => {
  it('of the operation include the ministry and APT31, with provenance on every relationship', async () => {
    const { status, body } = await getJson(
      server,
      '/api/nodes/operation:czech-mfa-2022/neighbours',
    );
    expect(status).toBe(200);
    const ids = body.nodes.map((n: { id: string }) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining(['operation:czech-mfa-2022', 'org:czech-mfa', 'actor:apt31']),
    );
    expect(body.truncated).toBe(false);
    for (const r of body.relationships) expect(r.sources.length).toBeGreaterThan(0);
  });

  it('are capped with a truncated flag and the count left out', async () => {
    const { body } = await getJson(
      server,
      '/api/nodes/operation:czech-mfa-2022/neighbours?limit=3',
    );
    expect(body.nodes).toHaveLength(4);
    expect(body.truncated).toBe(true);
    expect(body.omitted.nodes).toBeGreaterThan(0);
  });

  it('follow only the requested relationship types', async () => {
    const { body } = await getJson(
      server,
      '/api/nodes/operation:czech-mfa-2022/neighbours?rels=ATTRIBUTED_TO',
    );
    expect(body.nodes.map((n: { id: string }) => n.id).sort()).toEqual([
      'actor:apt31',
      'operation:czech-mfa-2022',
      'state:china',
    ]);
  });

  it('drop relationships outside the time window (a partial date covers its period)', async () => {
    const all = await getJson(server, '/api/nodes/actor:apt31/neighbours');
    const before2024 = await getJson(server, '/api/nodes/actor:apt31/neighbours?until=2023');
    const ids = (g: { body: { nodes: { id: string }[] } }) => g.body.nodes.map((n) => n.id);
    expect(ids(all)).toContain('actor:wuhan-xrz');
    expect(ids(before2024)).not.toContain('actor:wuhan-xrz'); // sanctioned/affiliated 2024-03-25
    const in2024 = await getJson(server, '/api/nodes/actor:apt31/neighbours?since=2024&until=2024');
    expect(ids(in2024)).toContain('actor:wuhan-xrz');
  });

  it('reach further with depth 2', async () => {
    const { body } = await getJson(server, '/api/nodes/actor:apt31/neighbours?depth=2');
    expect(body.nodes.map((n: { id: string }) => n.id)).toContain('state:china');
  });

  it('steps on from a neighbour only when it has no more links than the limit', async () => {
    const start = 'operation:czech-mfa-2022';
    const limit = 6;
    // The oracle, straight from the graph: the nodes one step away, and the neighbours of
    // those that have at most `limit` links (the others are hubs, shown but not passed).
    const db = connectTestDb();
    const [oracle] = await db
      .read<{ near: string[]; hubs: string[]; far: string[]; unrestricted: number }>(
        `MATCH (s:Entity {id: $start})--(m:Entity)
         WITH s, collect(DISTINCT m) AS near
         CALL (s, near) {
           UNWIND near AS m
           OPTIONAL MATCH (m)--(f:Entity) WHERE f <> s AND COUNT { (m)--() } <= $limit
           RETURN collect(DISTINCT f.id) AS far
         }
         CALL (s) {
           MATCH (s)-[*1..2]-(x:Entity) WHERE x <> s
           RETURN count(DISTINCT x) AS unrestricted
         }
         RETURN [m IN near | m.id] AS near, [m IN near WHERE COUNT { (m)--() } > $limit | m.id] AS hubs,
                far, unrestricted`,
        { start, limit: neo4j.int(limit) },
      )
      .finally(() => db.close());
    const reachable = new Set([...oracle!.near, ...oracle!.far]);
    expect(oracle!.hubs.length).toBeGreaterThan(0);
    expect(reachable.size).toBeLessThan(oracle!.unrestricted);

    const { body } = await getJson(server, `/api/nodes/${start}/neighbours?depth=2&limit=${limit}`);
    expect(body.nodes).toHaveLength(limit + 1);
    expect(body.nodes.length - 1 + body.omitted.nodes).toBe(reachable.size);
    for (const n of body.nodes as { id: string }[])
      if (n.id !== start) expect(reachable.has(n.id)).toBe(true);
  });

  it.each([
    ['depth=10', /depth must be from 1 to 3/],
    ['depth=two', /depth must be a whole number/],
    ['rels=HACKED', /unknown relationship type "HACKED"/],
    ['types=Alien', /unknown label "Alien"/],
    ['since=May%202024', /since: an ISO 8601 date/],
  ])('rejects %s with a 400 that says what is allowed', async (query, message) => {
    const { status, body } = await getJson(server, `/api/nodes/actor:apt31/neighbours?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(message);
  });

  it('answers 404 for an id that does not exist', async () => {
    const { status, body } = await getJson(server, '/api/nodes/actor:nobody/neighbours');
    expect(status).toBe(404);
    expect(body.error.message).toContain('actor:nobody');
  });
});

describe('nodes, relationships, paths, schema, graph', () => {
  it('a node comes with its degree per type and the statements about it, newest first', async () => {
    const { body } = await getJson(server, '/api/nodes/state:china');
    expect(body.node).toMatchObject({ id: 'state:china', label: 'State', iso2: 'CN' });
    expect(body.degree.ATTRIBUTED_TO).toEqual({ in: 1, out: 0 });
    const texts = body.statements.map((s: { text: string }) => s.text);
    expect(texts).toContain(
      'China (Communist Party) is intervening in our society through manipulation, propaganda, and cyber attacks.',
    );
    expect(body.statements[0].speakers[0].name).toBeTruthy();
  });

  it("a node's references come as Source nodes, with their URLs", async () => {
    const { body } = await getJson(server, '/api/nodes/actor:apt31');
    expect(body.sources).toEqual([
      expect.objectContaining({
        id: 'source:mitre-attack-g0128',
        label: 'Source',
        name: 'MITRE ATT&CK, Group G0128 (APT31)',
        url: 'https://attack.mitre.org/groups/G0128/',
      }),
    ]);
    expect(body.speakers).toEqual([]);
    expect(body.subjects).toEqual([]);
  });

  it('a statement names who made it and what it is about', async () => {
    const { body } = await getJson(server, '/api/nodes/statement:lipavsky-x-post');
    expect(body.speakers).toEqual([
      { id: 'person:jan-lipavsky', label: 'Person', name: 'Jan Lipavsky' },
    ]);
    expect(body.subjects).toEqual([{ id: 'state:china', label: 'State', name: 'China' }]);
  });

  it('a path exists between China and the Czech Ministry of Foreign Affairs', async () => {
    const { status, body } = await getJson(server, '/api/paths?from=state:china&to=org:czech-mfa');
    expect(status).toBe(200);
    expect(body.paths.length).toBeGreaterThan(0);
    const ids = body.nodes.map((n: { id: string }) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['state:china', 'org:czech-mfa']));
    expect(body.relationships.length).toBe(new Set(body.paths.flat()).size);
  });

  it('a path passes only through the kinds of node asked for (the ends excepted)', async () => {
    const kindsOn = (body: {
      paths: string[][];
      nodes: { id: string; label: string }[];
      relationships: { id: string; source: string; target: string }[];
    }) => {
      const labelOf = new Map(body.nodes.map((n) => [n.id, n.label]));
      return body.paths.map((path) => {
        const ends = new Set(['state:china', 'org:czech-mfa']);
        const inner = path
          .flatMap((id) => {
            const r = body.relationships.find((x) => x.id === id)!;
            return [r.source, r.target];
          })
          .filter((id) => !ends.has(id));
        return [...new Set(inner.map((id) => labelOf.get(id)))].sort();
      });
    };
    const all = await getJson(server, '/api/paths?from=state:china&to=org:czech-mfa');
    expect(kindsOn(all.body).flat()).toContain('Operation');
    const kept = 'State,Organisation,Person,Actor,Statement,Source,Capability,Technique';
    const { status, body } = await getJson(
      server,
      `/api/paths?from=state:china&to=org:czech-mfa&types=${kept}`,
    );
    expect(status).toBe(200);
    expect(body.paths.length).toBeGreaterThan(0);
    for (const kinds of kindsOn(body)) expect(kinds).not.toContain('Operation');
    const bad = await getJson(server, '/api/paths?from=state:china&to=org:czech-mfa&types=Planet');
    expect(bad.status).toBe(400);
  });

  it('a relationship resolves its provenance to the article, the asserter and the quote', async () => {
    const neighbours = await getJson(
      server,
      '/api/nodes/operation:czech-mfa-2022/neighbours?rels=ATTRIBUTED_TO',
    );
    const rel = neighbours.body.relationships.find(
      (r: { target: string }) => r.target === 'actor:apt31',
    );
    const { status, body } = await getJson(server, `/api/relationships/${rel.id}`);
    expect(status).toBe(200);
    expect(body.relationship.type).toBe('ATTRIBUTED_TO');
    expect(body.sources.map((s: { id: string }) => s.id)).toEqual([
      'source:article-czech-mfa-apt31-2025-05-28',
    ]);
    expect(body.assertedBy).toMatchObject({ id: 'org:czech-government', name: 'Czech government' });
    expect(body.relationship.evidence).toContain('originated from APT31');
    expect(body.relationship.date).toBe('2025-05-28');
  });

  it('a relationship id that does not exist is a 404, a malformed one a 400', async () => {
    expect((await getJson(server, '/api/relationships/rel:targeted:0000000000000000')).status).toBe(
      404,
    );
    expect((await getJson(server, '/api/relationships/not-an-id')).status).toBe(400);
  });

  it('the schema lists every label and type with counts and the date range', async () => {
    const { body } = await getJson(server, '/api/schema');
    expect(body.labels.find((l: { name: string }) => l.name === 'Actor').count).toBe(4);
    expect(body.relationshipTypes.find((t: { name: string }) => t.name === 'DENIED').dispute).toBe(
      true,
    );
    expect(body.dateRange).toEqual({ min: '2022-01-01', max: '2025-05-31' });
    expect(body.featured).toBe('operation:czech-mfa-2022');
  });

  it('the graph of a set of ids is the subgraph they induce', async () => {
    const { body } = await getJson(
      server,
      '/api/graph?ids=operation:czech-mfa-2022,actor:apt31,org:czech-mfa',
    );
    expect(body.nodes).toHaveLength(3);
    expect(body.relationships.map((r: { type: string }) => r.type).sort()).toEqual([
      'ATTRIBUTED_TO',
      'RESPONDED_TO',
      'TARGETED',
    ]);
  });

  it('a missing id parameter is a 400 naming ids', async () => {
    const { status, body } = await getJson(server, '/api/graph');
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^ids: /);
  });

  it('unknown API routes are a JSON 404', async () => {
    const { status, body } = await getJson(server, '/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
