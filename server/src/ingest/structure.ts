// The structural facts a report states in passing: who holds which role (ROLE_IN, from a
// title: "Czech Foreign Minister Jan Lipavsky"), which body belongs to which state (PART_OF,
// from a name or a possessive: "the Czech Ministry of Foreign Affairs", "China's Ministry of
// State Security"), which state belongs to which alliance (MEMBER_OF: "As a member of the EU
// and NATO, the Czech government…") and what a statement is about (ABOUT: what it names, and
// for a denial what is denied). Each needs its words in the text; the ends are checked
// against the model's allowed ends, like every other claim.
import type { ClaimCandidate, StatementCandidate } from './claims';
import { entryKey, TITLE, type EntityInfo, type Mention, type Sentence } from './mentions';
import { RELATIONSHIPS } from '../model/model';
import type { ClaimType, DictionaryEntry, EntityLabel } from './types';

export interface StructureContext {
  text: string;
  sentences: readonly Sentence[];
  mentions: readonly Mention[];
  entities: Map<string, EntityInfo>;
  dictionary: readonly DictionaryEntry[];
  statements: readonly StatementCandidate[];
  /** The claims found so far (a denial's statement is about what the denial's claim denies). */
  claims: readonly ClaimCandidate[];
}

/** A structural claim, with the role a ROLE_IN names. */
export type StructuralClaim = ClaimCandidate & { role?: string };

const allowed = (type: ClaimType, from: EntityLabel, to: EntityLabel) =>
  (RELATIONSHIPS[type].from as readonly string[]).includes(from) &&
  (RELATIONSHIPS[type].to as readonly string[]).includes(to);

/** The words of a state ("Czech", "Czech Republic", "China") in the dictionary, longest first. */
function stateWords(dictionary: readonly DictionaryEntry[]) {
  return dictionary
    .filter((d) => d.label === 'State')
    .flatMap((d) => [d.name, ...d.aliases, ...(d.extra ?? [])].map((w) => ({ w, entry: d })))
    .filter((x) => x.w.length > 2)
    .sort((a, b) => b.w.length - a.w.length);
}

/** The state whose name or adjective begins `surface` and is followed by more words. */
function leadingState(surface: string, words: ReturnType<typeof stateWords>) {
  const s = surface.replace(/^the\s+/iu, '');
  return words.find(
    (x) => s.startsWith(x.w) && /^\s+\p{L}/u.test(s.slice(x.w.length)) && /^\p{Lu}/u.test(x.w),
  );
}

export function findStructure(ctx: StructureContext): StructuralClaim[] {
  const out: StructuralClaim[] = [];
  const seen = new Set<string>();
  const labelOf = (key: string) => ctx.entities.get(key)?.label;
  const nameOf = (key: string) => ctx.entities.get(key)?.name ?? key;
  const push = (c: StructuralClaim) => {
    const from = labelOf(c.from);
    const to = labelOf(c.to);
    const key = `${c.type}|${c.from}|${c.to}`;
    if (!from || !to || c.from === c.to || seen.has(key) || !allowed(c.type, from, to)) return;
    seen.add(key);
    out.push(c);
  };
  const words = stateWords(ctx.dictionary);
  /** A state's entity key, added to the entities when only an adjective in a name shows it. */
  const stateKey = (entry: DictionaryEntry) => {
    const key = entryKey(entry);
    if (!ctx.entities.has(key))
      ctx.entities.set(key, {
        key,
        label: 'State',
        name: entry.name,
        ...(entry.id ? { matchId: entry.id } : {}),
        props: { ...(entry.props ?? {}) },
      });
    return key;
  };

  // PART_OF: a body named with its state ("Czech Ministry of Foreign Affairs", "Russian
  // military intelligence") or after its state's possessive ("China's Ministry of State Security").
  const stateOf = new Map<string, string>();
  for (const m of ctx.mentions.filter((x) => x.label === 'Organisation')) {
    if (stateOf.has(m.key)) continue;
    const surface = ctx.text.slice(m.start, m.end);
    const lead = leadingState(surface, words);
    const possessor = ctx.mentions.find(
      (x) =>
        x.label === 'State' &&
        x.end <= m.start &&
        /^['’]s\s+(?:the\s+)?$/u.test(ctx.text.slice(x.end, m.start)),
    );
    const state = lead ? stateKey(lead.entry) : possessor?.key;
    if (!state) continue;
    stateOf.set(m.key, state);
    push({
      type: 'PART_OF',
      from: m.key,
      to: state,
      sentence: m.sentence,
      confidence: 'high',
      reason: lead
        ? `"${surface}" names its state, ${nameOf(state)}`
        : `"${ctx.text.slice(possessor!.start, m.end)}": a body of ${nameOf(state)}`,
    });
  }

  // ROLE_IN: a person with a title. The title's qualifier is the role's body: a state
  // ("Czech Foreign Minister": its foreign ministry when the report names it, else the state)
  // or an organisation ("EU's High Representative", "spokesperson of the Chinese embassy").
  const titleBefore = new RegExp(`^(?:['’]s)?\\s+(${TITLE})\\s+$`, 'iu');
  const titleOf = new RegExp(`(${TITLE})\\s+(?:of|for|at)\\s+(?:the\\s+)?$`, 'iu');
  const appositive = new RegExp(
    `^,\\s+(?:the|a|an)\\s+(?:[\\p{L}-]+\\s+)?(${TITLE})\\s+(?:of|for|at|to)\\s+(?:the\\s+)?$`,
    'iu',
  );
  const possessiveTitle = new RegExp(`^['’]s\\s+(${TITLE})\\b`, 'u');
  const isBody = (x: Mention) => x.label === 'State' || x.label === 'Organisation';
  for (const person of [...ctx.entities.values()].filter((e) => e.label === 'Person')) {
    const own = ctx.mentions.filter((m) => m.key === person.key);
    for (const m of own) {
      let body: Mention | undefined;
      let role: string | undefined;
      let how = '';
      const prev = [...ctx.mentions].reverse().find((x) => x.end <= m.start && x !== m);
      const next = ctx.mentions.find((x) => x.start >= m.end && x !== m);
      const surface = ctx.text.slice(m.start, m.end);
      const inName = leadingState(surface, words);
      if (inName && typeof person.props.title === 'string' && person.name === person.props.title) {
        // "the Chinese Ambassador": the title is the name.
        role = surface.slice(inName.w.length).trim();
        body = { ...m, key: stateKey(inName.entry), label: 'State' };
        how = `"${surface}"`;
      } else if (prev && isBody(prev) && titleBefore.test(ctx.text.slice(prev.end, m.start))) {
        role = titleBefore.exec(ctx.text.slice(prev.end, m.start))![1];
        body = prev;
        how = `"${ctx.text.slice(prev.start, m.end)}"`;
      } else if (prev && isBody(prev) && /^\s+$/u.test(ctx.text.slice(prev.end, m.start))) {
        const t = titleOf.exec(ctx.text.slice(Math.max(0, prev.start - 60), prev.start));
        if (t) {
          role = t[1];
          body = prev;
          how = `"${t[0]}${ctx.text.slice(prev.start, m.end)}"`;
        }
      } else if (
        next &&
        isBody(next) &&
        /^,\s+$/u.test(ctx.text.slice(m.end, next.start)) &&
        possessiveTitle.test(ctx.text.slice(next.end, next.end + 120))
      ) {
        // "Yoshimasa Hayashi, Japan's Chief Cabinet Secretary, …"
        role = possessiveTitle.exec(ctx.text.slice(next.end, next.end + 120))![1];
        body = next;
        how = `"${ctx.text.slice(m.start, next.end)}'s ${role}"`;
      } else if (next && isBody(next) && appositive.test(ctx.text.slice(m.end, next.start))) {
        role = appositive.exec(ctx.text.slice(m.end, next.start))![1];
        body = next;
        how = `"${ctx.text.slice(m.start, next.end)}"`;
      }
      if (!body || !role) continue;
      let to = body.key;
      // A minister of a state named by its adjective sits in that state's ministry, when the
      // report names the ministry.
      if (labelOf(to) === 'State') {
        const ministry = ministryFor(role);
        const org = ministry
          ? [...stateOf].find(([org, st]) => st === to && ministry.test(nameOf(org)))?.[0]
          : undefined;
        if (org) to = org;
      }
      push({
        type: 'ROLE_IN',
        from: person.key,
        to,
        role: role.replace(/\s+/gu, ' '),
        sentence: m.sentence,
        confidence: body.adjective && to === body.key ? 'medium' : 'high',
        reason: `${how}: ${person.name} is ${role} of ${nameOf(to)}${body.adjective && to === body.key ? '; a state named by an adjective' : ''}`,
      });
      break;
    }
  }

  // MEMBER_OF: "As a member of the European Union and NATO, the Czech government …",
  // "Japan, a member of the G7, …", "Poland is a member of NATO".
  const asMember =
    /\b[Aa]s (?:a |an )?(?:fellow )?(?:founding )?members?(?: states?)? of (?:both )?(?:the )?/gu;
  const isMember =
    /(?:,\s+(?:a|an)\s+(?:fellow\s+|founding\s+)?member(?: state)? of|\s+(?:is|are|was|were|has been|have been) (?:a |an )?(?:fellow |founding )?members?(?: states?)? of)\s+(?:both\s+)?(?:the\s+)?$/u;
  for (const s of ctx.sentences) {
    const ms = ctx.mentions.filter((m) => m.sentence === s.index && !m.inQuote);
    for (const a of s.text.matchAll(asMember)) {
      const at = s.start + a.index + a[0].length;
      const groups = bodiesFrom(ms, at, ctx.text);
      if (!groups.length) continue;
      const comma = ctx.text.indexOf(',', groups.at(-1)!.end);
      const subject = ms.find(
        (m) =>
          m.start > comma &&
          comma >= 0 &&
          /^[\s,]*(?:the\s+)?$/iu.test(ctx.text.slice(comma, m.start)) &&
          !m.adjective &&
          (m.label === 'State' || m.label === 'Organisation'),
      );
      if (!subject) continue;
      // "the Czech government" speaks for its state; the state is the member.
      const kind = ctx.entities.get(subject.key)?.props.kind;
      const member =
        kind === 'government' ? (stateOf.get(subject.key) ?? subject.key) : subject.key;
      for (const g of groups)
        push({
          type: 'MEMBER_OF',
          from: member,
          to: g.key,
          sentence: s.index,
          confidence: 'high',
          reason: `"${ctx.text.slice(s.start + a.index, groups.at(-1)!.end)}" says ${nameOf(member)} is a member of ${nameOf(g.key)}`,
        });
    }
    for (const subject of ms.filter(
      (m) => !m.adjective && (m.label === 'State' || m.label === 'Organisation'),
    )) {
      const next = ms.find((m) => m.start >= subject.end);
      if (!next || !isMember.test(ctx.text.slice(subject.end, next.start))) continue;
      for (const g of bodiesFrom(ms, next.start, ctx.text))
        push({
          type: 'MEMBER_OF',
          from: subject.key,
          to: g.key,
          sentence: s.index,
          confidence: 'high',
          reason: `"${ctx.text.slice(subject.start, g.end)}" says ${nameOf(subject.key)} is a member`,
        });
    }
  }

  // ABOUT: a statement is about what it names (the operation, an actor, a state that is not
  // only an adjective or a qualifier, a person), other than its speaker; a denial's
  // statement is about what is denied.
  for (const st of ctx.statements) {
    const denial = st.key.startsWith('new:Statement:denial-');
    // A denial's statement is its whole sentence: what else it names (a quote of the denier)
    // is the quote's own statement.
    const inside = ctx.mentions.filter(
      (m) =>
        !denial &&
        m.start < st.span.end &&
        st.span.start < m.end &&
        !st.speakers.includes(m.key) &&
        (m.label === 'Operation' ||
          m.label === 'Actor' ||
          m.label === 'Person' ||
          (m.label === 'State' &&
            !m.adjective &&
            !/^(?:-|['’]s\s)/u.test(ctx.text.slice(m.end, m.end + 3)))),
    );
    for (const m of inside)
      push({
        type: 'ABOUT',
        from: st.key,
        to: m.key,
        sentence: st.sentence,
        confidence: st.verbatim ? 'high' : 'medium',
        reason: `the statement names ${nameOf(m.key)} ("${ctx.text.slice(m.start, m.end)}")`,
      });
    const denied = denial
      ? ctx.claims.find(
          (c) => c.type === 'DENIED' && c.sentence === st.sentence && st.speakers.includes(c.from),
        )
      : undefined;
    if (denied)
      push({
        type: 'ABOUT',
        from: st.key,
        to: denied.to,
        sentence: st.sentence,
        confidence: denied.confidence,
        reason: `the denial is about what it denies: ${nameOf(denied.to)}`,
      });
  }
  return out;
}

/** The ministry a title sits in, by the words of the ministry's name. */
function ministryFor(role: string): RegExp | undefined {
  if (/foreign/iu.test(role)) return /foreign/iu;
  if (/defen[cs]e/iu.test(role)) return /defen[cs]e/iu;
  if (/interior|home/iu.test(role)) return /interior|home affairs/iu;
  return undefined;
}

/**
 * The organisations listed from `at`: "the European Union and NATO". Commas count only when
 * an "and" closes the list ("of the EU, NATO and the OSCE, Japan said" but not "of the EU,
 * the government said").
 */
function bodiesFrom(ms: readonly Mention[], at: number, text: string): Mention[] {
  const out: Mention[] = [];
  let from = at;
  let lastAnd = 1;
  for (const m of ms.filter((x) => x.start >= at)) {
    const gap = text.slice(from, m.start);
    if (out.length ? !/^[\s,]*(?:and|&|,)\s*(?:the\s+)?$/iu.test(gap) : !/^\s*$/u.test(gap)) break;
    if (m.label !== 'Organisation') break;
    out.push(m);
    if (/\band\b|&/u.test(gap)) lastAnd = out.length;
    from = m.end;
  }
  return out.slice(0, lastAnd);
}
