// Small seed files written to a temporary folder, each test with its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

export const VALID_SEED = {
  document: 'source:fixture-report',
  nodes: [
    {
      id: 'source:fixture-report',
      label: 'Source',
      name: 'Fixture report',
      published: '2024-01-02',
    },
    {
      id: 'actor:fixture-group',
      label: 'Actor',
      name: 'Fixture Group',
      aliases: ['FIXTURE PANDA'],
    },
    {
      id: 'org:fixture-ministry',
      label: 'Organisation',
      name: 'Fixture Ministry',
      kind: 'ministry',
    },
    { id: 'operation:fixture-op', label: 'Operation', name: 'Fixture operation', since: '2023' },
  ],
  relationships: [
    {
      type: 'TARGETED',
      from: 'operation:fixture-op',
      to: 'org:fixture-ministry',
      sources: ['source:fixture-report'],
      since: '2023',
    },
    {
      type: 'ATTRIBUTED_TO',
      from: 'operation:fixture-op',
      to: 'actor:fixture-group',
      sources: ['source:fixture-report'],
      date: '2024-01-02',
      evidence: 'attributed to Fixture Group',
    },
  ],
};

export function writeSeed(
  name: string,
  content: unknown,
  format: 'yaml' | 'json' | 'raw' = 'yaml',
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-seed-'));
  const file = path.join(dir, name);
  const text =
    format === 'raw'
      ? String(content)
      : format === 'json'
        ? JSON.stringify(content)
        : stringify(content);
  fs.writeFileSync(file, text);
  return file;
}

/** A deep copy of the valid fixture with `change` applied. */
export function variant(change: (seed: typeof VALID_SEED) => void): typeof VALID_SEED {
  const copy = structuredClone(VALID_SEED);
  change(copy);
  return copy;
}
