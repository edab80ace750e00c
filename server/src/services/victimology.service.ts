// Who an actor targets and who targets a state: TARGETED claims of the party itself, and
// those of operations attributed to it; a targeted body or person counts for the state it is
// part of or located in. Each answer keeps the paths that support it, so the explorer can
// draw them and the analyst can check every hop.
import neo4j from 'neo4j-driver';
import type { VictimologyResult } from '../contract/victimology';
import type { Database } from '../db/database';
import { collectGraph, toPlain } from '../db/mapper';
import { ENTITY_LABEL } from '../db/schema';
import { notFound } from '../errors';
import { knownOn, visible, visibleParam, visiblePath, type KnownFilter } from './known-filter';

const PATHS_PER_ENTRY = 5;
/** A body's or person's state: PART_OF or LOCATED_IN, one to three steps up. */
const UP_TO_STATE = 'PART_OF|LOCATED_IN*1..3';
/** The same, or the state itself. */
const AT_OR_UNDER = 'PART_OF|LOCATED_IN*0..3';

/**
 * A retracted claim is never evidence: every step of a supporting path is a live claim (as
 * known on $asOf when given: public by then, not yet retracted then); and every node and
 * claim on it is one the caller may see.
 */
const live = (path: string) =>
  `all(r IN relationships(${path}) WHERE
     ($asOf IS NULL AND r.retractedAt IS NULL
      OR $asOf IS NOT NULL AND coalesce(${knownOn('r')}, '0000-01-01') <= $asOf
         AND (r.retractedAt IS NULL OR left(r.retractedAt, 10) > $asOf)))
   AND ${visiblePath(path)}`;

const TARGETS = `
  MATCH (a:${ENTITY_LABEL} {id: $id}) WHERE ${visible('a')}
  OPTIONAL CALL (a) {
    MATCH p = (a)-[:TARGETED]->(x) WHERE ${live('p')}
    RETURN p, 'direct' AS via
    UNION
    MATCH p = (a)<-[:ATTRIBUTED_TO]-(:Operation)-[:TARGETED]->(x) WHERE ${live('p')}
    RETURN p, 'operation' AS via
  }
  WITH a, p, via, last(nodes(p)) AS x
  OPTIONAL MATCH q = (x)-[:${UP_TO_STATE}]->(s:State) WHERE NOT x:State AND ${live('q')}
  WITH a, via, CASE WHEN s IS NULL THEN x ELSE s END AS party, p, q
  WITH a, party, via, collect([p, q]) AS paths
  ORDER BY party.name, via
  WITH a, collect({party: party, via: via, paths: paths[..$perEntry]}) AS entries
  RETURN a, [e IN entries WHERE e.party IS NOT NULL] AS entries`;

const ATTACKERS = `
  MATCH (s:${ENTITY_LABEL} {id: $id}) WHERE ${visible('s')}
  OPTIONAL CALL (s) {
    MATCH q = (x)-[:${AT_OR_UNDER}]->(s) WHERE ${live('q')}
    MATCH p = (attacker)-[:TARGETED]->(x) WHERE ${live('p')}
    RETURN attacker, 'direct' AS via, p, q
    UNION
    MATCH q = (x)-[:${AT_OR_UNDER}]->(s) WHERE ${live('q')}
    MATCH p = (attacker)<-[:ATTRIBUTED_TO]-(:Operation)-[:TARGETED]->(x) WHERE ${live('p')}
    RETURN attacker, 'operation' AS via, p, q
  }
  WITH s, attacker AS party, via, collect([p, q]) AS paths
  ORDER BY party.name, via
  WITH s, collect({party: party, via: via, paths: paths[..$perEntry]}) AS entries
  RETURN s AS a, [e IN entries WHERE e.party IS NOT NULL] AS entries`;

interface Walk {
  segments: { relationship: { properties: { id: string } } }[];
}
interface EntryRow {
  party: unknown;
  via: 'direct' | 'operation';
  /** Each supporting path in two parts: to the target, then up to its state (or null). */
  paths: [Walk | null, Walk | null][];
}

const relationshipIds = (walks: (Walk | null)[]) =>
  walks.flatMap((w) => w?.segments.map((s) => s.relationship.properties.id) ?? []);

export class VictimologyService {
  constructor(
    private readonly db: Database,
    private readonly options: { timeoutMs: number },
  ) {}

  /** The states (and stateless targets) an actor targets, directly and through operations. */
  targets(
    id: string,
    limit: number,
    filter: Pick<KnownFilter, 'asOf' | 'clearance'> = {},
  ): Promise<VictimologyResult> {
    return this.answer(TARGETS, id, limit, filter);
  }

  /** Who targets a state, its bodies or its people, directly and through operations. */
  attackers(
    id: string,
    limit: number,
    filter: Pick<KnownFilter, 'asOf' | 'clearance'> = {},
  ): Promise<VictimologyResult> {
    return this.answer(ATTACKERS, id, limit, filter);
  }

  private async answer(
    cypher: string,
    id: string,
    limit: number,
    filter: Pick<KnownFilter, 'asOf' | 'clearance'>,
  ): Promise<VictimologyResult> {
    const rows = await this.db.read<{ a: unknown; entries: EntryRow[] }>(
      cypher,
      {
        id,
        perEntry: neo4j.int(PATHS_PER_ENTRY),
        asOf: filter.asOf ?? null,
        visible: visibleParam(filter.clearance),
      },
      { timeoutMs: this.options.timeoutMs },
    );
    const row = rows[0];
    if (!row) throw notFound(`No node with id "${id}"`);
    const node = collectGraph([row.a]).nodes[0]!;
    const kept = row.entries.slice(0, limit);
    const entries = kept.map((e) => ({
      party: collectGraph([e.party]).nodes[0]!,
      via: e.via,
      paths: e.paths.map(relationshipIds),
    }));
    const graph = collectGraph([row.a, ...kept.map((e) => [e.party, e.paths])]);
    const sectors = toPlain(node.sectors);
    return {
      node,
      sectors: Array.isArray(sectors) ? sectors.map(String) : [],
      entries,
      truncated: row.entries.length > limit,
      graph: { ...graph, truncated: false },
    };
  }
}
