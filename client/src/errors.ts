// The one place where an error becomes words for the user. Panels and the status line show
// describeError(error) and never read an error's message themselves, so the same failure
// reads the same everywhere.
import { ApiError } from './api';

/** Seconds as a person would say them: "7 s", "1 min". */
function duration(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** The server's message as a sentence, so a hint can follow it. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describeApiError(error: ApiError): string {
  if (error.code === 'network')
    return 'The attribution-graph server is not reachable. Is it running?';
  if (error.code === 'neo4j_unavailable')
    return 'Neo4j is not reachable. Start it (npm run db:start) or check NEO4J_URI; this page retries when you act again.';
  // api.ts has already asked for a token once; these say what the next try needs.
  if (error.status === 401)
    return 'This server needs a valid access token: try again and enter one when asked.';
  if (error.status === 403)
    return 'This change needs a token with write rights: try again and enter one when asked.';
  // An answer without the API's error shape (a proxy's page, a crash before the app).
  if (error.code === 'http')
    return `The server answered ${error.status}${error.message ? ` (${error.message})` : ''}.`;
  const position = error.details?.position;
  const text = position
    ? `Line ${position.line}, column ${position.column}: ${error.message}`
    : error.message;
  // Rate limits (429) and a busy Neo4j (503) say when a retry can work.
  return error.retryAfter !== undefined
    ? `${sentence(text)} Try again in ${duration(error.retryAfter)}.`
    : text;
}

/** Anything thrown or rejected, as a sentence for the status line or a panel. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return describeApiError(error);
  // What fetch throws when an AbortSignal.timeout() runs out.
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return 'The server took too long to answer; try again.';
  if (error instanceof Error)
    return error.message || `Something went wrong (${error.name || 'Error'}).`;
  const nothing = 'Something went wrong, without details.';
  if (typeof error === 'string') return error.trim() || nothing;
  if (error === undefined || error === null) return nothing;
  let shown: string = typeof error; // a symbol or a function: its kind is all we can say
  if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint')
    shown = String(error);
  else if (typeof error === 'object') {
    try {
      shown = JSON.stringify(error);
    } catch {
      shown = 'an object that cannot be shown'; // cyclic
    }
  }
  return `Something went wrong: ${shown}`;
}
