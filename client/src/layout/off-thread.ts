// Runs the force layout in a worker and answers with positions by node id. The worker is
// started on first use and kept; a layout asked for while another runs replaces it: the
// busy worker is stopped (it would finish the old one first) and a fresh one starts.
import type { ForceReply, ForceRequest } from './force-protocol';

export interface LayoutInput {
  nodes: { id: string; x: number; y: number; fixed: boolean }[];
  edges: { source: string; target: string }[];
}

export type LayoutPositions = Map<string, { x: number; y: number }>;

let worker: Worker | undefined;
let pending:
  { request: ForceRequest; resolve: (reply: ForceReply | undefined) => void } | undefined;
let lastRun = 0;

function freshWorker(): Worker {
  if (pending) {
    worker?.terminate();
    worker = undefined;
    pending.resolve(undefined);
    pending = undefined;
  }
  if (!worker) {
    worker = new Worker(new URL('./force-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ForceReply>) => {
      if (pending?.request.run !== event.data.run) return;
      pending.resolve(event.data);
      pending = undefined;
    };
    // A worker that cannot start (a blocked script, an old browser): the layout is computed
    // here instead, and the next one tries a worker again.
    worker.onerror = (event) => {
      event.preventDefault();
      const failed = pending;
      pending = undefined;
      worker = undefined;
      if (failed) void onThisThread(failed.request).then(failed.resolve);
    };
  }
  return worker;
}

const onThisThread = (request: ForceRequest) =>
  import('./force-simulation').then(({ simulate }) => simulate(request));

/**
 * Positions for `input`, or undefined when a later call replaced this one before it ended
 * (the caller then leaves the canvas to the later layout).
 */
export function forceLayoutOffThread(
  input: LayoutInput,
  budgetMs: number,
): Promise<{ positions: LayoutPositions; ticks: number; ms: number } | undefined> {
  const index = new Map(input.nodes.map((n, i) => [n.id, i]));
  const links: number[] = [];
  for (const e of input.edges) {
    const [s, t] = [index.get(e.source), index.get(e.target)];
    if (s !== undefined && t !== undefined) links.push(s, t);
  }
  const toPositions = (reply: ForceReply) => {
    const positions: LayoutPositions = new Map();
    input.nodes.forEach((n, i) => positions.set(n.id, { x: reply.x[i]!, y: reply.y[i]! }));
    return { positions, ticks: reply.ticks, ms: reply.ms };
  };
  const request: ForceRequest = {
    run: ++lastRun,
    x: Float64Array.from(input.nodes, (n) => n.x),
    y: Float64Array.from(input.nodes, (n) => n.y),
    fixed: Uint8Array.from(input.nodes, (n) => (n.fixed ? 1 : 0)),
    budgetMs,
    links: Uint32Array.from(links),
  };
  // Without Web Workers (the headless canvas of the unit tests) it is computed here.
  if (typeof Worker === 'undefined') return onThisThread(request).then(toPositions);
  const target = freshWorker();
  return new Promise((resolve) => {
    pending = { request, resolve: (reply) => resolve(reply && toPositions(reply)) };
    // Copied, not transferred (a few hundred KB): kept for the fallback above.
    target.postMessage(request);
  });
}
