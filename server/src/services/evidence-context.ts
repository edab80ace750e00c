// An ingested claim's evidence sentence in its paragraph: the claim keeps the sentence's
// character offsets into its source's stored text, so the inspector can show what was said
// around it, not the sentence alone.

/** The most text shown around a sentence; a longer paragraph is cut at both ends. */
const MOST = 1200;

export interface EvidenceContext {
  /** The paragraph's text before the sentence (from its start, or "…" and the nearest part). */
  before: string;
  /** The sentence itself: exactly `text.slice(start, end)`. */
  sentence: string;
  after: string;
}

/**
 * A paragraph ends at a blank line (whitespace between two line breaks); in a text without
 * any (news sites' text often puts one paragraph on each line), at a line break.
 */
const BLANK_LINE = /\n[^\S\n]*\n/g;
const LINE_BREAK = /\n/g;

function paragraphBounds(text: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = text.length;
  const separator = text.search(BLANK_LINE) >= 0 ? BLANK_LINE : LINE_BREAK;
  for (const match of text.matchAll(separator)) {
    const at = match.index;
    if (at + match[0].length <= start) from = at + match[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return [from, to];
}

/**
 * The sentence at [start, end) of `text` with the rest of its paragraph, or undefined when the
 * offsets do not fit the text (a text edited since, or offsets from another text).
 */
export function evidenceInContext(
  text: string,
  start: number,
  end: number,
): EvidenceContext | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  if (start < 0 || end <= start || end > text.length) return undefined;
  const [from, to] = paragraphBounds(text, start, end);
  // What is left of the budget is shared by both sides; a long paragraph is cut at a word.
  const room = Math.max(0, MOST - (end - start));
  const side = Math.floor(room / 2);
  let before = text.slice(from, start);
  let after = text.slice(end, to);
  if (before.length > side) before = `…${before.slice(before.length - side).replace(/^\S*\s/, '')}`;
  if (after.length > side) after = `${after.slice(0, side).replace(/\s\S*$/, '')}…`;
  return { before: before.trimStart(), sentence: text.slice(start, end), after: after.trimEnd() };
}
