// Precision and recall of an extraction against what a reader expects of the report: the
// test corpus's fixtures (tests/fixtures/ingest) and the benchmark (bench/ingest.ts) use it.
// Ends are compared by name ("A|B" accepts either), "@operation" is any Operation and
// "@says:words" is a Statement whose text holds the words.
import { normalName } from '../exchange/import/names';
import type { Extraction, ExtractedEntity } from './types';

export interface ExpectedReport {
  source: { title?: string; published?: string };
  entities: { label: string; name: string }[];
  claims: { type: string; from: string; to: string; asserter?: string }[];
}

interface Score {
  expected: number;
  found: number;
  correct: number;
  /** Of the expected, the ones found. */
  recall: number;
  /** Of the found, the ones expected. */
  precision: number;
  missed: string[];
  extra: string[];
}

export interface Evaluation {
  entities: Score;
  claims: Score;
  /** Of the claims found that expect an asserter, how many name the right one. */
  asserters: { expected: number; right: number };
}

const names = (spec: string) => spec.split('|').map(normalName);

/** Entities the reader is asked for: not statements and not the report's unnamed operation. */
const scored = (e: ExtractedEntity) =>
  e.label !== 'Statement' && !(e.label === 'Operation' && e.name.startsWith('Cyber operation'));

function endMatches(spec: string, e: ExtractedEntity | undefined): boolean {
  if (!e) return false;
  if (spec === '@operation') return e.label === 'Operation';
  if (spec.startsWith('@says:')) {
    const text = typeof e.props?.text === 'string' ? e.props.text : '';
    return e.label === 'Statement' && text.toLowerCase().includes(spec.slice(6).toLowerCase());
  }
  return names(spec).includes(normalName(e.name));
}

function score(
  expected: number,
  found: number,
  correct: number,
  missed: string[],
  extra: string[],
): Score {
  return {
    expected,
    found,
    correct,
    recall: expected ? correct / expected : 1,
    precision: found ? Math.min(correct, found) / found : 1,
    missed,
    extra,
  };
}

export function evaluate(result: Extraction, expected: ExpectedReport): Evaluation {
  const byRef = new Map(result.entities.map((e) => [e.ref, e]));
  const ents = result.entities.filter(scored);
  const entityHit = (x: { label: string; name: string }) =>
    ents.some((e) => e.label === x.label && names(x.name).includes(normalName(e.name)));
  const entityMissed = expected.entities.filter((x) => !entityHit(x));
  const entityExtra = ents.filter(
    (e) =>
      !expected.entities.some(
        (x) => x.label === e.label && names(x.name).includes(normalName(e.name)),
      ),
  );
  const claimOf = (x: ExpectedReport['claims'][number]) =>
    result.claims.find(
      (c) =>
        c.type === x.type &&
        endMatches(x.from, byRef.get(c.from)) &&
        endMatches(x.to, byRef.get(c.to)),
    );
  const matched = expected.claims.map((x) => ({ x, c: claimOf(x) }));
  const claimExtra = result.claims.filter((c) => !matched.some((m) => m.c === c));
  const describe = (c: (typeof result.claims)[number]) =>
    `${c.type} ${byRef.get(c.from)?.name} -> ${byRef.get(c.to)?.name}`;
  const withAsserter = matched.filter((m) => m.c && m.x.asserter);
  return {
    entities: score(
      expected.entities.length,
      ents.length,
      ents.length - entityExtra.length,
      entityMissed.map((x) => `${x.label} ${x.name}`),
      entityExtra.map((e) => `${e.label} ${e.name}`),
    ),
    claims: score(
      expected.claims.length,
      result.claims.length,
      matched.filter((m) => m.c).length,
      matched.filter((m) => !m.c).map((m) => `${m.x.type} ${m.x.from} -> ${m.x.to}`),
      claimExtra.map(describe),
    ),
    asserters: {
      expected: withAsserter.length,
      right: withAsserter.filter(
        (m) => m.c!.asserter && endMatches(m.x.asserter!, byRef.get(m.c!.asserter)),
      ).length,
    },
  };
}

/** Several reports' scores added up (micro-average). */
export function total(evaluations: readonly Evaluation[]): Evaluation {
  const add = (pick: (e: Evaluation) => Score): Score => {
    const s = evaluations.map(pick);
    const sum = (f: (x: Score) => number) => s.reduce((a, x) => a + f(x), 0);
    return score(
      sum((x) => x.expected),
      sum((x) => x.found),
      sum((x) => x.correct),
      s.flatMap((x) => x.missed),
      s.flatMap((x) => x.extra),
    );
  };
  return {
    entities: add((e) => e.entities),
    claims: add((e) => e.claims),
    asserters: {
      expected: evaluations.reduce((a, e) => a + e.asserters.expected, 0),
      right: evaluations.reduce((a, e) => a + e.asserters.right, 0),
    },
  };
}
