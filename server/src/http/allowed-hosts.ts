// DNS rebinding: a page on evil.example whose name is later made to resolve to 127.0.0.1
// talks to this server as its "own origin" in the browser, so CORS and Origin checks see
// nothing wrong; but its requests still carry "Host: evil.example". Answering only the host
// names the app is known by closes that door, for the API and the page alike.
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import { AppError } from '../errors';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
/** Listening on every interface says nothing about the name clients use. */
const WILDCARD = new Set(['0.0.0.0', '[::]']);

/** A host name as compared: lower case, an IPv6 address in brackets, no trailing dot. */
function normaliseHostName(name: string): string {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  return n.includes(':') && !n.startsWith('[') ? `[${n}]` : n;
}

/**
 * The host name in a Host header ("localhost:8080" -> "localhost", "[::1]:80" -> "[::1]"),
 * or undefined when the value is not a host with an optional port.
 */
export function hostNameOf(header: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/@\s]+)(?::\d{1,5})?$/i.exec(header.trim());
  return match?.[1] ? normaliseHostName(match[1]) : undefined;
}

/** localhost, 127.0.0.1, [::1], HOST (unless it is a wildcard) and ALLOWED_HOSTS. */
export function allowedHostNames(config: Pick<Config, 'host' | 'allowedHosts'>): Set<string> {
  const names = [...LOOPBACK, ...config.allowedHosts];
  const host = normaliseHostName(config.host);
  if (!WILDCARD.has(host)) names.push(host);
  return new Set(names.map(normaliseHostName));
}

/** Answers 421 Misdirected Request to a Host header that names none of the allowed hosts. */
export function allowedHostsOnly(config: Pick<Config, 'host' | 'allowedHosts'>): RequestHandler {
  const allowed = allowedHostNames(config);
  return (req, _res, next) => {
    const header = req.headers.host;
    const name = header === undefined ? undefined : hostNameOf(header);
    if (name !== undefined && allowed.has(name)) return next();
    // The allowed names are not listed: they may be internal names of a deployment.
    next(
      new AppError(
        421,
        'misdirected_request',
        header === undefined
          ? 'The request has no Host header; send the host name this server is configured for'
          : `This server does not answer to the host name "${header.slice(0, 100)}" (a guard against DNS rebinding); if it is one of yours, add it to ALLOWED_HOSTS`,
      ),
    );
  };
}
