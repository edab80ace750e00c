// The saved queries: .cypher files (read once at start-up; a bad header stops the app) and
// the queries users save, stored in Neo4j as :SavedQuery nodes apart from the domain graph.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../db/database';
import { RETRY_AFTER_SECONDS } from '../../db/errors';
import { AppError, describeZodError, notFound } from '../../errors';
import {
  PARAM_NAME,
  paramValueSchema,
  queryHeaderSchema,
  type ParamSpec,
  type QueryDefinition,
} from './definition';
import { parseQueryFile } from './header';
import { inferParams } from './infer-params';
import { resolveNodeName } from './node-names';
import type { ConsolePool } from './console-pool';
import { lexicalCheck } from './query-guard';
import {
  savedQueryInput as userQueryInputSchema,
  type QueryResultJson,
  type SavedQueryResult,
} from '../../contract/queries';
import { runGuardedQuery, type RunLimits } from './query-runner';

const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../cypher');

/** Reads every .cypher file; throws QueryHeaderError naming the file and line. */
export function loadQueryFiles(dir = CYPHER_DIR): QueryDefinition[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const { header, cypher } = parseQueryFile(
        path.relative(process.cwd(), file),
        fs.readFileSync(file, 'utf8'),
      );
      return { ...header, name: f.replace(/\.cypher$/, ''), cypher, origin: 'file' as const };
    });
}

export class QueryCatalog {
  private readonly files: Map<string, QueryDefinition>;

  constructor(
    private readonly db: Database,
    files: QueryDefinition[],
    private readonly limits: RunLimits,
    /** Where user-written texts plan and run, apart from the app's own connections. */
    private readonly consolePool: ConsolePool,
  ) {
    this.files = new Map(files.map((q) => [q.name, q]));
  }

  async list(): Promise<QueryDefinition[]> {
    return [...this.files.values(), ...(await this.userQueries())];
  }

  async get(name: string): Promise<QueryDefinition> {
    const query = this.files.get(name) ?? (await this.userQuery(name));
    if (!query) throw notFound(`No saved query named "${name}"`);
    return query;
  }

  /**
   * Checks the values against the header (types, required, allowed, ranges), defaults filled;
   * a node given by name becomes its id first.
   */
  async resolveParams(
    query: QueryDefinition,
    given: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const unknown = Object.keys(given).filter((k) => !(k in query.params));
    if (unknown.length)
      throw new AppError(
        400,
        'bad_request',
        `Unknown parameter(s) ${unknown.join(', ')}; this query takes ${Object.keys(query.params).join(', ') || 'none'}`,
      );
    const out: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [name, spec] of Object.entries(query.params)) {
      const value = given[name] ?? spec.default;
      if (value === undefined || value === '' || value === null) {
        if (spec.required) problems.push(`${name} is required`);
        out[name] = null;
        continue;
      }
      let named: unknown;
      try {
        named = await this.nodeIdsFor(name, spec, value);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.push(error.message);
        continue;
      }
      const parsed = paramValueSchema(name, spec).safeParse(named);
      if (parsed.success) out[name] = parsed.data;
      else problems.push(describeZodError(parsed.error));
    }
    if (problems.length) throw new AppError(400, 'bad_request', problems.join('; '));
    return out;
  }

  /** A node parameter's names (one, or a list's items) as ids; other values unchanged. */
  private async nodeIdsFor(name: string, spec: ParamSpec, value: unknown): Promise<unknown> {
    const resolve = (v: unknown) =>
      typeof v === 'string'
        ? resolveNodeName(this.db, name, v, spec.label, this.limits.timeoutMs)
        : Promise.resolve(v);
    if (spec.type === 'node') return resolve(value);
    if (spec.type !== 'list' || spec.items !== 'node') return value;
    const items = typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;
    return Array.isArray(items) ? Promise.all(items.filter((v) => v !== '').map(resolve)) : value;
  }

  /**
   * Runs a saved query for `client`. A user-saved text goes through the console's guard and
   * pool at every run (it may have been stored before a guard change); the shipped files
   * run on the app's own connections, through the same guard.
   */
  async run(
    name: string,
    given: Record<string, unknown>,
    client: string,
  ): Promise<SavedQueryResult> {
    const query = await this.get(name);
    // A user's text meets the guard before its parameters are read (it may have been stored
    // before a guard change, and a refusal says more than a missing parameter).
    if (query.origin === 'user') lexicalCheck(query.cypher);
    const params = await this.resolveParams(query, given);
    let result: QueryResultJson;
    if (query.origin === 'file') {
      const target = {
        driver: this.db.driver,
        database: this.db.name,
        ...(this.db.bookmarks ? { bookmarkManager: this.db.bookmarks } : {}),
      };
      result = await this.db
        .withConnection(() => runGuardedQuery(target, query.cypher, params, this.limits))
        .catch((error: unknown) => {
          throw shippedQueryError(error);
        });
    } else {
      result = await this.consolePool.run(client, query.cypher, params, this.limits);
    }
    return { ...result, query: query.name, result: query.result };
  }

  /** Validates like a file query (header schema, then the console's guard), then stores it. */
  async save(
    input: unknown,
    replace: string | undefined,
    client: string,
  ): Promise<QueryDefinition> {
    const parsed = userQueryInputSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError(400, 'bad_request', describeZodError(parsed.error, 'body'));
    // The guard first: a refused text is refused as such, whatever its parameters.
    lexicalCheck(parsed.data.cypher);
    // A query saved from the console declares no parameters: those its text uses are added.
    const q = {
      ...parsed.data,
      params: withInferredParams(parsed.data.cypher, parsed.data.params),
    };
    if (replace !== undefined && replace !== q.name)
      throw new AppError(
        400,
        'bad_request',
        `body.name (${q.name}) must match the query being updated (${replace})`,
      );
    if (this.files.has(q.name))
      throw new AppError(
        409,
        'conflict',
        `"${q.name}" is the name of a query shipped in cypher/; choose another`,
      );
    const sample = Object.fromEntries(Object.keys(q.params).map((k) => [k, null]));
    await this.consolePool.plan(client, q.cypher, sample, this.limits.timeoutMs);
    const exists = (await this.userQuery(q.name)) !== undefined;
    if (replace === undefined && exists)
      throw new AppError(409, 'conflict', `A saved query named "${q.name}" exists already`);
    if (replace !== undefined && !exists) throw notFound(`No saved query named "${replace}"`);
    await this.db.write(
      `MERGE (q:SavedQuery {name: $name})
       SET q.title = $title, q.description = $description, q.result = $result, q.group = $group,
           q.cypher = $cypher, q.params = $params, q.updatedAt = toString(datetime())`,
      { ...q, params: JSON.stringify(q.params) },
    );
    return { ...q, origin: 'user' };
  }

  async remove(name: string): Promise<void> {
    if (this.files.has(name))
      throw new AppError(
        409,
        'conflict',
        `"${name}" is shipped in cypher/ and cannot be deleted here`,
      );
    const rows = await this.db.write<{ n: number }>(
      'MATCH (q:SavedQuery {name: $name}) DELETE q RETURN count(*) AS n',
      { name },
    );
    if (!rows[0]?.n) throw notFound(`No saved query named "${name}"`);
  }

  private async userQueries(): Promise<QueryDefinition[]> {
    const rows = await this.db.read<{ q: Record<string, unknown> }>(
      'MATCH (q:SavedQuery) RETURN q {.*} AS q ORDER BY q.title',
    );
    return rows.map((r) => this.fromNode(r.q));
  }

  private async userQuery(name: string): Promise<QueryDefinition | undefined> {
    const rows = await this.db.read<{ q: Record<string, unknown> }>(
      'MATCH (q:SavedQuery {name: $name}) RETURN q {.*} AS q',
      { name },
    );
    return rows[0] ? this.fromNode(rows[0].q) : undefined;
  }

  private fromNode(node: Record<string, unknown>): QueryDefinition {
    const header = queryHeaderSchema.parse({
      title: node.title,
      description: node.description,
      result: node.result,
      group: node.group,
      params: JSON.parse(typeof node.params === 'string' ? node.params : '{}') as unknown,
    });
    const cypher = String(node.cypher);
    // Saved before parameters were inferred: inferred when read, so the form has its fields.
    const params = withInferredParams(cypher, header.params, 'skip');
    return { ...header, params, name: String(node.name), cypher, origin: 'user' };
  }
}

/**
 * The declared parameters and those the text uses without declaring (see infer-params). A
 * name a form cannot carry is refused when saving, and left out of one stored before.
 */
function withInferredParams(
  cypher: string,
  declared: Record<string, ParamSpec>,
  badNames: 'refuse' | 'skip' = 'refuse',
): Record<string, ParamSpec> {
  const inferred = Object.fromEntries(
    Object.entries(inferParams(cypher, declared)).filter(
      ([name]) => badNames === 'refuse' || PARAM_NAME.test(name),
    ),
  );
  const badName = Object.keys(inferred).find((name) => !PARAM_NAME.test(name));
  if (badName !== undefined)
    throw new AppError(
      400,
      'bad_request',
      `body.cypher uses the parameter $\`${badName}\`: name parameters with a letter, then letters, digits or _ (at most 40)`,
    );
  return { ...declared, ...inferred };
}

/**
 * A shipped query is bounded by design: when it runs out of time, Neo4j is overloaded or
 * warming up (503, try again), not the query too broad (the console's 400 query_timeout).
 */
function shippedQueryError(error: unknown): unknown {
  return error instanceof AppError && error.code === 'query_timeout'
    ? new AppError(
        503,
        'neo4j_timeout',
        'Neo4j did not answer within the time limit; try again shortly',
        undefined,
        RETRY_AFTER_SECONDS,
      )
    : error;
}
