// The client's walls, held by lint: a planted import of Cytoscape, or a use of the canvas's
// test hook, anywhere in the client but the canvas fails `npm run lint`; so does a panel
// written as a class instead of a createXPanel factory. Lints real files of
// the client with a planted line, through the project's own ESLint configuration.
import fs from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The rule ids ESLint reports for `file` with `line` added at its end. */
async function lintWith(file: string, line: string): Promise<string[]> {
  const text = `${fs.readFileSync(file, 'utf8')}\n${line}\n`;
  const [result] = await eslint.lintText(text, { filePath: file });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the canvas owns Cytoscape', () => {
  it.each([
    ["import cytoscape from 'cytoscape';", 'no-restricted-imports'],
    ["import type { Core } from 'cytoscape';", 'no-restricted-imports'],
    ["import fcose from 'cytoscape-fcose';", 'no-restricted-imports'],
    ["import { stylesheet } from './style';", 'no-restricted-imports'],
    ["import { toElements } from './elements';", 'no-restricted-imports'],
    [
      'export const planted = (c: { cyForTests: unknown }) => c.cyForTests;',
      'no-restricted-properties',
    ],
  ])(
    'fails the lint of main.ts when it plants %s',
    async (line, rule) => {
      expect(await lintWith('client/src/main.ts', line)).toContain(rule);
    },
    60_000,
  );

  it('fails the lint of a panel that imports Cytoscape', async () => {
    expect(
      await lintWith('client/src/panels/search.ts', "import type { Core } from 'cytoscape';"),
    ).toContain('no-restricted-imports');
  }, 60_000);

  it('lets canvas.ts itself import Cytoscape and use its own hook', async () => {
    expect(
      await lintWith(
        'client/src/canvas.ts',
        "export { default as cytoscapeForCanvas } from 'cytoscape';",
      ),
    ).toEqual([]);
  }, 60_000);
});

describe('every panel has one shape', () => {
  it('fails the lint of a panel written as a class', async () => {
    expect(
      await lintWith(
        'client/src/panels/tabs.ts',
        'export class PlantedPanel { element = document.body; }',
      ),
    ).toContain('no-restricted-syntax');
  }, 60_000);
});
