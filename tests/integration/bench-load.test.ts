// The benchmark's loader (bench/load.ts) against the real test Neo4j: the fresh path writes
// chunks two at a time with CREATE, then builds the indexes; it must write exactly the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { loadInTransactions } from '../../bench/load';
import { generate } from '../../bench/generate';
import { connectTestDb, graphCounts, reseed } from '../support/db';

describe('loading a generated graph', () => {
  let db: Database;
  const { plan } = generate(2500, 3);
  const ids = [...plan.nodes.values()].flat().map((n) => n.id);

  beforeAll(async () => {
    db = connectTestDb();
    await reseed(db);
  });
  afterAll(async () => {
    await db.write('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids });
    await db.close();
  });

  it('writes every node and relationship of the plan, in parallel chunks, once', async () => {
    const before = await graphCounts(db);
    const progress: number[] = [];
    await loadInTransactions(db, plan, {
      fresh: true, // none of the generated ids exist in the seeded graph
      rowsPerTransaction: 1000,
      onProgress: (written) => progress.push(written),
    });
    const total = plan.nodeCount + plan.relationshipCount;
    expect(progress.at(-1)).toBe(total);
    expect(progress.length).toBeGreaterThan(10);
    const [loaded] = await db.read<{ nodes: number; rels: number }>(
      `MATCH (n:Entity) WHERE n.id IN $ids
       RETURN count(n) AS nodes, sum(COUNT { (n)-[]->() }) AS rels`,
      { ids },
    );
    expect(loaded).toEqual({ nodes: plan.nodeCount, rels: plan.relationshipCount });
    const after = await graphCounts(db);
    for (const [label, rows] of plan.nodes)
      expect(after.nodes[label]).toBe((before.nodes[label] ?? 0) + rows.length);
    // A relationship keeps its provenance and period.
    const sample = [...plan.relationships.values()][0]![0]!;
    const [stored] = await db.read<{ props: Record<string, unknown> }>(
      'MATCH ()-[r {id: $id}]->() RETURN properties(r) AS props',
      { id: sample.id },
    );
    // The writer stamps when it recorded the claim ("as known on" falls back to it).
    const { recordedAt, ...props } = stored!.props;
    expect(recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(props).toEqual(sample.props);
    const offline = await db.read("SHOW INDEXES YIELD state WHERE state <> 'ONLINE' RETURN state");
    expect(offline).toEqual([]);
  });

  it('refuses a "fresh" load into a graph that already has its ids, writing nothing more', async () => {
    const before = await graphCounts(db);
    const error = await loadInTransactions(db, plan, { fresh: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/already exists/);
    expect(await graphCounts(db)).toEqual(before);
  });
});
