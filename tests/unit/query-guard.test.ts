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
    ])
      expect(refused(q), q).toBeUndefined();
  });

  it.each([
    ['USE system SHOW USERS', /USE is not allowed/],
    ['CALL { USE system RETURN 1 AS x } RETURN x', /USE is not allowed/],
    ["LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", /LOAD CSV/],
    ['MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS', /IN TRANSACTIONS/],
    ['SHOW USERS', /administration commands/],
    ['show databases', /administration commands/],
    ['CREATE USER x SET PASSWORD "p"', /CREATE USER/],
    ['CREATE INDEX i FOR (n:A) ON (n.x)', /CREATE INDEX/],
    ['RETURN 1; RETURN 2', /one statement/],
    ['СREATE (:X)', /Non-ASCII/],
    ["RETURN 'unterminated", /unterminated ' quote/],
    ['RETURN 1 /* open', /unterminated \/\* comment/],
    ['   ', /empty/],
    ['x'.repeat(10_001), /longer than 10000/],
  ])('refuses %j', (query, message) => {
    expect(refused(query)).toMatch(message);
  });

  it('drops comments and string contents when it splits a query into tokens', () => {
    expect(
      tokenize("MATCH (n) // x\nWHERE n.a = 'CREATE' /* DELETE */ RETURN n").map((t) => t.text),
    ).toEqual(['MATCH', '(', 'n', ')', 'WHERE', 'n', '.', 'a', '=', "''", 'RETURN', 'n']);
  });
});
