// npm run bench [-- --full] [--sizes 10000,100000] [--name NAME] [--port 7689]
//                [--transactional-max 100000] [--compare a.json,b.json]
// Starts its own Neo4j (port 7689 or --port / BENCH_NEO4J_PORT, .neo4j/bench), generates
// graphs of each size, and measures load, API vs service, throughput, the client and memory,
// side by side in one run. Writes bench/results/<name>.json and .md. Medians, p95 and p99
// over repeated runs.
//
// Loads: every size is bulk-imported (bench:generate --bulk, in its own process so that its
// peak memory is its own); sizes up to --transactional-max are first loaded with the
// transactional loader as well, against the naive one-row-per-transaction baseline. Reads:
// the service over auto-commit reads (what the server runs) and over managed transactions,
// side by side; the hot queries are PROFILEd (db hits, rows). --compare puts the figures of
// earlier result files beside the new ones.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../server/src/config';
import { neo4jConnection } from '../server/src/db/connection';
import { Database } from '../server/src/db/database';
import { GraphService } from '../server/src/services/graph.service';
import { loadQueryFiles, QueryCatalog } from '../server/src/services/queries/catalog';
import { ConsolePool, DEFAULT_POOL_OPTIONS } from '../server/src/services/queries/console-pool';
import { DEFAULT_SIZE_LIMITS } from '../server/src/services/queries/result-budget';
import { ENTITY_LABEL } from '../server/src/db/schema';
import { CLIENT_DIST } from '../server/src/app';
import { localNeo4jOptions, start, stop } from '../neo4j-local/manager';
import { emptyPlan, type WritePlan } from '../server/src/exchange/write-plan';
import { writePlan } from '../server/src/exchange/loader/write';
import { rowProgress } from '../seed/progress';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/support/browser';
import { generate, generatedNodeIds } from './generate';
import { profileQueries, type ProfiledQuery } from './profile';
import { loadInTransactions } from './load';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    name: { type: 'string' },
    keep: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.BENCH_NEO4J_PORT ?? '7689' },
    'transactional-max': { type: 'string', default: '100000' },
    compare: { type: 'string' },
  },
});
const TRANSACTIONAL_MAX = Number(values['transactional-max']);
const FULL = values.full;
const SIZES = values.sizes
  ? values.sizes.split(',').map(Number)
  : FULL
    ? [10_000, 100_000, 1_000_000]
    : [10_000];
const REPEAT = FULL ? 60 : 25;
const THROUGHPUT_S = FULL ? 30 : 10;
const NAME = values.name ?? `${FULL ? 'full' : 'quick'}-${new Date().toISOString().slice(0, 10)}`;
const RESULTS = path.resolve('bench/results');

const env = {
  NEO4J_LOCAL_PORT: values.port,
  NEO4J_LOCAL_DIR: '.neo4j/bench',
  NEO4J_LOCAL_HEAP: '3g',
  NEO4J_LOCAL_PAGECACHE: '2g',
  LOG_LEVEL: 'silent',
  PORT: '0',
  RATE_LIMIT_PER_MIN: '100000000',
  RATE_LIMIT_SEARCH_PER_MIN: '100000000',
  RATE_LIMIT_CONSOLE_PER_MIN: '100000000',
  QUERY_TIMEOUT_MS: '30000',
};
const config = loadConfig(env);
const log = (line: string) => console.log(`[bench] ${line}`);

interface BulkReport {
  totalSeconds: number;
  csvSeconds: number;
  importSeconds: number;
  startSeconds: number;
  schemaSeconds: number;
  /** The generating process's peak resident memory (generation, CSV and all). */
  peakRssMb: number;
  rowsPerSecond: number;
}
interface SizeReport {
  load: {
    nodes?: number;
    relationships: number;
    batchedRowsPerSecond?: number;
    batchedSeconds?: number;
    naiveRowsPerSecond?: number;
    naiveSampleRows?: number;
    ratio?: number;
    bulk?: BulkReport;
  };
  latency: Record<
    string,
    { api: Stats; service: Stats; ratio: number; managed?: Stats; managedRatio?: number }
  >;
  profile?: Record<string, ProfiledQuery[]>;
  throughput: { c10: Throughput; c50: Throughput };
  memory: { serverRssMbAfterThroughput: number };
  loadAverage?: number[];
  client?: Record<string, ClientFigures>;
}
interface Throughput {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
}
interface Report {
  name: string;
  date: string;
  machine: string;
  neo4j: string;
  bundle: { initialJsGzipKb: number; lazyJsGzipKb: number };
  sizes: Record<string, SizeReport>;
  compared?: string[];
}

interface Stats {
  median: number;
  p95: number;
  p99: number;
  n: number;
}
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99), n: s.length };
}
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The loader's batched path into an empty store, committed in chunks (see load.ts). */
async function loadBatched(db: Database, plan: WritePlan): Promise<number> {
  const progress = rowProgress('bench load'); // five minutes at a million nodes
  const began = Date.now();
  await loadInTransactions(db, plan, {
    fresh: true,
    onProgress: (written, total) => progress.update(written, total),
  });
  progress.stop();
  return Date.now() - began;
}

/**
 * The naive baseline: the same writer and statements, one row per transaction, for a sample
 * of the plan's rows under new ids (relationships between the graph's real nodes), removed
 * again afterwards.
 */
async function loadNaive(
  db: Database,
  plan: WritePlan,
  sample: number,
): Promise<{ rows: number; millis: number }> {
  const renamed = <R extends { id: string; props: Record<string, unknown> }>(r: R): R => ({
    ...r,
    id: `${r.id}-naive`,
    props: { ...r.props, id: `${r.id}-naive` },
  });
  // Only the sample is copied: a plan object per row of a million-node graph would not fit.
  const nodeRows = [...plan.nodes]
    .flatMap(([label, list]) => list.slice(0, sample).map((r) => ({ label, r: renamed(r) })))
    .slice(0, sample);
  const relationshipRows = [...plan.relationships]
    .flatMap(([type, list]) => list.slice(0, sample).map((r) => ({ type, r: renamed(r) })))
    .slice(0, sample);
  const rows: WritePlan[] = [
    ...nodeRows.map(({ label, r }) => ({ ...emptyPlan(), nodes: new Map([[label, [r]]]) })),
    ...relationshipRows.map(({ type, r }) => ({
      ...emptyPlan(),
      relationships: new Map([[type, [r]]]),
    })),
  ];
  const began = Date.now();
  for (const one of rows) await db.transaction((tx) => writePlan(tx, one, { create: true }));
  const millis = Date.now() - began;
  // Removed again (each by its indexed id), so the graph measured next is the generated one.
  for (const type of new Set(relationshipRows.map((row) => row.type)))
    await db.write(`MATCH ()-[r:${type}]->() WHERE r.id IN $ids DELETE r`, {
      ids: relationshipRows.filter((row) => row.type === type).map((row) => row.r.id),
    });
  await db.write(`MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids DETACH DELETE n`, {
    ids: nodeRows.map((row) => row.r.id),
  });
  return { rows: rows.length, millis };
}

/** An empty store for each size: faster than deleting millions of records. */
async function freshStore(opts: Parameters<typeof start>[0]): Promise<void> {
  await stop({ ...opts, log: () => undefined });
  fs.rmSync(path.resolve(opts.dir, 'data'), { recursive: true, force: true });
  await start(opts);
}

function startServerProcess(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts'], {
    env: {
      ...process.env,
      ...env,
      NEO4J_URI: neo4jConnection(config).uri,
      NEO4J_PASSWORD: neo4jConnection(config).password,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (\S+)/.exec(out);
      if (m)
        resolve({
          url: m[1]!,
          pid: child.pid!,
          stop: () =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}): ${out}`)));
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// One keep-alive connection and node:http, the leanest client Node has: the API's overhead
// is what is measured, not fetch's (its streams cost about a millisecond a request here).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function request(base: string, method: string, p: string, body?: unknown): Promise<void> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${p}`,
      {
        method,
        agent,
        // As a browser asks: large answers come gzipped, and that cost is the API's.
        headers: {
          'accept-encoding': 'gzip',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(
                new Error(
                  `${method} ${p}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString()}`,
                ),
              ),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

type Cases = [string, () => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>][];

function latencyCases(
  db: Database,
  managedDb: Database,
  url: string,
  nodeIds: Record<string, string[]>,
) {
  const service = new GraphService(db, { timeoutMs: 30_000 });
  const managed = new GraphService(managedDb, { timeoutMs: 30_000 });
  // Only shipped files run here: the console pool is never used, so it starts no worker.
  const unusedPool = new ConsolePool(neo4jConnection(config), db, {
    ...DEFAULT_POOL_OPTIONS,
    slots: 1,
  });
  const catalog = new QueryCatalog(
    db,
    loadQueryFiles(),
    { ...DEFAULT_SIZE_LIMITS, timeoutMs: 30_000, rowLimit: 1000 },
    unusedPool,
  );
  const typicalActor = nodeIds.Actor![Math.floor(nodeIds.Actor!.length / 2)]!;
  const typicalOrg = nodeIds.Organisation![Math.floor(nodeIds.Organisation!.length / 2)]!;
  const typicalOp = nodeIds.Operation![Math.floor(nodeIds.Operation!.length / 3)]!;
  const hub = 'state:s0';
  const get = (p: string) => request(url, 'GET', p);
  const post = (p: string, body: unknown) => request(url, 'POST', p, body);
  // [name, through the API, the service over auto-commit reads, the service over managed
  // transactions]. The service's reads are the same Cypher the API runs, through the driver.
  const cases: Cases = [
    [
      'search',
      () => get('/api/search?q=espionage%20actor&limit=10'),
      () => service.search('espionage actor', undefined, 10),
      () => managed.search('espionage actor', undefined, 10),
    ],
    [
      '1-hop hub',
      () => get(`/api/nodes/${hub}/neighbours?limit=100`),
      () => service.neighbours(hub, 1, {}, 100),
      () => managed.neighbours(hub, 1, {}, 100),
    ],
    [
      '1-hop typical',
      () => get(`/api/nodes/${typicalActor}/neighbours?limit=100`),
      () => service.neighbours(typicalActor, 1, {}, 100),
      () => managed.neighbours(typicalActor, 1, {}, 100),
    ],
    [
      '2-hop typical',
      () => get(`/api/nodes/${typicalOp}/neighbours?depth=2&limit=300`),
      () => service.neighbours(typicalOp, 2, {}, 300),
      () => managed.neighbours(typicalOp, 2, {}, 300),
    ],
    [
      'shortest path',
      () => get(`/api/paths?from=${typicalActor}&to=${typicalOrg}&maxDepth=6`),
      () => service.paths(typicalActor, typicalOrg, 6, {}, 10),
      () => managed.paths(typicalActor, typicalOrg, 6, {}, 10),
    ],
    [
      'node detail',
      () => get(`/api/nodes/${typicalActor}`),
      () => service.node(typicalActor, {}),
      () => managed.node(typicalActor, {}),
    ],
    [
      'query: statements-about',
      () => post('/api/queries/statements-about/run', { params: { entity: typicalActor } }),
      () => catalog.run('statements-about', { entity: typicalActor }, 'bench'),
      () => catalog.run('statements-about', { entity: typicalActor }, 'bench'),
    ],
    [
      'query: actors-and-targets',
      () => post('/api/queries/actors-and-targets/run', { params: { actor: typicalActor } }),
      () => catalog.run('actors-and-targets', { actor: typicalActor }, 'bench'),
      () => catalog.run('actors-and-targets', { actor: typicalActor }, 'bench'),
    ],
    [
      'query: sanctions',
      () => post('/api/queries/sanctions/run', { params: { since: '2025-06' } }),
      () => catalog.run('sanctions', { since: '2025-06' }, 'bench'),
      () => catalog.run('sanctions', { since: '2025-06' }, 'bench'),
    ],
  ];
  return { cases, typical: { hub, typicalActor, typicalOrg, typicalOp } };
}

async function apiVsService(cases: Cases) {
  const results: SizeReport['latency'] = {};
  for (const [name, api, direct, managedRead] of cases) {
    // Shipped queries run their own guarded transaction: no managed/auto-commit choice.
    const both = !name.startsWith('query:');
    for (let i = 0; i < 3; i++) {
      await api();
      await direct();
      if (both) await managedRead();
    }
    const a: number[] = [];
    const d: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      // Interleaved, so all see the same machine at the same moment.
      a.push(await time(api));
      d.push(await time(direct));
      if (both) m.push(await time(managedRead));
    }
    const sa = stats(a);
    const sd = stats(d);
    const sm = both ? stats(m) : undefined;
    results[name] = {
      api: sa,
      service: sd,
      ratio: round(sa.median / sd.median),
      ...(sm ? { managed: sm, managedRatio: round(sm.median / sd.median) } : {}),
    };
    log(
      `${name}: API ${round(sa.median)} ms, service ${round(sd.median)} ms, ratio ${results[name].ratio}` +
        (sm ? `; managed transactions ${round(sm.median)} ms` : ''),
    );
  }
  return results;
}

async function throughput(
  url: string,
  nodeIds: Record<string, string[]>,
  connections: number,
): Promise<Throughput> {
  const actor = nodeIds.Actor![7]!;
  const result = await autocannon({
    url,
    connections,
    duration: THROUGHPUT_S,
    requests: [
      { method: 'GET', path: '/api/search?q=cyber%20operation' },
      { method: 'GET', path: `/api/nodes/${actor}/neighbours` },
      { method: 'GET', path: `/api/nodes/${actor}` },
      { method: 'GET', path: '/api/schema' },
    ],
  });
  return {
    requestsPerSecond: round(result.requests.average, 0),
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    timeouts: result.timeouts,
  };
}

/** Runs in the page: adds `count` elements, lays them out, finds empty background to drag. */
/** Elements on the canvas (half nodes, half relationships) for the client's figures. */
const CLIENT_SIZES = [500, 2000, 10_000, 25_000];

interface ClientFigures {
  layoutAndPaintMs: number;
  /** Of which adding the elements to the canvas (one task on the main thread). */
  addMs?: number;
  /** The longest task on the main thread from adding to the first paint after the layout. */
  longestTaskMs?: number;
  panFps: number;
}

const CLIENT_LAYOUT_SCRIPT = `async function (count) {
  const canvas = window.attributionGraph.canvas;
  const nodes = Math.round(count / 2);
  const labels = ['Actor', 'State', 'Organisation', 'Statement'];
  const graph = { nodes: [], relationships: [] };
  for (let i = 0; i < nodes; i++) graph.nodes.push({ id: 'n' + i, label: labels[i % 4], name: 'Node ' + i });
  for (let i = 0; i < count - nodes; i++)
    graph.relationships.push({ id: 'r' + i, type: 'ABOUT', source: 'n' + (i % nodes), target: 'n' + ((i * 7919) % nodes) });
  canvas.replace({ nodes: [], relationships: [] });
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  // Long tasks: what blocked the page (input, painting) for over 50 ms while it worked.
  const tasks = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  await frame();
  const t0 = performance.now();
  canvas.add(graph);
  const addMs = performance.now() - t0;
  await canvas.runLayout('fcose', false);
  await frame();
  await frame();
  const layoutAndPaintMs = performance.now() - t0;
  // Entries arrive after their task: wait a frame, then take what is queued.
  await frame();
  observer.takeRecords().forEach((e) => tasks.push(e.duration));
  observer.disconnect();
  const cy = canvas.cyForTests; // the canvas's test hook
  const box = cy.container().getBoundingClientRect();
  const corners = [[12, 12], [box.width - 12, 12], [12, box.height - 12], [box.width - 12, box.height - 12]];
  const boxes = cy.nodes().map((n) => n.renderedBoundingBox());
  const empty = corners.find(([x, y]) => !boxes.some((b) => x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2));
  if (!empty) throw new Error('no empty background to drag at ' + count + ' elements');
  return {
    layoutAndPaintMs: Math.round(layoutAndPaintMs),
    addMs: Math.round(addMs),
    longestTaskMs: Math.round(Math.max(0, ...tasks)),
    x: box.left + empty[0],
    y: box.top + empty[1],
  };
}`;

/** Counts animation frames while the user drags the view (real mouse events), for 2 s. */
async function panFps(page: Page, at: { x: number; y: number }): Promise<number> {
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  const began = Date.now();
  let step = 0;
  while (Date.now() - began < 2000) {
    step++;
    // Back and forth, so the view stays over the graph.
    const dx = (step % 200 < 100 ? step % 100 : 100 - (step % 100)) * 3;
    await page.mouse.move(at.x + dx, at.y + dx / 2);
  }
  await page.mouse.up();
  const frames = await page.evaluate<number>(
    '(() => { window.__counting = false; return window.__frames; })()',
  );
  return Math.round(frames / ((Date.now() - began) / 1000));
}

async function clientBench(url: string) {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${url}/?ids=state:s0`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  const out: Record<string, ClientFigures> = {};
  for (const elements of CLIENT_SIZES) {
    // A string, not a function: tsx's helpers (__name) do not exist inside the page.
    const laid = await page.evaluate<Omit<ClientFigures, 'panFps'> & { x: number; y: number }>(
      `(${CLIENT_LAYOUT_SCRIPT})(${elements})`,
    );
    const measured: ClientFigures = {
      layoutAndPaintMs: laid.layoutAndPaintMs,
      addMs: laid.addMs,
      longestTaskMs: laid.longestTaskMs,
      panFps: await panFps(page, laid),
    };
    out[String(elements)] = measured;
    log(
      `client ${elements} elements: layout+paint ${measured.layoutAndPaintMs} ms (adding ${measured.addMs} ms), longest task ${measured.longestTaskMs} ms, pan ${measured.panFps} fps`,
    );
  }
  await browser.close();
  return out;
}

function bundleSize() {
  const assets = path.join(CLIENT_DIST, 'assets');
  const html = fs.readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/assets\/([^"]+\.(?:js|css))/g)].map((m) => m[1]!);
  const gz = (f: string) => gzipSync(fs.readFileSync(path.join(assets, f))).length;
  const initialJs = initial.filter((f) => f.endsWith('.js')).reduce((a, f) => a + gz(f), 0);
  const lazy = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js') && !initial.includes(f))
    .reduce((a, f) => a + gz(f), 0);
  return { initialJsGzipKb: round(initialJs / 1024, 1), lazyJsGzipKb: round(lazy / 1024, 1) };
}

/**
 * The bulk first load of a size, as a user runs it (npm run bench:generate -- --bulk), in
 * its own process: its time end to end (indexes online) and its peak memory are its own.
 */
function bulkLoad(size: number): BulkReport {
  const began = Date.now();
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/generate-cli.ts', '--nodes', String(size), '--bulk'],
    {
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const wallMs = Date.now() - began;
  const line = out.split('\n').find((l) => l.startsWith('bulk-result '));
  if (!line) throw new Error(`bench:generate --bulk printed no result:\n${out}`);
  const r = JSON.parse(line.slice('bulk-result '.length)) as {
    csvMs: number;
    importMs: number;
    startMs: number;
    schemaMs: number;
    nodes: number;
    relationships: number;
    peakRssMb: number;
  };
  return {
    totalSeconds: round(wallMs / 1000, 1),
    csvSeconds: round(r.csvMs / 1000, 1),
    importSeconds: round(r.importMs / 1000, 1),
    startSeconds: round(r.startMs / 1000, 1),
    schemaSeconds: round(r.schemaMs / 1000, 1),
    peakRssMb: r.peakRssMb,
    rowsPerSecond: round((r.nodes + r.relationships) / (wallMs / 1000), 0),
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLIENT_DIST))
    throw new Error('client/dist is missing: run "npm run build" first');
  const opts = { ...localNeo4jOptions(config), log };
  const report: Report = {
    name: NAME,
    date: new Date().toISOString(),
    machine:
      `${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30, 0)} GiB, ${os.cpus()[0]?.model ?? ''}`.trim(),
    neo4j: '5.26.30 Community (embedded, local)',
    bundle: bundleSize(),
    sizes: {},
    ...(values.compare ? { compared: values.compare.split(',') } : {}),
  };
  try {
    for (const size of SIZES) {
      log(`--- ${size} nodes ---`);
      const loadAverage = os.loadavg().map((x) => round(x, 1));
      let load: SizeReport['load'] = { relationships: 0 };
      if (size <= TRANSACTIONAL_MAX) {
        await freshStore(opts); // the loader builds the schema (see load.ts)
        const db = Database.connect(neo4jConnection(config));
        try {
          const { plan } = generate(size, 42);
          log(`generated ${plan.nodeCount} nodes and ${plan.relationshipCount} relationships`);
          const batchedMs = await loadBatched(db, plan);
          const naive = await loadNaive(db, plan, 1500);
          const rows = plan.nodeCount + plan.relationshipCount;
          const batchedRowsPerSecond = round(rows / (batchedMs / 1000), 0);
          const naiveRowsPerSecond = round(naive.rows / (naive.millis / 1000), 0);
          load = {
            nodes: plan.nodeCount,
            relationships: plan.relationshipCount,
            batchedSeconds: round(batchedMs / 1000, 1),
            batchedRowsPerSecond,
            naiveRowsPerSecond,
            naiveSampleRows: naive.rows,
            ratio: round(batchedRowsPerSecond / naiveRowsPerSecond, 1),
          };
          log(
            `load: batched ${load.batchedRowsPerSecond} rows/s (${load.batchedSeconds} s), naive ${load.naiveRowsPerSecond} rows/s, ratio ${load.ratio}`,
          );
        } finally {
          await db.close();
        }
      }
      // The graph every read below is measured on: the bulk importer's new store.
      const bulk = bulkLoad(size);
      log(
        `bulk load: ${bulk.totalSeconds} s end to end (CSV ${bulk.csvSeconds} s, import ${bulk.importSeconds} s, start ${bulk.startSeconds} s, indexes ${bulk.schemaSeconds} s), peak RSS ${bulk.peakRssMb} MB`,
      );
      const nodeIds = generatedNodeIds(size);
      const db = Database.connect(neo4jConnection(config));
      const managedDb = Database.connect(neo4jConnection(config), undefined, undefined, 'managed');
      const [counted] = await db.read<{ nodes: number; rels: number }>(
        'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels',
      );
      load = { ...load, nodes: counted!.nodes, relationships: counted!.rels, bulk };
      const server = await startServerProcess();
      try {
        const { cases, typical } = latencyCases(db, managedDb, server.url, nodeIds);
        const latency = await apiVsService(cases);
        const profile = await profileQueries(db, typical);
        const t10 = await throughput(server.url, nodeIds, 10);
        const t50 = await throughput(server.url, nodeIds, 50);
        log(
          `throughput: 10 conn ${t10.requestsPerSecond} req/s p99 ${t10.p99Ms} ms; 50 conn ${t50.requestsPerSecond} req/s p99 ${t50.p99Ms} ms, errors ${t50.errors}`,
        );
        const memory = { serverRssMbAfterThroughput: round(rssMb(server.pid), 0) };
        const client = size === SIZES[0] ? await clientBench(server.url) : undefined;
        report.sizes[String(size)] = {
          load,
          latency,
          profile,
          throughput: { c10: t10, c50: t50 },
          memory,
          loadAverage,
          ...(client ? { client } : {}),
        };
        writeResults(report); // after each size, so a later failure keeps what was measured
      } finally {
        await server.stop();
        await db.close();
        await managedDb.close();
      }
    }
  } finally {
    if (!values.keep) await stop({ ...opts, log: () => undefined });
  }
  log(`wrote bench/results/${NAME}.json and .md`);
}

function writeResults(report: Report): void {
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, `${NAME}.json`), JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS, `${NAME}.md`), markdown(report, previousReports()));
}

/** The sizes of earlier result files (--compare), later files first for a size both hold. */
function previousReports(): Record<string, SizeReport & { from: string }> {
  const out: Record<string, SizeReport & { from: string }> = {};
  for (const file of values.compare?.split(',') ?? []) {
    const earlier = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
    for (const [size, r] of Object.entries(earlier.sizes))
      out[size] = { ...r, from: path.basename(file) };
  }
  return out;
}

const ms = (x: number | undefined) => (x === undefined ? '–' : `${round(x)}`);

function markdown(report: Report, previous: Record<string, SizeReport & { from: string }>): string {
  const lines = [
    `# Benchmark ${report.name}`,
    '',
    `${report.date} · ${report.machine} · Neo4j ${report.neo4j}`,
    '',
  ];
  const bundle = report.bundle;
  lines.push(
    `Initial JavaScript ${bundle.initialJsGzipKb} KB gzipped (the Cypher editor, ${bundle.lazyJsGzipKb} KB, loads on first use).`,
    '',
  );
  if (Object.keys(previous).length)
    lines.push(
      `"before" columns: ${[...new Set(Object.values(previous).map((p) => p.from))].join(', ')} (same machine kind, an earlier run).`,
      '',
    );
  for (const [size, r] of Object.entries(report.sizes)) {
    const before = previous[size];
    lines.push(
      `## ${Number(size).toLocaleString('en')} nodes, ${Number(r.load.relationships).toLocaleString('en')} relationships`,
      '',
    );
    if (r.loadAverage)
      lines.push(`Load average when this size began: ${r.loadAverage.join(', ')}.`, '');
    if (r.load.bulk) {
      const b = r.load.bulk;
      lines.push(
        `Bulk first load (bench:generate --bulk): **${b.totalSeconds} s** end to end, indexes online (${b.rowsPerSecond} rows/s): CSV streamed ${b.csvSeconds} s, importer ${b.importSeconds} s, server start ${b.startSeconds} s, constraints and indexes ${b.schemaSeconds} s; peak RSS of the generating process ${b.peakRssMb} MB.` +
          (before?.load.batchedSeconds !== undefined
            ? ` Before: transactional ${before.load.batchedSeconds} s.`
            : ''),
        '',
      );
    }
    if (r.load.batchedSeconds !== undefined)
      lines.push(
        `Transactional load: batched ${r.load.batchedRowsPerSecond} rows/s (${r.load.batchedSeconds} s in all), one row per transaction ${r.load.naiveRowsPerSecond} rows/s (sample of ${r.load.naiveSampleRows}); ratio **${r.load.ratio}×**.`,
        '',
      );
    lines.push(
      '| endpoint | API median | p95 | p99 | service median | p95 | ratio | managed-tx median | p95 | before: API median | p95 | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const [name, l] of Object.entries(r.latency)) {
      const b = before?.latency[name];
      lines.push(
        `| ${name} | ${ms(l.api.median)} ms | ${ms(l.api.p95)} | ${ms(l.api.p99)} | ${ms(l.service.median)} ms | ${ms(l.service.p95)} | ${l.ratio} | ${ms(l.managed?.median)} | ${ms(l.managed?.p95)} | ${ms(b?.api.median)} | ${ms(b?.api.p95)} | ${b?.ratio ?? '–'} |`,
      );
    }
    lines.push(
      '',
      '"service": the same Cypher sent through the driver in-process (auto-commit reads, as the server runs them); "managed-tx": the same over managed transactions (executeRead), the way before.',
      '',
      `Throughput (mixed reads): 10 connections ${r.throughput.c10.requestsPerSecond} req/s, p99 ${r.throughput.c10.p99Ms} ms, ${r.throughput.c10.errors} errors; 50 connections ${r.throughput.c50.requestsPerSecond} req/s, p99 ${r.throughput.c50.p99Ms} ms, ${r.throughput.c50.errors} errors. Server RSS afterwards ${r.memory.serverRssMbAfterThroughput} MB.` +
        (before
          ? ` Before: 10 connections ${before.throughput.c10.requestsPerSecond} req/s, p99 ${before.throughput.c10.p99Ms} ms; 50 connections ${before.throughput.c50.requestsPerSecond} req/s, p99 ${before.throughput.c50.p99Ms} ms.`
          : ''),
      '',
    );
    if (r.profile) {
      lines.push(
        '| PROFILE | statement | db hits | rows | heaviest operator (db hits) |',
        '| --- | ---: | ---: | ---: | --- |',
      );
      for (const [name, queries] of Object.entries(r.profile))
        queries.forEach((q, i) =>
          lines.push(
            `| ${name} | ${i + 1} | ${q.dbHits} | ${q.rows} | ${q.heaviest.map((h) => `${h.operator} (${h.dbHits})`).join(', ')} |`,
          ),
        );
      lines.push('');
    }
    if (r.client) {
      lines.push(
        '| client elements | layout + first paint | of which adding | longest main-thread task | pan fps |',
        '| ---: | ---: | ---: | ---: | ---: |',
      );
      for (const [n, c] of Object.entries(r.client))
        lines.push(
          `| ${n} | ${c.layoutAndPaintMs} ms | ${c.addMs ?? '–'} ms | ${c.longestTaskMs ?? '–'} ms | ${c.panFps} |`,
        );
      lines.push('');
    }
  }
  return lines.join('\n') + '\n';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
