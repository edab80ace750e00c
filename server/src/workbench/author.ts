// Who a write is by: the name paired with the request's write token (AUTH_WRITE_TOKENS=
// alice:<token>), a fingerprint for an unnamed token, or "local" when the server needs no
// tokens (one person on their own machine).
import type { Request } from 'express';
import type { Config } from '../config';
import { AppError } from '../errors';
import { sameToken } from '../security';
import { LOCAL_AUTHOR } from './change-log';

export type AuthorOf = (req: Request) => string;

export function authorResolver(auth: Config['auth']): AuthorOf {
  const enabled = auth.readTokens.length + auth.writers.length > 0;
  return (req) => {
    if (!enabled) return LOCAL_AUTHOR;
    const token = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    const writer = token ? auth.writers.find((w) => sameToken(token, w.token)) : undefined;
    // requireToken lets no write through without a write token; this is the second lock.
    if (!writer)
      throw new AppError(403, 'forbidden', 'This change needs a token with write rights');
    return writer.author;
  };
}
