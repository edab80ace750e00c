// TAXII clients authenticate with HTTP Basic (taxii2-client, OpenCTI, MISP's connectors) or a
// Bearer token. Both carry one of the API's tokens (AUTH_TOKENS or AUTH_WRITE_TOKENS): as the
// Bearer token, or as the Basic password (the user name is not checked). The token's clearance
// (its TLP marking) is kept for the routes, as requireToken keeps it for the API.
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config';
import { AppError } from '../errors';
import { sameToken } from '../security';

/** The token a request carries, by either scheme; undefined when it carries none. */
export function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  const bearer = /^Bearer (.+)$/i.exec(header)?.[1]?.trim();
  if (bearer) return bearer;
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim())?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1) || undefined;
}

/** Every TAXII route needs a read token when tokens are configured (TAXII here only reads). */
export function requireTaxiiToken(auth: Config['auth']): RequestHandler {
  const tokens = [...auth.readTokens, ...auth.writeTokens];
  return (req, res, next) => {
    if (!tokens.length) return next();
    const token = tokenOf(req);
    if (token !== undefined && tokens.some((t) => sameToken(token, t))) {
      // The token's clearance limits what the collections hold, as on the API.
      res.locals.clearance = auth.clearances.find((c) => sameToken(token, c.token))?.clearance;
      return next();
    }
    res.set(
      'WWW-Authenticate',
      'Basic realm="attribution-graph TAXII", Bearer realm="attribution-graph"',
    );
    next(
      new AppError(
        401,
        'unauthorized',
        token
          ? 'The access token is not valid'
          : 'This server needs an access token: send it as Authorization: Bearer <token>, or as the password of HTTP Basic authentication',
      ),
    );
  };
}
