import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshingValue } from '../../server/src/services/refreshing-value';

/** A computation the test finishes by hand, counting how often it was started. */
function controlled() {
  const calls: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const compute = () =>
    new Promise<number>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { compute, calls };
}

/** A value computed once (as 1), then left to go stale. */
async function staleAfterFirstValue(options: { serveStale: boolean }) {
  const { compute, calls } = controlled();
  const value = new RefreshingValue(compute, 1000, options);
  const first = value.get();
  calls[0]!.resolve(1);
  await first;
  vi.advanceTimersByTime(1500);
  return { value, calls };
}

describe('RefreshingValue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('computes once for many callers that arrive together', async () => {
    const { compute, calls } = controlled();
    const value = new RefreshingValue(compute, 1000, { serveStale: true });
    const waiting = Promise.all([value.get(), value.get(), value.get()]);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(7);
    expect(await waiting).toEqual([7, 7, 7]);
    expect(await value.get()).toBe(7);
    expect(calls).toHaveLength(1);
  });

  it('serves the stale value while one refresh runs, then the new one', async () => {
    const { value, calls } = await staleAfterFirstValue({ serveStale: true });
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(1);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(await value.get()).toBe(2);
  });

  it('keeps the old value when a background refresh fails', async () => {
    const { value, calls } = await staleAfterFirstValue({ serveStale: true });
    expect(await value.get()).toBe(1);
    calls[1]!.reject(new Error('Neo4j went away'));
    await Promise.resolve();
    await Promise.resolve();
    expect(await value.get()).toBe(1);
    expect(calls).toHaveLength(3); // still stale, so it tries again
  });

  it('without serveStale, callers wait for the refresh and see its error', async () => {
    const { value, calls } = await staleAfterFirstValue({ serveStale: false });
    const waiting = Promise.all([value.get(), value.get()]);
    expect(calls).toHaveLength(2);
    calls[1]!.reject(new Error('Neo4j went away'));
    await expect(waiting).rejects.toThrow('Neo4j went away');
  });

  it('after invalidate, callers wait for a value computed after it', async () => {
    const { compute, calls } = controlled();
    const value = new RefreshingValue(compute, 1000, { serveStale: true });
    const first = value.get();
    value.invalidate(); // a write lands while the first computation runs
    const second = value.get();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(2);
    expect(await second).toBe(2);
    calls[0]!.resolve(1); // the older computation finishes last
    expect(await first).toBe(1);
    expect(await value.get()).toBe(2);
  });
});
