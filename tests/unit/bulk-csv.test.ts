import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARRAY_DELIMITER, BulkCsvError, BulkCsvWriter } from '../../server/src/exchange/bulk/csv';

const dirs: string[] = [];
function writer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-csv-'));
  dirs.push(dir);
  return new BulkCsvWriter(dir);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const read = (file: string) => fs.readFileSync(file, 'utf8').trimEnd().split('\n');
const D = ARRAY_DELIMITER;

describe('the bulk importer CSV', () => {
  it('writes typed headers, the Entity label beside the own one, and quoted values', () => {
    const w = writer();
    w.node('Actor', {
      id: 'actor:x',
      props: {
        id: 'actor:x',
        name: 'Say "hi", twice',
        aliases: ['A', 'B;C'],
        verbatim: true,
        confidence: 80,
        gone: null,
      },
    });
    const files = w.close();
    expect(files.nodes).toHaveLength(1);
    expect(read(files.nodes[0]!)).toEqual([
      'id:ID,:LABEL,name,aliases:string[],verbatim:boolean,confidence:double',
      `"actor:x",Entity${D}Actor,"Say ""hi"", twice","A${D}B;C",true,80`,
    ]);
    expect(files).toMatchObject({ nodeCount: 1, relationshipCount: 0, multiline: false });
  });

  it('gives each shape of row its own file and header, and stamps relationships', () => {
    const w = writer();
    const rel = (id: string, props: Record<string, unknown>) => ({
      id,
      from: 'a',
      to: 'b',
      props: { id, sources: ['source:s'], ...props },
    });
    w.relationship('ABOUT', rel('r1', { date: '2024-01-02' }));
    w.relationship('ABOUT', rel('r2', {}));
    w.relationship('ABOUT', rel('r3', { date: '2024-05-06', evidence: 'line one\nline two' }));
    w.relationship('ABOUT', rel('r4', { date: '2025' }));
    const files = w.close();
    expect(files.relationships).toHaveLength(3);
    const first = read(files.relationships[0]!);
    expect(first[0]).toBe(':START_ID,:END_ID,:TYPE,id,sources:string[],date,recordedAt');
    expect(first).toHaveLength(3); // r1 and r4 share a shape
    expect(first[1]).toMatch(/^"a","b",ABOUT,"r1","source:s","2024-01-02","\d{4}-\d\d-\d\dT.*Z"$/);
    expect(read(files.relationships[1]!)[0]).toBe(
      ':START_ID,:END_ID,:TYPE,id,sources:string[],recordedAt',
    );
    expect(files.multiline).toBe(true);
    expect(files.relationshipCount).toBe(4);
  });

  it('leaves out what Neo4j would not store and refuses what the importer cannot type', () => {
    const w = writer();
    w.node('State', { id: 's', props: { id: 's', name: 'S', aliases: [] } });
    expect(read(w.close().nodes[0]!)[0]).toBe('id:ID,:LABEL,name');
    const bad = writer();
    expect(() => bad.node('State', { id: 't', props: { name: ['a', 1] } })).toThrow(BulkCsvError);
    expect(() => bad.node('State', { id: 't', props: { name: { a: 1 } } })).toThrow(
      /node t: .* cannot be stored/,
    );
    expect(() => bad.node('State', { id: 't', props: { name: [`x${D}y`] } })).toThrow(/U\+001F/);
  });
});
