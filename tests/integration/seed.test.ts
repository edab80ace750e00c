// The seed loader against the real Neo4j: counts, idempotence, all-or-nothing rejection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { loadSeedFiles, readSeedFiles } from '../../server/src/exchange/loader/load';
import { SeedError } from '../../server/src/exchange/loader/seed-file';
import { BATCH_SIZE } from '../../server/src/exchange/loader/write';
import { defaultSeedFiles } from '../../seed/paths';
import { connectTestDb, graphCounts, reseed } from '../support/db';
import { VALID_SEED, variant, writeSeed } from '../support/seed-fixtures';

let db: Database;
beforeAll(async () => {
  db = connectTestDb();
  await reseed(db);
});
afterAll(async () => {
  await reseed(db);
  await db.close();
});

describe('loading the article seed', () => {
  it('puts every node and relationship of the file in the graph, per label and type', async () => {
    const [seed] = readSeedFiles(defaultSeedFiles());
    const expectedNodes: Record<string, number> = {};
    for (const n of seed!.nodes) expectedNodes[n.label] = (expectedNodes[n.label] ?? 0) + 1;
    const expectedRels: Record<string, number> = {};
    for (const r of seed!.relationships) expectedRels[r.type] = (expectedRels[r.type] ?? 0) + 1;

    const counts = await graphCounts(db);
    for (const [label, n] of Object.entries(expectedNodes))
      expect(counts.nodes[label], label).toBe(n);
    expect(counts.nodes.Entity).toBe(seed!.nodes.length);
    expect(counts.relationships).toEqual(expectedRels);
  });

  it('a second load changes nothing but the change log, and reports every row as updated, none created', async () => {
    const before = await graphCounts(db);
    const summary = await loadSeedFiles(db, defaultSeedFiles());
    // The run is recorded (one change record); the graph is as it was.
    expect(await graphCounts(db)).toEqual({ ...before, changes: before.changes + 1 });
    const created = [
      ...Object.values(summary.counts.nodes),
      ...Object.values(summary.counts.relationships),
    ].reduce((sum, c) => sum + c.created, 0);
    expect(created).toBe(0);
  });

  it('a dry run reports what it would write and leaves the graph as it was', async () => {
    const before = await graphCounts(db);
    const file = writeSeed('fixture.yaml', VALID_SEED);
    const summary = await loadSeedFiles(db, [file], { dryRun: true });
    expect(summary.counts.nodes.Actor).toEqual({ created: 1, updated: 0 });
    expect(await graphCounts(db)).toEqual(before);
  });

  it('every relationship carries at least one source and a derived id', async () => {
    const rows = await db.read<{ missing: number }>(
      'MATCH ()-[r]->() WHERE r.sources IS NULL OR size(r.sources) = 0 OR r.id IS NULL RETURN count(r) AS missing',
    );
    expect(rows[0]?.missing).toBe(0);
  });

  it('answers who attributed the operation, to whom, on what source', async () => {
    const rows = await db.read<{
      asserter: string;
      actor: string;
      source: string;
      evidence: string;
    }>(
      `MATCH (op:Operation {id: 'operation:czech-mfa-2022'})-[r:ATTRIBUTED_TO]->(actor:Actor)
       MATCH (asserter {id: r.assertedBy})
       MATCH (src:Source) WHERE src.id IN r.sources
       RETURN asserter.name AS asserter, actor.name AS actor, src.name AS source, r.evidence AS evidence`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ asserter: 'Czech government', actor: 'APT31' });
    expect(rows[0]?.source).toContain('Czech Republic');
    expect(rows[0]?.evidence).toContain('originated from APT31');
  });

  it('keeps the disputed sanctions visible with who disputes them', async () => {
    const rows = await db.read<{ n: number }>(
      `MATCH (:State {id: 'state:china'})-[:DENIED]->(:Statement)<-[:MADE]-(accuser:State)
       MATCH (accuser)-[s:SANCTIONED]->(:Actor) WHERE 'state:china' IN s.disputedBy
       RETURN count(DISTINCT s) AS n`,
    );
    expect(rows[0]?.n).toBe(6);
  });
});

describe('rejecting bad seed files leaves the database exactly as it was', () => {
  const cases: [string, () => string, RegExp][] = [
    [
      'unknown label',
      () =>
        writeSeed(
          'a.yaml',
          variant((s) => void ((s.nodes[1] as { label: string }).label = 'Hacker')),
        ),
      /field "label": unknown label/,
    ],
    [
      'missing field',
      () =>
        writeSeed(
          'b.yaml',
          variant((s) => void delete (s.nodes[1] as { name?: string }).name),
        ),
      /nodes\[1\] \(actor:fixture-group\): field "name"/,
    ],
    [
      'dangling reference',
      () =>
        writeSeed(
          'c.yaml',
          variant((s) => void (s.relationships[1]!.to = 'actor:ghost')),
        ),
      /field "to": no node with id actor:ghost/,
    ],
    [
      'duplicate id',
      () =>
        writeSeed(
          'd.yaml',
          variant((s) => void s.nodes.push({ ...s.nodes[3]! })),
        ),
      /duplicate id operation:fixture-op/,
    ],
    [
      'malformed date',
      () =>
        writeSeed(
          'e.yaml',
          variant((s) => void (s.relationships[0]!.since = '2023-13')),
        ),
      /field "since": an ISO 8601 date/,
    ],
    ['not JSON', () => writeSeed('f.json', '{"document": ', 'raw'), /f\.json: not valid JSON/],
    [
      'not YAML',
      () => writeSeed('g.yaml', 'document: [unclosed', 'raw'),
      /g\.yaml: not valid YAML/,
    ],
    [
      'an id whose prefix does not match its label',
      () =>
        writeSeed(
          'h.yaml',
          variant((s) =>
            s.nodes.push({ id: 'actor:apt31', label: 'Organisation', name: 'APT31' } as never),
          ),
        ),
      /field "id": an id of the form org:<lowercase-slug>/,
    ],
  ];

  it.each(cases)('%s: rejected with its message, no change', async (_name, makeFile, message) => {
    const before = await graphCounts(db);
    // A valid file loads in the same run: it must not be written either.
    const good = writeSeed(
      'good.yaml',
      variant((s) => void (s.document = 'source:fixture-report')),
    );
    const error = await loadSeedFiles(db, [good, makeFile()]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).message).toMatch(message);
    expect((error as SeedError).message).toContain('nothing was written');
    expect(await graphCounts(db)).toEqual(before);
  });

  it('a failure half-way through the write rolls back everything', async () => {
    const before = await graphCounts(db);
    // Another transaction holds a lock on APT31, which the file writes after two batches of
    // other nodes: the load writes its first batches, then waits, then times out.
    const blocker = db.driver.session({ database: db.name });
    const lock = await blocker.beginTransaction();
    await lock.run("MATCH (n:Entity {id: 'actor:apt31'}) SET n.lockedByTest = true");
    const big = variant((s) => {
      for (let i = 0; i < 2 * BATCH_SIZE; i++)
        s.nodes.push({ id: `actor:bulk-${i}`, label: 'Actor', name: `Bulk actor ${i}` } as never);
      s.nodes.push({ id: 'actor:apt31', label: 'Actor', name: 'APT31' } as never);
    });
    const progress: number[] = [];
    try {
      const error = await loadSeedFiles(db, [writeSeed('big.json', big, 'json')], {
        timeoutMs: 2000,
        onProgress: (written) => progress.push(written),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(progress.length).toBeGreaterThan(0); // batches were written before it failed
    } finally {
      await lock.rollback();
      await blocker.close();
    }
    expect(await graphCounts(db)).toEqual(before);
  });
});
