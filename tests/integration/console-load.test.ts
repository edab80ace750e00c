// Issue 19, High 4, the load test: one client floods the console with hostile queries
// (values nested too deep to encode, huge ranges, backtracking regexes, long loops), within
// the console's rate limit, while another explores (search, neighbours, node, schema) and a
// third watches health. The explorer's p99 stays under 500 ms with no error, health under
// 1 s. Loopback only, bounded in time (8 s of exploring alone for comparison, then 20 s
// under the flood) and in requests (the console's rate: one hostile query a second).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { client, type Answer } from '../support/client';
import { startTestServer } from '../support/server';
import { waitForNeo4jIdle } from '../support/db';

const BASELINE_MS = 8_000;
const LOAD_MS = 20_000;
const HOSTILE = [
  'RETURN reduce(x = [], i IN range(1, 100000) | [x]) AS deep',
  'RETURN range(1, 5000000) AS huge',
  "RETURN reduce(s = '', i IN range(1, 30) | s + 'a') + '!' =~ '(.*a){12}' AS slow",
  'RETURN reduce(s = 0, i IN range(1, 60000000) | s + i) AS loop',
  'UNWIND range(1, 1000) AS i RETURN i, range(1, 5000) AS wide',
];
const EXPLORE = [
  '/api/search?q=apt31',
  '/api/search?q=ministry',
  '/api/nodes/actor:apt31/neighbours',
  '/api/nodes/state:china/neighbours?depth=2',
  '/api/nodes/actor:apt31',
  '/api/schema',
];

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_CONSOLE_PER_MIN: '60' });
});
afterAll(async () => {
  // Hostile queries may outlive their answer inside Neo4j; the next file starts on a quiet one.
  await waitForNeo4jIdle(server.db);
  await server.stop();
}, 200_000);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

describe('one client flooding the console', () => {
  it('does not slow down another client exploring, nor health', async () => {
    const hostile = client('127.0.0.2', server);
    const explorer = client('127.0.0.3', server);
    const watcher = client('127.0.0.4', server);
    // Warm-up: the first search and schema read fill caches in Neo4j and the app.
    for (const path of EXPLORE) await explorer.get(path);
    // One request at a time, as one person exploring makes them.
    const explore = async (until: number, into: Answer[]) => {
      for (let i = 0; performance.now() < until; i++)
        into.push(await explorer.get(EXPLORE[i % EXPLORE.length]!));
    };
    const alone: Answer[] = [];
    await explore(performance.now() + BASELINE_MS, alone);

    const stopAt = performance.now() + LOAD_MS;
    const hostileAnswers: Promise<Answer>[] = [];
    const flood = (async () => {
      // 60 a minute is the console's rate: one every second, each sent without waiting.
      for (let i = 0; performance.now() < stopAt; i++) {
        hostileAnswers.push(hostile.cypher(HOSTILE[i % HOSTILE.length]!));
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })();
    const explored: Answer[] = [];
    const health: Answer[] = [];
    const watch = (async () => {
      while (performance.now() < stopAt) {
        health.push(await watcher.get('/api/health'));
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    await Promise.all([flood, explore(stopAt, explored), watch]);
    const hostileResults = await Promise.all(hostileAnswers);

    const latencies = explored.map((a) => a.ms);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const statuses: Record<string, number> = {};
    for (const a of hostileResults)
      statuses[`${a.status} ${a.body?.error?.code ?? 'ok'}`] =
        (statuses[`${a.status} ${a.body?.error?.code ?? 'ok'}`] ?? 0) + 1;
    const aloneMs = alone.map((a) => a.ms);
    console.log(
      `explorer alone: ${alone.length} requests, p50 ${Math.round(percentile(aloneMs, 50))} ms, p99 ${Math.round(percentile(aloneMs, 99))} ms; ` +
        `under the flood: ${explored.length} requests, p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms, ` +
        `max ${Math.round(Math.max(...latencies))} ms; health max ${Math.round(Math.max(...health.map((h) => h.ms)))} ms; ` +
        `hostile: ${hostileResults.length} requests, ${JSON.stringify(statuses)}`,
    );

    expect(explored.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
    expect(explored.length).toBeGreaterThan(40);
    expect(p99).toBeLessThan(500);
    expect(health.every((h) => h.status === 200 && h.ms < 1_000)).toBe(true);
    // The hostile client got answers (refusals, limits, time-outs), never a 500.
    expect(hostileResults.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  });
});
