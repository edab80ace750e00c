// Splits Cypher into tokens the way Neo4j 5.26 itself does, so that the console's fast
// filter (query-guard.ts) sees the words Neo4j will see. Two of Neo4j's steps matter:
// - before lexing, \uXXXX escapes are replaced everywhere, in comments and strings too
//   (UnicodeEscapeReplacementReader): "/* \u002a/" ends a comment, "\u004cOAD" is LOAD;
// - the lexer (Cypher5Lexer.g4) treats more characters as white space than JavaScript's \s
//   (U+001C..U+001F), ends a // comment at \r as well as \n, lets a backslash escape any
//   character in a string, and escapes a backtick inside a `name` by doubling it.

/** Cypher 5's white space (Cypher5Lexer.g4, rule SPACE); nothing else separates words. */
export const CYPHER_WHITESPACE: readonly string[] = [
  '\t',
  '\n',
  '\u000B',
  '\u000C',
  '\r',
  '\u001C',
  '\u001D',
  '\u001E',
  '\u001F',
  ' ',
  '\u00A0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200A',
  '\u2028',
  '\u2029',
  '\u202F',
  '\u205F',
  '\u3000',
];
const WHITESPACE = new Set(CYPHER_WHITESPACE);

/** The text could not be read as Cypher; `offset` is where, in the text as given. */
export class CypherLexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'CypherLexError';
  }
}

type TokenKind = 'word' | 'number' | 'string' | 'name' | 'symbol';

export interface Token {
  kind: TokenKind;
  /** The word or symbol; a `name` without its backticks; a string as '' (contents dropped). */
  text: string;
  /** Upper case of a word, '' for every other kind. */
  upper: string;
  /** The token just before (ignoring white space and comments), for "n.use" vs "USE". */
  before: Token | undefined;
}

/**
 * Replaces \uXXXX escapes as Neo4j does before it lexes: a backslash that is not itself
 * escaped by a backslash, then "u" and four hexadecimal digits. Neo4j reads the digits with
 * Java's Integer.parseInt, which also takes signs and non-ASCII digits; anything but four
 * ASCII hex digits is refused here.
 */
export function decodeUnicodeEscapes(cypher: string): string {
  let out = '';
  let escaped = false;
  for (let i = 0; i < cypher.length;) {
    let c = cypher[i]!;
    const replacement: boolean = !escaped && c === '\\' && cypher[i + 1] === 'u';
    if (replacement) {
      const hex = cypher.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        throw new CypherLexError(
          `"\\u" must be followed by four hexadecimal digits (at offset ${i})`,
          i,
        );
      c = String.fromCharCode(parseInt(hex, 16));
    }
    // A replaced character never escapes the next one (Neo4j's reader works the same way).
    escaped = !escaped && !replacement && c === '\\';
    out += c;
    i += replacement ? 6 : 1;
  }
  return out;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const NUMBER_PART = /[A-Za-z0-9_.]/;

function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * Splits (already decoded) Cypher into tokens, dropping white space, comments and the
 * contents of strings. Outside strings, comments and `names` only ASCII is accepted: Cypher
 * lets letters of any script form identifiers, and look-alikes of keywords (a Cyrillic С in
 * CREATE) or invisible joiners must not hide a keyword from the filter.
 */
export function tokenize(cypher: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    tokens.push({
      kind,
      text,
      upper: kind === 'word' ? text.toUpperCase() : '',
      before: tokens.at(-1),
    });
  };
  let i = 0;
  while (i < cypher.length) {
    const c = cypher[i]!;
    const next = cypher[i + 1];
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < cypher.length && cypher[i] !== '\n' && cypher[i] !== '\r') i++;
    } else if (c === '/' && next === '*') {
      const end = cypher.indexOf('*/', i + 2);
      if (end < 0) throw new CypherLexError('The query has an unterminated /* comment', i);
      i = end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < cypher.length && cypher[j] !== c) j += cypher[j] === '\\' ? 2 : 1;
      if (j >= cypher.length)
        throw new CypherLexError(`The query has an unterminated ${c} quote`, i);
      push('string', `${c}${c}`);
      i = j + 1;
    } else if (c === '`') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= cypher.length)
          throw new CypherLexError('The query has an unterminated ` quote', i);
        if (cypher[j] === '`') {
          if (cypher[j + 1] !== '`') break;
          j++; // `` is one backtick inside the name
        }
        name += cypher[j];
        j++;
      }
      push('name', name);
      i = j + 1;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < cypher.length && WORD_PART.test(cypher[j]!)) j++;
      push('word', cypher.slice(i, j));
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < cypher.length && NUMBER_PART.test(cypher[j]!)) j++;
      push('number', cypher.slice(i, j));
      i = j;
    } else if (c === '\\') {
      throw new CypherLexError('A backslash is only allowed inside strings', i);
    } else if (isControl(c)) {
      throw new CypherLexError(
        `Control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is only allowed inside strings`,
        i,
      );
    } else if (c.charCodeAt(0) > 0x7f) {
      const shown = String.fromCodePoint(cypher.codePointAt(i)!);
      throw new CypherLexError(
        `Non-ASCII characters are only allowed in strings, comments and \`quoted\` names (found "${shown}", U+${cypher.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')})`,
        i,
      );
    } else {
      push('symbol', c);
      i++;
    }
  }
  return tokens;
}
