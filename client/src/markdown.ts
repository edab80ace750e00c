// Markdown from imported intelligence (ATT&CK descriptions and evidence) made safe to show:
// marked parses it (raw HTML other than bare formatting tags reduced to its text), DOMPurify
// keeps only harmless markup (no scripts, no event handlers, no
// forms or frames, links only to http(s) and mailto), every link opens in a new tab with no
// hold on this page, and "(Citation: X)" markers become links to the Source named X when
// the node's sources include it, else plain text.
import DOMPurify, { type Config } from 'dompurify';
import { Marked } from 'marked';
import { citedSource, MARK, markCitations, stripCitations, type CitableSource } from './citations';
import { h } from './dom';
import { showBidiControls } from './user-text';

/** Raw HTML tags that may stay in Markdown as they are: bare formatting, no attributes. */
const BARE_TAG = /^<\/?(code|b|i|em|strong|br|p|sup|sub)\s*\/?>$/i;
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const parser = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // ATT&CK writes <code>…</code> inside its Markdown. Any other raw HTML (a tag with
    // attributes, a script, a frame) is reduced to its text before the browser parses
    // anything: DOMPurify would remove it too, but the browser's parser would still see (and
    // report, under the content security policy) the event handlers it carries.
    html({ text }) {
      return BARE_TAG.test(text.trim()) ? text : escapeHtml(text.replace(/<[^>]*>/g, ''));
    },
  },
});

const SANITISE: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'a',
    'em',
    'strong',
    'b',
    'i',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'blockquote',
    'del',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  ALLOWED_ATTR: ['href', 'title'],
  // No javascript:, data: or relative links (which would open this app).
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  RETURN_DOM_FRAGMENT: true,
};

let hooked = false;
/**
 * DOMPurify, with the hook that runs on every element it keeps: links leave the app in a new
 * tab, without window.opener and without telling the target where the reader came from.
 * Added on first use, in the browser: importing this module elsewhere (unit tests in Node,
 * where DOMPurify has no window) must not fail.
 */
function purifier(): typeof DOMPurify {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

export interface MarkdownOptions {
  /** The Sources citation markers may name (a node's or a claim's own sources). */
  sources?: readonly CitableSource[];
  /** Opens a Source in the inspector (a citation's link). */
  openSource?: (id: string) => void;
  /** One line of text (a quote, a cell): no paragraphs or lists. */
  inline?: boolean;
}

function sanitised(markdown: string, inline: boolean): DocumentFragment {
  const html = inline ? parser.parseInline(markdown) : parser.parse(markdown);
  return purifier().sanitize(html as string, SANITISE);
}

function citation(name: string, options: MarkdownOptions): HTMLElement {
  const source = citedSource(name, options.sources ?? []);
  if (!source || !options.openSource) return h('span', { class: 'citation' }, name);
  const open = options.openSource;
  return h(
    'a',
    {
      href: '#',
      class: 'citation',
      'data-source': source.id,
      title: source.name,
      onclick: (e: Event) => {
        e.preventDefault();
        open(source.id);
      },
    },
    name,
  );
}

/** Markdown as safe DOM, in a `.markdown` element, with citation markers resolved. */
export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): HTMLElement {
  const { marked, names } = markCitations(markdown);
  const fragment = sanitised(marked, options.inline ?? false);
  // The marks are text, so they are found in text nodes, after sanitising: the citation
  // links are built here as elements, never parsed from a string.
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const text of texts) {
    // Data text: its bidi controls are shown, never obeyed (user-text.ts).
    const value = showBidiControls(text.data);
    if (!value.includes('\uE000')) {
      text.data = value;
      continue;
    }
    const parts: (string | Node)[] = [];
    let last = 0;
    for (const match of value.matchAll(MARK)) {
      parts.push(value.slice(last, match.index));
      const name = names[Number(match[1])];
      if (name !== undefined) parts.push(citation(name, options));
      last = match.index + match[0].length;
    }
    parts.push(value.slice(last));
    text.replaceWith(...parts);
  }
  const root = h(options.inline ? 'span' : 'div', { class: 'markdown' });
  root.append(fragment);
  return root;
}

/** The words of a Markdown text as one clean line (table cells): no syntax, no markers. */
export function markdownText(markdown: string): string {
  return (sanitised(stripCitations(markdown), true).textContent ?? '').replace(/\s+/g, ' ').trim();
}
