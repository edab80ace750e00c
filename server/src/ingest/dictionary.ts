// The dictionary: every name and alias the graph holds (loaded with one parameterised read),
// completed by the gazetteer's states (names, adjectives, capitals) and organisations, and
// a matcher that finds them in a tokenised text, longest match first.
import type { Database } from '../db/database';
import { normalName } from '../exchange/import/names';
import { ORGANISATIONS, STATES } from './gazetteer';
import type { DictionaryEntry, EntityLabel } from './types';

const DICTIONARY_LABELS: readonly EntityLabel[] = [
  'Actor',
  'State',
  'Organisation',
  'Person',
  'Operation',
];

/** Every node of the dictionary's labels with its name and aliases (one read). */
export async function loadGraphDictionary(db: Database): Promise<DictionaryEntry[]> {
  const rows = await db.read<{
    id: string;
    label: string;
    name: string;
    aliases: string[] | null;
    iso2: string | null;
  }>(
    `MATCH (n:Entity) WHERE any(l IN labels(n) WHERE l IN $labels)
     RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS label, n.name AS name,
            n.aliases AS aliases, n.iso2 AS iso2`,
    { labels: DICTIONARY_LABELS },
  );
  return rows
    .filter((r) => typeof r.name === 'string')
    .map((r) => ({
      id: r.id,
      label: r.label as EntityLabel,
      name: r.name,
      aliases: (r.aliases ?? []).map(String),
      ...(r.iso2 ? { props: { iso2: r.iso2 } } : {}),
    }));
}

/**
 * The graph's entries with the gazetteer's terms added to the nodes they name (a State by
 * its ISO code or name, an organisation by name or alias), and gazetteer entries for what
 * the graph does not hold yet.
 */
export function withGazetteer(graph: readonly DictionaryEntry[]): DictionaryEntry[] {
  const entries = graph.map((e) => ({ ...e, extra: [...(e.extra ?? [])] }));
  const byName = new Map<string, (typeof entries)[number]>();
  for (const e of entries)
    for (const n of [e.name, ...e.aliases]) {
      const key = `${e.label}|${normalName(n)}`;
      if (!byName.has(key)) byName.set(key, e);
    }
  const byIso = new Map(
    entries.filter((e) => e.label === 'State' && e.props?.iso2).map((e) => [e.props!.iso2, e]),
  );
  for (const s of STATES) {
    const terms = [...s.adjectives, ...(s.capital ? [s.capital] : [])];
    const known =
      byIso.get(s.iso2) ??
      [s.name, ...s.aliases].map((n) => byName.get(`State|${normalName(n)}`)).find(Boolean);
    if (known) known.extra.push(...s.aliases, ...terms, s.name);
    else
      entries.push({
        label: 'State',
        name: s.name,
        aliases: [...s.aliases],
        extra: terms,
        props: { iso2: s.iso2 },
      });
  }
  for (const o of ORGANISATIONS) {
    const known = [o.name, ...o.aliases]
      .map((n) => byName.get(`Organisation|${normalName(n)}`))
      .find(Boolean);
    if (known) known.extra.push(...o.aliases, o.name);
    else
      entries.push({
        label: 'Organisation',
        name: o.name,
        aliases: [...o.aliases],
        extra: [],
        props: { kind: o.kind },
      });
  }
  return entries;
}

/** A token as the matcher sees it: its normal form and where it is. */
export interface Token {
  text: string;
  norm: string;
  start: number;
  end: number;
}

/** Lower case, no accents, letters and digits only ("APT31’s" -> "apt31"). */
export function tokenNorm(text: string): string {
  return normalName(text.replace(/['’]s$/u, ''));
}

export interface DictionaryHit {
  start: number;
  end: number;
  /** Indexes into the entries: several when the name is ambiguous. */
  entries: number[];
  /** Matched through an adjective or a capital ("Chinese", "Beijing"), not a name. */
  adjective: boolean;
  text: string;
}

interface Term {
  tokens: string[];
  entry: number;
  /** Short all-capital names ("US", "EU", "MSS") match only as written. */
  exact?: string;
  adjective: boolean;
}

const lettersOf = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** Common words that some dataset uses as a group's alias; never matched alone. */
const COMMON_WORDS = new Set(
  'group team the unknown china iran russia axiom sandworm ghost shadow storm dragon panda bear kitten spider'
    .split(' ')
    .filter((w) => !['china', 'iran', 'russia', 'sandworm', 'axiom'].includes(w)),
);

export class DictionaryMatcher {
  private readonly terms = new Map<string, Term[]>();

  constructor(readonly entries: readonly DictionaryEntry[]) {
    entries.forEach((e, i) => {
      for (const name of new Set([e.name, ...e.aliases])) this.add(name, i, false);
      for (const name of e.extra ?? []) {
        const isName = name === e.name || e.aliases.includes(name);
        this.add(name, i, !isName && e.label === 'State' && !/\s/.test(name) ? true : false);
      }
    });
    for (const list of this.terms.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  private add(name: string, entry: number, adjective: boolean): void {
    const tokens = name
      .split(/[\s-]+/)
      .map(tokenNorm)
      .filter(Boolean);
    if (!tokens.length) return;
    if (tokens.length === 1 && (COMMON_WORDS.has(tokens[0]!) || tokens[0]!.length < 2)) return;
    const letters = lettersOf(name);
    const exact =
      letters.length <= 6 && letters === letters.toUpperCase() && /\p{L}/u.test(letters)
        ? letters
        : undefined;
    const list = this.terms.get(tokens[0]!) ?? [];
    const adj = adjective && !STATES.some((s) => s.capital === name);
    if (!list.some((t) => t.entry === entry && t.tokens.join(' ') === tokens.join(' ')))
      list.push({ tokens, entry, ...(exact ? { exact } : {}), adjective: adj });
    this.terms.set(tokens[0]!, list);
  }

  /** Longest matches, left to right, in one sentence's tokens. */
  match(tokens: readonly Token[]): DictionaryHit[] {
    const hits: DictionaryHit[] = [];
    for (let i = 0; i < tokens.length;) {
      const first = tokens[i]!;
      const found = (this.terms.get(first.norm) ?? []).filter((t) => this.fits(t, tokens, i));
      if (!found.length) {
        i++;
        continue;
      }
      const longest = found[0]!.tokens.length;
      const best = found.filter((t) => t.tokens.length === longest);
      const last = tokens[i + longest - 1]!;
      hits.push({
        start: first.start,
        end: last.start + last.text.replace(/['’]s$/u, '').length,
        entries: [...new Set(best.map((t) => t.entry))],
        adjective: best.every((t) => t.adjective),
        text: '',
      });
      i += longest;
    }
    return hits;
  }

  private fits(term: Term, tokens: readonly Token[], at: number): boolean {
    if (at + term.tokens.length > tokens.length) return false;
    for (let k = 0; k < term.tokens.length; k++)
      if (tokens[at + k]!.norm !== term.tokens[k]) return false;
    const surface = tokens.slice(at, at + term.tokens.length);
    if (term.exact !== undefined)
      return lettersOf(surface.map((t) => t.text.replace(/['’]s$/u, '')).join('')) === term.exact;
    // A proper name is written with a capital (or starts with a digit).
    return /^[\p{Lu}\p{N}]/u.test(surface[0]!.text);
  }
}
