// Runs a checked read query: Neo4j's plan must pass the plan guard, then the query runs in
// a READ access-mode transaction with a server-side timeout, at most `rowLimit` rows are
// pulled (the rest is never fetched) and the rows are bounded by size before they are
// converted. Results come back as a table and, where they hold nodes or relationships, as
// graph JSON too. The console and user-saved queries run this inside a worker of the console
// pool (console-pool.ts); the shipped query files run it in the server's own process.
import neo4j, { Neo4jError, type BookmarkManager, type Driver } from 'neo4j-driver';
import { cypherError } from '../../db/errors';
import type { QueryResultJson } from '../../contract/queries';
import { collectGraph, toPlain } from '../../db/mapper';
import { planCheck, readSession } from './plan-guard';
import { lexicalCheck } from './query-guard';
import { ResultBudget, ResultTooLarge, type SizeLimits } from './result-budget';

export interface RunLimits extends SizeLimits {
  timeoutMs: number;
  rowLimit: number;
}

/**
 * Whole numbers in parameters go to Neo4j as integers (a JS number would arrive as a
 * float); beyond 2^53 a number is not exact, so it stays a float (1e300 is no integer).
 */
function toNeo4jParams(params: Record<string, unknown>): Record<string, unknown> {
  const convert = (v: unknown): unknown =>
    typeof v === 'number' && Number.isSafeInteger(v)
      ? neo4j.int(v)
      : Array.isArray(v)
        ? v.map(convert)
        : v;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, convert(v)]));
}

export interface ReadTarget {
  driver: Driver;
  database: string;
  /** Transaction metadata, so the console pool can find its query in SHOW TRANSACTIONS. */
  metadata?: Record<string, string>;
  /** The app's bookmarks (Database.bookmarks): on a cluster, the read sees earlier writes. */
  bookmarkManager?: BookmarkManager;
}

const sessionOf = (target: ReadTarget) => ({
  ...readSession(target.database),
  ...(target.bookmarkManager ? { bookmarkManager: target.bookmarkManager } : {}),
});

/** The plan check alone, as saving a query does it. */
export async function checkQueryPlan(
  target: ReadTarget,
  cypher: string,
  params: Record<string, unknown>,
  timeoutMs: number,
) {
  const session = target.driver.session(sessionOf(target));
  try {
    return await planCheck(session, cypher, toNeo4jParams(params), {
      database: target.database,
      timeoutMs,
      ...(target.metadata ? { metadata: target.metadata } : {}),
    });
  } finally {
    await session.close().catch(() => undefined); // a broken connection must not mask the real error
  }
}

/** Plan check, then the bounded run (the lexical filter is the caller's first step). */
export async function runReadQuery(
  target: ReadTarget,
  cypher: string,
  params: Record<string, unknown>,
  limits: RunLimits,
): Promise<QueryResultJson> {
  const neo4jParams = toNeo4jParams(params);
  const began = Date.now();
  const session = target.driver.session({
    ...sessionOf(target),
    fetchSize: limits.rowLimit + 1,
  });
  try {
    await planCheck(session, cypher, neo4jParams, {
      database: target.database,
      timeoutMs: limits.timeoutMs,
      ...(target.metadata ? { metadata: target.metadata } : {}),
    });
    const tx = await session.beginTransaction({
      timeout: limits.timeoutMs,
      ...(target.metadata ? { metadata: target.metadata } : {}),
    });
    const result = tx.run(cypher, neo4jParams);
    const budget = new ResultBudget(limits);
    const records = [];
    let truncated = false;
    for await (const record of result) {
      if (records.length === limits.rowLimit) {
        truncated = true;
        break;
      }
      budget.admit(
        record.keys.map((k): unknown => record.get(k)),
        records.length,
      );
      records.push(record);
    }
    const columns = records[0]?.keys.map(String) ?? (await result.keys()).map(String);
    await tx.rollback().catch(() => undefined);
    const graph = collectGraph(records.map((r) => r.toObject()));
    return {
      columns,
      rows: records.map((r) => Object.fromEntries(columns.map((c) => [c, toPlain(r.get(c))]))),
      graph: { ...graph, truncated },
      truncated,
      rowLimit: limits.rowLimit,
      elapsedMs: Date.now() - began,
    };
  } catch (error) {
    if (error instanceof Neo4jError) throw cypherError(error);
    // The driver itself gives up on values nested thousands of levels deep (its decoder
    // recurses): that is a result too large to read, not a server fault.
    if (error instanceof RangeError)
      throw new ResultTooLarge('a value is nested too deeply to read', `${limits.maxDepth} levels`);
    throw error;
  } finally {
    await session.close().catch(() => undefined); // a broken connection must not mask the real error
  }
}

/** The whole guard for a text from a user: the lexical filter, then runReadQuery. */
export async function runGuardedQuery(
  target: ReadTarget,
  cypher: string,
  params: Record<string, unknown>,
  limits: RunLimits,
): Promise<QueryResultJson> {
  lexicalCheck(cypher);
  return runReadQuery(target, cypher, params, limits);
}
