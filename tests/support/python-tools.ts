// Python tools from PyPI that the suite runs (schemathesis; OASIS's stix2-validator, stix2
// library, taxii2-client and medallion; MISP's misp-stix converter), in a project-local virtual
// environment that is created and filled on first use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const venv = path.resolve('.venv-tools');
const TOOLS = {
  schemathesis: { requirement: 'schemathesis==4.32.5', bin: 'schemathesis' },
  'stix2-validator': { requirement: 'stix2-validator==3.2.0', bin: 'stix2_validator' },
  // Libraries, run through the venv's Python with a script of ours (tests/support/*.py).
  stix2: { requirement: 'stix2==3.0.2', bin: 'python' },
  'misp-stix': { requirement: 'misp-stix==2026.10.12', bin: 'python' },
  // OASIS's TAXII 2.1 client (run as a script through the venv's python) and server.
  'taxii2-client': { requirement: 'taxii2-client==2.3.0', bin: 'python' },
  medallion: { requirement: 'medallion==3.0.0', bin: 'medallion' },
} as const;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0)
    throw new Error(
      `Could not set up the Python test tools (${command} ${args.join(' ')}): ${result.error?.message ?? result.stderr}. ` +
        'They need Python 3.9+ with venv and access to PyPI.',
    );
}

/** The path of the tool's executable, installing it first if needed. */
export function ensurePythonTool(name: keyof typeof TOOLS): string {
  const tool = TOOLS[name];
  const bin = path.join(venv, 'bin', tool.bin);
  const marker = path.join(venv, `.installed-${tool.requirement}`);
  if (fs.existsSync(bin) && fs.existsSync(marker)) return bin;
  if (!fs.existsSync(path.join(venv, 'bin', 'pip')))
    run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv]);
  run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', tool.requirement]);
  fs.writeFileSync(marker, '');
  return bin;
}
