import { describe, expect, it } from 'vitest';
import { ResultBudget, ResultTooLarge } from '../../server/src/services/queries/result-budget';

const limits = { maxBytes: 10_000, maxListItems: 100, maxDepth: 5 };
const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

describe('the result budget', () => {
  it('admits rows within every limit', () => {
    const budget = new ResultBudget(limits);
    for (let row = 0; row < 10; row++)
      budget.admit(['text', 42, [1, 2, 3], { a: { b: null } }], row);
  });

  it('refuses a list longer than the limit before visiting its items', () => {
    // Every read of an item is recorded: the refusal must come from the length alone.
    const visited: string[] = [];
    const huge = new Proxy(new Array<number>(5_000_000), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) visited.push(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(() => new ResultBudget(limits).admit([huge], 0)).toThrow(
      /a list in row 1 has 5,000,000 items \(limit: 100 items per list\)/,
    );
    expect(visited).toEqual([]);
  });

  it('refuses values nested deeper than the limit', () => {
    new ResultBudget(limits).admit([nested(5)], 0);
    expect(() => new ResultBudget(limits).admit([nested(6)], 2)).toThrow(
      /row 3 is nested more than 5 levels deep/,
    );
  });

  it('counts bytes across rows and stops at the first row past the limit', () => {
    const budget = new ResultBudget(limits);
    const row = ['x'.repeat(1_000)];
    let admitted = 0;
    expect(() => {
      for (;;) {
        budget.admit(row, admitted);
        admitted++;
      }
    }).toThrow(ResultTooLarge);
    expect(admitted).toBeGreaterThan(2);
    expect(admitted).toBeLessThan(10);
  });

  it('answers 422 result_too_large naming the limit', () => {
    try {
      new ResultBudget(limits).admit(['x'.repeat(20_000)], 0);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ status: 422, code: 'result_too_large' });
      expect((e as Error).message).toMatch(/limit: 10,000 bytes \(QUERY_RESULT_MAX_BYTES\)/);
      // Where it was reached, and what to do besides LIMIT: the query may have one already.
      expect((e as Error).message).toMatch(/bytes of JSON by row 1 /);
      expect((e as Error).message).toMatch(/rather than whole nodes/);
    }
  });
});
