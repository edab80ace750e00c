// The extractor: a report's text and its source's metadata in, proposed entities (with every
// mention's offsets) and claims (with their evidence sentence, asserter, date, confidence and
// reason) out. Pure: the dictionary is passed in (loadGraphDictionary reads the graph's).
import { findClaims, findStatements, type ClaimCandidate } from './claims';
import { datesIn, guessPublished } from './dates';
import { findMentions, operationPhrases, type EntityInfo, type Mention } from './mentions';
import { findStructure, type StructuralClaim } from './structure';
import type {
  DictionaryEntry,
  ExtractedClaim,
  ExtractedEntity,
  Extraction,
  SourceMeta,
} from './types';

const DOC_OPERATION = 'new:Operation:report';

export function extract(
  text: string,
  source: SourceMeta,
  dictionary: readonly DictionaryEntry[],
): Extraction {
  const guessed = source.published ? undefined : guessPublished(text);
  const published = source.published ?? guessed;
  const found = findMentions(text, dictionary);
  const { sentences, entities } = found;
  let mentions = found.mentions;

  // The report's operation, named by a noun phrase ("the attack"), unless it names one.
  const named = [...entities.values()].find((e) => e.label === 'Operation');
  const opKey = named?.key ?? DOC_OPERATION;
  const phrases = operationPhrases(sentences).filter(
    (p) => !mentions.some((m) => m.start < p.end && p.start < m.end),
  );
  if (phrases.length && !named)
    entities.set(DOC_OPERATION, {
      key: DOC_OPERATION,
      label: 'Operation',
      name: 'Cyber operation',
      props: {},
    });
  mentions = [
    ...mentions,
    ...phrases.map((p): Mention => {
      const s = sentences.find((x) => p.start >= x.start && p.start < x.end)!;
      return {
        ...p,
        key: opKey,
        label: 'Operation',
        sentence: s.index,
        adjective: false,
        inQuote: s.quotes.some((q) => p.start >= q.start && p.end <= q.end),
      };
    }),
  ].sort((a, b) => a.start - b.start);

  const nameOf = (key: string) => entities.get(key)?.name ?? key;
  const ctx = {
    text,
    sentences,
    mentions,
    nameOf,
    ...(entities.has(opKey) ? { operationKey: opKey } : {}),
  };
  const statements = findStatements(ctx);
  for (const st of statements) {
    const speaker = nameOf(st.speakers[0]!);
    const words = st.text.split(/\s+/);
    entities.set(st.key, {
      key: st.key,
      label: 'Statement',
      name: `${speaker}: ${words.slice(0, 8).join(' ')}${words.length > 8 ? '…' : ''}`,
      props: { text: st.text, verbatim: st.verbatim, ...(published ? { date: published } : {}) },
    });
  }
  const found2: (ClaimCandidate & Pick<StructuralClaim, 'role'>)[] = findClaims(ctx, statements);
  // A denial is itself something said: a Statement made by the party that denies.
  for (const d of found2.filter((c) => c.type === 'DENIED')) {
    const s = sentences[d.sentence]!;
    const key = `new:Statement:denial-${d.sentence}`;
    if (entities.has(key)) continue;
    const span = {
      start: s.start + (s.text.length - s.text.trimStart().length),
      end: s.start + s.text.trimEnd().length,
    };
    statements.push({
      key,
      text: text.slice(span.start, span.end),
      verbatim: false,
      sentence: d.sentence,
      span,
      speakers: [d.from],
      accusation: false,
    });
    entities.set(key, {
      key,
      label: 'Statement',
      name: `${nameOf(d.from)}: denial`,
      props: {
        text: text.slice(span.start, span.end),
        verbatim: false,
        ...(published ? { date: published } : {}),
      },
    });
    found2.push({
      type: 'MADE',
      from: d.from,
      to: key,
      sentence: d.sentence,
      confidence: d.confidence,
      reason: `the denial reported in the sentence is a statement of ${nameOf(d.from)}`,
    });
  }

  // The structural facts the report states in passing: roles, bodies of a state, members of
  // an alliance, what each statement is about.
  const structural = findStructure({
    text,
    sentences,
    mentions,
    entities,
    dictionary,
    statements,
    claims: found2,
  });
  found2.push(...structural);

  // The operation's name and period, from what the claims say about it.
  const op = entities.get(DOC_OPERATION);
  if (op) {
    const target = found2.find((c) => c.type === 'TARGETED' && c.from === DOC_OPERATION);
    const actor = found2.find((c) => c.type === 'ATTRIBUTED_TO' && c.from === DOC_OPERATION);
    op.name = target
      ? `Cyber operation against ${nameOf(target.to)}`
      : actor
        ? `Cyber operation attributed to ${nameOf(actor.to)}`
        : `Cyber operation${source.title ? ` reported in "${source.title}"` : ''}`;
    const since = /\bsince (\d{4})\b/u.exec(
      sentences
        .filter((s) => mentions.some((m) => m.key === DOC_OPERATION && m.sentence === s.index))
        .map((s) => s.text)
        .join(' '),
    );
    if (since) op.props.since = since[1];
    if (published) op.props.disclosed = published;
  }

  const used = new Set(found2.flatMap((c) => [c.from, c.to, ...(c.asserter ? [c.asserter] : [])]));
  const keep = [...entities.values()].filter(
    (e) => used.has(e.key) || mentions.some((m) => m.key === e.key),
  );
  const order = new Map<string, number>();
  for (const m of mentions) if (!order.has(m.key)) order.set(m.key, m.start);
  for (const st of statements) order.set(st.key, st.span.start);
  keep.sort((a, b) => (order.get(a.key) ?? Infinity) - (order.get(b.key) ?? Infinity));
  const refOf = new Map(keep.map((e, i) => [e.key, `e${i + 1}`]));

  const entityList: ExtractedEntity[] = keep.map((e) =>
    toEntity(
      e,
      refOf.get(e.key)!,
      e.label === 'Statement'
        ? [statements.find((s) => s.key === e.key)!.span]
        : mentions.filter((m) => m.key === e.key),
    ),
  );
  const claims: ExtractedClaim[] = found2.map((c, i) => toClaim(c, i, ctx, refOf, published));
  return {
    text,
    source: {
      ...source,
      ...(published ? { published } : {}),
      ...(guessed ? { publishedGuessed: true } : {}),
    },
    entities: entityList,
    claims,
  };
}

function toEntity(
  e: EntityInfo,
  ref: string,
  mentions: { start: number; end: number }[],
): ExtractedEntity {
  return {
    ref,
    name: e.name,
    label: e.label,
    ...(e.matchId ? { matchId: e.matchId } : {}),
    ...(e.candidates && e.candidates.length > 1 ? { candidates: e.candidates } : {}),
    mentions: mentions.map((m) => ({ start: m.start, end: m.end })),
    ...(Object.keys(e.props).length ? { props: e.props } : {}),
  };
}

function toClaim(
  c: ClaimCandidate & Pick<StructuralClaim, 'role'>,
  i: number,
  ctx: {
    text: string;
    sentences: readonly { start: number; end: number; text: string; index: number }[];
  },
  refOf: Map<string, string>,
  published: string | undefined,
): ExtractedClaim {
  const s = ctx.sentences[c.sentence]!;
  const lead = s.text.length - s.text.trimStart().length;
  const start = s.start + lead;
  const end = s.start + s.text.trimEnd().length;
  const own = datesIn(s.text, published).filter(
    (d) => !/since\s*$/iu.test(s.text.slice(0, d.index)),
  );
  const since = /\bsince (\d{4})\b/u.exec(s.text)?.[1];
  const date = own[0]?.date ?? published;
  return {
    ref: `c${i + 1}`,
    type: c.type,
    from: refOf.get(c.from)!,
    to: refOf.get(c.to)!,
    ...(c.asserter && refOf.has(c.asserter) ? { asserter: refOf.get(c.asserter)! } : {}),
    ...(c.role ? { role: c.role } : {}),
    evidence: ctx.text.slice(start, end),
    start,
    end,
    ...(date ? { date } : {}),
    ...(since && (c.type === 'TARGETED' || c.type === 'ATTRIBUTED_TO') ? { since } : {}),
    confidence: c.confidence,
    reason: c.reason,
  };
}
