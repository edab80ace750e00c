// Saved-query parameters are parsed strictly: only what the type says, with a 400 message
// naming the parameter (tests/integration/saved-queries.test.ts runs them over HTTP).
import { describe, expect, it } from 'vitest';
import { paramValueSchema, type ParamSpec } from '../../server/src/services/queries/definition';

const parse = (spec: Partial<ParamSpec> & { type: ParamSpec['type'] }, value: unknown) => {
  const result = paramValueSchema('limit', { required: false, ...spec }).safeParse(value);
  return result.success
    ? { ok: true as const, value: result.data }
    : { ok: false as const, message: result.error.issues.map((i) => i.message).join('; ') };
};

describe('int parameters', () => {
  it.each([12, '12', ' -3 ', '+7'])('read %j as a whole number', (value) => {
    expect(parse({ type: 'int' }, value)).toEqual({ ok: true, value: Number(value) });
  });

  it.each([
    [true, /limit must be a whole number \(got true\)/],
    [[7], /limit must be a whole number \(got \[7\]\)/],
    ['0x10', /limit must be a whole number \(got "0x10"\)/],
    [1.5, /limit must be a whole number between .* \(got 1\.5\)/],
    ['1.5', /limit must be a whole number \(got "1\.5"\)/],
    ['1e3', /got "1e3"/],
    ['', /got ""/],
    [2 ** 60, /between -9007199254740991 and 9007199254740991/],
    [null, /got null/],
  ])('refuse %j', (value, message) => {
    expect(parse({ type: 'int' }, value)).toMatchObject({
      ok: false,
      message: expect.stringMatching(message),
    });
  });

  it('keep their ranges', () => {
    expect(parse({ type: 'int', min: 1, max: 10 }, 50)).toMatchObject({
      message: 'limit must be at most 10',
    });
  });
});

describe('float parameters', () => {
  it.each([1.5, '1.5', '-0.5', '.5', '1e300', 1e300])('read %j', (value) => {
    expect(parse({ type: 'float' }, value)).toEqual({ ok: true, value: Number(value) });
  });

  it.each([
    [true, /limit must be a number \(got true\)/],
    [[7], /got \[7\]/],
    ['0x10', /got "0x10"/],
    ['Infinity', /got "Infinity"/],
    ['NaN', /got "NaN"/],
    ['1e400', /limit must be a finite number/],
  ])('refuse %j', (value, message) => {
    expect(parse({ type: 'float' }, value)).toMatchObject({
      ok: false,
      message: expect.stringMatching(message),
    });
  });
});

describe('date parameters', () => {
  it.each(['2024', '2024-03', '2024-02-29', '2024-12-31'])('read %s', (value) => {
    expect(parse({ type: 'date' }, value)).toEqual({ ok: true, value });
  });

  it.each([
    ['2020-02-30', /limit must be a date that exists \(2020-02-30 does not\)/],
    ['2023-02-29', /2023-02-29 does not/],
    ['2024-04-31', /2024-04-31 does not/],
    ['2024-13', /limit must be an ISO 8601 date/],
    ['yesterday', /limit must be an ISO 8601 date/],
    [20240101, /limit must be an ISO 8601 date/],
  ])('refuse %j', (value, message) => {
    expect(parse({ type: 'date' }, value)).toMatchObject({
      ok: false,
      message: expect.stringMatching(message),
    });
  });
});

describe('list parameters', () => {
  it('check every item with the item type', () => {
    expect(parse({ type: 'list', items: 'int' }, '1, 2,3')).toEqual({ ok: true, value: [1, 2, 3] });
    expect(parse({ type: 'list', items: 'int' }, '1,2,x')).toMatchObject({
      message: 'limit must be a whole number (got "x")',
    });
  });
});
