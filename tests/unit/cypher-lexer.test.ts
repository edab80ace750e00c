// The console filter's lexer reads Cypher as Neo4j 5.26 does; each case here is a place
// where JavaScript's own notions (\s, line ends, escapes) and Cypher's differ.
import { describe, expect, it } from 'vitest';
import {
  CYPHER_WHITESPACE,
  CypherLexError,
  decodeUnicodeEscapes,
  tokenize,
} from '../../server/src/services/queries/cypher-lexer';

const words = (cypher: string) => tokenize(decodeUnicodeEscapes(cypher)).map((t) => t.text);

describe('unicode escapes, replaced before lexing as Neo4j does', () => {
  it('replaces \\uXXXX anywhere, in either case of hex digit', () => {
    expect(decodeUnicodeEscapes('\\u004cOAD \\u0063sv')).toBe('LOAD csv');
    expect(decodeUnicodeEscapes("RETURN '\\u00e9'")).toBe("RETURN 'é'");
  });

  it('leaves an escaped backslash and what follows it alone', () => {
    // Neo4j returns the text \u0041 for '\\u0041' and \A for '\\\u0041'.
    expect(decodeUnicodeEscapes("'\\\\u0041'")).toBe("'\\\\u0041'");
    expect(decodeUnicodeEscapes("'\\\\\\u0041'")).toBe("'\\\\A'");
  });

  it('never lets a replaced backslash escape the next character', () => {
    expect(decodeUnicodeEscapes('\\u005c\\u0041')).toBe('\\A');
  });

  it.each(['\\u004', '\\uu0041', '\\u+041', '\\u٠٠٤١', '\\u00G1'])(
    'refuses %j, which is not four ASCII hex digits',
    (text) => {
      expect(() => decodeUnicodeEscapes(text)).toThrow(CypherLexError);
    },
  );
});

describe('tokens', () => {
  it('knows the 28 white space characters of Cypher 5 (Cypher5Lexer.g4, SPACE)', () => {
    expect(CYPHER_WHITESPACE).toHaveLength(28);
    for (const ws of CYPHER_WHITESPACE)
      expect(words(`LOAD${ws}CSV`), `U+${ws.charCodeAt(0).toString(16)}`).toEqual(['LOAD', 'CSV']);
  });

  it('ends a // comment at \\r as well as \\n', () => {
    expect(words('RETURN 1 // note\rUNION SHOW')).toEqual(['RETURN', '1', 'UNION', 'SHOW']);
    expect(words('RETURN 1 // note\nUNION SHOW')).toEqual(['RETURN', '1', 'UNION', 'SHOW']);
  });

  it('ends a /* comment at */, also when */ is spelled with an escape', () => {
    expect(words('RETURN 1 /* a \\u002a/ UNION LOAD CSV */')).toEqual([
      'RETURN',
      '1',
      'UNION',
      'LOAD',
      'CSV',
      '*',
      '/',
    ]);
  });

  it('ends a string where Neo4j does: a backslash escapes any character, an escaped quote ends it', () => {
    expect(words("RETURN 'a\\'b' AS x")).toEqual(['RETURN', "''", 'AS', 'x']);
    expect(words("RETURN 'a\\u0027 UNION LOAD CSV 'x'")).toEqual([
      'RETURN',
      "''",
      'UNION',
      'LOAD',
      'CSV',
      "''",
    ]);
  });

  it('reads a doubled backtick as one backtick inside a name', () => {
    const [name] = tokenize('`a``b`');
    expect(name).toMatchObject({ kind: 'name', text: 'a`b' });
  });

  it.each([
    ['an unterminated string', "RETURN 'x", /unterminated ' quote/],
    ['an unterminated name', 'RETURN `x', /unterminated ` quote/],
    ['an unterminated comment', 'RETURN 1 /* x', /unterminated \/\* comment/],
    ['a backslash outside strings', 'RETURN 1 \\ 2', /backslash/],
    ['a control character', 'CRE\u0001ATE (:X)', /Control character U\+0001/],
    ['NEL, which JavaScript may call a line end', 'MATCH (n)\u0085RETURN n', /U\+0085/],
    ['a byte order mark, which JavaScript calls white space', 'MATCH (n)\uFEFFRETURN n', /U\+FEFF/],
    ['a zero-width space', 'CRE\u200BATE (:X)', /U\+200B/],
    ['a Cyrillic look-alike', 'СREATE (:X)', /Non-ASCII/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => tokenize(text)).toThrow(message);
  });

  it('allows any characters inside strings, comments and names', () => {
    expect(words("RETURN 'Lipavský\u0085' AS `naïve name` // ünïcode")).toEqual([
      'RETURN',
      "''",
      'AS',
      'naïve name',
    ]);
  });
});
