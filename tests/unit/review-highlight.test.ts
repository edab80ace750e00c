// The Review view's highlighting: the text cut into plain runs and mentions.
import { describe, expect, it } from 'vitest';
import { segments } from '../../client/src/panels/review/highlight';

describe('segments', () => {
  it('cuts the text into runs and mentions that cover it exactly once', () => {
    const text = 'NATO condemned the attack by APT28.';
    const cut = segments(text.length, [
      { ref: 'e1', mentions: [{ start: 0, end: 4 }] },
      { ref: 'e2', mentions: [{ start: 29, end: 34 }] },
    ]);
    expect(cut.map((s) => [text.slice(s.start, s.end), s.ref])).toEqual([
      ['NATO', 'e1'],
      [' condemned the attack by ', undefined],
      ['APT28', 'e2'],
      ['.', undefined],
    ]);
  });

  it('keeps the longer of two overlapping mentions and drops mentions past the end', () => {
    const cut = segments(20, [
      { ref: 'short', mentions: [{ start: 0, end: 5 }] },
      {
        ref: 'long',
        mentions: [
          { start: 0, end: 12 },
          { start: 18, end: 30 },
        ],
      },
    ]);
    expect(cut).toEqual([
      { start: 0, end: 12, ref: 'long' },
      { start: 12, end: 20 },
    ]);
  });
});
