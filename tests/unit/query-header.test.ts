import { describe, expect, it } from 'vitest';
import { loadQueryFiles } from '../../server/src/services/queries/catalog';
import { parseQueryFile, QueryHeaderError } from '../../server/src/services/queries/header';

const VALID = `// title: Statements by a person
// description: What a person said.
// result: table
// params:
//   person:
//     type: node
//     label: Person
//     default: person:kaja-kallas
MATCH (p:Person {id: $person})-[:MADE]->(s) RETURN s.text AS text
`;

function errorOf(text: string): QueryHeaderError {
  try {
    parseQueryFile('cypher/x.cypher', text);
  } catch (error) {
    if (error instanceof QueryHeaderError) return error;
    throw error;
  }
  throw new Error('expected a QueryHeaderError');
}

describe('the saved-query header parser', () => {
  it('reads title, description, result and typed parameters, and the query after them', () => {
    const { header, cypher } = parseQueryFile('cypher/x.cypher', VALID);
    expect(header).toMatchObject({
      title: 'Statements by a person',
      result: 'table',
      group: 'General',
    });
    expect(header.params.person).toMatchObject({ type: 'node', label: 'Person', required: false });
    expect(cypher).toBe('MATCH (p:Person {id: $person})-[:MADE]->(s) RETURN s.text AS text');
  });

  it('every shipped query file has a valid header', () => {
    expect(loadQueryFiles().length).toBeGreaterThanOrEqual(12);
  });

  it('names the file and the line of an unknown parameter type', () => {
    const e = errorOf(VALID.replace('type: node', 'type: person'));
    expect(e.message).toMatch(
      /^cypher\/x\.cypher:6: params\.person\.type: a type: one of string, int/,
    );
  });

  it('names the line of a default that does not fit its type', () => {
    const e = errorOf(VALID.replace('default: person:kaja-kallas', 'default: actor:apt31'));
    expect(e.line).toBe(8);
    expect(e.problem).toMatch(/^params.person.default: default must be the id of a Person/);
  });

  it('says when the result shape is not graph or table', () => {
    expect(errorOf(VALID.replace('result: table', 'result: chart')).message).toMatch(
      /x\.cypher:3: result: graph or table/,
    );
  });

  it('says when the YAML itself is broken, with its line', () => {
    expect(
      errorOf(VALID.replace('//   person:', '//   person: [').replace('//     type: node', '// ]]'))
        .message,
    ).toMatch(/x\.cypher:\d+: header is not valid YAML/);
  });

  it('says when there is no header or no query', () => {
    expect(errorOf('MATCH (n) RETURN n').message).toBe(
      'cypher/x.cypher:1: expected a header of // comment lines (title, description, result, params)',
    );
    expect(errorOf('// title: x y z\n// description: d d d\n// result: table\n').message).toMatch(
      /:4: the query is missing/,
    );
  });

  it('rejects a missing title and unknown header keys', () => {
    expect(errorOf(VALID.replace('// title: Statements by a person\n', '')).message).toMatch(
      /title/,
    );
    expect(
      errorOf(VALID.replace('// result: table', '// result: table\n// colour: red')).message,
    ).toMatch(/colour/);
  });
});

describe('regressions found by the property tests', () => {
  it('an alias to a missing YAML anchor is a header error, not a crash', () => {
    expect(errorOf('// *!\nRETURN 1').message).toMatch(
      /^cypher\/x\.cypher:1: header is not valid YAML: Unresolved alias/,
    );
  });
});
