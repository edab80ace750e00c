// The structural facts the extractor reads (structure.ts): ROLE_IN from a title, PART_OF from
// a body's state name or possessive, MEMBER_OF from "a member of", ABOUT from what a
// statement names; each rule with a sentence that must give the fact and one that must not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withGazetteer } from '../../server/src/ingest/dictionary';
import { extract } from '../../server/src/ingest/extract';
import { RELATIONSHIPS } from '../../server/src/model/model';
import type { DictionaryEntry } from '../../server/src/ingest/types';

const DIR = join(import.meta.dirname, '../fixtures/ingest');
const dictionary = withGazetteer(
  (JSON.parse(readFileSync(join(DIR, 'graph.json'), 'utf8')) as DictionaryEntry[]).map((e) => ({
    ...e,
    aliases: e.aliases ?? [],
  })),
);

/** The claims of a text as "TYPE from > to [role]", for one type. */
function claimsOf(text: string, type: string, published = '2025-01-10'): string[] {
  const r = extract(text, published ? { published } : {}, dictionary);
  const name = (ref: string) => r.entities.find((e) => e.ref === ref)?.name;
  return r.claims
    .filter((c) => c.type === type)
    .map((c) => `${name(c.from)} > ${name(c.to)}${c.role ? ` [${c.role}]` : ''}`);
}

describe('ROLE_IN from a title', () => {
  it("reads a state's minister as sitting in the ministry the report names", () => {
    expect(
      claimsOf(
        'The Czech Ministry of Foreign Affairs was attacked. Czech Foreign Minister Jan Lipavsky condemned the attack.',
        'ROLE_IN',
      ),
    ).toEqual(['Jan Lipavsky > Czech Ministry of Foreign Affairs [Foreign Minister]']);
  });

  it('reads a state by its adjective when the report names no ministry', () => {
    expect(
      claimsOf('German Foreign Minister Annalena Baerbock condemned the attack.', 'ROLE_IN'),
    ).toEqual(['Annalena Baerbock > Germany [Foreign Minister]']);
  });

  it("reads a possessive organisation's title and a title after the name", () => {
    expect(
      claimsOf(
        "EU's High Representative Kaja Kallas condemned the attack. Kim Yo Jong, a spokesperson of the North Korean Foreign Ministry, rejected the accusation.",
        'ROLE_IN',
      ),
    ).toEqual([
      'Kaja Kallas > European Union [High Representative]',
      'Kim Yo Jong > North Korean Foreign Ministry [spokesperson]',
    ]);
  });

  it('reads an official named only by the title', () => {
    expect(claimsOf('The government summoned the Chinese Ambassador.', 'ROLE_IN')).toEqual([
      'Chinese Ambassador > China [Ambassador]',
    ]);
  });

  it('gives no role to a person named without a title, or with a title but no body', () => {
    expect(
      claimsOf(
        'Jan Novak, who lives in Czechia, said that the attack was carried out by APT31.',
        'ROLE_IN',
      ),
    ).toEqual([]);
    expect(
      claimsOf('Defence Minister Ruben Brekelmans said that the attack failed.', 'ROLE_IN'),
    ).toEqual([]);
  });
});

describe('PART_OF from a name or a possessive', () => {
  it("reads a body named with its state's adjective or after its possessive", () => {
    expect(
      claimsOf(
        "The Czech Ministry of Foreign Affairs said that APT31 works for China's Ministry of State Security.",
        'PART_OF',
      ),
    ).toEqual([
      'Czech Ministry of Foreign Affairs > Czech Republic',
      'Chinese state security > China',
    ]);
  });

  it('reads the body in "the Czech Ministry\'s building" too', () => {
    expect(claimsOf("APT31 breached the Czech Ministry's building network.", 'PART_OF')).toEqual([
      'Czech Ministry > Czech Republic',
    ]);
  });

  it('proposes nothing for a body whose state the text does not give', () => {
    expect(
      claimsOf(
        'The Internal Security Agency said that the attack was carried out by UNC1151.',
        'PART_OF',
      ),
    ).toEqual([]);
  });
});

describe('MEMBER_OF from "a member of"', () => {
  it('reads "As a member of A and B, the <state> government" as the state a member of both', () => {
    expect(
      claimsOf(
        'As a member of the European Union and NATO, the Czech government condemned the attack.',
        'MEMBER_OF',
      ),
    ).toEqual(['Czech Republic > European Union', 'Czech Republic > NATO']);
  });

  it('reads "X is a member of Y" and stops a list at what is not a membership', () => {
    expect(claimsOf('Poland is a member of NATO.', 'MEMBER_OF')).toEqual(['Poland > NATO']);
    expect(
      claimsOf('As a member of the G7 and a partner of NATO, Japan will respond.', 'MEMBER_OF'),
    ).toEqual(['Japan > G7']);
  });

  it('proposes nothing for "a member of the public" or a list closed by a comma only', () => {
    expect(
      claimsOf('As a member of the public, Jan Novak reported the attack to NATO.', 'MEMBER_OF'),
    ).toEqual([]);
    expect(
      claimsOf('As a member of NATO, the European Union condemned the attack.', 'MEMBER_OF'),
    ).toEqual(['European Union > NATO']);
  });
});

describe('ABOUT: what a statement names, and what a denial denies', () => {
  it('makes a statement about the operation and the actor it names, not its speaker', () => {
    const about = claimsOf(
      'The Czech government stated that this cyber attack originated from APT31.',
      'ABOUT',
    );
    expect(about).toHaveLength(2);
    expect(about.some((a) => /> Cyber operation/.test(a))).toBe(true);
    expect(about.some((a) => / > APT31$/.test(a))).toBe(true);
    expect(about.some((a) => /> Czech government$/.test(a))).toBe(false);
  });

  it('does not make a statement about a state named only as an adjective or a qualifier', () => {
    expect(
      claimsOf(
        'The Australian Signals Directorate said that the China-linked group APT40 was behind the attack.',
        'ABOUT',
      )
        .map((a) => a.split(' > ')[1])
        .sort(),
    ).toEqual(['APT40', 'Cyber operation attributed to APT40']);
  });

  it("makes a denial's statement about what it denies", () => {
    const r = extract(
      'The attack was carried out by APT28. The Kremlin dismissed the accusations.',
      { published: '2025-01-10' },
      dictionary,
    );
    const name = (ref: string) => r.entities.find((e) => e.ref === ref)?.name;
    expect(
      r.claims.filter((c) => c.type === 'ABOUT').map((c) => `${name(c.from)} > ${name(c.to)}`),
    ).toEqual(['Kremlin: denial > Cyber operation attributed to APT28']);
  });
});

describe('structural claims like the others', () => {
  const text =
    'Czech Foreign Minister Jan Lipavsky said that the attack on the Czech Ministry of Foreign Affairs was carried out by APT31. As a member of NATO, the Czech government condemned the attack.';

  it('have their sentence, offsets, a reason, a confidence and ends the model allows', () => {
    const r = extract(text, { published: '2025-05-28' }, dictionary);
    const structural = r.claims.filter((c) =>
      ['ROLE_IN', 'PART_OF', 'MEMBER_OF', 'ABOUT'].includes(c.type),
    );
    expect(new Set(structural.map((c) => c.type))).toEqual(
      new Set(['ROLE_IN', 'PART_OF', 'MEMBER_OF', 'ABOUT']),
    );
    const label = (ref: string) => r.entities.find((e) => e.ref === ref)!.label;
    for (const c of structural) {
      expect(text.slice(c.start, c.end)).toBe(c.evidence);
      expect(c.reason.length).toBeGreaterThan(10);
      expect(['low', 'medium', 'high']).toContain(c.confidence);
      const spec = RELATIONSHIPS[c.type];
      expect(spec.from as readonly string[]).toContain(label(c.from));
      expect(spec.to as readonly string[]).toContain(label(c.to));
    }
  });

  it("take the source's date when their sentence gives none, and a guessed one without", () => {
    const given = extract(text, { published: '2025-05-28' }, dictionary);
    expect(given.claims.every((c) => c.date === '2025-05-28')).toBe(true);
    const guessed = extract(`Published 3 February 2025. ${text}`, {}, dictionary);
    expect(guessed.source.publishedGuessed).toBe(true);
    const member = guessed.claims.find((c) => c.type === 'MEMBER_OF');
    expect(member?.date).toBe('2025-02-03');
  });
});
