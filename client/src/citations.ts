// ATT&CK cites its references inline as "(Citation: CheckPoint Volatile Cedar March 2015)".
// These helpers find the markers and the Source each names; markdown.ts draws them. No DOM.

/** A marker and the name inside it. */
const CITATION = /\(Citation:\s*([^)]+?)\s*\)/g;
/** Private-use characters around a marker's number while Markdown is parsed (see markdown.ts). */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
export const MARK = /\uE000(\d+)\uE001/g;

/** What a citation can link to: a Source's id, name, aliases (ATT&CK's source_name) and URL. */
export interface CitableSource {
  id: string;
  name: string;
  aliases?: unknown;
  url?: unknown;
}

/**
 * The text with each marker replaced by a numbered private-use mark (which Markdown parsing
 * leaves alone), and the names in order; stray private-use marks in the input are removed.
 */
export function markCitations(text: string): { marked: string; names: string[] } {
  const names: string[] = [];
  const marked = text.replace(/[\uE000\uE001]/g, '').replace(CITATION, (_m, name: string) => {
    names.push(name);
    return `${MARK_OPEN}${names.length - 1}${MARK_CLOSE}`;
  });
  return { marked, names };
}

/** The text without its markers (and without the space before each): for clean one-liners. */
export function stripCitations(text: string): string {
  return text.replace(/\s*\(Citation:[^)]*\)/g, '');
}

const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The Source a marker names: by its name or one of its aliases, case aside; else undefined. */
export function citedSource<S extends CitableSource>(
  name: string,
  sources: readonly S[],
): S | undefined {
  const wanted = key(name);
  return sources.find(
    (s) =>
      key(s.name) === wanted ||
      (Array.isArray(s.aliases) &&
        s.aliases.some((a) => typeof a === 'string' && key(a) === wanted)),
  );
}
