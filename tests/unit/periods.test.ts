// The time an element covers, for the time filter.
import { describe, expect, it } from 'vitest';
import { outsideWindow, periodOf } from '../../client/src/periods';

describe('the period of', () => {
  it("a relationship is the server's periodStart/periodEnd, open-ended when ongoing", () => {
    expect(
      periodOf({ source: 'a', target: 'b', periodStart: '2025-05-28', periodEnd: '2025-05-28' }),
    ).toEqual({ start: '2025-05-28', end: '2025-05-28' });
    expect(periodOf({ source: 'a', target: 'b', periodStart: '2022-01-01' })).toEqual({
      start: '2022-01-01',
      end: '9999-12-31',
    });
  });

  it('an undated relationship is none, even with a since of its own', () => {
    expect(periodOf({ source: 'a', target: 'b' })).toBeUndefined();
  });

  it('an operation is its since/until, a partial date covering its whole period', () => {
    expect(periodOf({ id: 'operation:x', since: '2015-12-01', until: '2016' })).toEqual({
      start: '2015-12-01',
      end: '2016-12-31',
    });
    expect(periodOf({ id: 'operation:x', since: '2022' })).toEqual({
      start: '2022-01-01',
      end: '9999-12-31',
    });
    expect(periodOf({ id: 'actor:x' })).toBeUndefined();
  });
});

describe('a period', () => {
  const ukraine2015 = { start: '2015-12-01', end: '2016-01-01' };
  it('ending before the window is outside it: 2015 is not in 2021-2025', () => {
    expect(outsideWindow(ukraine2015, '2021-01-01', '2025-12-31')).toBe(true);
  });
  it('touching the window is inside it', () => {
    expect(outsideWindow(ukraine2015, '2016-01-01', undefined)).toBe(false);
    expect(
      outsideWindow({ start: '2022-01-01', end: '9999-12-31' }, '2024-01-01', '2024-12-31'),
    ).toBe(false);
  });
});
