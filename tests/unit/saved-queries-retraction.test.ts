// A guard on the shipped queries: a retracted claim is never evidence, so every query that
// reads relationships names each one and leaves retracted ones out, and every Statement it
// names (a claim too) likewise. (The integration tests run the queries with claims retracted.)
import { describe, expect, it } from 'vitest';
import { CLAIM_LABELS } from '../../server/src/model/model';
import { loadQueryFiles } from '../../server/src/services/queries/catalog';

/** Relationship patterns: -[...]- (an arrow without brackets cannot be filtered). */
const RELATIONSHIP = /-\[([^\]]*)\]-|-->|<--/g;
/** Node patterns of the claim labels: (s:Statement ...) (one without a variable cannot be filtered). */
const CLAIM_NODE = new RegExp(`\\((\\w*):(?:${CLAIM_LABELS.join('|')})\\b`, 'g');

function isFiltered(cypher: string, variable: string): boolean {
  const single = new RegExp(`\\b${variable}\\.retractedAt IS NULL`);
  const list = new RegExp(
    `all\\((\\w+) IN [^)]*\\b${variable}\\b[^)]*WHERE \\1\\.retractedAt IS NULL\\)`,
  );
  return single.test(cypher) || list.test(cypher);
}

const withoutComments = (cypher: string) =>
  cypher
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');

describe('the shipped saved queries', () => {
  const queries = loadQueryFiles().map((q) => [q.name, q.cypher] as const);

  it('include queries that read Statements (the guard below has something to check)', () => {
    const reading = queries.filter(([, c]) => withoutComments(c).match(CLAIM_NODE) !== null);
    expect(reading.length).toBeGreaterThan(1);
  });

  it.each(queries)('%s leaves out retracted Statements it names', (_name, cypher) => {
    const body = withoutComments(cypher);
    for (const [pattern, variable] of body.matchAll(CLAIM_NODE)) {
      expect(variable, `${pattern} has no variable to filter on`).not.toBe('');
      expect(isFiltered(body, variable!), `${pattern}: no ${variable}.retractedAt IS NULL`).toBe(
        true,
      );
    }
  });

  it.each(queries)(
    '%s leaves out retracted claims for each relationship it reads',
    (_name, cypher) => {
      const body = withoutComments(cypher);
      for (const [pattern, inside] of body.matchAll(RELATIONSHIP)) {
        const variable = /^(\w+)/.exec(inside ?? '')?.[1];
        expect(variable, `${pattern} has no variable to filter on`).toBeDefined();
        expect(isFiltered(body, variable!), `${pattern}: no ${variable}.retractedAt IS NULL`).toBe(
          true,
        );
      }
    },
  );
});
