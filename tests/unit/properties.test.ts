// Property-based tests (fast-check) for the three parsers that take untrusted text: the
// saved-query header parser, the seed file reader, and the Cypher console's guard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseQueryFile, QueryHeaderError } from '../../server/src/services/queries/header';
import { lexicalCheck, QueryRefused } from '../../server/src/services/queries/query-guard';
import { planWrite } from '../../server/src/exchange/loader/plan';
import { readSeedFile } from '../../server/src/exchange/loader/seed-file';
import { VALID_SEED } from '../support/seed-fixtures';

const RUNS = { numRuns: 300 };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-prop-'));

describe('the saved-query header parser', () => {
  it('on any text, either parses or throws a QueryHeaderError with a line inside the file', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        try {
          parseQueryFile('q.cypher', text);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryHeaderError);
          const line = (error as QueryHeaderError).line;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(text.split(/\r?\n/).length + 1);
        }
      }),
      RUNS,
    );
  });

  it('on comment-prefixed YAML-ish lines, never throws anything but a QueryHeaderError', () => {
    const line = fc.oneof(
      fc.constantFrom(
        'title: T t t',
        'description: d d d',
        'result: graph',
        'result: table',
        'params:',
        '  x:',
        '    type: int',
        '    default: 3',
        '    min: 1',
        '    max: 2',
        '    allowed: [1, 2]',
        '    type: list',
        '    items: node',
        '    label: Actor',
      ),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = `${lines.map((l) => `// ${l}`).join('\n')}\nRETURN 1`;
        try {
          const { header } = parseQueryFile('q.cypher', text);
          expect(['graph', 'table']).toContain(header.result);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryHeaderError);
        }
      }),
      RUNS,
    );
  });

  it('reads back any valid header it is given', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z ]{2,40}[A-Za-z]$/);
    fc.assert(
      fc.property(
        word,
        word,
        fc.constantFrom('graph', 'table'),
        fc.integer({ min: -5, max: 5 }),
        (title, description, result, low) => {
          const header = {
            title,
            description,
            result,
            params: { n: { type: 'int', min: low, max: low + 10, default: low } },
          };
          const text =
            stringify(header)
              .trimEnd()
              .split('\n')
              .map((l) => `// ${l}`)
              .join('\n') + '\nRETURN $n';
          const parsed = parseQueryFile('q.cypher', text);
          expect(parsed.header).toMatchObject({
            title: title.trim(),
            description: description.trim(),
            result,
          });
          expect(parsed.header.params.n).toMatchObject({
            type: 'int',
            min: low,
            max: low + 10,
            default: low,
          });
        },
      ),
      RUNS,
    );
  });
});

describe('the seed file reader', () => {
  it('on any JSON value, reports problems or a seed, and never throws', () => {
    let i = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const file = path.join(dir, `any-${i++}.json`);
        fs.writeFileSync(file, JSON.stringify(value));
        const { seed, problems } = readSeedFile(file);
        if (!seed) expect(problems.length).toBeGreaterThan(0);
        for (const p of problems) {
          expect(p.file).toBe(file);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('on the valid fixture with one field replaced by anything, names the record of every problem', () => {
    let i = 0;
    const fields = ['id', 'label', 'name', 'aliases', 'kind', 'since'];
    fc.assert(
      fc.property(
        fc.nat({ max: VALID_SEED.nodes.length - 1 }),
        fc.constantFrom(...fields),
        fc.jsonValue({ maxDepth: 2 }),
        (index, field, value) => {
          const seed = structuredClone(VALID_SEED) as { nodes: Record<string, unknown>[] };
          seed.nodes[index]![field] = value;
          const file = path.join(dir, `mutated-${i++}.json`);
          fs.writeFileSync(file, JSON.stringify(seed));
          const read = readSeedFile(file);
          const problems =
            read.problems.length || !read.seed
              ? read.problems
              : planWrite([read.seed], new Map()).problems;
          for (const p of problems) expect(p.record ?? p.field).toBeTruthy();
        },
      ),
      RUNS,
    );
  });
});

describe('the Cypher console guard', () => {
  it('on any text, either passes or refuses with a QueryRefused, never crashes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        try {
          lexicalCheck(text);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryRefused);
        }
      }),
      RUNS,
    );
  });

  const caseMix = (word: string) =>
    fc
      .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
      .map((upper) =>
        [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
      );
  const padding = fc
    .array(fc.constantFrom(' ', '\n', '\t', '/* c */', '// c\n'), { minLength: 1, maxLength: 4 })
    .map((p) => p.join(''));

  it('refuses USE, LOAD CSV and administration commands however they are cased or padded', () => {
    const dangerous = fc.oneof(
      fc.tuple(caseMix('use'), padding).map(([k, p]) => `${k}${p}system MATCH (n) RETURN n`),
      fc
        .tuple(caseMix('load'), padding, caseMix('csv'))
        .map(([l, p, c]) => `${l}${p}${c} FROM 'file:///etc/passwd' AS x RETURN x`),
      fc
        .tuple(
          fc.constantFrom(
            'show',
            'drop',
            'alter',
            'grant',
            'revoke',
            'deny',
            'terminate',
            'start',
            'stop',
          ),
          padding,
        )
        .chain(([k, p]) => caseMix(k).map((word) => `${word}${p}users`)),
    );
    fc.assert(
      fc.property(padding, dangerous, (lead, query) => {
        expect(() => lexicalCheck(`${lead}${query}`)).toThrow(QueryRefused);
      }),
      RUNS,
    );
  });

  it('refuses a second statement after any read', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('RETURN 1', 'MATCH (n) RETURN n', "RETURN 'a;b'"),
        padding,
        (read, p) => {
          expect(() => lexicalCheck(`${read};${p}CREATE (:X)`)).toThrow(/one statement/);
        },
      ),
      RUNS,
    );
  });
});
