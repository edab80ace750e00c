// The console's fast first filter: refuses, before Neo4j sees a query, the clauses that must
// never run from the console (USE, LOAD CSV, CALL { } IN TRANSACTIONS, administration and
// schema commands, EXPLAIN/PROFILE, several statements) and the tricks that hide them. It is
// not the guard that decides: that is Neo4j's own plan (plan-guard.ts), which holds even
// for a text this filter would let through. It reads the text with Cypher's own lexical
// rules (cypher-lexer.ts), so it sees the words Neo4j will see.
import { AppError } from '../../errors';
import { CypherLexError, decodeUnicodeEscapes, tokenize, type Token } from './cypher-lexer';

export const MAX_QUERY_LENGTH = 10_000;

export class QueryRefused extends AppError {
  constructor(message: string) {
    super(400, 'query_refused', message);
  }
}

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

/** What may follow CREATE or MERGE in an administration or schema command. */
const ADMIN_OBJECTS = new Set([
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
  'BTREE',
]);

/** CYPHER options a console query may set (others change caching, debugging, planning). */
const ALLOWED_CYPHER_OPTIONS = new Set(['RUNTIME', 'PLANNER']);

/**
 * Reads the query's prefix (`CYPHER 5`, `CYPHER runtime=…`, repeated) and returns the index
 * of the first token of the statement itself. EXPLAIN and PROFILE are refused: the console
 * runs queries, and their plans are not what it shows.
 */
function statementStart(tokens: Token[]): number {
  let i = 0;
  for (;;) {
    const t = tokens[i];
    if (t?.upper === 'EXPLAIN' || t?.upper === 'PROFILE')
      throw new QueryRefused(`${t.upper} is not available in the console; write the query itself`);
    if (t?.upper !== 'CYPHER') return i;
    i++;
    if (tokens[i]?.kind === 'number') i++; // the Cypher version, checked by Neo4j
    while (tokens[i]?.kind === 'word' && tokens[i + 1]?.text === '=') {
      const option = tokens[i]!.upper;
      if (!ALLOWED_CYPHER_OPTIONS.has(option))
        throw new QueryRefused(
          `CYPHER option ${tokens[i]!.text} is not allowed; allowed: runtime, planner`,
        );
      i += 3; // option = value
    }
  }
}

/** IN [n] [CONCURRENT] TRANSACTIONS, starting at an IN token. */
function inTransactions(tokens: Token[], index: number): boolean {
  let j = index + 1;
  if (tokens[j]?.kind === 'number') j++;
  else if (tokens[j]?.text === '$') j += 2;
  if (tokens[j]?.upper === 'CONCURRENT') j++;
  return tokens[j]?.upper === 'TRANSACTIONS';
}

function tokensOf(cypher: string): Token[] {
  try {
    return tokenize(decodeUnicodeEscapes(cypher));
  } catch (error) {
    if (error instanceof CypherLexError) throw new QueryRefused(error.message);
    throw error;
  }
}

/** Refuses, before Neo4j sees it, what must never run from the console. */
export function lexicalCheck(cypher: string): void {
  if (cypher.length > MAX_QUERY_LENGTH)
    throw new QueryRefused(`The query is longer than ${MAX_QUERY_LENGTH} characters`);
  const tokens = tokensOf(cypher);
  if (!tokens.length) throw new QueryRefused('The query is empty');
  const start = statementStart(tokens);
  for (let index = start; index < tokens.length; index++) {
    const t = tokens[index]!;
    if (t.text === ';' && index < tokens.length - 1)
      throw new QueryRefused('Only one statement may run at a time (remove the ";")');
    if (t.kind !== 'word') continue;
    const prior = index > start ? t.before : undefined;
    // A property, label or parameter name (n.use, :Show, $load) is not a keyword.
    if (prior && ['.', ':', '$'].includes(prior.text)) continue;
    const follower = tokens[index + 1];
    const atClauseStart =
      !prior || prior.text === '{' || prior.upper === 'UNION' || prior.upper === 'ALL';
    if (t.upper === 'USE' && atClauseStart)
      throw new QueryRefused('USE is not allowed: the console always queries the graph database');
    if (t.upper === 'LOAD' && follower?.upper === 'CSV')
      throw new QueryRefused('LOAD CSV is not allowed: the console cannot read files or URLs');
    if (t.upper === 'IN' && inTransactions(tokens, index))
      throw new QueryRefused('CALL { } IN TRANSACTIONS is not allowed');
    if (t.upper === 'PERIODIC' && prior?.upper === 'USING')
      throw new QueryRefused('USING PERIODIC COMMIT is not allowed');
    if (atClauseStart && ADMIN_KEYWORDS.has(t.upper))
      throw new QueryRefused(`${t.upper} commands are administration commands and are not allowed`);
    if (
      atClauseStart &&
      (t.upper === 'CREATE' || t.upper === 'MERGE') &&
      ADMIN_OBJECTS.has(follower?.upper ?? '')
    )
      throw new QueryRefused(
        `CREATE ${follower?.upper ?? ''} is an administration or schema command and is not allowed`,
      );
  }
}
