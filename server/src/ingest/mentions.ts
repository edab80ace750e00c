// Finding entities in a report: sentences and tokens from compromise (its English model
// ships inside the package), the dictionary's names, and new candidates: people (with their
// titles), organisations (ministries, agencies, companies, "<state> government"), actors
// named the way the industry names them, and operations. Every mention keeps its offsets.
import nlp from 'compromise';
import { normalName } from '../exchange/import/names';
import { DictionaryMatcher, tokenNorm, type Token } from './dictionary';
import { STATES } from './gazetteer';
import type { DictionaryEntry, EntityLabel, Span } from './types';

export interface Sentence extends Span {
  index: number;
  text: string;
  tokens: Token[];
  /** Quoted passages (“…” or "…") inside the sentence. */
  quotes: Span[];
}

/** One mention with the entity it stands for (a key: a node id, or a new entity's key). */
export interface Mention extends Span {
  key: string;
  label: EntityLabel;
  sentence: number;
  /** Matched through an adjective or a capital ("Chinese", "Beijing"). */
  adjective: boolean;
  inQuote: boolean;
}

export interface EntityInfo {
  key: string;
  label: EntityLabel;
  name: string;
  matchId?: string;
  candidates?: { id: string; name: string; label: string }[];
  props: Record<string, unknown>;
}

interface CompromiseTerm {
  text: string;
  offset: { start: number; length: number };
}
interface CompromiseSentence {
  text: string;
  offset: { start: number; length: number };
  terms: CompromiseTerm[];
}

function sentencesOf(text: string): Sentence[] {
  const allQuotes: Span[] = [];
  for (const m of text.matchAll(/[“"]([^”"\n]{3,})[”"]/gu))
    allQuotes.push({ start: m.index + 1, end: m.index + m[0].length - 1 });
  const json = splitAfterQuotes(
    text,
    nlp(text).json({ offset: true, terms: { offset: true } }) as CompromiseSentence[],
  );
  return json.map((s, index) => {
    const start = s.offset.start;
    const end = start + s.offset.length;
    const own = text.slice(start, end);
    const quotes = allQuotes.filter((q) => q.start < end && start < q.end);
    return {
      index,
      start,
      end,
      text: own,
      quotes,
      tokens: s.terms
        .map((t) => ({
          text: t.text,
          norm: tokenNorm(t.text),
          start: t.offset.start,
          end: t.offset.start + t.offset.length,
        }))
        .filter((t) => t.norm !== ''),
    };
  });
}

/** compromise keeps `… Affairs.” She said` in one sentence: split after a closing quote. */
function splitAfterQuotes(text: string, sentences: CompromiseSentence[]): CompromiseSentence[] {
  const out: CompromiseSentence[] = [];
  for (const s of sentences) {
    const own = text.slice(s.offset.start, s.offset.start + s.offset.length);
    const cuts = [...own.matchAll(/[.!?][”"]\s+(?=[\p{Lu}“"])/gu)].map(
      (m) => s.offset.start + m.index + 2,
    );
    let from = s.offset.start;
    for (const cut of [...cuts, s.offset.start + s.offset.length]) {
      const terms = s.terms.filter((t) => t.offset.start >= from && t.offset.start < cut);
      if (terms.length)
        out.push({
          text: text.slice(from, cut),
          offset: { start: from, length: cut - from },
          terms,
        });
      from = cut;
    }
  }
  return out;
}

const ADJECTIVES = STATES.flatMap((s) => [...s.adjectives, s.name]).sort(
  (a, b) => b.length - a.length,
);
const ADJ = `(?:${ADJECTIVES.map((a) => a.replace(/\./g, '\\.')).join('|')})`;
const CAP = `[\\p{Lu}][\\p{L}\\p{M}\\p{N}'’-]*`;
const SP = '[ \\t]+';
const NAME = `${CAP}(?:${SP}${CAP}){1,2}`;
const TITLES = [
  'Foreign Minister',
  'Prime Minister',
  'Defence Minister',
  'Defense Minister',
  'Interior Minister',
  'Minister',
  'Deputy Prime Minister',
  'President',
  'Vice President',
  'Chancellor',
  'Secretary of State',
  'Chief Cabinet Secretary',
  'Secretary-General',
  'Secretary General',
  'Secretary',
  'High Representative for Foreign Affairs and Security Policy',
  'High Representative',
  'Commissioner',
  'Ambassador',
  'Director',
  'Senator',
  'Attorney General',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'Spokesperson',
  'Spokesman',
  'Spokeswoman',
  'ministry spokesperson',
  'Foreign Ministry spokesperson',
  'Foreign Ministry spokesman',
].sort((a, b) => b.length - a.length);
/** A title before a person's name ("Foreign Minister"); structure.ts reads roles with it. */
export const TITLE = `(?:${TITLES.join('|')})`;
const LEADING_TITLES = new RegExp(
  `^(?:(?:${TITLES.join('|')}|General|Minister|President|Chancellor|Mr\\.?|Ms\\.?|Mrs\\.?|Dr\\.?)\\s+)+`,
  'u',
);

const ORG_HEADS =
  'Party|Ministry|Agency|Department|Office|Bureau|Service|Council|Centre|Center|Commission|Committee|Company|Corporation|Corp\\.?|Inc\\.?|Ltd\\.?|Limited|Technologies|Technology|Institute|Authority|Directorate|Command|Police|Embassy|Parliament|Government';

interface Candidate extends Span {
  label: EntityLabel;
  name: string;
  props?: Record<string, unknown>;
  /** A candidate that wins over the dictionary names inside it. */
  strong?: boolean;
}

function cleanName(name: string): string {
  return name
    .replace(/['’]s?$/u, '')
    .replace(/^the\s+/i, '')
    .replace(/[\s,.]+$/u, '')
    .trim();
}

/** New entities from patterns and compromise's people and organisations. */
function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (
    start: number,
    raw: string,
    label: EntityLabel,
    props?: Record<string, unknown>,
    strong = false,
  ) => {
    // "Japan's National Police Agency": the possessor is a mention of its own (PART_OF).
    const owned =
      label === 'Organisation' ? /^[\p{Lu}][\p{L}\s]*?['’]s\s+(?=\p{Lu})/u.exec(raw) : null;
    const name = cleanName(owned ? raw.slice(owned[0].length) : raw);
    if (!name) return;
    const offset = raw.indexOf(name, owned ? owned[0].length : 0);
    out.push({
      start: start + offset,
      end: start + offset + name.length,
      label,
      name,
      strong,
      ...(props ? { props } : {}),
    });
  };
  // People with a title: "Foreign Minister Jan Lipavsky", "spokesperson Mao Ning".
  for (const m of text.matchAll(new RegExp(`\\b(${TITLE})\\s+(${NAME})`, 'gu'))) {
    const title = m[1]!;
    const name = m[2]!;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const qualifier = new RegExp(`(${ADJ}|[\\p{Lu}][\\p{L}]+['’]s)\\s+$`, 'u').exec(before)?.[1];
    push(m.index + m[0].length - name.length, name, 'Person', {
      title: qualifier ? `${qualifier.replace(/['’]s$/u, '')} ${title}` : title,
    });
  }
  // A title after the name: "Yoshimasa Hayashi, Japan's Chief Cabinet Secretary", "Kim Yo
  // Jong, a spokesperson of the Foreign Ministry".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(${NAME}),\\s+(?:the\\s+|an?\\s+)?(?:((?:${ADJ}|${CAP}['’]s))\\s+)?(${TITLE})\\b`,
      'gu',
    ),
  )) {
    if (/^(?:The|A|An|In|As|On|At)\s/u.test(m[1]!)) continue;
    const qualifier = m[2]?.replace(/['’]s$/u, '');
    push(m.index, m[1]!, 'Person', { title: qualifier ? `${qualifier} ${m[3]}` : m[3] });
  }
  // People named right after a sanction or a charge: "sanctioned Zhou Shuai and his company".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:sanctioned|sanctioning|designated|indicted|charged|charging)\\s+(${NAME})(?=\\s*(?:,|and\\b|\\.|$|for\\b|over\\b|who\\b))`,
      'gu',
    ),
  )) {
    const name = m[1]!;
    if (new RegExp(`(?:${ORG_HEADS})$|^(?:The|A|An|Two|Three|Several)\\s`, 'u').test(name))
      continue;
    push(m.index + m[0].length - name.length, name, 'Person');
  }
  // Role-only officials: "the Chinese Ambassador", "the acting Russian chargé d'affaires".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(${ADJ})\\s+(Ambassador|ambassador|envoy|[Cc]harg[ée] d['’]affaires)(?![\\p{L}])(?!${SP}${CAP})`,
      'gu',
    ),
  )) {
    const role = /^[Cc]harg/u.test(m[2]!) ? "chargé d'affaires" : 'Ambassador';
    const name = `${m[1]} ${role}`;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      label: 'Person',
      name,
      props: { title: name },
      strong: true,
    });
  }
  // "<state> government", "<state> Foreign Ministry", "<state> Ministry of Foreign Affairs", "<state> embassy".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(${ADJ})\\s+((?:government|Government|embassy|Embassy|(?:${CAP}${SP}){0,2}(?:Ministry|Agency|Office|Service|Police|Army)(?:\\s+(?:of|for)${SP}${CAP}(?:\\s+(?:and|of|for)${SP}${CAP}|${SP}${CAP})*)?))`,
      'gu',
    ),
  )) {
    const head = m[2]!;
    const kind = /government/i.test(head)
      ? 'government'
      : /ministry/i.test(head)
        ? 'ministry'
        : 'agency';
    push(m.index, m[0], 'Organisation', { kind }, true);
  }
  // Ministries and agencies without a state: "Ministry of Foreign Affairs", "National Cyber Security Centre".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:${CAP}${SP}(?:(?:${CAP}|and|of|for)\\s+){0,5}(?:${ORG_HEADS})(?:\\s+(?:of|for)\\s+(?:the\\s+)?${CAP}(?:\\s+(?:and|of|for|the)${SP}${CAP}|${SP}${CAP})*)?|(?:Ministry|Department|Office)\\s+(?:of|for)\\s+(?:the\\s+)?${CAP}(?:\\s+(?:and|of|for|the)${SP}${CAP}|${SP}${CAP})*)\\b`,
      'gu',
    ),
  )) {
    if (
      /^(?:The|In|As|A|An|This|Following|According)\s/u.test(m[0]) &&
      !/^The\s+\S+\s+(?:of|for)/u.test(m[0])
    ) {
      const rest = m[0].replace(/^\S+\s+/u, '');
      if (rest.split(/\s+/).length < 2 && !/^(?:Ministry|Department|Office)/u.test(rest)) continue;
      push(m.index + m[0].length - rest.length, rest, 'Organisation', orgKind(rest), true);
    } else push(m.index, m[0], 'Organisation', orgKind(m[0]), true);
  }
  // Companies named "... Science and Technology Company".
  for (const m of text.matchAll(
    new RegExp(
      `\\b${CAP}(?:\\s+(?:and\\s+)?${CAP}){1,6}\\s+(?:Company|Co\\.?,? Ltd\\.?|Limited|Inc\\.?|Corporation)\\b`,
      'gu',
    ),
  ))
    push(m.index, m[0], 'Organisation', { kind: 'company' }, true);
  // "the company Mehrsam Andisheh Saz Nik".
  for (const m of text.matchAll(
    new RegExp(`\\b(?:the )?(?:company|firm|contractor)\\s+(${CAP}(?:${SP}${CAP}){0,5})`, 'gu'),
  ))
    push(m.index + m[0].length - m[1]!.length, m[1]!, 'Organisation', { kind: 'company' }, true);
  // "the Cyber Av3ngers, a group ...", "X, a hacker group".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(${CAP}(?:${SP}${CAP}){0,3}),\\s+an?\\s+(?:[\\p{L}-]+\\s+){0,2}(?:group|gang|collective|crew)\\b`,
      'gu',
    ),
  ))
    if (!/^(?:The|A|An|This|In|As)$/u.test(m[1]!)) push(m.index, m[1]!, 'Actor', { kind: 'group' });
  // Named people in a list: "two individuals, Zhao Guangzong and Ni Gaobin".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:individuals|nationals|officers|officials|citizens|men|women|hackers|people)[,:]?\\s+(${NAME}(?:,\\s+${NAME})*(?:,?\\s+and\\s+${NAME})?)`,
      'gu',
    ),
  )) {
    let at = m.index + m[0].length - m[1]!.length;
    for (const part of m[1]!.split(/(,\s+|,?\s+and\s+)/u)) {
      if (!/\p{Lu}/u.test(part)) {
        at += part.length;
        continue;
      }
      push(at, part, 'Person', undefined, true);
      at += part.length;
    }
  }
  // Actors named the way the industry names them.
  for (const m of text.matchAll(
    /\b(?:APT ?\d{1,3}|UNC\d{2,5}|TA\d{3,4}|FIN\d{1,2}|Storm-\d{3,4}|DEV-\d{3,4}|[A-Z][a-z]+ (?:Typhoon|Blizzard|Sandstorm|Sleet|Tempest|Panda|Bear|Kitten|Chollima|Spider|Tiger|Leopard))\b/gu,
  ))
    push(m.index, m[0], 'Actor', { kind: 'group' });
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:group|actor|collective|gang)\\s+(?:known as|dubbed|called|tracked as)\\s+(${CAP}(?:${SP}${CAP})?)`,
      'gu',
    ),
  ))
    push(m.index + m[0].length - m[1]!.length, m[1]!, 'Actor', { kind: 'group' });
  // Named operations.
  for (const m of text.matchAll(new RegExp(`\\bOperation${SP}${CAP}(?:${SP}${CAP})?`, 'gu')))
    push(m.index, m[0], 'Operation', {}, true);
  // compromise's people and organisations.
  const doc = nlp(text);
  for (const p of doc.people().json({ offset: true }) as CompromiseSentence[]) {
    // compromise keeps part of a title ("General Pam Bondi" of "Attorney General Pam Bondi").
    const raw = p.text.replace(LEADING_TITLES, '');
    const words = raw.split(/\s+/);
    if (words.length < 2 || !words.every((w) => /^[\p{Lu}]/u.test(w))) continue;
    push(p.offset.start + p.text.indexOf(raw), raw, 'Person');
  }
  for (const o of doc.organizations().json({ offset: true }) as CompromiseSentence[]) {
    const raw = o.text.replace(/[,.;:]+$/u, '');
    const words = raw.split(/\s+/);
    if (!words.every((w) => /^[\p{Lu}\p{N}&]|^(?:of|and|for|the)$/u.test(w))) continue;
    push(o.offset.start, raw, 'Organisation', orgKind(raw));
  }
  return out;
}

function orgKind(name: string): Record<string, unknown> {
  if (/ministry/i.test(name)) return { kind: 'ministry' };
  if (/government/i.test(name)) return { kind: 'government' };
  if (/company|corporation|inc\b|ltd\b|limited|technolog/i.test(name)) return { kind: 'company' };
  if (
    /agency|bureau|service|centre|center|directorate|command|police|authority|office|department/i.test(
      name,
    )
  )
    return { kind: 'agency' };
  return {};
}

/** "this malicious cyber operation", "the attack", "a “malicious cyber operation”". */
const OPERATION_NOUN =
  /\b(?:the|this|that|a|an|its|the latest)\s+(?:[“"]?(?:[\p{L}\p{N}-]+\s+){0,3}?)?(?:cyber[- ]?attack|cyberattack|cyber[- ]?operation|cyber[- ]?espionage campaign|espionage campaign|hacking campaign|attack|operation|campaign|intrusion|breach|hack|hacking|compromise|incident)\b[”"]?(?!\s+(?:on|of)\s+(?:the\s+)?(?:network|system))/giu;

/** The entity key of a dictionary entry: its node id, or a new entity's key. */
export const entryKey = (e: DictionaryEntry): string =>
  e.id ?? `new:${e.label}:${normalName(e.name)}`;

export interface Found {
  sentences: Sentence[];
  mentions: Mention[];
  entities: Map<string, EntityInfo>;
}

/** Sentences, mentions and the entities they stand for. */
export function findMentions(text: string, dictionary: readonly DictionaryEntry[]): Found {
  const sentences = sentencesOf(text);
  const matcher = new DictionaryMatcher(dictionary);
  const entities = new Map<string, EntityInfo>();
  const spans: (Span & { key: string; label: EntityLabel; adjective: boolean; strong: boolean })[] =
    [];

  const dictKey = (indexes: number[]) => {
    const first = dictionary[indexes[0]!]!;
    const key = entryKey(first);
    if (!entities.has(key))
      entities.set(key, {
        key,
        label: first.label,
        name: first.name,
        ...(first.id ? { matchId: first.id } : {}),
        ...(indexes.length > 1
          ? {
              candidates: indexes
                .map((i) => dictionary[i]!)
                .filter((e) => e.id)
                .map((e) => ({ id: e.id!, name: e.name, label: e.label })),
            }
          : {}),
        props: { ...(first.props ?? {}) },
      });
    return { key, label: first.label };
  };

  const capitals = new Set(STATES.flatMap((x) => (x.capital ? [normalName(x.capital)] : [])));
  for (const s of sentences)
    for (const hit of matcher.match(s.tokens)) {
      const surface = normalName(text.slice(hit.start, hit.end));
      // A capital is its government's metonym ("Beijing denied"), not a place ("in London", a dateline).
      if (
        capitals.has(surface) &&
        (/\b(?:in|at|from|to|near|visit(?:ed)?)\s+$/iu.test(
          text.slice(Math.max(0, hit.start - 12), hit.start),
        ) ||
          /^,\s*\d/u.test(text.slice(hit.end, hit.end + 4)))
      )
        continue;
      const { key, label } = dictKey(hit.entries);
      spans.push({
        start: hit.start,
        end: hit.end,
        key,
        label,
        adjective: hit.adjective,
        strong: false,
      });
    }

  // Candidates: a dictionary name inside a longer candidate gives way to a strong one
  // ("Chinese Ambassador", "Czech government"); a candidate that overlaps a name is dropped.
  const byNormal = new Map<string, string>();
  for (const e of entities.values()) byNormal.set(`${e.label}|${normalName(e.name)}`, e.key);
  for (const c of candidates(text).sort((a, b) => b.end - b.start - (a.end - a.start))) {
    const overlapping = spans.filter((s) => s.start < c.end && c.start < s.end);
    const inside = overlapping.every((s) => s.start >= c.start && s.end <= c.end);
    if (overlapping.length && !(c.strong && inside)) continue;
    for (const s of overlapping) spans.splice(spans.indexOf(s), 1);
    const known = dictionary.findIndex(
      (e) =>
        e.label === c.label &&
        [e.name, ...e.aliases].some((n) => normalName(n) === normalName(c.name)),
    );
    if (known >= 0) {
      const { key, label } = dictKey([known]);
      spans.push({ start: c.start, end: c.end, key, label, adjective: false, strong: true });
      continue;
    }
    const key =
      byNormal.get(`${c.label}|${normalName(c.name)}`) ?? `new:${c.label}:${normalName(c.name)}`;
    byNormal.set(`${c.label}|${normalName(c.name)}`, key);
    const existing = entities.get(key);
    if (existing) Object.assign(existing.props, c.props ?? {});
    else entities.set(key, { key, label: c.label, name: c.name, props: { ...(c.props ?? {}) } });
    spans.push({ start: c.start, end: c.end, key, label: c.label, adjective: false, strong: true });
  }

  // Later short forms of a new entity: a person's surname ("Kallas"), an organisation's
  // name without its state ("its Ministry of Foreign Affairs").
  foldShortForms(text, sentences, entities, spans);

  const mentions: Mention[] = spans
    .sort((a, b) => a.start - b.start)
    .map((s) => {
      const sentence =
        sentences.find((x) => s.start >= x.start && s.start < x.end) ?? sentences.at(-1)!;
      return {
        start: s.start,
        end: s.end,
        key: s.key,
        label: s.label,
        adjective: s.adjective,
        sentence: sentence.index,
        inQuote: sentence.quotes.some((q) => s.start >= q.start && s.end <= q.end),
      };
    });
  return { sentences, mentions, entities };
}

function foldShortForms(
  text: string,
  sentences: Sentence[],
  entities: Map<string, EntityInfo>,
  spans: (Span & { key: string; label: EntityLabel; adjective: boolean; strong: boolean })[],
): void {
  const people = [...entities.values()].filter((e) => e.label === 'Person' && /\s/.test(e.name));
  const orgs = [...entities.values()].filter((e) => e.label === 'Organisation');
  const free = (start: number, end: number) => !spans.some((s) => s.start < end && start < s.end);
  for (const s of sentences)
    for (const t of s.tokens) {
      const surname = people.find(
        (p) =>
          p.name.split(/\s+/).at(-1) === t.text.replace(/['’]s$/u, '') && /^\p{Lu}/u.test(t.text),
      );
      const end = t.start + t.text.replace(/['’]s$/u, '').length;
      if (surname && free(t.start, end))
        spans.push({
          start: t.start,
          end,
          key: surname.key,
          label: 'Person',
          adjective: false,
          strong: false,
        });
    }
  // An organisation whose name is the end of another's ("Ministry of Foreign Affairs" in
  // "Czech Ministry of Foreign Affairs") is the same one.
  for (const short of orgs) {
    const long = orgs.find(
      (o) =>
        o !== short &&
        o.name.endsWith(` ${short.name}`) &&
        o.key.startsWith('new:') === short.key.startsWith('new:'),
    );
    if (!long || !short.key.startsWith('new:')) continue;
    for (const s of spans) if (s.key === short.key) s.key = long.key;
    entities.delete(short.key);
  }
  void text;
}

/** Mentions of the report's operation(s) by a noun phrase ("the attack"). */
const OPERATION_SERIES =
  /\b(?:repeated|several|multiple|a series of|a wave of|a number of)\s+(?:[\p{L}-]+\s+){0,2}?(?:cyber[- ]?attacks|cyberattacks|attacks|intrusions|operations|breaches|hacks)\b/giu;

/** "their roles in hacking campaigns against…", "responsible for cyberattacks on…" (not "all forms of cyber attacks"). */
const OPERATION_PLURAL =
  /(?<=\b(?:in|of|for|behind|over)\s)(?<!\b(?:forms|kinds|types|sorts)\s+of\s)(?:(?:[\p{Ll}-]+\s+){0,2}?(?:hacking|espionage|cyber[- ]?espionage)\s+campaigns|cyber[- ]?attacks|cyberattacks|intrusions)\b/gu;

export function operationPhrases(sentences: readonly Sentence[]): Span[] {
  const out: Span[] = [];
  for (const s of sentences)
    for (const m of [
      ...s.text.matchAll(OPERATION_NOUN),
      ...s.text.matchAll(OPERATION_SERIES),
      ...s.text.matchAll(OPERATION_PLURAL),
    ]) {
      if (/\b(?:member|statement|new)\b/i.test(m[0])) continue;
      out.push({ start: s.start + m.index, end: s.start + m.index + m[0].length });
    }
  return out;
}
