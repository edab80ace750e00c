// Dates in a report, read by chrono-node at the precision the text gives: "28 May 2025" is a
// day, "last year" a year, "on Wednesday" nothing certain (relative to the publication date).
import * as chrono from 'chrono-node';

export interface FoundDate {
  index: number;
  text: string;
  date: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function datesIn(text: string, reference?: string): FoundDate[] {
  const ref = reference
    ? new Date(`${reference.padEnd(10, '-01').slice(0, 10)}T12:00:00Z`)
    : new Date();
  return chrono.en
    .parse(text, ref)
    .map((r) => {
      const c = r.start;
      const year = c.get('year');
      if (!year || !(c.isCertain('year') || /\b(?:last|this|next) year\b/i.test(r.text)))
        return undefined;
      const month = c.isCertain('month') ? c.get('month') : undefined;
      const day = month && c.isCertain('day') ? c.get('day') : undefined;
      const date = `${year}${month ? `-${pad(month)}` : ''}${day ? `-${pad(day)}` : ''}`;
      return { index: r.index, text: r.text, date };
    })
    .filter((d): d is FoundDate => d !== undefined);
}

/** The publication date guessed from the text: its first full date, else its first month. */
export function guessPublished(text: string): string | undefined {
  const found = datesIn(text.slice(0, 5_000));
  return (found.find((d) => d.date.length === 10) ?? found.find((d) => d.date.length === 7))?.date;
}
