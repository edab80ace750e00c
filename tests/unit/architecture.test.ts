// The folder map is enforced by dependency-cruiser (.dependency-cruiser.cjs, run by `npm run
// lint`). These tests prove the rules bite: a planted forbidden import in a scratch tree fails
// with the rule's name, and the real tree passes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(repo, 'node_modules/.bin/depcruise');
const config = path.join(repo, '.dependency-cruiser.cjs');

async function cruise(cwd: string, folders: string[]) {
  try {
    const { stdout } = await run(depcruise, [...folders, '--config', config], { cwd });
    return { failed: false, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string; code?: number };
    return { failed: true, output: e.stdout ?? '' };
  }
}

/** A scratch tree with the project's top-level folders and the given files. */
function scratchTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-arch-'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }),
  );
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  scratch.push(dir);
  return dir;
}
const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

// Each case runs dependency-cruiser (about 1.5 s on an idle machine, more when it is busy).
const CRUISE_MS = 60_000;

describe('folder map rules', () => {
  it.each([
    ['server-stands-alone', 'server/src/app.ts', "import '../../seed/cli';", 'seed/cli.ts'],
    [
      'server-stands-alone',
      'server/src/db/c.ts',
      "import '../../../neo4j-local/m';",
      'neo4j-local/m.ts',
    ],
    [
      'client-talks-only-to-the-contract',
      'client/src/a.ts',
      "import '../../server/src/db/x';",
      'server/src/db/x.ts',
    ],
    [
      'client-imports-contract-types-only',
      'client/src/a.ts',
      "import { x } from '../../server/src/contract/c';\nconsole.log(x);",
      'server/src/contract/c.ts',
    ],
    ['seed-uses-the-server', 'seed/cli.ts', "import '../scripts/s';", 'scripts/s.ts'],
    [
      'nothing-imports-tests-or-bench',
      'scripts/s.ts',
      "import '../tests/support/t';",
      'tests/support/t.ts',
    ],
  ])(
    '%s: a planted import from %s fails the lint',
    async (rule, from, importLine, target) => {
      const dir = scratchTree({ [from]: `${importLine}\n`, [target]: 'export const x = 1;\n' });
      const result = await cruise(
        dir,
        ['server', 'client', 'seed', 'scripts', 'neo4j-local', 'tests'].filter((f) =>
          fs.existsSync(path.join(dir, f)),
        ),
      );
      expect(result.failed).toBe(true);
      expect(result.output).toContain(`error ${rule}: ${from}`);
    },
    CRUISE_MS,
  );

  it(
    'a type-only import of the contract from the client passes',
    async () => {
      const dir = scratchTree({
        'client/src/a.ts':
          "import type { X } from '../../server/src/contract/c';\nexport const y: X = 1;\n",
        'server/src/contract/c.ts': 'export type X = number;\n',
      });
      const result = await cruise(dir, ['client', 'server']);
      expect(result.output).toContain('no dependency violations found');
      expect(result.failed).toBe(false);
    },
    CRUISE_MS,
  );

  it(
    'a cycle fails',
    async () => {
      const dir = scratchTree({
        'server/src/a.ts': "import { b } from './b';\nexport const a = b;\n",
        'server/src/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      });
      const result = await cruise(dir, ['server']);
      expect(result.failed).toBe(true);
      expect(result.output).toContain('error no-circular');
    },
    CRUISE_MS,
  );

  it(
    'the project itself has no violation',
    async () => {
      const result = await cruise(repo, [
        'server',
        'client',
        'seed',
        'scripts',
        'neo4j-local',
        'bench',
        'tests',
      ]);
      expect(result.output).toContain('no dependency violations found');
      expect(result.failed).toBe(false);
    },
    CRUISE_MS,
  );
});
