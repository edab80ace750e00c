// Turning what a user types into a Lucene query for the full-text index, and picking a
// snippet that shows why a hit matched, in clean text.
import { Lexer, type Token } from 'marked';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const MAX_TERMS = 8;

/** Words of the query, lower-cased, special characters removed. */
function queryTerms(q: string): string[] {
  return q
    .toLowerCase()
    .replace(LUCENE_SPECIAL, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0 && !['and', 'or', 'not', 'to'].includes(t))
    .slice(0, MAX_TERMS);
}

/**
 * Every term must match, as an exact word (boosted), a prefix, or (for terms of 4+ letters)
 * a fuzzy match within one edit: "violet typ" finds Violet Typhoon, "lipavski" finds Lipavsky.
 * The whole phrase in a name or alias ranks first. `preferNames` adds per-word boosts for
 * names and aliases, for the index that also holds descriptions and statements' words; the
 * names-only index does without them (they cost a third of its time at a million nodes).
 */
export function luceneQuery(q: string, options: { preferNames: boolean }): string {
  const terms = queryTerms(q);
  if (!terms.length) return '';
  const required = terms.map((t) => {
    const alternatives = [`${t}^3`, `${t}*`];
    if (t.length >= 4) alternatives.push(`${t}~1`);
    return `+(${alternatives.join(' ')})`;
  });
  const phrase = terms.join(' ');
  const boosts = [`name:"${phrase}"^12`, `aliases:"${phrase}"^10`];
  if (options.preferNames) boosts.push(...terms.map((t) => `name:${t}*^4 aliases:${t}*^3`));
  const all = [...required, ...boosts].join(' ');
  // "APT 31", "apt-31": the words written together are also a name (APT31), which the
  // required words alone would miss ("31" is not a word of "APT31").
  const joined = terms.join('');
  if (terms.length < 2 || !/^[\p{L}\p{N}]+$/u.test(joined)) return all;
  return `(${all}) OR (name:${joined}^12 aliases:${joined}^10 name:${joined}*^2 aliases:${joined}*^2)`;
}

/** A name as search compares it: lower case, without spaces, hyphens, dots or underscores. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.]+/g, '');
}

/** ATT&CK's reference markers, "(Citation: Symantec WastedLocker June 2020)". */
const CITATION = /\s*\(Citation:[^)]*\)/g;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function tokenText(token: Token): string {
  // Inline HTML (<code>, <br>, a hostile <script>) is markup: its tags go, text between stays.
  if (token.type === 'html') return '';
  if (token.type === 'br') return ' ';
  if ('tokens' in token && Array.isArray(token.tokens)) return token.tokens.map(tokenText).join('');
  return 'text' in token && typeof token.text === 'string'
    ? token.text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    : '';
}

/**
 * The words of a Markdown text, as one line: "[APT31](https://…) used <code>x</code>.(Citation:
 * Y)" reads "APT31 used x.". Descriptions imported from ATT&CK are Markdown; a snippet is
 * shown as text, so it must not carry the syntax. Parsed by marked's inline lexer, not by
 * hand, so escapes, code spans and nested emphasis come out right.
 */
export function plainText(markdown: string): string {
  return Lexer.lexInline(markdown.replace(CITATION, ''))
    .map(tokenText)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

const SNIPPET_FIELDS = ['name', 'aliases', 'text', 'description'] as const;
/** Fields that may hold Markdown (imported descriptions, quoted statements). */
const MARKDOWN_FIELDS: ReadonlySet<string> = new Set(['text', 'description']);

/** A short extract of the first field that contains a query term, else the name; clean text. */
export function snippet(node: Record<string, unknown>, q: string, width = 120): string {
  const terms = queryTerms(q);
  for (const field of SNIPPET_FIELDS) {
    const raw = node[field];
    const joined = Array.isArray(raw) ? raw.join(', ') : typeof raw === 'string' ? raw : '';
    const value = MARKDOWN_FIELDS.has(field) ? plainText(joined) : joined;
    const lower = value.toLowerCase();
    const at = terms.map((t) => lower.indexOf(t)).find((i) => i >= 0);
    if (at === undefined) continue;
    if (value.length <= width) return field === 'aliases' ? `also known as ${value}` : value;
    const start = Math.max(0, at - Math.floor(width / 3));
    const text = value.slice(start, start + width);
    return `${start > 0 ? '…' : ''}${text}${start + width < value.length ? '…' : ''}`;
  }
  const described = [node.description, node.text].find((v) => typeof v === 'string');
  const text =
    typeof described === 'string'
      ? plainText(described)
      : typeof node.name === 'string'
        ? node.name
        : '';
  return text.length > width ? `${text.slice(0, width)}…` : text;
}
