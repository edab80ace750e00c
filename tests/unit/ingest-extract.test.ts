// The extractor on the test corpus (tests/fixtures/ingest: eight short reports written for
// these tests, each with the entities and claims a reader finds in it) and on bad input.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withGazetteer } from '../../server/src/ingest/dictionary';
import { evaluate, total, type ExpectedReport } from '../../server/src/ingest/evaluate';
import { extract } from '../../server/src/ingest/extract';
import { reportText } from '../../server/src/ingest/input';
import type { DictionaryEntry } from '../../server/src/ingest/types';

const DIR = join(import.meta.dirname, '../fixtures/ingest');
const graph = (JSON.parse(readFileSync(join(DIR, 'graph.json'), 'utf8')) as DictionaryEntry[]).map(
  (e) => ({ ...e, aliases: e.aliases ?? [] }),
);
const dictionary = withGazetteer(graph);
const reports = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({
    file: f,
    text: readFileSync(join(DIR, f), 'utf8'),
    expected: JSON.parse(
      readFileSync(join(DIR, f.replace(/\.txt$/, '.json')), 'utf8'),
    ) as ExpectedReport,
  }));

describe('extraction on the test corpus', () => {
  it('has at least six reports, each with expected entities and claims', () => {
    expect(reports.length).toBeGreaterThanOrEqual(6);
    for (const r of reports) {
      expect(r.expected.entities.length, r.file).toBeGreaterThan(0);
      expect(r.expected.claims.length, r.file).toBeGreaterThan(0);
    }
  });

  it('meets the targets: entity recall >= 90%, claim recall >= 80%, precision >= 70%', () => {
    const scores = total(
      reports.map((r) => evaluate(extract(r.text, r.expected.source, dictionary), r.expected)),
    );
    expect(scores.entities.recall, scores.entities.missed.join('; ')).toBeGreaterThanOrEqual(0.9);
    expect(scores.entities.precision, scores.entities.extra.join('; ')).toBeGreaterThanOrEqual(0.7);
    expect(scores.claims.recall, scores.claims.missed.join('; ')).toBeGreaterThanOrEqual(0.8);
    expect(scores.claims.precision, scores.claims.extra.join('; ')).toBeGreaterThanOrEqual(0.7);
  });

  it.each(reports.map((r) => [r.file, r] as const))(
    '%s: every mention and evidence points into the text',
    (_f, r) => {
      const result = extract(r.text, r.expected.source, dictionary);
      for (const e of result.entities)
        for (const m of e.mentions) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(r.text.length);
          expect(m.end).toBeGreaterThan(m.start);
        }
      const refs = new Set(result.entities.map((e) => e.ref));
      for (const c of result.claims) {
        expect(r.text.slice(c.start, c.end)).toBe(c.evidence);
        expect(refs.has(c.from) && refs.has(c.to)).toBe(true);
        expect(['low', 'medium', 'high', 'confirmed']).toContain(c.confidence);
        expect(c.reason.length).toBeGreaterThan(10);
      }
    },
  );
});

describe('extraction of the classes of phrasing', () => {
  const names = (text: string) => {
    const r = extract(text, { published: '2025-01-10' }, dictionary);
    const name = (ref?: string) => r.entities.find((e) => e.ref === ref)?.name;
    return r.claims.map(
      (c) =>
        `${c.type} ${name(c.from)} > ${name(c.to)}${c.asserter ? ` by ${name(c.asserter)}` : ''}`,
    );
  };

  it('reads a passive attribution and the asserter of reported speech', () => {
    const claims = names(
      'Officials in Prague said that the intrusion was carried out by Fancy Bear.',
    );
    expect(claims.some((c) => /^ATTRIBUTED_TO .* > APT28/.test(c))).toBe(true);
  });

  it('links an alias to the known actor and a capital to its state', () => {
    const r = extract(
      'Beijing rejected the claims that Violet Typhoon attacked the ministry.',
      {},
      dictionary,
    );
    expect(r.entities.find((e) => e.name === 'APT31')?.matchId).toBe('actor:apt31');
    expect(r.entities.find((e) => e.name === 'China')?.matchId).toBe('state:china');
  });

  it('gives the speaker of a quote as the statement maker', () => {
    const claims = names(
      '“We will respond to this attack,” Foreign Minister Jane Doe said on Monday.',
    );
    expect(claims.some((c) => /^MADE Jane Doe > Jane Doe: We will respond/.test(c))).toBe(true);
  });

  it('reads "attributed <a long description of the attack> to X", asserted by the subject', () => {
    const claims = names(
      'The Dutch government on Monday formally attributed a 2024 cyberattack on the Ministry of Defence in The Hague to Fancy Bear.',
    );
    expect(claims).toContainEqual(
      expect.stringMatching(/^ATTRIBUTED_TO .* > APT28 by Dutch government$/),
    );
  });

  it('reads an attribution inside a quote, asserted by its speaker', () => {
    const claims = names(
      '"We attribute the campaign to the group APT28," Interior Minister Jane Doe told reporters.',
    );
    expect(claims).toContainEqual(expect.stringMatching(/^ATTRIBUTED_TO .* > APT28 by Jane Doe$/));
  });

  it('reads "had also been targeted by the same group" as the actor named before', () => {
    const claims = names(
      'Fancy Bear broke into the ministry. Lithuania said its institutions had also been targeted by the same group.',
    );
    expect(claims).toContain('TARGETED APT28 > Lithuania by Lithuania');
  });

  it('does not read "a hacking group controlled by Russia" as a target, but as an affiliation', () => {
    const claims = names(
      "APT28, a hacking group controlled by Russia's military intelligence service, the GRU, was named.",
    );
    expect(claims.filter((c) => c.startsWith('TARGETED'))).toEqual([]);
    expect(claims).toContain('AFFILIATED_WITH APT28 > GRU');
  });

  it('takes the one summoned as the object, not as the speaker of what follows', () => {
    const claims = names(
      'Foreign Minister Jane Doe summoned the acting Russian chargé d\'affaires and said: "This attack is unacceptable to us all."',
    );
    expect(claims).toContain("SUMMONED Jane Doe > Russian chargé d'affaires");
    expect(claims).toContainEqual(expect.stringMatching(/^MADE Jane Doe > Jane Doe: This attack/));
  });

  it('names people without the rest of their title, and those named right after a sanction', () => {
    const r = extract(
      'Attorney General Pam Bondi said the Treasury sanctioned Zhou Shuai and his company over hacking campaigns against federal agencies.',
      {},
      dictionary,
    );
    const people = r.entities.filter((e) => e.label === 'Person').map((e) => e.name);
    expect(people).toEqual(expect.arrayContaining(['Pam Bondi', 'Zhou Shuai']));
    expect(people).not.toContain('General Pam Bondi');
    expect(r.entities.some((e) => e.label === 'Operation')).toBe(true);
  });

  it("gives the report's operation to an actor that 'compromised' a body or 'was responsible'", () => {
    const claims = names(
      "The agency said that Fancy Bear, a group linked to Russia's military, compromised the email servers of the Ministry of Defence. Officials condemned the intrusion and assessed that Fancy Bear was responsible.",
    );
    expect(claims).toContainEqual(
      expect.stringMatching(/^ATTRIBUTED_TO Cyber operation .* > APT28/),
    );
    expect(claims).toContainEqual(
      expect.stringMatching(/^TARGETED Cyber operation .* > Ministry of Defence/),
    );
  });

  it('reads "said the attack was …" without "that" as a statement, with the words it quotes', () => {
    const claims = names(
      'Foreign Minister Jane Doe said the attack was "completely unacceptable" and that Borovia would answer.',
    );
    expect(claims).toContainEqual(
      expect.stringMatching(/^MADE Jane Doe > Jane Doe: the attack was .completely unacceptable/),
    );
  });

  it('guesses the publication date from the text and says it is a guess', () => {
    const r = extract('Published 3 February 2025. NATO condemned the attack.', {}, dictionary);
    expect(r.source.published).toBe('2025-02-03');
    expect(r.source.publishedGuessed).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses empty text with 400', async () => {
    await expect(reportText({ text: '   ' })).rejects.toMatchObject({
      status: 400,
      code: 'empty_report',
    });
  });
  it('refuses binary garbage with 422', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await expect(reportText({ bytes, name: 'x.bin' })).rejects.toMatchObject({ status: 422 });
  });
  it('refuses a file over the upload limit with 413', async () => {
    await expect(
      reportText({ bytes: new Uint8Array(50 * 1024 * 1024).fill(65), name: 'big.txt' }),
    ).rejects.toMatchObject({ status: 413 });
  });
  it('refuses a PDF without a text layer with 422 and says so', async () => {
    await expect(reportText({ bytes: imageOnlyPdf(), name: 'scan.pdf' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/without a text layer/) as string,
    });
  });
  it('reads the visible text of HTML', async () => {
    const text = await reportText({
      text: '<html><head><style>p{}</style></head><body><p>NATO condemned</p><p>the attack.</p></body></html>',
    });
    expect(text).toBe('NATO condemned\n\nthe attack.');
  });
});

/** A one-page PDF whose page draws nothing (as a scan's would hold only an image). */
function imageOnlyPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
