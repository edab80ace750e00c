// One model: a label added to the specs, and a relationship whose ends are widened, flow
// through STIX import, the database schema and STIX export with no other change. The model
// module is replaced here by a wider one built with the app's own modelOf().
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportStix } from '../../server/src/exchange/export/stix';
import { parseStixBundle } from '../../server/src/exchange/import/stix';
import { importBatch } from '../../server/src/exchange/import/run';
import type { Database } from '../../server/src/db/database';
import type * as Model from '../../server/src/model/model';
import { connectTestDb, reseed } from '../support/db';

vi.mock('../../server/src/model/model', async (importOriginal) => {
  const real = await importOriginal<typeof Model>();
  const labels = {
    ...real.LABELS,
    Vulnerability: {
      prefix: 'vulnerability',
      stix: 'vulnerability',
      description: 'A weakness in software that techniques exploit (fixture label).',
      properties: {},
    },
  };
  const targeted = real.RELATIONSHIPS.TARGETED;
  const relationships = {
    ...real.RELATIONSHIPS,
    TARGETED: {
      ...targeted,
      from: [...targeted.from, 'Technique'],
      to: [...targeted.to, 'Vulnerability'],
    },
  };
  return { ...real, ...real.modelOf(labels as never, relationships as never) };
});

const T = 'attack-pattern--0a5231ec-41af-4a35-83d0-6bdf11f28c65';
const V = 'vulnerability--f1b8b1f5-9d5d-4c1e-9a4e-1f1d8c3a2b10';
const bundle = {
  type: 'bundle',
  id: 'bundle--6f9f5a1e-1c9b-4bbf-8a2d-0d7e1f3a9c44',
  objects: [
    {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: T,
      created: '2020-01-01T00:00:00.000Z',
      modified: '2020-01-01T00:00:00.000Z',
      name: 'Exploit Public-Facing Application',
      external_references: [
        {
          source_name: 'mitre-attack',
          external_id: 'T1190',
          url: 'https://attack.mitre.org/techniques/T1190',
        },
      ],
    },
    {
      type: 'vulnerability',
      spec_version: '2.1',
      id: V,
      created: '2021-03-02T00:00:00.000Z',
      modified: '2021-03-02T00:00:00.000Z',
      name: 'CVE-2021-26855',
      description: 'Microsoft Exchange Server remote code execution (ProxyLogon).',
    },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: 'relationship--2b1f0c8e-5b4a-4d3c-9e2f-7a6b5c4d3e2f',
      created: '2021-03-02T00:00:00.000Z',
      modified: '2021-03-02T00:00:00.000Z',
      relationship_type: 'targets',
      source_ref: T,
      target_ref: V,
    },
  ],
};

let db: Database;
beforeAll(async () => {
  db = connectTestDb();
  await db.write('MATCH (n:Entity) DETACH DELETE n');
});
afterAll(async () => {
  await db.write('MATCH (n:Vulnerability) DETACH DELETE n');
  await db.write('DROP CONSTRAINT vulnerability_id IF EXISTS');
  await reseed(db);
  await db.close();
});

describe('a label added to the model', () => {
  it('is imported from STIX, with the widened relationship between its ends', async () => {
    const summary = await importBatch(db, parseStixBundle('fixture.json', JSON.stringify(bundle)));
    expect(summary.created).toMatchObject({ Technique: 1, Vulnerability: 1 });
    expect(summary.relationships.TARGETED?.created).toBe(1);
    const rows = await db.read<{ t: string; v: string }>(
      'MATCH (t:Technique)-[:TARGETED]->(v:Vulnerability:Entity) RETURN t.name AS t, v.name AS v',
    );
    expect(rows).toEqual([
      expect.objectContaining({ t: 'Exploit Public-Facing Application', v: 'CVE-2021-26855' }),
    ]);
  });

  it('gets its own uniqueness constraint', async () => {
    const constraints = await db.read<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name');
    expect(constraints.map((c) => c.name)).toContain('vulnerability_id');
  });

  it('is exported as its STIX type, with the relationship as targets', async () => {
    const out = await exportStix(db, undefined);
    const objects = out.objects as {
      type: string;
      id: string;
      name?: string;
      relationship_type?: string;
      source_ref?: string;
      target_ref?: string;
    }[];
    const vulnerability = objects.find((o) => o.type === 'vulnerability');
    const technique = objects.find((o) => o.type === 'attack-pattern');
    expect(vulnerability?.name).toBe('CVE-2021-26855');
    expect(objects).toContainEqual(
      expect.objectContaining({
        type: 'relationship',
        relationship_type: 'targets',
        source_ref: technique?.id,
        target_ref: vulnerability?.id,
      }),
    );
  });
});
