// The bulk first load (neo4j-local/bulk-import.ts: CSV, Neo4j's importer into a new store,
// then the schema) writes the same graph as the transactional loader (bench/load.ts) for
// the same plan: the same labels, types, counts, ids, properties and their value types.
// It replaces the test server's database, so the seed is loaded again afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jConnection } from '../../server/src/db/connection';
import type { Database } from '../../server/src/db/database';
import { constraintStatements, indexStatements } from '../../server/src/db/schema';
import { deleteDomainGraph } from '../../server/src/exchange/loader/write';
import { bulkLoadLocal } from '../../neo4j-local/bulk-import';
import { localNeo4jOptions } from '../../neo4j-local/manager';
import { generate } from '../../bench/generate';
import { loadInTransactions } from '../../bench/load';
import { connectTestDb, reseed } from '../support/db';
import { testConfig } from '../support/test-config';

interface Snapshot {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  properties: number;
  sampleNodes: unknown[];
  sampleRelationships: unknown[];
}

async function snapshot(db: Database, nodeIds: string[], relIds: string[]): Promise<Snapshot> {
  const nodes = await db.read<{ label: string; n: number }>(
    'MATCH (n:Entity) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label',
  );
  const rels = await db.read<{ type: string; n: number }>(
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type',
  );
  const [nodeProps] = await db.read<{ n: number }>(
    'MATCH (n:Entity) RETURN sum(size(keys(n))) AS n',
  );
  const [relProps] = await db.read<{ n: number }>(
    'MATCH ()-[r]->() RETURN sum(size(keys(r))) AS n',
  );
  // Each value with its stored type: a float must stay a float, a list a list of strings.
  const sampleNodes = await db.read(
    `UNWIND $ids AS id MATCH (n:Entity {id: id})
     RETURN labels(n) AS labels, properties(n) AS props,
            [k IN keys(n) | k + ':' + valueType(n[k])] AS types
     ORDER BY id`,
    { ids: nodeIds },
  );
  const sampleRelationships = await db.read(
    `UNWIND $ids AS id MATCH (a)-[r {id: id}]->(b)
     RETURN type(r) AS type, a.id AS from, b.id AS to,
            r {.*, recordedAt: null} AS props,
            r.recordedAt =~ '\\d{4}-\\d{2}-\\d{2}T.*Z' AS stamped,
            [k IN keys(r) | k + ':' + valueType(r[k])] AS types
     ORDER BY id`,
    { ids: relIds },
  );
  // Key and label order is the store's own: compared as sets.
  const sorted = (rows: Record<string, unknown>[]) =>
    rows.map((row) => ({
      ...row,
      types: [...(row.types as string[])].sort(),
      ...(row.labels ? { labels: [...(row.labels as string[])].sort() } : {}),
    }));
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.label, r.n])),
    relationships: Object.fromEntries(rels.map((r) => [r.type, r.n])),
    properties: (nodeProps?.n ?? 0) + (relProps?.n ?? 0),
    sampleNodes: sorted(sampleNodes),
    sampleRelationships: sorted(sampleRelationships),
  };
}

describe('bulk first load', () => {
  const config = testConfig();
  const { plan } = generate(2000, 11);
  const allNodes = [...plan.nodes.values()].flat();
  const allRels = [...plan.relationships.values()].flat();
  // Every 37th row: each label and type, with and without optional properties.
  const nodeIds = allNodes.filter((_, i) => i % 37 === 0).map((n) => n.id);
  const relIds = allRels.filter((_, i) => i % 37 === 0).map((r) => r.id);
  let db: Database;

  beforeAll(() => {
    db = connectTestDb();
  });
  afterAll(async () => {
    await db.close();
    const fresh = connectTestDb(); // the server was restarted: a new driver
    try {
      await reseed(fresh);
    } finally {
      await fresh.close();
    }
  }, 240_000);

  it('writes the graph the transactional loader writes, with the schema online', async () => {
    await db.transaction((tx) => deleteDomainGraph(tx), { timeoutMs: 120_000 });
    await loadInTransactions(db, plan, { fresh: true });
    const transactional = await snapshot(db, nodeIds, relIds);
    await db.close();

    const lines: string[] = [];
    const timings = await bulkLoadLocal(
      { ...localNeo4jOptions(config), log: (line) => lines.push(line) },
      () => neo4jConnection(config),
      config.neo4jDatabase,
      (writer) => writer.plan(plan),
    );
    expect(timings).toMatchObject({ nodes: plan.nodeCount, relationships: plan.relationshipCount });
    expect(lines.some((line) => line.startsWith('imported'))).toBe(true);
    db = connectTestDb();
    const bulk = await snapshot(db, nodeIds, relIds);

    expect(bulk.nodes).toEqual(transactional.nodes);
    expect(bulk.nodes.Entity).toBe(plan.nodeCount);
    expect(bulk.relationships).toEqual(transactional.relationships);
    expect(Object.values(bulk.relationships).reduce((a, b) => a + b, 0)).toBe(
      plan.relationshipCount,
    );
    expect(bulk.properties).toBe(transactional.properties);
    expect(bulk.sampleNodes).toHaveLength(nodeIds.length);
    expect(bulk.sampleNodes).toEqual(transactional.sampleNodes);
    expect(bulk.sampleRelationships).toHaveLength(relIds.length);
    expect(bulk.sampleRelationships).toEqual(transactional.sampleRelationships);

    // Every constraint and index of the schema exists and is online.
    const names = (statements: string[]) =>
      statements.map((s) => /(?:INDEX|CONSTRAINT) (\w+) IF NOT EXISTS/.exec(s)![1]!).sort();
    const constraints = await db.read<{ name: string }>(
      'SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name',
    );
    expect(constraints.map((c) => c.name)).toEqual(names(constraintStatements()));
    const indexes = await db.read<{ name: string; state: string }>(
      `SHOW INDEXES YIELD name, state, owningConstraint, type
       WHERE owningConstraint IS NULL AND type <> 'LOOKUP'
       RETURN name, state ORDER BY name`,
    );
    expect(indexes.map((i) => i.name)).toEqual(names(indexStatements()));
    expect(indexes.every((i) => i.state === 'ONLINE')).toBe(true);
  }, 300_000);
});
