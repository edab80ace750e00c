import { describe, expect, it } from 'vitest';
import { evidenceInContext } from '../../server/src/services/evidence-context';

const REPORT = [
  'Prague, 28 May 2025',
  '',
  'The Czech Republic has identified the People’s Republic of China as responsible for a malicious cyber campaign. The campaign targeted the Ministry of Foreign Affairs. It was carried out by APT31.',
  '  ',
  'China has denied these allegations.',
].join('\n');
const at = (sentence: string) => {
  const start = REPORT.indexOf(sentence);
  return [start, start + sentence.length] as const;
};

describe('evidenceInContext', () => {
  it('gives the sentence with the rest of its paragraph, not the next one', () => {
    const sentence = 'The campaign targeted the Ministry of Foreign Affairs.';
    expect(evidenceInContext(REPORT, ...at(sentence))).toEqual({
      before:
        'The Czech Republic has identified the People’s Republic of China as responsible for a malicious cyber campaign. ',
      sentence,
      after: ' It was carried out by APT31.',
    });
  });

  it('takes a paragraph after a line of spaces, alone', () => {
    const sentence = 'China has denied these allegations.';
    expect(evidenceInContext(REPORT, ...at(sentence))).toEqual({
      before: '',
      sentence,
      after: '',
    });
  });

  it('cuts a long paragraph at words on both sides, marked with an ellipsis', () => {
    const filler = (word: string) => Array.from({ length: 400 }, () => word).join(' ');
    const text = `${filler('before')} The sentence that matters. ${filler('after')}`;
    const context = evidenceInContext(
      text,
      ...(() => {
        const s = text.indexOf('The sentence');
        return [s, s + 'The sentence that matters.'.length] as const;
      })(),
    )!;
    expect(context.sentence).toBe('The sentence that matters.');
    expect(context.before).toMatch(/^…before( before)* $/);
    expect(context.after).toMatch(/^ after( after)*…$/);
    expect(
      context.before.length + context.sentence.length + context.after.length,
    ).toBeLessThanOrEqual(1202);
  });

  it('takes lines for paragraphs in a text without blank lines', () => {
    const text = 'Prague, 28 May 2025.\nThe ministry was hit. APT31 did it.\nChina denies it.';
    const start = text.indexOf('APT31');
    expect(evidenceInContext(text, start, start + 'APT31 did it.'.length)).toEqual({
      before: 'The ministry was hit. ',
      sentence: 'APT31 did it.',
      after: '',
    });
  });

  it('refuses offsets that do not fit the text', () => {
    expect(evidenceInContext(REPORT, -1, 5)).toBeUndefined();
    expect(evidenceInContext(REPORT, 10, 10)).toBeUndefined();
    expect(evidenceInContext(REPORT, 0, REPORT.length + 1)).toBeUndefined();
    expect(evidenceInContext(REPORT, 1.5, 4)).toBeUndefined();
  });
});
