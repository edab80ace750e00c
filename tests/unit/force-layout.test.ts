// The force layout the canvas runs in a worker for large graphs (client/src/layout/),
// computed here directly: what it does with links, pinned nodes and odd input.
import { describe, expect, it } from 'vitest';
import { simulate, ticksFor } from '../../client/src/layout/force-simulation';

/** Two rings of `size` nodes each, not linked to each other, started on one spiral. */
function twoRings(size: number, fixed: number[] = []) {
  const n = size * 2;
  const links: number[] = [];
  for (const offset of [0, size])
    for (let i = 0; i < size; i++) links.push(offset + i, offset + ((i + 1) % size));
  return {
    run: 7,
    x: Float64Array.from({ length: n }, (_, k) => 10 * Math.sqrt(k) * Math.cos(k * 2.4)),
    y: Float64Array.from({ length: n }, (_, k) => 10 * Math.sqrt(k) * Math.sin(k * 2.4)),
    fixed: Uint8Array.from({ length: n }, (_, k) => (fixed.includes(k) ? 1 : 0)),
    links: Uint32Array.from(links),
    budgetMs: 60_000,
  };
}

const distance = (r: { x: Float64Array; y: Float64Array }, a: number, b: number) =>
  Math.hypot(r.x[a]! - r.x[b]!, r.y[a]! - r.y[b]!);

describe('force layout', () => {
  it('keeps linked nodes close and spreads the rest, with a position for every node', () => {
    const request = twoRings(30);
    const reply = simulate({ ...request, x: request.x.slice(), y: request.y.slice() });
    expect(reply.run).toBe(7);
    expect(reply.x).toHaveLength(60);
    expect([...reply.x, ...reply.y].every(Number.isFinite)).toBe(true);
    const linked: number[] = [];
    const unlinked: number[] = [];
    for (let i = 0; i < 30; i++) {
      linked.push(distance(reply, i, (i + 1) % 30));
      unlinked.push(distance(reply, i, 30 + i));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(linked)).toBeLessThan(mean(unlinked) / 2);
    // No two nodes on top of each other.
    let closest = Infinity;
    for (let a = 0; a < 60; a++)
      for (let b = a + 1; b < 60; b++) closest = Math.min(closest, distance(reply, a, b));
    expect(closest).toBeGreaterThan(5);
  });

  it('leaves pinned nodes where they are', () => {
    const request = twoRings(10, [0, 13]);
    const [x0, y0, x13, y13] = [request.x[0], request.y[0], request.x[13], request.y[13]];
    const reply = simulate(request);
    expect([reply.x[0], reply.y[0], reply.x[13], reply.y[13]]).toEqual([x0, y0, x13, y13]);
    expect(reply.x[1]).not.toBe(request.x[1]);
  });

  it('ignores self-loops and links to nodes it was not given', () => {
    const reply = simulate({
      run: 1,
      x: Float64Array.from([0, 1, 2]),
      y: Float64Array.from([0, 1, 2]),
      fixed: new Uint8Array(3),
      links: Uint32Array.from([0, 0, 1, 9, 1, 2]),
      budgetMs: 60_000,
    });
    expect([...reply.x, ...reply.y].every(Number.isFinite)).toBe(true);
  });

  it('stops when its time budget runs out, with positions for every node', () => {
    const reply = simulate({ ...twoRings(2000), budgetMs: 0 });
    expect(reply.ticks).toBe(0);
    expect(reply.planned).toBe(300);
    expect(reply.x).toHaveLength(4000);
    const settled = simulate(twoRings(30));
    expect(settled.ticks).toBe(settled.planned);
  });

  it('takes fewer steps on larger graphs, never fewer than 120', () => {
    expect(ticksFor(100)).toBe(300);
    expect(ticksFor(12_500)).toBe(240);
    expect(ticksFor(100_000)).toBe(120);
  });
});
