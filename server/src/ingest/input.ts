// A report's text from what the analyst pastes or uploads: plain text, HTML (its visible
// text, with block elements as line breaks) or a PDF (its text layer, page by page, read by
// pdfjs-dist). Bad input is refused with a message that says what was wrong.
import { Parser } from 'htmlparser2';
import { AppError } from '../errors';

/** Uploaded files are refused above this size (a 50 MB file answers 413). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The extracted text is refused above this many characters (about 100 pages). */
const MAX_TEXT_CHARS = 300_000;

type InputKind = 'text' | 'html' | 'pdf';

const invalid = (message: string) => new AppError(422, 'unreadable_report', message);

/** Which kind a file is, from its media type, its name and its first bytes. */
function kindOf(bytes: Uint8Array, mediaType = '', name = ''): InputKind {
  if (
    bytes.subarray(0, 5).toString() === '%PDF-' ||
    Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
  )
    return 'pdf';
  if (/pdf/i.test(mediaType) || /\.pdf$/i.test(name)) return 'pdf';
  if (/html/i.test(mediaType) || /\.html?$/i.test(name)) return 'html';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  return 'text';
}

/** UTF-8 text, refused when it is not text at all (binary garbage). */
function decodeText(bytes: Uint8Array, what: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(`${what} is not UTF-8 text (binary data?); send plain text, HTML or a PDF`);
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 127) control++;
  }
  if (control > Math.max(2, text.length * 0.01))
    throw invalid(
      `${what} holds ${control} control characters: it is binary data, not a report; send plain text, HTML or a PDF`,
    );
  return text;
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'section',
  'article',
  'blockquote',
  'header',
  'footer',
]);
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg']);

function htmlToText(html: string): string {
  let out = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        if (BLOCK.has(name)) out += '\n';
      },
      ontext(data) {
        if (!hidden) out += data;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (BLOCK.has(name)) out += '\n';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      useWorkerFetch: false,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw invalid(
      `the PDF could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str + (item.hasEOL ? '\n' : '');
    }
    pages.push(line);
  }
  await doc.destroy();
  return pages.join('\n\n');
}

/** Lines and paragraphs kept, runs of spaces folded, so offsets point into readable text. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .replace(/[ \t\u00a0]+/gu, ' ')
    .replace(/ *\n */gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/** The report's text, or a 4xx error that names the problem. */
export async function reportText(input: {
  text?: string;
  bytes?: Uint8Array;
  mediaType?: string;
  name?: string;
}): Promise<string> {
  let text: string;
  if (input.bytes) {
    const what = input.name ? `the file ${input.name}` : 'the upload';
    if (input.bytes.length === 0) throw new AppError(400, 'empty_report', `${what} is empty`);
    if (input.bytes.length > MAX_UPLOAD_BYTES)
      throw new AppError(
        413,
        'too_large',
        `${what} is ${(input.bytes.length / 1048576).toFixed(1)} MB; a report may be at most ${MAX_UPLOAD_BYTES / 1048576} MB`,
      );
    const kind = kindOf(input.bytes, input.mediaType, input.name);
    if (kind === 'pdf') {
      text = await pdfToText(input.bytes);
      if (!/\p{L}{2,}/u.test(text))
        throw invalid(
          `${what} is a PDF without a text layer (scanned images?); this product reads text, not images: run OCR first or paste the text`,
        );
    } else {
      const raw = decodeText(input.bytes, what);
      text = kind === 'html' ? htmlToText(raw) : raw;
    }
  } else {
    const raw = input.text ?? '';
    text = /^\s*<(?:!doctype html|html|body|p|div|article)\b/iu.test(raw) ? htmlToText(raw) : raw;
    decodeText(new TextEncoder().encode(text), 'the text');
  }
  text = tidy(text);
  if (!text)
    throw new AppError(400, 'empty_report', 'the report has no text: paste or upload a report');
  if (text.length > MAX_TEXT_CHARS)
    throw new AppError(
      413,
      'too_large',
      `the report has ${text.length.toLocaleString('en')} characters of text; at most ${MAX_TEXT_CHARS.toLocaleString('en')} are read at once`,
    );
  if (!/\p{L}{2,}/u.test(text)) throw invalid('the report has no words');
  return text;
}
