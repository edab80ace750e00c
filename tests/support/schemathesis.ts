// Schemathesis (from PyPI) in a project-local virtual environment, installed on first use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';
const venv = path.resolve('.venv-schemathesis');
const bin = path.join(venv, 'bin', 'schemathesis');

export function ensureSchemathesis(): string {
  const installed = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (installed.status === 0 && installed.stdout.includes(SCHEMATHESIS_VERSION)) return bin;
  const python = process.env.PYTHON ?? 'python3';
  for (const [command, args] of [
    [python, ['-m', 'venv', venv]],
    [
      path.join(venv, 'bin', 'pip'),
      ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`],
    ],
  ] as const) {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    if (result.error || result.status !== 0)
      throw new Error(
        `Could not install schemathesis (${command} ${args.join(' ')}): ${result.error?.message ?? result.stderr}. ` +
          'It needs Python 3.9+ with venv and access to PyPI.',
      );
  }
  if (!fs.existsSync(bin)) throw new Error(`schemathesis is missing from ${venv}`);
  return bin;
}
