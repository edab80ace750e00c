import { describe, expect, it } from 'vitest';
import { tokenize } from '../../server/src/services/queries/cypher-lexer';
import { lexicalCheck, QueryRefused } from '../../server/src/services/queries/query-guard';

const refused = (q: string) => {
  try {
    lexicalCheck(q);
    return undefined;
  } catch (e) {
    if (e instanceof QueryRefused) return e.message;
    throw e;
  }
};

describe('the console guard, before Neo4j sees a query', () => {
  it('lets ordinary reads through, including words that merely contain keywords', () => {
    for (const q of [
      'MATCH (n:Actor) RETURN n',
      'MATCH (n) WHERE n.use = 1 RETURN n.show, n.drop',
      "MATCH (n) WHERE n.text CONTAINS 'LOAD CSV; USE system' RETURN n",
      'MATCH (n) RETURN n // SHOW USERS',
      'MATCH (`Ünïcode name`) RETURN 1',
      "RETURN 'Lipavský' AS name",
      'CALL db.labels() YIELD label RETURN label',
      'MATCH (n) RETURN n;',
      'MATCH (start)-->(stop) RETURN start, stop',
      'CYPHER 5 MATCH (n) RETURN n',
      'CYPHER runtime=slotted MATCH (n) RETURN n',
      'CYPHER 5 planner=dp MATCH (n) RETURN n',
      "RETURN 'caf\\u00e9' AS word",
      'MATCH (n) WHERE n.name IN $transactions RETURN n',
    ])
      expect(refused(q), q).toBeUndefined();
  });

  it.each([
    ['USE system SHOW USERS', /USE is not allowed/],
    ['CALL { USE system RETURN 1 AS x } RETURN x', /USE is not allowed/],
    ["LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", /LOAD CSV/],
    ['MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS', /IN TRANSACTIONS/],
    [
      'MATCH (n) CALL (n) { RETURN n.id AS id } IN CONCURRENT TRANSACTIONS RETURN id',
      /IN TRANSACTIONS/,
    ],
    [
      'MATCH (n) CALL (n) { RETURN n AS m } IN 4 CONCURRENT TRANSACTIONS RETURN m',
      /IN TRANSACTIONS/,
    ],
    ['SHOW USERS', /administration commands/],
    ['show databases', /administration commands/],
    ['CYPHER 5 SHOW TRANSACTIONS', /SHOW commands/],
    ['CYPHER 5 runtime=slotted TERMINATE TRANSACTIONS "x"', /TERMINATE commands/],
    ['CYPHER 5 CYPHER 5 SHOW SETTINGS', /SHOW commands/],
    ['EXPLAIN MATCH (n) RETURN n', /EXPLAIN is not available/],
    ['CYPHER 5 PROFILE MATCH (n) RETURN n', /PROFILE is not available/],
    ['CYPHER debug=tostring MATCH (n) RETURN n', /option debug is not allowed/],
    ['CYPHER replan=force MATCH (n) RETURN n', /option replan is not allowed/],
    ['CREATE USER x SET PASSWORD "p"', /CREATE USER/],
    ['CREATE INDEX i FOR (n:A) ON (n.x)', /CREATE INDEX/],
    ['RETURN 1; RETURN 2', /one statement/],
    ['СREATE (:X)', /Non-ASCII/],
    ["RETURN 'unterminated", /unterminated ' quote/],
    ['RETURN 1 /* open', /unterminated \/\* comment/],
    ['   ', /empty/],
    ['// only a comment', /empty/],
    ['x'.repeat(10_001), /longer than 10000/],
    // Tricks that hid a keyword from the filter before it read Cypher as Neo4j does.
    ["LOAD\u001CCSV FROM 'http://127.0.0.1:1/' AS l RETURN l", /LOAD CSV/],
    ['CYPHER\u001F5\u001ESHOW\u001DTRANSACTIONS', /SHOW commands/],
    ['RETURN 1 AS x // c\rUNION LOAD CSV FROM "http://x/" AS x RETURN x', /LOAD CSV/],
    ["MATCH (n) WITH n LIMIT 1 \\u004cOAD CSV FROM 'http://x/' AS l RETURN l", /LOAD CSV/],
    ['RETURN 1 AS x /* \\u002a/ UNION LOAD CSV FROM "http://x/" AS x RETURN x //*/', /LOAD CSV/],
    ["RETURN 'a\\u0027 AS x UNION LOAD CSV FROM 'http://x/' AS x RETURN x //'", /LOAD CSV/],
    ['\\u0053HOW TRANSACTIONS', /SHOW commands/],
    ['RETURN 1 \\u003b SHOW USERS', /one statement/],
  ])('refuses %j', (query, message) => {
    expect(refused(query)).toMatch(message);
  });

  it('drops comments and string contents when it splits a query into tokens', () => {
    expect(
      tokenize("MATCH (n) // x\nWHERE n.a = 'CREATE' /* DELETE */ RETURN n").map((t) => t.text),
    ).toEqual(['MATCH', '(', 'n', ')', 'WHERE', 'n', '.', 'a', '=', "''", 'RETURN', 'n']);
  });
});
