// Runs a checked read query: READ access mode, a server-side timeout, and at most
// `rowLimit` rows pulled (the rest is never fetched). Results come back as a table and,
// where they hold nodes or relationships, as graph JSON too.
import neo4j, { Neo4jError } from 'neo4j-driver';
import type { Database } from '../../db/database';
import { toAppError } from '../../db/errors';
import type { QueryResultJson } from '../../contract/queries';
import { collectGraph, toPlain } from '../../db/mapper';
import { cypherError, lexicalCheck, planCheck } from './query-guard';

export interface RunLimits {
  timeoutMs: number;
  rowLimit: number;
}

/** Ints in parameters go to Neo4j as integers (a JS number would arrive as a float). */
function toNeo4jParams(params: Record<string, unknown>): Record<string, unknown> {
  const convert = (v: unknown): unknown =>
    typeof v === 'number' && Number.isInteger(v)
      ? neo4j.int(v)
      : Array.isArray(v)
        ? v.map(convert)
        : v;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, convert(v)]));
}

export async function runGuardedQuery(
  db: Database,
  cypher: string,
  params: Record<string, unknown>,
  limits: RunLimits,
): Promise<QueryResultJson> {
  lexicalCheck(cypher);
  const neo4jParams = toNeo4jParams(params);
  await planCheck(db, cypher, neo4jParams);

  const began = Date.now();
  const session = db.driver.session({
    database: db.name,
    defaultAccessMode: neo4j.session.READ,
    fetchSize: limits.rowLimit + 1,
  });
  try {
    const tx = await session.beginTransaction({ timeout: limits.timeoutMs });
    const result = tx.run(cypher, neo4jParams);
    const records = [];
    let truncated = false;
    for await (const record of result) {
      if (records.length === limits.rowLimit) {
        truncated = true;
        break;
      }
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
    throw error instanceof Neo4jError ? toAppError(cypherError(error)) : error;
  } finally {
    await session.close().catch(() => undefined); // a broken connection must not mask the real error
  }
}
