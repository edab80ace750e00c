// The assessment of an attribution: every claim that attributes an operation (or an actor) to
// a party, grouped by party and ranked by a rule that travels with the answer; who asserts
// each, on which independent sources; who disputes it and with what. And what changed
// between two dates. "As known on" comes from the one shared filter (known-filter.ts).
import neo4j from 'neo4j-driver';
import type {
  AssessedClaim,
  AssessmentResult,
  ChangedClaim,
  Dispute,
  NodeRef,
  PartyAssessment,
  WhatChangedResult,
} from '../contract/assessment';
import type { Database } from '../db/database';
import { toPlain } from '../db/mapper';
import { ENTITY_LABEL } from '../db/schema';
import { badRequest, notFound } from '../errors';
import type { RelationshipType } from '../model/model';
import { independentCount, sourceFacts, sourceRefs, type SourceFacts } from './independence';
import {
  knownClaim,
  knownOn,
  knownParams,
  visible,
  visibleClaim,
  visibleParam,
  type KnownFilter,
} from './known-filter';
import type { Marking } from '../model/model';

/** The claims that attribute a subject of this label to a party. */
const ATTRIBUTIONS: Partial<Record<string, readonly RelationshipType[]>> = {
  Operation: ['ATTRIBUTED_TO'],
  Actor: ['AFFILIATED_WITH', 'SPONSORED_BY'],
};

/** The ranking rule, key by key (the client shows it as written here). */
const RANKING_RULE = [
  'A party with a claim that is not retracted comes before one whose claims all are.',
  'More independent sources first (sources that cite each other, cite a common source or share a publisher count once).',
  'Then more distinct asserting parties.',
  'Then the higher best confidence (a party whose claims give none comes after any that gives one).',
  'Then fewer disputes of this attribution (denials of it, parties that dispute its claims); a denial of another accusation about the party is listed, not counted.',
  'Then the earlier first assertion.',
  'Then the name, A to Z.',
];

const ref = (v: string) =>
  `CASE WHEN ${v} IS NULL THEN NULL ELSE {id: ${v}.id, name: ${v}.name, label: [l IN labels(${v}) WHERE l <> $entity][0]} END`;

type Props = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const strings = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const dayOf = (p: Props) => str(p.knownSince) ?? str(p.recordedAt)?.slice(0, 10) ?? null;

interface ClaimRow {
  r: Props;
  type: string;
  party: NodeRef;
  asserter: NodeRef | null;
  disputers: NodeRef[];
}
interface DenialRow {
  r: Props;
  by: NodeRef;
  target: NodeRef;
  aboutIds: string[];
  words: string | null;
}

/** Retracted as of the date asked (or now). */
function retractedAsOf(p: Props, asOf: string | null): string | null {
  const at = str(p.retractedAt);
  return at && (asOf === null || at.slice(0, 10) <= asOf) ? at : null;
}

/** Disputes of this attribution, not denials of another accusation about the party. */
const disputesHere = (p: Pick<PartyAssessment, 'disputes'>) =>
  p.disputes.filter((d) => d.scope !== 'party');

function compareParties(a: PartyAssessment, b: PartyAssessment): number {
  const live = (p: PartyAssessment) => (p.claims.some((c) => !c.retractedAt) ? 1 : 0);
  return (
    live(b) - live(a) ||
    b.independentSources - a.independentSources ||
    b.asserters.length - a.asserters.length ||
    (b.bestConfidence ?? -1) - (a.bestConfidence ?? -1) ||
    disputesHere(a).length - disputesHere(b).length ||
    (a.firstAsserted ?? '9999').localeCompare(b.firstAsserted ?? '9999') ||
    a.party.name.localeCompare(b.party.name)
  );
}

function summaryOf(p: Omit<PartyAssessment, 'rank' | 'summary' | 'competing'>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const by = p.asserters.length ? p.asserters.map((a) => a.name).join(', ') : 'no named party';
  const disputers = [...new Set(disputesHere(p).map((d) => d.by.name))];
  const elsewhere = [
    ...new Set(p.disputes.filter((d) => d.scope === 'party').map((d) => d.by.name)),
  ];
  return [
    `${p.party.name}: ${plural(p.claims.length, 'claim')} by ${by}`,
    `${plural(p.independentSources, 'independent source')}${p.independentSources === 1 ? ' (single source)' : ''}`,
    `confidence ${p.bestConfidence ?? 'not given'}`,
    `first asserted ${p.firstAsserted ?? 'on no known date'}`,
    disputers.length ? `disputed by ${disputers.join(', ')}` : 'not disputed',
    ...(elsewhere.length
      ? [`${elsewhere.join(', ')} denied another accusation about ${p.party.name}`]
      : []),
  ].join('; ');
}

export class AssessmentService {
  constructor(
    private readonly db: Database,
    private readonly options: { timeoutMs: number },
  ) {}

  async assess(id: string, filter: KnownFilter): Promise<AssessmentResult> {
    const params = { id, entity: ENTITY_LABEL, ...knownParams(filter) };
    const timeout = { timeoutMs: this.options.timeoutMs };
    const [subject] = await this.db.read<{ subject: NodeRef }>(
      `MATCH (s:${ENTITY_LABEL} {id: $id}) WHERE ${visible('s')} RETURN ${ref('s')} AS subject`,
      params,
      timeout,
    );
    if (!subject) throw notFound(`No node with id "${id}"`);
    const types = ATTRIBUTIONS[subject.subject.label];
    if (!types)
      throw badRequest(
        `${id} is a ${subject.subject.label}; an assessment is of an Operation (ATTRIBUTED_TO) or an Actor (AFFILIATED_WITH, SPONSORED_BY)`,
      );
    const claimRows = (
      await this.db.read(
        `MATCH (s:${ENTITY_LABEL} {id: $id})-[r]->(party:${ENTITY_LABEL})
         WHERE type(r) IN $types AND ${knownClaim('r')}
         OPTIONAL MATCH (asserter:${ENTITY_LABEL} {id: r.assertedBy}) WHERE ${visible('asserter')}
         OPTIONAL MATCH (disputer:${ENTITY_LABEL})
           WHERE disputer.id IN coalesce(r.disputedBy, []) AND ${visible('disputer')}
         WITH r, party, asserter, collect(${ref('disputer')}) AS disputers
         RETURN properties(r) AS r, type(r) AS type, ${ref('party')} AS party,
                ${ref('asserter')} AS asserter, disputers
         ORDER BY r.id`,
        { ...params, types },
        timeout,
      )
    ).map((row) => toPlain(row) as ClaimRow);
    const partyIds = [...new Set(claimRows.map((c) => c.party.id))];
    const denialRows = (
      await this.db.read(
        `MATCH (d:${ENTITY_LABEL})-[r:DENIED]->(target:${ENTITY_LABEL})
         WHERE ${knownClaim('r')} AND (target.id IN $about OR EXISTS {
           MATCH (target)-[a:ABOUT]->(x:${ENTITY_LABEL})
           WHERE x.id IN $about AND a.retractedAt IS NULL AND ${visibleClaim('a')} })
         OPTIONAL MATCH (target)-[a:ABOUT]->(x:${ENTITY_LABEL})
           WHERE x.id IN $about AND a.retractedAt IS NULL AND ${visibleClaim('a')}
         WITH d, r, target, collect(DISTINCT x.id) AS aboutIds
         OPTIONAL MATCH (d)-[made:MADE]->(words:Statement)-[said:ABOUT]->(target)
           WHERE made.retractedAt IS NULL AND ${visibleClaim('made')} AND ${visible('said')}
         WITH d, r, target, aboutIds, collect(words.text) AS said
         RETURN properties(r) AS r, ${ref('d')} AS by, ${ref('target')} AS target, aboutIds,
                said[0] AS words
         ORDER BY r.id`,
        { ...params, about: [id, ...partyIds] },
        timeout,
      )
    ).map((row) => toPlain(row) as DenialRow);

    const facts = await sourceFacts(
      this.db,
      [...claimRows, ...denialRows].flatMap((row) => strings(row.r.sources)),
      this.options.timeoutMs,
    );
    const asOf = filter.asOf ?? null;
    const claimOf = (row: ClaimRow): AssessedClaim => assessedClaim(row, facts, asOf);
    const disputesFor = (partyId: string): Dispute[] => [
      ...claimRows
        .filter((c) => c.party.id === partyId && !retractedAsOf(c.r, asOf))
        .flatMap((c) =>
          c.disputers.map((by): Dispute => ({
            kind: 'disputed',
            claim: String(c.r.id),
            by,
            about: c.party,
            scope: 'claim',
            date: null,
            evidence: null,
            words: null,
            sources: [],
          })),
        ),
      ...denialRows
        .filter(
          (d) => d.target.id === id || d.aboutIds.includes(id) || d.aboutIds.includes(partyId),
        )
        .map((d) => denialOf(d, id, facts)),
    ];

    const parties = partyIds.map((partyId) => {
      const rows = claimRows.filter((c) => c.party.id === partyId);
      const claims = rows.map(claimOf);
      const live = claims.filter((c) => !c.retractedAt);
      const asserters = new Map<string, NodeRef>();
      for (const row of rows)
        if (row.asserter && !retractedAsOf(row.r, asOf))
          asserters.set(row.asserter.id, row.asserter);
      const confidences = live.map((c) => c.confidence).filter((c): c is number => c !== null);
      const firsts = live.map((c) => c.knownSince).filter((d): d is string => d !== null);
      const base = {
        party: rows[0]!.party,
        claims,
        asserters: [...asserters.values()],
        independentSources: independentCount(
          live.flatMap((c) => c.sources.map((s) => s.id)),
          facts,
        ),
        bestConfidence: confidences.length ? Math.max(...confidences) : null,
        firstAsserted: firsts.sort()[0] ?? null,
        disputes: disputesFor(partyId),
      };
      return {
        ...base,
        rank: 0,
        summary: summaryOf(base),
        competing: partyIds.filter((p) => p !== partyId),
      };
    });
    parties.sort(compareParties).forEach((p, i) => (p.rank = i + 1));
    const allDisputes = new Map<string, Dispute>();
    for (const p of parties)
      for (const d of p.disputes) allDisputes.set(`${d.claim}|${d.by.id}`, d);
    for (const d of denialRows)
      allDisputes.set(`${String(d.r.id)}|${d.by.id}`, denialOf(d, id, facts));
    return {
      subject: subject.subject,
      asOf,
      ranking: RANKING_RULE,
      parties,
      disputes: [...allDisputes.values()],
    };
  }

  async whatChanged(
    from: string,
    to: string,
    limit: number,
    clearance: Marking | undefined,
  ): Promise<WhatChangedResult> {
    const timeout = { timeoutMs: this.options.timeoutMs };
    const read = async (where: string, on: string) =>
      (
        await this.db.read(
          `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
           WITH a, r, b, ${on} AS on
           WHERE ${where} AND on > $from AND on <= $to AND ${visibleClaim('r')}
           RETURN properties(r) AS r, type(r) AS type, a.id AS source, b.id AS target,
                  a.name AS sourceName, b.name AS targetName, on
           ORDER BY on, r.id LIMIT $fetch`,
          { from, to, fetch: neo4j.int(limit + 1), visible: visibleParam(clearance) },
          timeout,
        )
      ).map((row): ChangedClaim => {
        const plain = toPlain(row) as Props & { r: Props };
        return {
          ...plain.r,
          id: String(plain.r.id),
          type: String(plain.type),
          source: String(plain.source),
          target: String(plain.target),
          sourceName: String(plain.sourceName),
          targetName: String(plain.targetName),
          on: String(plain.on),
        };
      });
    const [added, retracted, disputed] = await Promise.all([
      read('true', knownOn('r')),
      read('r.retractedAt IS NOT NULL', 'left(r.retractedAt, 10)'),
      read(`type(r) = 'DENIED'`, knownOn('r')),
    ]);
    const truncated = [added, retracted, disputed].some((list) => list.length > limit);
    return {
      from,
      to,
      added: added.slice(0, limit),
      retracted: retracted.slice(0, limit),
      disputed: disputed.slice(0, limit),
      truncated,
    };
  }
}

function assessedClaim(
  row: ClaimRow,
  facts: ReadonlyMap<string, SourceFacts>,
  asOf: string | null,
): AssessedClaim {
  const p = row.r;
  const sources = sourceRefs(strings(p.sources), facts);
  const independent = new Set(sources.map((s) => s.group)).size;
  return {
    id: String(p.id),
    type: row.type,
    assertedBy: row.asserter,
    date: str(p.date),
    knownSince: dayOf(p),
    since: str(p.since),
    until: str(p.until),
    confidence: num(p.confidence),
    reliability: str(p.reliability),
    credibility: num(p.credibility),
    evidence: str(p.evidence),
    sources,
    independentSources: independent,
    singleSource: independent === 1,
    retractedAt: retractedAsOf(p, asOf),
  };
}

function denialOf(
  d: DenialRow,
  subjectId: string,
  facts: ReadonlyMap<string, SourceFacts>,
): Dispute {
  const concernsSubject = d.target.id === subjectId || d.aboutIds.includes(subjectId);
  return {
    kind: 'denial',
    claim: String(d.r.id),
    by: d.by,
    about: d.target,
    scope: concernsSubject ? 'subject' : 'party',
    date: str(d.r.date) ?? dayOf(d.r),
    evidence: str(d.r.evidence),
    words: d.words,
    sources: sourceRefs(strings(d.r.sources), facts),
  };
}
