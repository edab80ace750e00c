// The app on the routing scheme (neo4j://), as against a cluster or Aura: reads are sent in
// READ mode (to readers), writes to the leader, and every session shares one bookmark
// manager, so a write is seen by the read right after it. Here against the local server
// (a single instance answers routing requests as its own cluster), through the workbench.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalPassword } from '../../server/src/db/local-neo4j';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import { startTestServer } from '../support/server';
import { testConfig } from '../support/test-config';
import { fresh, send } from '../support/workbench';

describe('on the neo4j:// routing scheme', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const local = testConfig();
    const uri = process.env.TEST_NEO4J_URI ?? `neo4j://127.0.0.1:${local.local.port}`;
    server = await startTestServer({
      NEO4J_URI: uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:'),
      NEO4J_PASSWORD:
        process.env.TEST_NEO4J_PASSWORD ?? readLocalPassword(local.local.dir, undefined),
    });
    await reseed(server.db);
  });
  afterAll(async () => {
    await reseed(server.db);
    await server.stop();
  });

  it('talks to Neo4j through a routing driver', async () => {
    const info = await server.db.serverInfo();
    expect(info.edition).toMatch(/community|enterprise/i);
    // A routing driver asks for the routing table: the single server names itself as
    // writer and reader.
    const table = await server.db.read<{ role: string }>(
      `CALL dbms.routing.getRoutingTable({}, $db) YIELD servers
       UNWIND servers AS s RETURN s.role AS role ORDER BY role`,
      { db: server.db.name },
    );
    expect(table.map((r) => r.role)).toEqual(['READ', 'ROUTE', 'WRITE']);
  });

  it('reads each workbench write right after it (read-your-writes)', async () => {
    for (let round = 0; round < 5; round++) {
      const name = fresh('Routing check');
      const created = await send(server, 'POST', '/api/nodes', {
        label: 'Organisation',
        name,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      const read = await send(server, 'GET', `/api/nodes/${encodeURIComponent(id)}`);
      expect(read.status).toBe(200);
      expect(read.body.node.name).toBe(name);

      const renamed = `${name} (renamed)`;
      const patched = await send(server, 'PATCH', `/api/nodes/${encodeURIComponent(id)}`, {
        name: renamed,
        version: read.body.version,
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const again = await send(server, 'GET', `/api/nodes/${encodeURIComponent(id)}`);
      expect(again.body.node.name).toBe(renamed);
      const found = await send(server, 'GET', `/api/search?q=${encodeURIComponent(renamed)}`);
      expect(found.body.hits.map((h: { id: string }) => h.id)).toContain(id);

      const removed = await send(
        server,
        'DELETE',
        `/api/nodes/${encodeURIComponent(id)}?version=${again.body.version}`,
      );
      expect(removed.status, JSON.stringify(removed.body)).toBe(204);
      expect((await send(server, 'GET', `/api/nodes/${encodeURIComponent(id)}`)).status).toBe(404);
    }
  });
});
