import { describe, expect, it } from 'vitest';
import { planWrite } from '../../server/src/exchange/loader/plan';
import {
  formatProblem,
  readSeedFile,
  type SeedFile,
} from '../../server/src/exchange/loader/seed-file';
import { defaultSeedFiles } from '../../seed/paths';
import { VALID_SEED, variant, writeSeed } from '../support/seed-fixtures';

function problems(file: string): string[] {
  const { seed, problems } = readSeedFile(file);
  const all = [...problems];
  if (seed && !problems.length) all.push(...planWrite([seed], new Map()).problems);
  return all.map(formatProblem);
}

describe('reading a seed file', () => {
  it('accepts the valid fixture in YAML and JSON', () => {
    expect(problems(writeSeed('ok.yaml', VALID_SEED))).toEqual([]);
    expect(problems(writeSeed('ok.json', VALID_SEED, 'json'))).toEqual([]);
  });

  it('the shipped seed files are valid', () => {
    for (const file of defaultSeedFiles()) expect(problems(file)).toEqual([]);
  });

  it('names the file, the record and the field of an unknown label', () => {
    const file = writeSeed(
      'bad.yaml',
      variant((s) => void ((s.nodes[1] as { label: string }).label = 'Hacker')),
    );
    const [message] = problems(file);
    expect(message).toContain(file);
    expect(message).toContain('nodes[1] (actor:fixture-group)');
    expect(message).toContain('field "label"');
    expect(message).toContain('unknown label');
  });

  it('names a missing required field', () => {
    const file = writeSeed(
      'bad.yaml',
      variant((s) => void delete (s.nodes[2] as { name?: string }).name),
    );
    expect(problems(file)).toEqual([
      expect.stringMatching(/nodes\[2\] \(org:fixture-ministry\): field "name": /),
    ]);
  });

  it('names a malformed date with the accepted forms', () => {
    const file = writeSeed(
      'bad.yaml',
      variant((s) => void (s.relationships[1]!.date = '02/01/2024')),
    );
    expect(problems(file)).toEqual([
      expect.stringContaining(
        'relationships[1] (ATTRIBUTED_TO operation:fixture-op -> actor:fixture-group): field "date": an ISO 8601 date',
      ),
    ]);
  });

  it('names a dangling reference', () => {
    const file = writeSeed(
      'bad.yaml',
      variant((s) => void (s.relationships[0]!.to = 'org:nowhere')),
    );
    expect(problems(file)).toEqual([
      expect.stringContaining('field "to": no node with id org:nowhere'),
    ]);
  });

  it('names a duplicate id and where it was first defined', () => {
    const file = writeSeed(
      'bad.yaml',
      variant((s) => void s.nodes.push({ ...s.nodes[1]! })),
    );
    expect(problems(file)).toEqual([
      expect.stringMatching(
        /nodes\[4\] \(actor:fixture-group\): field "id": duplicate id actor:fixture-group \(also at .*nodes\[1\]/,
      ),
    ]);
  });

  it('rejects a relationship between labels its type does not allow', () => {
    const file = writeSeed(
      'bad.yaml',
      variant((s) => void (s.relationships[0]!.from = 'source:fixture-report')),
    );
    expect(problems(file)).toEqual([
      expect.stringContaining(
        'field "from": TARGETED cannot start at a Source (allowed: Operation, Actor)',
      ),
    ]);
  });

  it('says when a file is neither JSON nor YAML', () => {
    expect(problems(writeSeed('bad.json', '{ "nodes": [', 'raw'))[0]).toMatch(
      /bad\.json: not valid JSON/,
    );
    expect(problems(writeSeed('bad.yaml', 'nodes: [a, b\n  - c: d', 'raw'))[0]).toMatch(
      /bad\.yaml: not valid YAML/,
    );
    expect(problems(writeSeed('notes.txt', 'hello', 'raw'))[0]).toMatch(
      /unsupported file type "\.txt"/,
    );
  });

  it('derives the same relationship id on every read', () => {
    const file = writeSeed('ok.yaml', VALID_SEED);
    const ids = () => {
      const { seed } = readSeedFile(file);
      const { plan } = planWrite([seed as SeedFile], new Map());
      return [...plan.relationships.values()].flat().map((r) => r.id);
    };
    expect(ids()).toEqual(ids());
    expect(ids()[0]).toMatch(/^rel:targeted:[0-9a-f]{16}$/);
  });
});
