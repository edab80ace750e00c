// Checks on raw JSON bodies before they are parsed: valid UTF-8, and nesting no deeper than
// a limit (a body of 50,000 nested arrays would otherwise exhaust the stack further on).
import { AppError } from './errors';

const MAX_JSON_DEPTH = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The deepest nesting of arrays and objects in JSON text (brackets inside strings ignored). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** For express.json({ verify }): throws a 400 that body-parser passes on. */
export function verifyJsonBody(_req: unknown, _res: unknown, buffer: Buffer): void {
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    throw new AppError(400, 'bad_request', 'The request body is not valid UTF-8');
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new AppError(
      400,
      'bad_request',
      `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
}
