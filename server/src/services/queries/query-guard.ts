// Keeps user-written Cypher read-only and inside the graph. Three layers, each enough on
// its own for most attacks: a lexical check (clauses that must never run, even read-only
// ones: USE, LOAD CSV, administration commands, several statements), Neo4j's own plan
// (EXPLAIN must say read-only, procedures must be on the allow-list), and finally the READ
// access mode of the transaction the query runs in (see query-runner.ts).
import neo4j, { Neo4jError } from 'neo4j-driver';
import type { Database } from '../../db/database';
import { toAppError } from '../../db/errors';
import { CONSOLE_PROCEDURES } from '../../db/procedures';
import { AppError } from '../../errors';

export const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set(CONSOLE_PROCEDURES);

const ADMIN_KEYWORDS = new Set([
  'SHOW',
  'ALTER',
  'DROP',
  'GRANT',
  'DENY',
  'REVOKE',
  'START',
  'STOP',
  'TERMINATE',
  'ENABLE',
  'DISABLE',
  'RENAME',
  'DEALLOCATE',
  'REALLOCATE',
  'DRYRUN',
]);

export const MAX_QUERY_LENGTH = 10_000;

export class QueryRefused extends AppError {
  constructor(message: string) {
    super(400, 'query_refused', message);
  }
}

interface Token {
  text: string;
  upper: string;
  /** The character just before the token (ignoring white space), for "n.use" vs "USE". */
  before: string;
  /** A `backquoted` name: any characters are allowed inside. */
  quoted: boolean;
}

/**
 * Splits Cypher into words and symbols, dropping comments and the contents of string
 * literals; backquoted names become one token. Throws on an unterminated string or comment.
 */
export function tokenize(cypher: string): Token[] {
  const tokens: Token[] = [];
  let prev = '';
  let i = 0;
  const push = (text: string, quoted = false) => {
    tokens.push({ text, upper: quoted ? '' : text.toUpperCase(), before: prev, quoted });
    prev = text.slice(-1);
  };
  while (i < cypher.length) {
    const c = cypher[i]!;
    const next = cypher[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < cypher.length && cypher[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = cypher.indexOf('*/', i + 2);
      if (end < 0) throw new QueryRefused('The query has an unterminated /* comment');
      i = end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < cypher.length && cypher[j] !== c) j += cypher[j] === '\\' && c !== '`' ? 2 : 1;
      if (j >= cypher.length) throw new QueryRefused(`The query has an unterminated ${c} quote`);
      push(c === '`' ? cypher.slice(i + 1, j) : `${c}${c}`, c === '`');
      i = j + 1;
    } else if (/[\p{L}\p{N}_$]/u.test(c)) {
      let j = i;
      while (j < cypher.length && /[\p{L}\p{N}_$]/u.test(cypher[j]!)) j++;
      push(cypher.slice(i, j));
      i = j;
    } else {
      push(c);
      i++;
    }
  }
  return tokens;
}

/** Refuses, before Neo4j sees it, what must never run from the console. */
export function lexicalCheck(cypher: string): void {
  if (cypher.length > MAX_QUERY_LENGTH)
    throw new QueryRefused(`The query is longer than ${MAX_QUERY_LENGTH} characters`);
  if (!cypher.trim()) throw new QueryRefused('The query is empty');
  // Letters outside ASCII are allowed in strings and backquoted names only: look-alikes of
  // keywords (a Cyrillic С in CREATE) must not slip past the checks below.
  const tokens = tokenize(cypher);
  for (const [index, t] of tokens.entries()) {
    if (!t.quoted && [...t.text].some((ch) => ch.charCodeAt(0) > 0x7f))
      throw new QueryRefused(
        `Non-ASCII characters are only allowed in strings and \`quoted\` names (near "${t.text}")`,
      );
    const prior = tokens[index - 1];
    const follower = tokens[index + 1];
    const atClauseStart =
      !prior || prior.text === '{' || prior.text === '(' || ['UNION', 'ALL'].includes(prior.upper);
    if (t.text === ';' && index < tokens.length - 1)
      throw new QueryRefused('Only one statement may run at a time (remove the ";")');
    if (t.before === '.' || t.before === ':' || t.before === '$') continue; // a property, label or parameter name
    if (t.upper === 'USE' && atClauseStart)
      throw new QueryRefused('USE is not allowed: the console always queries the graph database');
    if (t.upper === 'LOAD' && follower?.upper === 'CSV')
      throw new QueryRefused('LOAD CSV is not allowed: the console cannot read files or URLs');
    if (t.upper === 'IN' && follower?.upper === 'TRANSACTIONS')
      throw new QueryRefused('CALL { } IN TRANSACTIONS is not allowed');
    if (t.upper === 'PERIODIC' && prior?.upper === 'USING')
      throw new QueryRefused('USING PERIODIC COMMIT is not allowed');
    if (atClauseStart && ADMIN_KEYWORDS.has(t.upper))
      throw new QueryRefused(`${t.upper} commands are administration commands and are not allowed`);
    if (
      atClauseStart &&
      (t.upper === 'CREATE' || t.upper === 'MERGE') &&
      [
        'USER',
        'ROLE',
        'DATABASE',
        'ALIAS',
        'INDEX',
        'CONSTRAINT',
        'OR',
        'COMPOSITE',
        'FULLTEXT',
        'TEXT',
        'RANGE',
        'POINT',
        'LOOKUP',
        'VECTOR',
      ].includes(follower?.upper ?? '')
    )
      throw new QueryRefused(
        `CREATE ${follower?.upper ?? ''} is an administration or schema command and is not allowed`,
      );
  }
}

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function procedureNames(plan: PlanNode | false | undefined): string[] {
  if (!plan) return [];
  const own: string[] = [];
  if (plan.operatorType.startsWith('ProcedureCall')) {
    const details = plan.arguments.Details;
    const name = typeof details === 'string' ? /^([\w.]+)\(/.exec(details)?.[1] : undefined;
    own.push(name ?? '(unknown procedure)');
  }
  return [...own, ...plan.children.flatMap((c) => procedureNames(c))];
}

const EXPLAIN = 'EXPLAIN ';
const APPROVED_CACHE_SIZE = 1000;
/** Query texts that passed the plan check, with their verdict. Refusals are never kept. */
const approved = new Map<string, PlanVerdict>();

export interface PlanVerdict {
  queryType: string;
  procedures: string[];
}

/** Asks Neo4j for the plan (EXPLAIN: nothing runs) and refuses anything but reads. */
export async function planCheck(
  db: Database,
  cypher: string,
  params: Record<string, unknown>,
): Promise<PlanVerdict> {
  // The verdict depends on the text alone (the allow-list is fixed), so a query that passed
  // once is not planned again: saved queries and reruns skip a round trip.
  const known = approved.get(cypher);
  if (known) return known;
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`${EXPLAIN}${cypher}`, params);
    const queryType = result.summary.queryType;
    if (queryType !== 'r')
      throw new QueryRefused(
        `Only read queries may run here; Neo4j classifies this one as ${queryType === 'w' ? 'write' : queryType === 'rw' ? 'read-write' : queryType === 's' ? 'schema' : queryType}`,
      );
    const procedures = procedureNames(result.summary.plan);
    const refused = procedures.filter((p) => !ALLOWED_PROCEDURES.has(p));
    if (refused.length)
      throw new QueryRefused(
        `Procedure ${refused.join(', ')} is not allowed; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}`,
      );
    if (approved.size >= APPROVED_CACHE_SIZE) approved.clear();
    approved.set(cypher, { queryType, procedures });
    return { queryType, procedures };
  } catch (error) {
    throw error instanceof Neo4jError ? toAppError(cypherError(error, EXPLAIN.length)) : error;
  } finally {
    await session.close().catch(() => undefined); // a broken connection must not mask the real error
  }
}

/** A Neo4j error about the query itself, as a 400 with Neo4j's message and its position. */
export function cypherError(error: Neo4jError, prefixLength = 0): unknown {
  if (!error.code.startsWith('Neo.ClientError.')) return error;
  if (error.code.startsWith('Neo.ClientError.Security.')) return error;
  // The position is only in the message text; it is shown, never used to decide anything.
  const match = /line (\d+), column (\d+) \(offset: (\d+)\)/.exec(error.message);
  // Positions count from the start of what was sent: take off a prefix such as "EXPLAIN ".
  const line = Number(match?.[1]);
  const position = match
    ? {
        line,
        column: Number(match[2]) - (line === 1 ? prefixLength : 0),
        offset: Number(match[3]) - prefixLength,
      }
    : undefined;
  const timedOut = error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut');
  return new AppError(
    400,
    timedOut ? 'query_timeout' : 'cypher_error',
    timedOut
      ? 'The query ran past its time limit and was stopped; narrow it down (add LIMIT or filters)'
      : // Neo4j's own position counts the "EXPLAIN " prefix; the corrected one is in details.
        (error.message.split('\n')[0] ?? error.message).replace(
          / \(line \d+, column \d+ \(offset: \d+\)\)/,
          '',
        ),
    { neo4jCode: error.code, ...(position ? { position } : {}) },
  );
}
