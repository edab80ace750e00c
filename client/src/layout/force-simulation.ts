// A force-directed layout for graphs too large for fcose on the main thread: d3-force's
// Barnes–Hut approximation costs O(n log n) a step where fcose's costs O(n²), and it runs
// in a worker (force-worker.ts), so the page keeps answering while it computes.
import {
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import type { ForceReply, ForceRequest } from './force-protocol';

/** Steps for a graph of n nodes: fewer on larger graphs, where each step costs more. */
export function ticksFor(n: number): number {
  return Math.max(120, Math.min(300, Math.round(3_000_000 / Math.max(n, 1))));
}

export function simulate(request: ForceRequest): ForceReply {
  const began = performance.now();
  const nodes: SimulationNodeDatum[] = Array.from(request.x, (x, i) => {
    const y = request.y[i] ?? 0;
    return request.fixed[i] ? { x, y, fx: x, fy: y } : { x, y };
  });
  const links: SimulationLinkDatum<SimulationNodeDatum>[] = [];
  for (let i = 0; i + 1 < request.links.length; i += 2) {
    const [source, target] = [request.links[i]!, request.links[i + 1]!];
    // A self-loop pulls a node nowhere; d3 would divide by a zero distance.
    if (source !== target && source < nodes.length && target < nodes.length)
      links.push({ source, target });
  }
  const ticks = ticksFor(nodes.length);
  // Roughly the canvas's scale: nodes ~30 px wide with a label under them.
  const simulation = forceSimulation(nodes)
    .stop()
    .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
    .force('charge', forceManyBody().strength(-120).theta(0.9).distanceMax(1500))
    .force('link', forceLink(links).distance(70).iterations(1))
    // Gravity keeps unconnected pieces near the middle instead of drifting off-screen.
    .force('x', forceX().strength(0.03))
    .force('y', forceY().strength(0.03));
  // Step by step against the clock: on a slow machine a huge graph gets the budget's worth
  // of steps (the picture is rougher, not late); most graphs settle well within it.
  let run = 0;
  while (run < ticks && performance.now() - began < request.budgetMs) {
    simulation.tick();
    run++;
  }
  const x = new Float64Array(nodes.length);
  const y = new Float64Array(nodes.length);
  nodes.forEach((node, i) => {
    x[i] = node.x ?? 0;
    y[i] = node.y ?? 0;
  });
  return {
    run: request.run,
    x,
    y,
    ticks: run,
    planned: ticks,
    ms: Math.round(performance.now() - began),
  };
}
