// Helpers for tests that talk to the real test Neo4j.
import { neo4jConnection } from '../../server/src/db/connection';
import { Database } from '../../server/src/db/database';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { defaultSeedFiles } from '../../seed/paths';
import { testConfig } from './test-config';

export function connectTestDb(): Database {
  return Database.connect(neo4jConnection(testConfig()));
}

export async function reseed(db: Database): Promise<void> {
  await loadSeedFiles(db, defaultSeedFiles(), { reset: true });
}

/**
 * Node and relationship counts per label and type, and the number of change records kept
 * apart, to prove "nothing changed" (and, for a run that is recorded, "only its record").
 */
export async function graphCounts(db: Database): Promise<{
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  props: number;
  changes: number;
}> {
  const nodes = await db.read<{ label: string; n: number }>(
    'MATCH (n) WHERE NOT n:Change UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label',
  );
  const rels = await db.read<{ type: string; n: number }>(
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type',
  );
  const props = await db.read<{ n: number }>(
    'MATCH (n) WHERE NOT n:Change RETURN sum(size(keys(n))) + COUNT { ()-[]->() } AS n',
  );
  const changes = await db.read<{ n: number }>('MATCH (c:Change) RETURN count(c) AS n');
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.label, r.n])),
    relationships: Object.fromEntries(rels.map((r) => [r.type, r.n])),
    props: props[0]?.n ?? 0,
    changes: changes[0]?.n ?? 0,
  };
}

/**
 * Waits until Neo4j runs no transaction but this check itself. Some work Neo4j does not stop
 * at its timeout (a backtracking regex, a long reduce()) keeps a core busy for seconds after
 * the test that sent it; the next test file must not pay for it.
 */
export async function waitForNeo4jIdle(db: Database, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.read<{ busy: number }>(
      `SHOW TRANSACTIONS YIELD currentQuery
       WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
       RETURN count(*) AS busy`,
    );
    if (!row?.busy) return;
    if (Date.now() > deadline)
      throw new Error(`Neo4j still runs ${row.busy} transaction(s) after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
