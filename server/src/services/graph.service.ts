// The explorer's reads: search, node detail, neighbourhoods, paths, provenance, schema.
// Values always travel as parameters; the only text put into Cypher is a relationship
// type or label from the model's lists, or a depth literal from a fixed table.
import neo4j from 'neo4j-driver';
import type { Database } from '../db/database';
import type { GraphJson, GraphNode, GraphRelationship } from '../contract/common';
import type {
  NodeDetail,
  PathRanking,
  PathsResult,
  RelationshipDetail,
  SchemaInfo,
  SearchHit,
} from '../contract/explorer';
import { collectGraph, toPlain } from '../db/mapper';
import { ENTITY_LABEL, NAME_SEARCH_INDEX, SEARCH_INDEX } from '../db/schema';
import { RefreshingValue } from './refreshing-value';
import { evidenceInContext } from './evidence-context';
import { notFound } from '../errors';
import {
  CLAIM_LABELS,
  CONFIDENCE_LEVELS,
  CONFIDENCE_OF_WORD,
  LABELS,
  NODE_LABELS,
  RELATIONSHIPS,
  RELATIONSHIP_TYPES,
  isRelationshipType,
  type NodeLabel,
  type RelationshipSpec,
  type RelationshipType,
} from '../model/model';
import { luceneQuery, nameKey, snippet } from './search-text';
import { versionOf } from '../workbench/version';
import { fieldsOf } from '../workbench/fields';
import { independentCount, sourceFacts, type SourceFacts } from './independence';
import {
  knownClaim,
  knownNode,
  knownParams,
  visible,
  visibleClaim,
  visibleParam,
  type KnownFilter,
} from './known-filter';
import { FULL_CLEARANCE, MARKINGS, type Marking } from '../model/model';

/** Depth bounds are literals in Cypher; these are the only ones ever used. */
const PATH_PATTERN: Record<number, string> = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [i + 1, `*..${i + 1}`]),
);

/** Shortest paths read before ranking; the best `limit` of them are returned. */
const PATH_CANDIDATES = 100;

/** How paths are ordered, key by key (the client shows it as written). */
const PATH_RANKING_RULE = [
  'Only the shortest paths (fewest hops) are ranked: a longer way round is not offered.',
  'By the weakest link: the path whose lowest confidence is highest first (a hop without a confidence counts as the lowest).',
  'Then the path whose hop with the fewest independent sources has most.',
  'Then fewer hops that are disputed (a denial, or a claim someone disputes), retracted or rest on a single source.',
  'Then by the hops’ ids, for a stable order.',
];

const sourcesOf = (props: Record<string, unknown>) =>
  Array.isArray(props.sources)
    ? props.sources.filter((s): s is string => typeof s === 'string')
    : [];

/** The evidence of each hop of a path and its weakest link. */
function rankPath(
  hops: readonly { type: string; properties: Record<string, unknown> }[],
  facts: ReadonlyMap<string, SourceFacts>,
  asOf: string | null,
): PathRanking {
  const evidence = hops.map(({ type, properties: p }) => {
    const spec: RelationshipSpec | undefined = isRelationshipType(type)
      ? RELATIONSHIPS[type]
      : undefined;
    const independent = independentCount(sourcesOf(p), facts);
    const retractedAt = typeof p.retractedAt === 'string' ? p.retractedAt : undefined;
    return {
      id: String(p.id),
      confidence: typeof p.confidence === 'number' ? p.confidence : null,
      independentSources: independent,
      singleSource: independent <= 1,
      disputed: spec?.dispute === true || (Array.isArray(p.disputedBy) && p.disputedBy.length > 0),
      retracted: retractedAt !== undefined && (asOf === null || retractedAt.slice(0, 10) <= asOf),
    };
  });
  const confidences = evidence.map((h) => h.confidence);
  return {
    weakestConfidence: confidences.includes(null) ? null : Math.min(...(confidences as number[])),
    fewestSources: Math.min(...evidence.map((h) => h.independentSources)),
    hops: evidence,
  };
}

function comparePaths(a: PathRanking, b: PathRanking): number {
  const flagged = (r: PathRanking) =>
    r.hops.filter((h) => h.disputed || h.retracted || h.singleSource).length;
  return (
    (b.weakestConfidence ?? -1) - (a.weakestConfidence ?? -1) ||
    b.fewestSources - a.fewestSources ||
    flagged(a) - flagged(b) ||
    a.hops
      .map((h) => h.id)
      .join(' ')
      .localeCompare(b.hops.map((h) => h.id).join(' '))
  );
}

/** Filters shared by neighbourhoods and paths (with `asOf` and retraction from KnownFilter). */
export interface GraphFilter extends KnownFilter {
  /** Node labels to keep (besides the start node); undefined = all. */
  types?: NodeLabel[] | undefined;
  /** Relationship types to follow; undefined = all. */
  rels?: RelationshipType[] | undefined;
  /** Keep relationships whose period overlaps [since, until]; undated ones are always kept. */
  since?: string | undefined;
  until?: string | undefined;
}

/**
 * Relationship `r` is shown by default: it is not retracted and neither of its ends is (a
 * retracted Statement goes with who made it and what it was about). Only claims gain
 * `retractedAt`: the API retracts nodes of the model's claim labels alone.
 */
const notRetracted = (r: string) =>
  `(${r}.retractedAt IS NULL AND startNode(${r}).retractedAt IS NULL AND endNode(${r}).retractedAt IS NULL)`;

/** The relationship filter on variable `r`; the parameter checks come first so that an
 * unfiltered request reads no property of the relationships it passes. */
function relFilter(r: string): string {
  return `($rels IS NULL OR type(${r}) IN $rels)
  AND ${knownClaim(r)}
  AND (($since IS NULL AND $until IS NULL) OR ${r}.periodStart IS NULL
    OR (($until IS NULL OR ${r}.periodStart <= $until) AND ($since IS NULL OR ${r}.periodEnd >= $since)))`;
}
const REL_FILTER = relFilter('r');

/** The node-label filter on variable `n` (Entity is every node's second label). */
const typeFilter = (n: string) =>
  `($types IS NULL OR [l IN labels(${n}) WHERE l <> $entity][0] IN $types)`;

/**
 * Nodes `distance` steps from `start`, one MATCH per step. A step never leaves a node with
 * more relationships than the display limit: its neighbours could not all be shown anyway,
 * and passing through a hub (a state with 50,000 links) would cost the whole expansion.
 * Such hubs are still shown themselves; expanding one on its own lists its neighbours.
 */
function stepsAway(distance: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= distance; i++) {
    const from = i === 1 ? 'start' : `n${i - 1}`;
    // A restricted clearance counts only the links it may see (a hub's hidden links must not
    // decide what it is shown); the full view keeps the count store's cheap degree.
    if (i > 1)
      lines.push(
        `  AND (COUNT { (${from})--() } <= $limit
        OR (NOT $fullView AND COUNT { (${from})-[x]-() WHERE ${visibleClaim('x')} } <= $limit))`,
      );
    lines.push(
      `MATCH (${from})-[r${i}]-(n${i}:${ENTITY_LABEL})`,
      `WHERE n${i} <> start AND ${relFilter(`r${i}`)} AND ${typeFilter(`n${i}`)}`,
    );
  }
  return `${lines.join('\n')}\nRETURN DISTINCT n${distance} AS n, ${distance} AS distance`;
}
const NEIGHBOURHOOD: Record<number, string> = Object.fromEntries(
  [1, 2, 3].map((depth) => [
    depth,
    Array.from({ length: depth }, (_, i) => stepsAway(i + 1)).join('\nUNION\n'),
  ]),
);

/**
 * Above this many relationships, a node's 1-hop expansion is read bounded: the first `limit`
 * neighbours that pass the filters, as Neo4j meets them (then sorted by name), and the rest
 * counted from the count store as the node's degree minus those shown: an upper bound of the
 * neighbours left out (a relationship the filters leave out, or a second one to the same
 * neighbour, is counted too). Below it, every neighbour is read, ordered by name, and the
 * count is exact. A 55,000-link state was 375 ms at p95 read whole (bench/results).
 */
const HUB_DEGREE = 5_000;

function filterParams(filter: GraphFilter) {
  return {
    types: filter.types ?? null,
    rels: filter.rels ?? null,
    since: filter.since ?? null,
    until: filter.until ?? null,
    ...knownParams(filter),
    fullView: filter.clearance === undefined || filter.clearance === FULL_CLEARANCE,
  };
}

interface SearchRow {
  node: Record<string, unknown>;
  label: string;
  score: number;
  /**
   * 0: a party or operation whose name or alias is the query; 1: anything else so named (a
   * tool aliased "Sofacy"); 2: other parties and operations; 3: the rest; 4: Sources.
   */
  tier: number;
}

function toHit(row: SearchRow, q: string): SearchHit {
  return {
    id: String(row.node.id),
    label: row.label,
    name: String(row.node.name),
    score: row.score,
    snippet: snippet(row.node, q),
  };
}

/** Kinds a search lists before the rest: the parties and operations an analyst looks for. */
const SEARCH_FIRST_LABELS: readonly NodeLabel[] = [
  'Actor',
  'State',
  'Organisation',
  'Person',
  'Operation',
];

/** The schema's figures for one clearance: counts, dates and the featured node over what it sees. */
class SchemaValues {
  // Counts change only when data is loaded; the legend asks on every page load. Counts come
  // from Neo4j's count store, so a request may wait for them (and fails while Neo4j is
  // away); the date range and the featured node scan the graph (4 s at a million nodes),
  // so older ones are served while they are recomputed.
  readonly schema: RefreshingValue<SchemaInfo>;
  readonly overview: RefreshingValue<Pick<SchemaInfo, 'dateRange' | 'featured'>>;
  constructor(
    computeSchema: (values: SchemaValues) => Promise<SchemaInfo>,
    computeOverview: () => Promise<Pick<SchemaInfo, 'dateRange' | 'featured'>>,
  ) {
    this.schema = new RefreshingValue(() => computeSchema(this), 5_000, { serveStale: false });
    this.overview = new RefreshingValue(computeOverview, 60_000, { serveStale: true });
  }
}

export class GraphService {
  /** Keyed by clearance; '' is the full view (no tokens, or a RED token). */
  private readonly schemaValues = new Map<string, SchemaValues>();

  constructor(
    private readonly db: Database,
    private readonly options: { timeoutMs: number },
  ) {}

  /**
   * Names and aliases first: that index is small, so even words in half the graph's names
   * cost milliseconds (51 -> 8 ms at a million nodes). Only when names give fewer than
   * `limit` hits is the full text (descriptions, statements) searched for the rest.
   */
  async search(
    q: string,
    types: NodeLabel[] | undefined,
    limit: number,
    known: KnownFilter = {},
  ): Promise<SearchHit[]> {
    const namesQuery = luceneQuery(q, { preferNames: false });
    if (!namesQuery) return [];
    const filter = { types, ...known };
    const byName = await this.searchIndex(NAME_SEARCH_INDEX, q, namesQuery, filter, limit);
    if (byName.length >= limit) return byName.map((row) => toHit(row, q));
    const named = new Set(byName.map((row) => String(row.node.id)));
    const byText = await this.searchIndex(
      SEARCH_INDEX,
      q,
      luceneQuery(q, { preferNames: true }),
      filter,
      limit,
    );
    // Stable: within a tier, name matches stay before description matches.
    return [...byName, ...byText.filter((row) => !named.has(String(row.node.id)))]
      .sort((a, b) => a.tier - b.tier)
      .slice(0, limit)
      .map((row) => toHit(row, q));
  }

  private searchIndex(
    index: string,
    q: string,
    query: string,
    filter: { types: NodeLabel[] | undefined } & KnownFilter,
    limit: number,
  ) {
    // Lucene's score alone put ATT&CK's citation Sources ("Lazarus Group … report") above the
    // actor they name: a name or alias that is the query comes first, then the parties and
    // operations an analyst looks for, then what describes them, then Sources.
    return this.db.read<SearchRow>(
      `CALL db.index.fulltext.queryNodes($index, $query, {limit: $fetch}) YIELD node, score
       WITH node, score, [l IN labels(node) WHERE l <> $entity][0] AS label
       WHERE ($types IS NULL OR label IN $types) AND ${knownNode('node')}
       WITH node, score, label,
            any(n IN [node.name] + coalesce(node.aliases, [])
                WHERE replace(replace(replace(replace(toLower(n), ' ', ''), '-', ''), '_', ''), '.', '') = $key) AS exact
       WITH node, score, label,
            CASE WHEN label = 'Source' THEN 4
                 ELSE (CASE WHEN exact THEN 0 ELSE 2 END) + (CASE WHEN label IN $parties THEN 0 ELSE 1 END)
            END AS tier
       RETURN node {.id, .name, .aliases, .description, .text} AS node, label, score, tier
       ORDER BY tier, score DESC LIMIT $limit`,
      {
        index,
        query,
        entity: ENTITY_LABEL,
        types: filter.types ?? null,
        key: nameKey(q),
        parties: SEARCH_FIRST_LABELS,
        ...knownParams(filter),
        limit: neo4j.int(limit),
        // Enough candidates for the tiers to reorder (an actor may score below many Sources);
        // a label, date or clearance filter drops hits after the index answers: more then.
        fetch: neo4j.int(
          filter.types || filter.asOf || filter.clearance ? limit * 5 : limit * 4 + 10,
        ),
      },
      { timeoutMs: this.options.timeoutMs },
    );
  }

  async node(
    id: string,
    { includeRetracted = false, clearance }: Pick<KnownFilter, 'includeRetracted' | 'clearance'>,
  ): Promise<NodeDetail> {
    // A node the caller may not see is answered as absent; of the rest, only what it may see
    // is counted or listed.
    const rows = await this.db.read(
      `MATCH (n:${ENTITY_LABEL} {id: $id}) WHERE ${visible('n')}
       CALL (n) {
         // Its own relationships count even when it is itself retracted (asked for by id, a
         // retracted Statement still shows who made it); a retracted claim or other end does not.
         MATCH (n)-[r]-(other)
         WHERE ${visibleClaim('r')}
           AND ($includeRetracted OR (r.retractedAt IS NULL AND other.retractedAt IS NULL))
         RETURN collect({type: type(r), direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END}) AS rels
       }
       CALL (n) {
         OPTIONAL MATCH (s:Statement)-[about:ABOUT]->(n)
         WHERE ${visibleClaim('about')} AND ($includeRetracted OR ${notRetracted('about')})
         OPTIONAL MATCH (speaker)-[made:MADE]->(s)
         WHERE ${visibleClaim('made')} AND ($includeRetracted OR ${notRetracted('made')})
         WITH s, collect(DISTINCT speaker {.id, .name}) AS speakers
         WHERE s IS NOT NULL
         RETURN collect(s {.*, speakers: speakers}) AS statements
       }
       CALL (n) {
         OPTIONAL MATCH (source:Source) WHERE source.id IN coalesce(n.sources, []) AND ${visible('source')}
         RETURN collect(source) AS sources
       }
       CALL (n) {
         OPTIONAL MATCH (speaker:${ENTITY_LABEL})-[made:MADE]->(n)
         WHERE ${visibleClaim('made')} AND ($includeRetracted OR made.retractedAt IS NULL)
         RETURN collect(DISTINCT speaker) AS speakers
       }
       CALL (n) {
         OPTIONAL MATCH (n)-[about:ABOUT]->(subject:${ENTITY_LABEL})
         WHERE ${visibleClaim('about')} AND ($includeRetracted OR about.retractedAt IS NULL)
         RETURN collect(DISTINCT subject) AS subjects
       }
       RETURN n, rels, statements, sources, speakers, subjects`,
      { id, includeRetracted, visible: visibleParam(clearance) },
      { timeoutMs: this.options.timeoutMs },
    );
    const row = rows[0];
    if (!row) throw notFound(`No node with id "${id}"`);
    const graph = collectGraph([row.n]);
    const degree: Record<string, { in: number; out: number }> = {};
    for (const rel of row.rels as { type: string; direction: 'in' | 'out' }[]) {
      degree[rel.type] ??= { in: 0, out: 0 };
      degree[rel.type]![rel.direction]++;
    }
    const dateOf = (s: Record<string, unknown>) => (typeof s.date === 'string' ? s.date : '');
    const statements = (toPlain(row.statements) as Record<string, unknown>[]).sort((a, b) =>
      dateOf(b).localeCompare(dateOf(a)),
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const refs = (value: unknown) =>
      collectGraph([value])
        .nodes.map(({ id, name, label }) => ({ id, name, label }))
        .sort(byName);
    const node = graph.nodes[0]!;
    return {
      node,
      degree,
      statements,
      sources: collectGraph([row.sources]).nodes.sort(byName),
      speakers: refs(row.speakers),
      subjects: refs(row.subjects),
      version: versionOf(node),
    };
  }

  async neighbours(
    id: string,
    depth: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<GraphJson> {
    const steps = NEIGHBOURHOOD[depth];
    if (!steps) throw new Error(`depth ${depth} has no query`);
    // One statement, two ways (chosen in Neo4j by the start's degree, read from the count
    // store without touching its relationships): an ordinary node is expanded exactly
    // (every neighbour, the first `limit` by distance and name, the rest counted); a hub is
    // read bounded (see HUB_DEGREE).
    const rows = await this.db.read(
      `MATCH (start:${ENTITY_LABEL} {id: $id}) WHERE ${visible('start')}
       WITH start, COUNT { (start)--() } AS degree
       CALL (start, degree) {
         WITH start, degree WHERE degree > $hubDegree AND $depth = 1 AND $fullView
         OPTIONAL CALL (start) {
           MATCH (start)-[r]-(n:${ENTITY_LABEL})
           WHERE n <> start AND ${REL_FILTER} AND ${typeFilter('n')}
           RETURN DISTINCT n LIMIT $limit
         }
         WITH start, degree, n ORDER BY n.name
         WITH start, degree, collect(n) AS kept
         WITH start + kept AS shown, degree - size(kept) AS omittedNodes
         // The links among those shown, found from their ordinary ends; between two hubs
         // (the start, a state beside it) by checking the pair, never by reading a hub whole.
         CALL (shown) {
           CALL (shown) {
             UNWIND shown AS a
             WITH shown, a WHERE COUNT { (a)--() } <= $hubDegree
             MATCH (a)-[r]-(b)
             WHERE b IN shown AND ${REL_FILTER}
             RETURN r
           UNION
             UNWIND shown AS a
             WITH shown, a WHERE COUNT { (a)--() } > $hubDegree
             UNWIND shown AS b
             WITH a, b WHERE elementId(a) < elementId(b) AND COUNT { (b)--() } > $hubDegree
             MATCH (a)-[r]-(b)
             WHERE ${REL_FILTER}
             RETURN r
           }
           RETURN collect(DISTINCT r) AS rels
         }
         RETURN shown, rels, omittedNodes
       UNION
         WITH start, degree WHERE NOT (degree > $hubDegree AND $depth = 1 AND $fullView)
         OPTIONAL CALL (start) {
           ${steps}
         }
         WITH start, n, min(distance) AS distance
         ORDER BY distance, n.name
         WITH start, collect(n) AS found
         WITH start, found[..$limit] AS kept, size(found) AS total
         WITH start + kept AS shown, total - size(kept) AS omittedNodes
         CALL (shown) {
           UNWIND shown AS a
           MATCH (a)-[r]->(b)
           WHERE b IN shown AND ${REL_FILTER}
           RETURN collect(DISTINCT r) AS rels
         }
         RETURN shown, rels, omittedNodes
       }
       RETURN shown, rels, omittedNodes`,
      {
        id,
        limit: neo4j.int(limit),
        depth: neo4j.int(depth),
        hubDegree: neo4j.int(HUB_DEGREE),
        entity: ENTITY_LABEL,
        ...filterParams(filter),
      },
      { timeoutMs: this.options.timeoutMs },
    );
    const row = rows[0];
    if (!row) throw notFound(`No node with id "${id}"`);
    const graph = collectGraph([row.shown, row.rels]);
    const omittedNodes = Number(row.omittedNodes);
    return {
      ...graph,
      truncated: omittedNodes > 0,
      ...(omittedNodes > 0 ? { omitted: { nodes: omittedNodes, relationships: 0 } } : {}),
    };
  }

  async paths(
    from: string,
    to: string,
    maxDepth: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<PathsResult> {
    const pattern = PATH_PATTERN[maxDepth];
    if (!pattern) throw new Error(`maxDepth ${maxDepth} has no pattern`);
    const ends = await this.db.read<{ id: string }>(
      `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN [$from, $to] AND ${visible('n')} RETURN n.id AS id`,
      { from, to, visible: visibleParam(filter.clearance) },
    );
    for (const id of [from, to])
      if (!ends.some((e) => e.id === id)) throw notFound(`No node with id "${id}"`);
    // Candidates beyond the limit, so that the best supported are among those returned.
    const fetch = Math.max(limit + 1, PATH_CANDIDATES);
    const rows = await this.db.read(
      `MATCH (a:${ENTITY_LABEL} {id: $from}), (b:${ENTITY_LABEL} {id: $to})
       MATCH p = allShortestPaths((a)-[rs${pattern}]-(b))
       WHERE all(r IN rs WHERE ${REL_FILTER})
         AND ($types IS NULL OR all(n IN nodes(p)[1..-1] WHERE ${typeFilter('n')}))
       RETURN p LIMIT $fetch`,
      { from, to, fetch: neo4j.int(fetch), entity: ENTITY_LABEL, ...filterParams(filter) },
      { timeoutMs: this.options.timeoutMs },
    );
    type Hop = { type: string; properties: Record<string, unknown> };
    const hopsOf = (r: (typeof rows)[number]) =>
      (r.p as { segments: { relationship: Hop }[] }).segments.map((s) => s.relationship);
    const facts = await sourceFacts(
      this.db,
      rows.flatMap((r) => hopsOf(r).flatMap((h) => sourcesOf(h.properties))),
      this.options.timeoutMs,
    );
    const asOf = filter.asOf ?? null;
    const ranked = rows
      .map((r) => ({ r, ranking: rankPath(hopsOf(r), facts, asOf) }))
      .sort((x, y) => comparePaths(x.ranking, y.ranking))
      .slice(0, limit);
    const graph = collectGraph(ranked.map(({ r }): unknown => r.p));
    const paths = ranked.map(({ ranking }) => ranking.hops.map((h) => h.id));
    return {
      ...graph,
      paths,
      ranking: ranked.map(({ ranking }) => ranking),
      rankingRule: PATH_RANKING_RULE,
      truncated: rows.length > limit,
    };
  }

  async relationship(id: string, clearance?: Marking): Promise<RelationshipDetail> {
    const type = relationshipTypeOfId(id);
    if (!type) throw notFound(`No relationship with id "${id}"`);
    const rows = await this.db.read(
      `MATCH (a)-[r:${type} {id: $id}]->(b) WHERE ${visibleClaim('r')}
       OPTIONAL MATCH (s:Source) WHERE s.id IN r.sources AND ${visible('s')}
       OPTIONAL MATCH (asserter:${ENTITY_LABEL} {id: r.assertedBy}) WHERE ${visible('asserter')}
       OPTIONAL MATCH (disputer:${ENTITY_LABEL})
         WHERE disputer.id IN coalesce(r.disputedBy, []) AND ${visible('disputer')}
       RETURN a, r, b, collect(DISTINCT s) AS sources, asserter,
              collect(DISTINCT disputer {.id, .name}) AS disputedBy`,
      { id, visible: visibleParam(clearance) },
      { timeoutMs: this.options.timeoutMs },
    );
    const row = rows[0];
    if (!row) throw notFound(`No relationship with id "${id}"`);
    const graph = collectGraph([row.a, row.b, row.r]);
    const relationship = graph.relationships[0]!;
    const sources = collectGraph([row.sources]).nodes;
    return {
      relationship,
      from: graph.nodes.find((n) => n.id === relationship.source)!,
      to: graph.nodes.find((n) => n.id === relationship.target)!,
      // A report's stored text is the size of the report: the context below is what of it
      // the claim needs.
      sources: sources.map(({ text: _text, ...source }) => source),
      evidenceContext: contextOf(relationship, sources),
      assertedBy: row.asserter ? (collectGraph([row.asserter]).nodes[0] ?? null) : null,
      disputedBy: toPlain(row.disputedBy) as RelationshipDetail['disputedBy'],
      description: RELATIONSHIPS[type].description,
      version: versionOf(relationship),
    };
  }

  /**
   * The legend's figures as `clearance` sees them. A full view reads Neo4j's count store; a
   * restricted one counts what it may see (a scan, cached like the full view's figures).
   */
  schema(clearance?: Marking): Promise<SchemaInfo> {
    const restricted = clearance !== undefined && clearance !== FULL_CLEARANCE;
    const key = restricted ? clearance : '';
    let values = this.schemaValues.get(key);
    if (!values) {
      const visibleOnly = restricted ? visibleParam(clearance) : null;
      values = new SchemaValues(
        (v) => this.computeSchema(v, visibleOnly),
        () => this.computeOverview(visibleOnly),
      );
      this.schemaValues.set(key, values);
    }
    return values.schema.get();
  }

  private async computeSchema(
    values: SchemaValues,
    visibleOnly: Marking[] | null,
  ): Promise<SchemaInfo> {
    const where = (x: string) => (visibleOnly ? `WHERE ${x}` : '');
    // Independent reads: one round trip's wait instead of three.
    const [labelCounts, typeCounts, { dateRange, featured }, keys] = await Promise.all([
      this.db.read<{ name: string; count: number }>(
        NODE_LABELS.map(
          (l) => `MATCH (n:${l}) ${where(visible('n'))} RETURN '${l}' AS name, count(n) AS count`,
        ).join(' UNION ALL '),
        { visible: visibleOnly },
      ),
      this.db.read<{ name: string; count: number }>(
        RELATIONSHIP_TYPES.map(
          (t) =>
            `MATCH ()-[r:${t}]->() ${where(visibleClaim('r'))} RETURN '${t}' AS name, count(r) AS count`,
        ).join(' UNION ALL '),
        { visible: visibleOnly },
      ),
      values.overview.get(),
      this.db.read<{ key: string }>(
        'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS key',
      ),
    ]);
    const value: SchemaInfo = {
      labels: labelCounts.map((l) => ({
        name: l.name,
        count: l.count,
        description: LABELS[l.name as NodeLabel].description,
        claim: CLAIM_LABELS.includes(l.name as NodeLabel),
        properties: fieldsOf(LABELS[l.name as NodeLabel].properties),
      })),
      relationshipTypes: typeCounts.map((t) => {
        const spec = RELATIONSHIPS[t.name as RelationshipType];
        return {
          name: t.name,
          count: t.count,
          description: spec.description,
          from: [...spec.from],
          to: [...spec.to],
          dispute: 'dispute' in spec && spec.dispute,
          properties: fieldsOf('properties' in spec ? spec.properties : {}),
        };
      }),
      confidence: [...CONFIDENCE_LEVELS],
      markings: [...MARKINGS],
      confidenceScores: { ...CONFIDENCE_OF_WORD },
      dateRange,
      featured,
      propertyKeys: keys.map((k) => k.key).sort(),
    };
    return value;
  }

  /** The subgraph induced by the given node ids (restoring a saved view). */
  async subgraph(ids: string[], filter: KnownFilter = {}): Promise<GraphJson> {
    const rows = await this.db.read(
      `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids AND ${knownNode('n')}
       WITH collect(n) AS ns
       CALL (ns) {
         UNWIND ns AS a
         MATCH (a)-[r]->(b) WHERE b IN ns AND ${knownClaim('r')}
         RETURN collect(r) AS rels
       }
       RETURN ns, rels`,
      { ids, ...knownParams(filter) },
      { timeoutMs: this.options.timeoutMs },
    );
    const row = rows[0];
    const graph = collectGraph(row ? [row.ns, row.rels] : []);
    return { ...graph, truncated: false };
  }

  private async computeOverview(
    visibleOnly: Marking[] | null,
  ): Promise<Pick<SchemaInfo, 'dateRange' | 'featured'>> {
    const shown = (x: string) => (visibleOnly ? `AND ${x}` : '');
    // Claims' periods and nodes' own dates (an operation's since/until, a statement's date):
    // the time filter hides both, so its range must reach both (a 2015 operation in a graph
    // whose claims start in 2022 could not be filtered out).
    const [range] = await this.db.read<{ min: string | null; max: string | null }>(
      `CALL () {
         MATCH ()-[r]->() WHERE r.periodStart IS NOT NULL ${shown(visibleClaim('r'))}
         RETURN min(r.periodStart) AS min, max(CASE WHEN r.periodEnd < '9999' THEN r.periodEnd ELSE r.periodStart END) AS max
         UNION ALL
         MATCH (n:${ENTITY_LABEL})
         WHERE (n.since IS NOT NULL OR n.until IS NOT NULL OR n.date IS NOT NULL) ${shown(visible('n'))}
         WITH coalesce(n.since, n.date, n.until) AS first, coalesce(n.until, n.date, n.since) AS last
         // Partial dates as the days they cover, like claims' periodStart/periodEnd: 2015 -> 2015-01-01 .. 2015-12-31.
         RETURN min(CASE size(first) WHEN 4 THEN first + '-01-01' WHEN 7 THEN first + '-01' ELSE first END) AS min,
                max(CASE size(last) WHEN 4 THEN last + '-12-31' WHEN 7 THEN last + '-31' ELSE last END) AS max
       }
       RETURN min(min) AS min, max(max) AS max`,
      { visible: visibleOnly },
    );
    // The starting view for a new visitor: the best-connected operation (else actor).
    const [featured] = await this.db.read<{ id: string }>(
      `CALL () {
         MATCH (o:Operation) RETURN o AS n, 0 AS rank
         UNION ALL
         MATCH (a:Actor) RETURN a AS n, 1 AS rank
       }
       WITH n, rank WHERE true ${shown(visible('n'))}
       RETURN n.id AS id ORDER BY rank, COUNT { (n)--() } DESC LIMIT 1`,
      { visible: visibleOnly },
    );
    return {
      dateRange: { min: range?.min ?? null, max: range?.max ?? null },
      featured: featured?.id ?? null,
    };
  }

  invalidateSchema(): void {
    for (const values of this.schemaValues.values()) {
      values.schema.invalidate();
      values.overview.invalidate();
    }
  }
}

/** Relationship ids are `rel:<type in lower case>:<hash>`; the type picks the index to use. */
export function relationshipTypeOfId(id: string): RelationshipType | undefined {
  const match = /^rel:([a-z_]+):/.exec(id);
  const type = match?.[1]?.toUpperCase();
  return type && isRelationshipType(type) ? type : undefined;
}

/** Where an ingested claim's evidence sits in its first source's stored text, if it keeps it. */
function contextOf(
  relationship: GraphRelationship,
  sources: readonly GraphNode[],
): RelationshipDetail['evidenceContext'] {
  const { evidenceStart: start, evidenceEnd: end, sources: ids } = relationship;
  const first = Array.isArray(ids) ? sources.find((s) => s.id === ids[0]) : undefined;
  if (!first || typeof first.text !== 'string') return null;
  if (typeof start !== 'number' || typeof end !== 'number') return null;
  const context = evidenceInContext(first.text, start, end);
  return context ? { source: first.id, ...context } : null;
}
