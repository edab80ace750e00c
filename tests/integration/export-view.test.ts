// POST /api/export/stix exports exactly a view: the nodes given and, among the relationships
// between them, only those given (the visible ones), against the seeded graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import { getJson, startTestServer } from '../support/server';

const IDS = ['operation:czech-mfa-2022', 'actor:apt31', 'org:czech-mfa'];
let server: RunningServer;
let attributed: string;

const post = (body: unknown, type = 'application/json') =>
  fetch(`${server.url}/api/export/stix`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: JSON.stringify(body),
  });
type Bundle = {
  objects: { type: string; x_attribution_graph_id?: string; x_attribution_graph_type?: string }[];
};
// A claim travels as a relationship or (a denial) an opinion, each naming its type; a node names
// its label. Identities of asserters, evidence notes and dispute opinions are neither.
const ours = (bundle: Bundle, type: 'relationship' | 'node') =>
  bundle.objects
    .filter((o) => o.x_attribution_graph_id !== undefined)
    .filter((o) => (type === 'relationship') === (o.x_attribution_graph_type !== undefined))
    .map((o) => o.x_attribution_graph_id)
    .sort();

beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
  const [row] = await server.db.read<{ id: string }>(
    "MATCH (:Operation {id: 'operation:czech-mfa-2022'})-[r:ATTRIBUTED_TO]->(:Actor {id: 'actor:apt31'}) RETURN r.id AS id",
  );
  attributed = row!.id;
});
afterAll(async () => {
  await server.stop();
});

describe('POST /api/export/stix', () => {
  it('exports the nodes given and only the relationships given among them', async () => {
    const all = await getJson(server, `/api/export/stix?ids=${IDS.join(',')}`);
    expect(ours(all.body, 'relationship').length).toBeGreaterThan(1);

    const response = await post({ ids: IDS, relationships: [attributed] });
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as Bundle;
    expect(ours(bundle, 'relationship')).toEqual([attributed]);
    expect(ours(bundle, 'node')).toEqual([...IDS].sort());
  });

  it('exports no relationship when none is visible', async () => {
    const bundle = (await (await post({ ids: IDS, relationships: [] })).json()) as Bundle;
    expect(ours(bundle, 'relationship')).toEqual([]);
  });

  it('answers 400 naming the field for an empty view, and 415 for a body that is not JSON', async () => {
    const empty = await post({ ids: [], relationships: [] });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain(
      'at least one node id',
    );
    expect((await post({ ids: IDS, relationships: [] }, 'text/plain')).status).toBe(415);
  });
});
