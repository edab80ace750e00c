// Text that comes from data (names, aliases, quotes, query titles, table cells) is shown as
// an isolated run, so right-to-left text inside it cannot reorder what surrounds it, and
// with its bidirectional control characters made visible rather than obeyed: a name such as
// "\u202Egnp.exe" would otherwise read "exe.png".
import { h } from './dom';

/**
 * Explicit directional formatting: embeddings and overrides (U+202A-U+202E), isolates
 * (U+2066-U+2069) and the marks U+200E, U+200F and U+061C.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text with each bidi control character written out, e.g. ⟨U+202E⟩. */
export function showBidiControls(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/** Data text for the page: a <bdi> (direction from its own content), controls shown. */
export function userText(text: string): HTMLElement {
  return h('bdi', {}, showBidiControls(text));
}
