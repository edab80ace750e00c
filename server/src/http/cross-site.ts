// Cross-site request forgery: a page on any other site can make the browser send "simple"
// requests here (an HTML form, or fetch with mode "no-cors" and a text/plain body) without a
// preflight, so closed CORS hides the answer but does not stop the request from running.
// Browsers say where a request comes from (Origin, Sec-Fetch-Site; a page cannot forge
// either), so the API refuses whatever comes from another origin unless CORS_ORIGINS lists
// it, with or without tokens. Clients that are not browsers (curl, scripts, the CLIs) send
// neither header and are not affected.
import type { RequestHandler } from 'express';
import { AppError } from '../errors';

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** "https://Intel.Example.org:443/" -> "https://intel.example.org" (as browsers send it). */
function normaliseOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether an Origin names the host the request was sent to (its Host header, which the
 * allowed-hosts guard has checked), port included: another port is another origin.
 */
export function isOwnOrigin(origin: string, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  let from: URL;
  let to: URL;
  try {
    from = new URL(origin);
    to = new URL(`${from.protocol}//${hostHeader}`);
  } catch {
    return false;
  }
  if (!(from.protocol in DEFAULT_PORT)) return false;
  const port = (u: URL) => u.port || DEFAULT_PORT[u.protocol];
  return from.hostname === to.hostname && port(from) === port(to);
}

/** Refuses (403) API requests that a browser made on behalf of another origin. */
export function sameOriginOnly(corsOrigins: readonly string[]): RequestHandler {
  const listed = new Set(corsOrigins.map(normaliseOrigin).filter(Boolean));
  return (req, _res, next) => {
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site')?.toLowerCase();
    const allowed =
      origin !== undefined &&
      (isOwnOrigin(origin, req.headers.host) || listed.has(normaliseOrigin(origin)));
    if (origin !== undefined && !allowed)
      return next(
        refused(
          `its Origin (${origin.slice(0, 200)}) is neither this server's own nor listed in CORS_ORIGINS`,
        ),
      );
    // A navigation or a no-cors GET from another site may come without an Origin header;
    // Sec-Fetch-Site still tells. "same-site" is another port or subdomain: another origin.
    if ((site === 'cross-site' || site === 'same-site') && !allowed)
      return next(refused(`the browser marked it Sec-Fetch-Site: ${site}`));
    next();
  };
}

function refused(why: string): AppError {
  return new AppError(
    403,
    'cross_site_refused',
    `Refused a request from another site: ${why}. The API serves this app's own pages and clients that are not browsers; list other origins in CORS_ORIGINS`,
  );
}
