// The Data tab's TAXII pull: the server fetches a collection from a TAXII 2.1 server and
// imports it (exchange/taxii/pull.ts). The server makes the request, so only hosts that
// TAXII_PULL_HOSTS lists may be named: otherwise any writer could make it fetch internal URLs.
import { Router } from 'express';
import { taxiiPullBody } from '../contract/taxii';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { ImportError } from '../exchange/import/batch';
import { pullTaxiiCollection, TaxiiPullError } from '../exchange/taxii/pull';
import { Gate } from '../http/gate';
import type { AuthorOf } from '../workbench/author';
import { parseBody } from './validate';

function checkHost(apiRoot: string, allowed: string[]): void {
  if (!allowed.length)
    throw new AppError(
      403,
      'taxii_pull_off',
      'This server pulls from no TAXII server: list the hosts it may pull from in TAXII_PULL_HOSTS (or use npm run import -- taxii)',
    );
  const host = new URL(apiRoot).hostname.toLowerCase();
  if (!allowed.includes('*') && !allowed.includes(host))
    throw new AppError(
      403,
      'taxii_host_not_allowed',
      `apiRoot: ${host.slice(0, 253)} is not one of the hosts this server may pull from (TAXII_PULL_HOSTS)`,
    );
}

export function taxiiPullRoutes(
  db: Database,
  deps: { authorOf: AuthorOf; onWritten: () => void; pullHosts: string[] },
): Router {
  const router = Router();
  // One pull at a time, like file imports; a pull's import waits for any other import anyway.
  const pulls = new Gate('TAXII pulls', 1, 3);
  router.post('/import/taxii', async (req, res) => {
    const body = parseBody(taxiiPullBody, req);
    checkHost(body.apiRoot, deps.pullHosts);
    const release = await pulls.enter();
    try {
      const summary = await pullTaxiiCollection(db, {
        apiRoot: body.apiRoot,
        collectionId: body.collection,
        credentials: { user: body.user, password: body.password, token: body.token },
        full: body.full,
        dryRun: body.dryRun,
        author: deps.authorOf(req),
        cause: 'POST /api/import/taxii',
      });
      if (summary.imported) deps.onWritten();
      res.json(summary);
    } catch (error) {
      if (error instanceof TaxiiPullError)
        throw new AppError(error.status, 'taxii_pull_failed', error.message);
      if (error instanceof ImportError) throw error.toAppError();
      throw error;
    } finally {
      release();
    }
  });
  return router;
}
