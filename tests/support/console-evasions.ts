// Generated guard cases: every white space character Cypher 5 accepts, crossed with every
// forbidden clause, each written with one of several separators (plain, block comment, line
// comment ended by \r or \n, a \uXXXX-escaped space, a comment closed by an escaped star)
// and one of several prefixes (CYPHER 5, CYPHER runtime=…, EXPLAIN). Every (white space,
// clause) pair appears once; each clause meets every separator and every prefix.
import { CYPHER_WHITESPACE } from '../../server/src/services/queries/cypher-lexer';

export interface GuardCase {
  name: string;
  query: string;
}

const hex = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Ways to put white space `ws` between two words; all are white space to Neo4j. */
const SEPARATORS: { name: string; make: (ws: string) => string }[] = [
  { name: 'plain', make: (ws) => ws },
  { name: 'block comment', make: (ws) => `${ws}/* c */${ws}` },
  { name: 'line comment ended by CR', make: (ws) => `${ws}// c\r` },
  { name: 'line comment ended by LF', make: (ws) => `${ws}// c\n` },
  { name: 'escaped white space', make: (ws) => `\\u${hex(ws)}` },
  { name: 'comment closed by an escaped star', make: (ws) => `/* c \\u002a/${ws}` },
];

const PREFIXES = [
  '',
  'CYPHER 5 ',
  'CYPHER runtime=slotted ',
  'CYPHER 5 runtime=pipelined ',
  'EXPLAIN ',
];

/** Forbidden clauses; each _ is where a separator goes. {{url}} is the test web server. */
const CLAUSES: { name: string; template: string }[] = [
  { name: 'LOAD CSV', template: "LOAD_CSV_FROM '{{url}}' AS l RETURN l" },
  { name: 'SHOW TRANSACTIONS', template: 'SHOW_TRANSACTIONS' },
  { name: 'SHOW SETTINGS', template: 'SHOW_SETTINGS' },
  { name: 'SHOW PROCEDURES', template: 'SHOW_PROCEDURES' },
  { name: 'SHOW FUNCTIONS', template: 'SHOW_FUNCTIONS' },
  { name: 'TERMINATE TRANSACTIONS', template: "TERMINATE_TRANSACTIONS_'neo4j-transaction-1'" },
  { name: 'CALL dbms.listConfig', template: 'CALL_dbms.listConfig()_YIELD_name_RETURN_name' },
  {
    name: 'IN TRANSACTIONS',
    template: 'MATCH (n) CALL (n) { RETURN n.id AS id }_IN_TRANSACTIONS_RETURN id',
  },
  {
    name: 'IN CONCURRENT TRANSACTIONS',
    template: 'MATCH (n) CALL (n) { RETURN n.id AS id }_IN_CONCURRENT_TRANSACTIONS_RETURN id',
  },
  { name: 'CREATE', template: 'CREATE_(:Evil)' },
  { name: 'MERGE', template: "MERGE_(:Evil {id: 'x'})" },
  { name: 'SET', template: 'MATCH (n:Actor)_SET_n.evil = true' },
  { name: 'DETACH DELETE', template: 'MATCH (n:Evil)_DETACH_DELETE_n' },
  { name: 'USE system', template: 'USE_system_SHOW_DATABASES' },
];

export function generatedGuardCases(): GuardCase[] {
  return CLAUSES.flatMap((clause, c) =>
    CYPHER_WHITESPACE.map((ws, w) => {
      const separator = SEPARATORS[(w + c) % SEPARATORS.length]!;
      const prefix = PREFIXES[(w + 2 * c) % PREFIXES.length]!;
      return {
        name: `${clause.name}, U+${hex(ws)}, ${separator.name}, prefix "${prefix.trim()}"`,
        query: prefix + clause.template.replaceAll('_', separator.make(ws)),
      };
    }),
  );
}
