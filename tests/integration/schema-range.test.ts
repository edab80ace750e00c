// The time filter's range (GET /api/schema dateRange) reaches nodes' own dates, not only
// claims': an operation of 2015 (ATT&CK campaigns carry since/until) in a graph whose claims
// start in 2022 must be reachable by the filter that hides it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { connectTestDb } from '../support/db';
import { getJson, startTestServer } from '../support/server';

const OPERATION = 'operation:fx-range-2015';
let server: RunningServer;
beforeAll(async () => {
  // Written before the app starts: the legend's range is computed then and cached.
  const db = connectTestDb();
  try {
    await db.write(
      `MERGE (o:Entity:Operation {id: $id})
       SET o.name = 'Fixture power grid attack', o.since = '2015-12', o.until = '2016'`,
      { id: OPERATION },
    );
  } finally {
    await db.close();
  }
  server = await startTestServer();
});
afterAll(async () => {
  await server.db.write('MATCH (o:Entity {id: $id}) DETACH DELETE o', { id: OPERATION });
  await server.stop();
});

describe("the legend's date range", () => {
  it("starts at an operation's own first day, as a full date, and still ends at the claims' last", async () => {
    const { status, body } = await getJson(server, '/api/schema');
    expect(status).toBe(200);
    expect(body.dateRange).toEqual({ min: '2015-12-01', max: '2025-05-31' });
  });
});
