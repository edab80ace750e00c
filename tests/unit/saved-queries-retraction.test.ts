// A guard on the shipped queries: a retracted claim is never evidence, so every query that
// reads relationships names each one and leaves retracted ones out. (The integration tests
// run the queries with claims retracted.)
import { describe, expect, it } from 'vitest';
import { loadQueryFiles } from '../../server/src/services/queries/catalog';

/** Relationship patterns: -[...]- (an arrow without brackets cannot be filtered). */
const RELATIONSHIP = /-\[([^\]]*)\]-|-->|<--/g;

function isFiltered(cypher: string, variable: string): boolean {
  const single = new RegExp(`\\b${variable}\\.retractedAt IS NULL`);
  const list = new RegExp(
    `all\\((\\w+) IN [^)]*\\b${variable}\\b[^)]*WHERE \\1\\.retractedAt IS NULL\\)`,
  );
  return single.test(cypher) || list.test(cypher);
}

describe('the shipped saved queries', () => {
  it.each(loadQueryFiles().map((q) => [q.name, q.cypher] as const))(
    '%s leaves out retracted claims for each relationship it reads',
    (_name, cypher) => {
      const body = cypher
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('//'))
        .join('\n');
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
