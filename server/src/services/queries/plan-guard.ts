// The console's real guard: Neo4j plans the query (EXPLAIN runs nothing) and the plan must
// be a read of this database and nothing else. Every operator of the plan tree must be on
// an allow-list of read operators, procedure calls must name an allowed procedure, and
// Neo4j must classify the query as read-only. What Neo4j parsed is what is judged, so no
// spelling, comment or escape trick changes the verdict; anything the guard cannot read as
// an allowed read (an unknown operator, a missing plan) is refused.
import neo4j, { Neo4jError, type Session } from 'neo4j-driver';
import { cypherError } from '../../db/errors';
import { CONSOLE_PROCEDURES } from '../../db/procedures';
import { QueryRefused } from './query-guard';

const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set(CONSOLE_PROCEDURES);

/**
 * The operators of Neo4j 5.26 plans that only read the graph. Found by planning the saved
 * queries, the server's own queries and a corpus of console reads
 * (tests/fixtures/console-reads.yaml), completed from the operators Neo4j documents as
 * neither updating nor administrative. Anything else is refused: LoadCSV, Create, Merge,
 * Set*, Delete, Foreach, TransactionApply (IN TRANSACTIONS), Show*, Terminate*, schema and
 * administration commands, and operators added by later versions until they are reviewed.
 */
export const READ_OPERATORS: ReadonlySet<string> = new Set([
  // Leaves: scans and seeks.
  'Argument',
  'AllNodesScan',
  'NodeByLabelScan',
  'UnionNodeByLabelsScan',
  'IntersectionNodeByLabelsScan',
  'SubtractionNodeByLabelsScan',
  'NodeByIdSeek',
  'NodeByElementIdSeek',
  'NodeIndexSeek',
  'NodeUniqueIndexSeek',
  'NodeIndexSeekByRange',
  'NodeUniqueIndexSeekByRange',
  'NodeIndexScan',
  'NodeIndexContainsScan',
  'NodeIndexEndsWithScan',
  'MultiNodeIndexSeek',
  'NodeCountFromCountStore',
  'RelationshipCountFromCountStore',
  'DirectedAllRelationshipsScan',
  'UndirectedAllRelationshipsScan',
  'DirectedRelationshipTypeScan',
  'UndirectedRelationshipTypeScan',
  'DirectedUnionRelationshipTypesScan',
  'UndirectedUnionRelationshipTypesScan',
  'DirectedRelationshipByIdSeek',
  'UndirectedRelationshipByIdSeek',
  'DirectedRelationshipByElementIdSeek',
  'UndirectedRelationshipByElementIdSeek',
  'DirectedRelationshipIndexSeek',
  'UndirectedRelationshipIndexSeek',
  'DirectedRelationshipUniqueIndexSeek',
  'UndirectedRelationshipUniqueIndexSeek',
  'DirectedRelationshipIndexSeekByRange',
  'UndirectedRelationshipIndexSeekByRange',
  'DirectedRelationshipUniqueIndexSeekByRange',
  'UndirectedRelationshipUniqueIndexSeekByRange',
  'DirectedRelationshipIndexScan',
  'UndirectedRelationshipIndexScan',
  'DirectedRelationshipIndexContainsScan',
  'UndirectedRelationshipIndexContainsScan',
  'DirectedRelationshipIndexEndsWithScan',
  'UndirectedRelationshipIndexEndsWithScan',
  // Traversal.
  'Expand(All)',
  'Expand(Into)',
  'OptionalExpand(All)',
  'OptionalExpand(Into)',
  'VarLengthExpand(All)',
  'VarLengthExpand(Into)',
  'VarLengthExpand(Pruning)',
  'VarLengthExpand(Pruning,BFS,All)',
  'VarLengthExpand(Pruning,BFS,Into)',
  'ShortestPath',
  'StatefulShortestPath(All)',
  'StatefulShortestPath(Into)',
  'Repeat(Trail)',
  'Repeat(Walk)',
  'BidirectionalRepeat(Trail)',
  'NullifyMetadata',
  'ProjectEndpoints',
  'TriadicSelection',
  'TriadicBuild',
  'TriadicFilter',
  // Joins, subqueries and predicates on patterns.
  'Apply',
  'SemiApply',
  'AntiSemiApply',
  'LetSemiApply',
  'LetAntiSemiApply',
  'SelectOrSemiApply',
  'SelectOrAntiSemiApply',
  'LetSelectOrSemiApply',
  'LetSelectOrAntiSemiApply',
  'ConditionalApply',
  'AntiConditionalApply',
  'RollUpApply',
  'CartesianProduct',
  'NodeHashJoin',
  'ValueHashJoin',
  'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin',
  'Optional',
  'Anti',
  'Union',
  'OrderedUnion',
  'AssertSameNode',
  'AssertSameRelationship',
  // Rows.
  'Filter',
  'Projection',
  'Unwind',
  'Limit',
  'ExhaustiveLimit',
  'Skip',
  'Sort',
  'PartialSort',
  'Top',
  'PartialTop',
  'Distinct',
  'OrderedDistinct',
  'EagerAggregation',
  'OrderedAggregation',
  'CacheProperties',
  'Eager',
  'EmptyResult',
  'ProduceResults',
]);

/** Why an operator that is not a read is refused, for the ones people try. */
function refusalFor(operator: string): string {
  if (operator === 'LoadCSV')
    return 'LOAD CSV is not allowed: the console cannot read files or URLs';
  if (operator === 'TransactionApply' || operator === 'TransactionForeach')
    return 'CALL { } IN TRANSACTIONS is not allowed';
  if (/^(Show|Terminate)/.test(operator))
    return `${operator.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()} is an administration command and is not allowed`;
  if (operator === 'AdministrationCommand' || /Index|Constraint|DoNothingIfExists/.test(operator))
    return 'Administration and schema commands are not allowed';
  if (/^(Create|Merge|LockingMerge|Delete|DetachDelete|Set|Remove|Foreach)/.test(operator))
    return `Only read queries may run here; the plan writes (${operator})`;
  return `The plan uses ${operator}, which is not on the console's list of read operators`;
}

/** The shape of neo4j-driver's plan tree (ResultSummary.plan). */
export interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

export interface PlanVerdict {
  queryType: string;
  operators: string[];
  procedures: string[];
}

const QUERY_TYPES: Record<string, string> = {
  w: 'write',
  rw: 'read-write',
  s: 'schema or administration',
};

/** The procedure a ProcedureCall operator calls, from its details ("db.labels() :: (…)"). */
function procedureName(node: PlanNode): string | undefined {
  const details = node.arguments.Details;
  return typeof details === 'string' ? /^([A-Za-z_][\w.]*)\(/.exec(details)?.[1] : undefined;
}

/**
 * Judges a plan alone: every operator, at every depth, must be an allowed read of
 * `database`. Returns what it saw; throws QueryRefused naming the first thing refused.
 */
export function judgePlan(
  plan: PlanNode | false | undefined,
  queryType: string | undefined,
  database: string,
): PlanVerdict {
  if (!plan) throw new QueryRefused('Neo4j gave no plan for this query, so it cannot be checked');
  const operators: string[] = [];
  const procedures: string[] = [];
  const stack: PlanNode[] = [plan];
  while (stack.length) {
    const node = stack.pop()!;
    // Operators are named "Type@database" in 5.26.
    const at = node.operatorType.lastIndexOf('@');
    const operator = at < 0 ? node.operatorType : node.operatorType.slice(0, at);
    const onDatabase = at < 0 ? database : node.operatorType.slice(at + 1);
    if (onDatabase !== database)
      throw new QueryRefused(
        `The query reaches database "${onDatabase}"; the console only reads "${database}"`,
      );
    if (operator === 'ProcedureCall') {
      const name = procedureName(node);
      if (!name || !ALLOWED_PROCEDURES.has(name))
        throw new QueryRefused(
          `Procedure ${name ?? '(unreadable)'} is not allowed; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}`,
        );
      procedures.push(name);
    } else if (!READ_OPERATORS.has(operator)) {
      throw new QueryRefused(refusalFor(operator));
    }
    operators.push(operator);
    stack.push(...node.children);
  }
  // After the walk, so that a refusal names the operator or procedure when there is one.
  if (queryType !== 'r')
    throw new QueryRefused(
      `Only read queries may run here; Neo4j classifies this one as ${QUERY_TYPES[queryType ?? ''] ?? queryType ?? 'unknown'}`,
    );
  return { queryType, operators, procedures };
}

const EXPLAIN = 'EXPLAIN ';
const APPROVED_CACHE_SIZE = 1000;
/** Query texts that passed, with their verdict. Refusals are never kept. */
const approved = new Map<string, PlanVerdict>();

export interface PlanCheckOptions {
  database: string;
  /** Neo4j's own limit for planning, so a text that is slow to plan cannot hold a slot. */
  timeoutMs: number;
  metadata?: Record<string, string>;
}

/** Asks Neo4j for the plan (EXPLAIN: nothing runs) and refuses anything but reads. */
export async function planCheck(
  session: Session,
  cypher: string,
  params: Record<string, unknown>,
  options: PlanCheckOptions,
): Promise<PlanVerdict> {
  // The verdict depends on the text alone (the allow-lists are fixed), so a text that passed
  // once is not planned again: saved queries and reruns skip a round trip.
  const known = approved.get(cypher);
  if (known) return known;
  let verdict: PlanVerdict;
  try {
    const result = await session.run(`${EXPLAIN}${cypher}`, params, {
      timeout: options.timeoutMs,
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
    verdict = judgePlan(result.summary.plan, result.summary.queryType, options.database);
  } catch (error) {
    throw error instanceof Neo4jError ? cypherError(error, EXPLAIN.length) : error;
  }
  if (approved.size >= APPROVED_CACHE_SIZE) approved.clear();
  approved.set(cypher, verdict);
  return verdict;
}

/** Session settings for the plan check and the run: READ access mode on the app's database. */
export const readSession = (database: string) => ({
  database,
  defaultAccessMode: neo4j.session.READ,
});
