// Claims from sentences: for each relationship type of the model a set of cues (verbs and
// prepositions, active and passive), whose ends are the nearest mentions of the labels the
// model allows on each side (with coordinated lists: "the US and the UK sanctioned ...").
// Reported speech ("X said that Y", "According to X, Y", quotes with their speaker) gives
// the claim's asserter and a Statement made by the speaker.
import type { Mention, Sentence } from './mentions';
import type { ClaimType, Confidence, EntityLabel, Span } from './types';

export interface ClaimCandidate {
  type: ClaimType;
  from: string;
  to: string;
  asserter?: string;
  sentence: number;
  confidence: Confidence;
  reason: string;
}

export interface StatementCandidate {
  key: string;
  text: string;
  verbatim: boolean;
  sentence: number;
  span: Span;
  speakers: string[];
  accusation: boolean;
}

interface Cue {
  type: ClaimType;
  re: RegExp;
  from: readonly EntityLabel[];
  to: readonly EntityLabel[];
  /** The `to` end comes before the cue, the `from` end after it (passive voice, "X launched the attack"). */
  reverse?: boolean;
  /** The nearest `from` mention must lie within this many characters of the cue. */
  near?: number;
}

const PARTY: readonly EntityLabel[] = ['State', 'Organisation', 'Person'];
const OP_OR_ACTOR: readonly EntityLabel[] = ['Operation', 'Actor'];

const CUES: readonly Cue[] = [
  // Attribution: "originated from APT31", "was carried out by", "attributed ... to".
  {
    type: 'ATTRIBUTED_TO',
    re: /\b(?:attributed(?: \w+){0,3} to|originat(?:ed|ing) from|(?:carried out|conducted|perpetrated|launched|orchestrated|committed|executed|mounted) by|blamed on|the work of|linked to|tied to|by)\b/giu,
    from: ['Operation'],
    to: ['Actor', 'State'],
    near: 60,
  },
  {
    type: 'ATTRIBUTED_TO',
    re: /\b(?:launched|conducted|carried out|perpetrated|orchestrated|mounted|(?:is|was|were|are) behind|(?:is|was|were|are) responsible for)\b/giu,
    from: ['Operation'],
    to: ['Actor', 'State'],
    reverse: true,
    near: 60,
  },
  // Targeting.
  {
    type: 'TARGETED',
    // "a hacking group controlled by Russia" names a kind of group, not a target.
    re: /\b(?:targeting|targeted|targets|against|on|into|hit|hitting|breached|breaching|compromised|compromising|infiltrated|infiltrating|hacked|hacking|attacked|attacking|spied on)\b(?!\s+(?:group|unit|team|crew|collective|tools?|campaign|operation|outfit|gang)\b)/giu,
    from: OP_OR_ACTOR,
    to: ['State', 'Organisation', 'Person'],
    near: 90,
  },
  {
    type: 'TARGETED',
    re: /\b(?:(?:was|were)(?: (?:also|repeatedly|previously|reportedly|recently|first))?|(?:had|has|have)(?: (?:also|repeatedly|previously|reportedly|recently|already))? been) (?:targeted|attacked|breached|compromised|hacked|infiltrated)(?: \w+){0,2} by\b/giu,
    from: OP_OR_ACTOR,
    to: ['State', 'Organisation', 'Person'],
    reverse: true,
    near: 80,
  },
  // Affiliation.
  {
    type: 'AFFILIATED_WITH',
    re: /\b(?:associated with|affiliated with|linked to|linked with|tied to|connected to|backed by|sponsored by|working for|works for|on behalf of|operating for|controlled by|a unit of|part of|a front for|directed by|run by|steered by|commanded by|overseen by|operated by|subordinate to|under the control of|an arm of)\b/giu,
    from: ['Actor'],
    to: ['Actor', 'Organisation', 'State'],
    near: 120,
  },
  // Sanctions.
  {
    type: 'SANCTIONED',
    re: /\b(?:sanctioned|sanctioning|(?:imposed|placed|announced|levied) sanctions (?:on|against)|sanctions (?:on|against)|designated|blacklisted)\b/giu,
    from: PARTY,
    to: ['Actor', 'Person', 'Organisation'],
    near: 140,
  },
  {
    type: 'SANCTIONED',
    re: /\b(?:was|were|has been|have been|had been) (?:sanctioned|designated|blacklisted)(?: \w+){0,3} by\b/giu,
    from: PARTY,
    to: ['Actor', 'Person', 'Organisation'],
    reverse: true,
    near: 140,
  },
  // Summons.
  { type: 'SUMMONED', re: /\bsummon(?:ed|s|ing)\b/giu, from: PARTY, to: ['Person'], near: 120 },
  {
    type: 'SUMMONED',
    re: /\b(?:was|were|had been|has been|have been) summoned(?: \w+){0,3} by\b/giu,
    from: PARTY,
    to: ['Person'],
    reverse: true,
    near: 120,
  },
  // Condemnation.
  {
    type: 'CONDEMNED',
    re: /\b(?:condemn(?:ed|s|ing)?|denounc(?:ed|es|ing)|deplor(?:ed|es|ing)|criticis(?:ed|es|ing)|criticiz(?:ed|es|ing))\b/giu,
    from: PARTY,
    to: ['Operation', 'Actor', 'State'],
    near: 140,
  },
  // Denial.
  {
    type: 'DENIED',
    re: /\b(?:denied|denies|deny|denying|rejected|rejects|rejecting|dismissed|dismisses|refuted|refutes)\b/giu,
    from: PARTY,
    to: ['Operation', 'Statement'],
    near: 120,
  },
];

const SPEECH =
  /\b(?:said|says|stated|states|stating|announced|revealed|claimed|added|adding|mentioned|emphasi[sz]ed|stressed|noted|warned|posted|wrote|told|confirmed|accused|accusing|accuses|alleged|alleges|declared|insisted|argued|explained|assessed|assesses|concluded|tweeted|asserted|urged|saying|calling)\b/giu;
const HEDGE =
  /\b(?:may|might|could|[Ll]ikely|[Pp]ossibly|[Pp]robably|suspected|believed|[Rr]eportedly|[Aa]llegedly|[Aa]pparently|appears?)\b/u;
/** "attributed the 2023 attack on the party's headquarters to APT28": the operation lies between the verb and "to", however many words it takes. */
const ATTRIBUTION = /\battribut(?:e|ed|es|ing)\s+([^.;“”"]{1,160}?)\s+to\s+/giu;
/** "APT40 was responsible", "Russia is behind it": the report's own operation is meant. */
const RESPONSIBLE =
  /^(?:\s*,[^,.;]{1,100},)?\s*(?:(?:was|were|is|are|had been|has been)\s+(?:\w+\s+){0,2}?(?:responsible|behind\s+(?:it|this|the\s+(?:attack|intrusion|campaign|operation|breach|compromise|hack)))|(?:carried\s+out|conducted|perpetrated)\s+(?:it|the\s+(?:attack|intrusion|campaign|operation|breach|compromise|hack)))\b(?!\s+for\b)/iu;
/**
 * "APT40 compromised the Electoral Commission", "APT40, a group linked to China's MSS,
 * compromised…": an actor's intrusion, told without naming it.
 */
const INTRUSION_VERB =
  /^(?:\s*,[^,.;]{1,100},)?\s*(?:(?:had|has)\s+)?(?:compromised|breached|hacked(?:\s+into)?|infiltrated|broke\s+into|gained\s+access\s+to)\s+/iu;
/** "the same group", "the hackers": an actor named earlier. */
const ACTOR_ANAPHOR =
  /^\s*(?:the|this|that)\s+(?:same\s+)?(?:(?:hacking|hacker|threat|espionage|APT)\s+)?(?:group|actor|hackers|gang|crew|collective)\b/iu;
const LIST_GAP = /^[\s,]*(?:,|and|&|as well as|or)[\s,]*(?:the\s+)?$/iu;

interface Frame {
  verbStart: number;
  verbEnd: number;
  verb: string;
  speakers: Mention[];
}

export interface ClaimContext {
  text: string;
  sentences: readonly Sentence[];
  mentions: readonly Mention[];
  nameOf: (key: string) => string;
  /** The report's own operation, which "the allegations" and "the attack" refer to. */
  operationKey?: string;
}

const isParty = (m: Mention, text: string) =>
  PARTY.includes(m.label) &&
  (!m.adjective ||
    /^\s+(?:officials|authorities|government|diplomats)\b/iu.test(text.slice(m.end, m.end + 20)));

/**
 * The person an appositive describes: in "Kim Yo Jong, a spokesperson of the Foreign
 * Ministry, rejected…" or "Yoshimasa Hayashi, Japan's Chief Cabinet Secretary, told…" the
 * body nearest the verb only says whom the person speaks for; the person is the subject.
 */
function appositiveHead(
  all: readonly Mention[],
  at: Mention,
  verbStart: number,
  text: string,
): Mention {
  if (!/^[^,.;“”"]{0,60},\s*$/u.test(text.slice(at.end, verbStart))) return at;
  const person = [...all]
    .reverse()
    .find((m) => m.label === 'Person' && m.end <= at.start && m.sentence === at.sentence);
  if (
    !person ||
    !/^,\s+(?:(?:the|a|an)\s+)?[^,.;“”"]{0,80}$/u.test(text.slice(person.end, at.start))
  )
    return at;
  return person;
}

/** A mention with the ones coordinated with it ("NATO and the European Union"). */
function coordinated(
  all: readonly Mention[],
  at: Mention,
  labels: readonly EntityLabel[],
  text: string,
  direction: -1 | 1,
): Mention[] {
  // Backwards, the first link must be "and" ("NATO and the EU condemned"; not "As a member
  // of NATO, the government said"); forwards, commas count only when an "and" closes the list.
  const list = [at];
  let lastAnd = 1;
  let i = all.indexOf(at);
  for (;;) {
    const next = all[i + direction];
    if (!next || !labels.includes(next.label) || (direction > 0 && next.label !== at.label)) break;
    const gap =
      direction < 0 ? text.slice(next.end, all[i]!.start) : text.slice(all[i]!.end, next.start);
    if (!LIST_GAP.test(gap)) break;
    const isAnd = /\b(?:and|or|as well as)\b|&/u.test(gap);
    if (direction < 0 && list.length === 1 && !isAnd) break;
    list.push(next);
    if (isAnd) lastAnd = list.length;
    i += direction;
  }
  return direction > 0 ? list.slice(0, lastAnd) : list;
}

function pronounPerson(s: Sentence, before: number, ctx: ClaimContext): Mention | undefined {
  const head = ctx.text.slice(s.start, before);
  const pronoun = /(?:^|[\s,])(?:He|She|he|she)\s+(?:\w+\s+)?$/u.exec(head);
  if (!pronoun) return undefined;
  const at = s.start + pronoun.index;
  return [...ctx.mentions].reverse().find((m) => m.label === 'Person' && m.end <= at && !m.inQuote);
}

function framesOf(s: Sentence, ms: readonly Mention[], ctx: ClaimContext): Frame[] {
  const frames: Frame[] = [];
  const outside = ms.filter((m) => !m.inQuote && isParty(m, ctx.text));
  for (const v of s.text.matchAll(SPEECH)) {
    const verbStart = s.start + v.index;
    const verbEnd = verbStart + v[0].length;
    if (s.quotes.some((q) => verbStart >= q.start && verbEnd <= q.end)) continue;
    let speakers: Mention[] = [];
    const before = outside.filter((m) => m.end <= verbStart);
    if (/ing$/u.test(v[0])) {
      const first = before[0];
      if (first) speakers = coordinated(outside, first, PARTY, ctx.text, 1);
    } else {
      // "Baerbock summoned the Russian chargé d'affaires and said": the one summoned is the
      // verb's object, not its speaker.
      const object = (m: Mention) =>
        /\b(?:summoned|summons|met|called in|expelled|sanctioned|thanked)\s+(?:the\s+)?(?:acting\s+)?$/iu.test(
          ctx.text.slice(Math.max(s.start, m.start - 30), m.start),
        );
      const subjects = before.filter((m) => !object(m));
      const nearest = subjects.at(-1);
      const gap = nearest ? ctx.text.slice(nearest.end, verbStart) : '';
      const head = nearest && appositiveHead(outside, nearest, verbStart, ctx.text);
      if (head && head !== nearest) speakers = [head];
      else if (nearest && gap.length <= 60 && !/[.“”"]/u.test(gap))
        speakers = coordinated(outside, nearest, PARTY, ctx.text, -1);
      else {
        const pronoun = pronounPerson(s, verbStart, ctx);
        const after = outside.find((m) => m.start >= verbEnd && m.start - verbEnd <= 4);
        if (pronoun) speakers = [pronoun];
        else if (after) speakers = [after];
      }
    }
    if (speakers.length) frames.push({ verbStart, verbEnd, verb: v[0].toLowerCase(), speakers });
  }
  const according = /^\s*(?:According to|Per)\b[^,]*,/u.exec(s.text);
  if (according) {
    const who = outside.find((m) => m.start < s.start + according[0].length);
    if (who)
      frames.push({
        verbStart: s.start,
        verbEnd: s.start + according[0].length,
        verb: 'according to',
        speakers: [who],
      });
  }
  const inStatement = /^\s*In (?:a|its|their) (?:joint )?statement,\s*/iu.exec(s.text);
  if (inStatement) {
    const who = outside.find((m) => m.start >= s.start + inStatement[0].length);
    if (who)
      frames.push({
        verbStart: s.start,
        verbEnd: s.start + inStatement[0].length,
        verb: 'in a statement',
        speakers: [who],
      });
  }
  return frames;
}

function clauseEnd(s: Sentence, from: number, text: string): number {
  const rest = text.slice(from, s.end);
  const stop = /,\s*(?:adding|stating|saying|accusing)\b|[“"]/u.exec(rest);
  return stop ? from + stop.index : s.end;
}

function bareClauseEnd(s: Sentence, from: number, text: string): number {
  const stop = /,\s*(?:adding|stating|saying|accusing)\b|\s+and\s+that\b/u.exec(
    text.slice(from, s.end),
  );
  return stop ? from + stop.index : s.end;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /[\s,“”"]/u.test(text[start]!)) start++;
  while (end > start && /[\s,“”"]/u.test(text[end - 1]!)) end--;
  return { start, end };
}

export function findStatements(ctx: ClaimContext): StatementCandidate[] {
  const out: StatementCandidate[] = [];
  for (const s of ctx.sentences) {
    const ms = ctx.mentions.filter((m) => m.sentence === s.index);
    const frames = framesOf(s, ms, ctx);
    let n = 0;
    const add = (span: Span, verbatim: boolean, frame: Frame) => {
      const t = ctx.text.slice(span.start, span.end);
      if (t.split(/\s+/).length < 4) return;
      if (
        out.some(
          (o) => o.sentence === s.index && o.span.start < span.end && span.start < o.span.end,
        )
      )
        return;
      out.push({
        key: `new:Statement:${s.index}-${n++}`,
        text: t,
        verbatim,
        sentence: s.index,
        span,
        speakers: frame.speakers.map((m) => m.key),
        accusation: /accus|alleg/u.test(frame.verb),
      });
    };
    for (const q of s.quotes) {
      const frame =
        frames.find((f) => f.verbEnd <= q.start && q.start - f.verbEnd <= 30) ??
        frames.find((f) => f.verbStart >= q.end && f.verbStart - q.end <= 30) ??
        frames[0];
      if (frame) add(trimSpan(ctx.text, q.start, q.end), true, frame);
    }
    for (const f of frames) {
      const after = ctx.text.slice(f.verbEnd, s.end);
      const that = /^\s*(?:\w+\s+)?that\s+/u.exec(after);
      // "said the attack was completely unacceptable": a clause without "that", told by its
      // determiner and a verb of being after it.
      const bare =
        /^(?:said|says|stated|told reporters|told journalists)$/u.test(f.verb) &&
        /^\s*(?:the|this|these|such)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:was|were|is|are|had been|has been)\s/u.exec(
          after,
        );
      let from: number | undefined;
      if (that) from = f.verbEnd + that[0].length;
      else if (bare) from = f.verbEnd;
      else if (f.verb === 'according to' || f.verb === 'in a statement') from = f.verbEnd;
      else if (/accus/u.test(f.verb)) from = f.verbEnd;
      if (from === undefined) continue;
      // A bare clause keeps the words it quotes ("the attack was “completely unacceptable”").
      const end = bare && !that ? bareClauseEnd(s, from, ctx.text) : clauseEnd(s, from, ctx.text);
      add(trimSpan(ctx.text, from, end), false, f);
    }
  }
  return out;
}

function confidenceOf(s: Sentence, weak: string[]): { confidence: Confidence; why: string } {
  if (HEDGE.test(s.text))
    return { confidence: 'low', why: 'the sentence hedges ("may", "suspected", "reportedly"…)' };
  if (weak.length) return { confidence: 'medium', why: weak.join('; ') };
  return { confidence: 'high', why: 'both ends are named in the sentence' };
}

/**
 * "The German government attributed a 2023 cyberattack on the SPD to APT28", "we attribute
 * the campaign to the group APT28": the operation named between the verb and "to", the
 * actors or states after it; asserted by the speaker, else by the verb's subject.
 */
function attributions(
  s: Sentence,
  ms: readonly Mention[],
  frames: readonly Frame[],
  ctx: ClaimContext,
): ClaimCandidate[] {
  const out: ClaimCandidate[] = [];
  for (const a of s.text.matchAll(ATTRIBUTION)) {
    const verbStart = s.start + a.index;
    const toStart = verbStart + a[0].length;
    const inQuote = s.quotes.some((q) => verbStart >= q.start && verbStart < q.end);
    const pool = ms.filter((m) => m.inQuote === inQuote);
    const operation = pool.find(
      (m) => m.label === 'Operation' && m.start >= verbStart && m.end <= toStart,
    );
    const actor = pool.find(
      (m) =>
        (m.label === 'Actor' || m.label === 'State') &&
        m.start >= toStart &&
        /^(?:the\s+)?(?:[\p{L}-]+\s+){0,3}$/u.test(ctx.text.slice(toStart, m.start)),
    );
    if (!operation || !actor) continue;
    const frame =
      [...frames].reverse().find((f) => f.verbEnd <= verbStart) ??
      (inQuote ? frames[0] : undefined);
    const subject = [...pool]
      .reverse()
      .find(
        (m) =>
          m.end <= verbStart &&
          verbStart - m.end <= 60 &&
          isParty(m, ctx.text) &&
          !/[.;“”"]/u.test(ctx.text.slice(m.end, verbStart)),
      );
    const asserter = frame?.speakers[0]?.key ?? subject?.key;
    for (const to of coordinated(pool, actor, ['Actor', 'State'], ctx.text, 1)) {
      const { confidence, why } = confidenceOf(
        s,
        to.adjective ? ['a state named by an adjective'] : [],
      );
      out.push({
        type: 'ATTRIBUTED_TO',
        from: operation.key,
        to: to.key,
        ...(asserter ? { asserter } : {}),
        sentence: s.index,
        confidence,
        reason: `"${a[0].split(/\s+/u)[0]} … to" gives ${ctx.nameOf(operation.key)} to ${ctx.nameOf(to.key)}${asserter ? `; asserted by ${ctx.nameOf(asserter)}` : ''}; ${why}`,
      });
    }
  }
  // The report's operation, named only by what the actor did or is said to be: "APT40 was
  // responsible", "APT40 compromised the email servers of the Electoral Commission".
  const operation = ctx.operationKey;
  if (operation)
    for (const actor of ms.filter((m) => m.label === 'Actor' && !m.adjective)) {
      const rest = ctx.text.slice(actor.end, s.end);
      const responsible = RESPONSIBLE.exec(rest);
      const intrusion = responsible ? null : INTRUSION_VERB.exec(rest);
      if (!responsible && !intrusion) continue;
      const frame = [...frames].reverse().find((f) => f.verbEnd <= actor.start);
      const asserter = frame?.speakers[0]?.key;
      const { confidence, why } = confidenceOf(s, []);
      const verb = (responsible ?? intrusion)![0].replace(/^\s*,[^,]*,/u, '').trim();
      out.push({
        type: 'ATTRIBUTED_TO',
        from: operation,
        to: actor.key,
        ...(asserter ? { asserter } : {}),
        sentence: s.index,
        confidence,
        reason: `"${ctx.nameOf(actor.key)} ${verb}" gives the report's operation to ${ctx.nameOf(actor.key)}${asserter ? `; asserted by ${ctx.nameOf(asserter)}` : ''}; ${why}`,
      });
      if (!intrusion) continue;
      const target = ms.find(
        (m) =>
          (m.label === 'Organisation' || m.label === 'State') &&
          m.start >= actor.end + intrusion[0].length &&
          m.start - (actor.end + intrusion[0].length) <= 60 &&
          !/[.;,]/u.test(ctx.text.slice(actor.end + intrusion[0].length, m.start)),
      );
      if (target)
        out.push({
          type: 'TARGETED',
          from: operation,
          to: target.key,
          ...(asserter ? { asserter } : {}),
          sentence: s.index,
          confidence,
          reason: `"${verb}" ${ctx.nameOf(target.key)}: the report's operation targeted it; ${why}`,
        });
    }
  return out;
}

export function findClaims(
  ctx: ClaimContext,
  statements: readonly StatementCandidate[],
): ClaimCandidate[] {
  const out: ClaimCandidate[] = [];
  const seen = new Set<string>();
  const push = (c: ClaimCandidate) => {
    const key = `${c.type}|${c.from}|${c.to}`;
    if (c.from === c.to || seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const s of ctx.sentences) {
    const ms = ctx.mentions.filter((m) => m.sentence === s.index);
    const frames = framesOf(s, ms, ctx);
    const pronoun = pronounPerson(s, s.end, ctx);
    for (const claim of attributions(s, ms, frames, ctx)) push(claim);
    for (const cue of CUES) {
      for (const c of s.text.matchAll(cue.re)) {
        const cs = s.start + c.index;
        const ce = cs + c[0].length;
        const inQuote = s.quotes.some((q) => cs >= q.start && ce <= q.end);
        const pool = ms.filter(
          (m) =>
            m.inQuote === inQuote &&
            (cue.from.includes('Operation') ||
              cue.to.includes('Operation') ||
              !m.adjective ||
              cue.to.includes('State')),
        );
        const before = pool.filter((m) => m.end <= cs);
        const after = pool.filter((m) => m.start >= ce);
        const fromSide = cue.reverse ? after : before;
        const toSide = cue.reverse ? before : after;
        const partyOk = (m: Mention) =>
          !PARTY.includes(m.label) || isParty(m, ctx.text) || cue.to.includes(m.label);
        let fromM: Mention | undefined = cue.reverse
          ? fromSide.find((m) => cue.from.includes(m.label) && partyOk(m))
          : [...fromSide]
              .reverse()
              .find(
                (m) =>
                  cue.from.includes(m.label) &&
                  (cue.type === 'ATTRIBUTED_TO' ||
                    cue.type === 'TARGETED' ||
                    cue.type === 'AFFILIATED_WITH' ||
                    isParty(m, ctx.text)),
              );
        if (fromM && !cue.reverse && fromM.label !== 'Person' && cue.from.includes('Person'))
          fromM = appositiveHead(pool, fromM, cs, ctx.text);
        // "a campaign by X against Y": a preposition's start is the operation, not the actor.
        if (cue.type === 'TARGETED' && /^(?:on|into|against)$/iu.test(c[0]))
          fromM = [...fromSide].reverse().find((m) => m.label === 'Operation');
        const weak: string[] = [];
        let froms: Mention[] = [];
        if (fromM) {
          const gap = cue.reverse ? fromM.start - ce : cs - fromM.end;
          if (gap > (cue.near ?? 120)) fromM = undefined;
        }
        const anaphor = cue.reverse && !fromM && ACTOR_ANAPHOR.exec(ctx.text.slice(ce, s.end));
        if (fromM) froms = coordinated(pool, fromM, cue.from, ctx.text, cue.reverse ? 1 : -1);
        else if (anaphor && cue.from.includes('Actor')) {
          const earlier = [...ctx.mentions]
            .reverse()
            .find((m) => m.label === 'Actor' && m.end <= cs);
          if (earlier) {
            froms = [earlier];
            weak.push(`"${anaphor[0].trim()}" read as ${ctx.nameOf(earlier.key)}`);
          }
        } else if (
          !cue.reverse &&
          pronoun &&
          cue.from.includes('Person') &&
          /^\s*(?:He|She)\b/u.test(s.text)
        ) {
          froms = [pronoun];
          weak.push(`"${/^\s*(He|She)/u.exec(s.text)![1]}" read as ${ctx.nameOf(pronoun.key)}`);
        }
        if (!froms.length) continue;
        let tos: Mention[] = [];
        // "China's Ministry of State Security", "the Russia-controlled group APT28", "Russia's
        // military intelligence service, the GRU": the first name only qualifies the next
        // one, which is the end.
        const qualifier = (m: Mention) => {
          const next = pool.find((x) => x.start >= m.end && x.start - m.end <= 40);
          return Boolean(
            next &&
            cue.to.includes(next.label) &&
            /^(?:['’]s\s+(?:(?:[\p{L}-]+\s+){0,3}[\p{L}-]+,\s+(?:the\s+)?)?|-[\p{L}]+\s+(?:[\p{L}-]+\s+){0,2})$/u.test(
              ctx.text.slice(m.end, next.start),
            ),
          );
        };
        const toM = cue.reverse
          ? [...toSide].reverse().find((m) => cue.to.includes(m.label))
          : toSide.find((m) => cue.to.includes(m.label) && !qualifier(m));
        const toGap = toM ? (cue.reverse ? cs - toM.end : toM.start - ce) : Infinity;
        if (toM && toGap <= 80)
          tos = coordinated(pool, toM, cue.to, ctx.text, cue.reverse ? -1 : 1);
        if (cue.type === 'DENIED') {
          const denial =
            /^\s*(?:the|these|those|such|all|any|its|their)?\s*(?:allegations?|accusations?|claims|charges|reports?|involvement|responsibility|wrongdoing|attribution)/iu.test(
              ctx.text.slice(ce, ce + 40),
            );
          const accusation = [...statements]
            .reverse()
            .find((st) => st.accusation && st.sentence <= s.index && st.sentence >= s.index - 3);
          if (denial && accusation) {
            tos = [{ ...froms[0]!, key: accusation.key, label: 'Statement' }];
            weak.push('"these allegations" read as the accusation just before');
          } else if (denial && ctx.operationKey && !tos.length) {
            tos = [{ ...froms[0]!, key: ctx.operationKey, label: 'Operation' }];
            weak.push('"the allegations" read as the report\'s operation');
          } else if (!tos.length || tos[0]!.label !== 'Operation') continue;
        }
        if (!tos.length) continue;
        if (
          cue.type === 'TARGETED' &&
          /^(?:on|into|against)$/iu.test(c[0]) &&
          froms[0]!.label !== 'Operation'
        )
          continue;
        if (c[0].toLowerCase() === 'by' && !(fromM && cs - fromM.end <= 3)) continue;
        if (tos.some((m) => m.adjective) || froms.some((m) => m.adjective))
          weak.push('a state named by an adjective');
        // A trailing attribution asserts the whole clause: "…, the Internal Security Agency said."
        const trailing = frames.find(
          (f) =>
            f.verbStart > ce &&
            /,\s*(?:the\s+)?$/u.test(ctx.text.slice(s.start, f.speakers[0]!.start)) &&
            /^[^,;]{0,30}$/u.test(ctx.text.slice(f.verbEnd, s.end)),
        );
        const frame =
          [...frames].reverse().find((f) => f.verbEnd <= cs) ??
          trailing ??
          (inQuote ? frames[0] : undefined);
        const asserter = frame?.speakers[0]?.key;
        const { confidence, why } = confidenceOf(s, weak);
        for (const f of froms)
          for (const t of tos)
            push({
              type: cue.type,
              from: f.key,
              to: t.key,
              ...(asserter ? { asserter } : {}),
              sentence: s.index,
              confidence,
              reason: `"${c[0]}" joins ${ctx.nameOf(f.key)} and ${ctx.nameOf(t.key)}${frame ? `; ${frame.verb} by ${ctx.nameOf(frame.speakers[0]!.key)}` : ''}; ${why}`,
            });
      }
    }
    // "China-linked APT40", "Russian state-sponsored Sandworm".
    for (const st of ms.filter((m) => m.label === 'State')) {
      const actor = ms.find(
        (m) => m.label === 'Actor' && m.start > st.end && m.start - st.end <= 60,
      );
      if (!actor) continue;
      const gap = ctx.text.slice(st.end, actor.start);
      if (
        !/^[-\s]*(?:state[- ])?(?:linked|backed|sponsored|based|affiliated|aligned|nexus|controlled|directed)\b/iu.test(
          gap,
        )
      )
        continue;
      const { confidence, why } = confidenceOf(
        s,
        st.adjective ? ['a state named by an adjective'] : [],
      );
      push({
        type: 'AFFILIATED_WITH',
        from: actor.key,
        to: st.key,
        sentence: s.index,
        confidence,
        reason: `"${gap.trim()}" ties ${ctx.nameOf(actor.key)} to ${ctx.nameOf(st.key)}; ${why}`,
      });
    }
  }
  for (const st of statements)
    for (const speaker of st.speakers)
      push({
        type: 'MADE',
        from: speaker,
        to: st.key,
        sentence: st.sentence,
        confidence: st.verbatim ? 'high' : 'medium',
        reason: st.verbatim
          ? `a quote attributed to ${ctx.nameOf(speaker)} in the sentence`
          : `reported speech of ${ctx.nameOf(speaker)}`,
      });
  return out;
}
