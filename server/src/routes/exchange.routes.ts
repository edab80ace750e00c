// STIX export, imports from the client, and the review list of ambiguous names.
import express, { Router } from 'express';
import { exportBody, exportQuery, importQuery } from '../contract/exchange';
import { exportStix } from '../exchange/export/stix';
import { ImportError } from '../exchange/import/batch';
import { parseByFormat } from '../exchange/import/formats';
import { importBatch } from '../exchange/import/run';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { parseBody, parseQuery } from './validate';

/** Imports are large (ATT&CK is 50 MB); only this route takes bodies of that size. */
export const IMPORT_BODY_LIMIT = '100mb';

export function exchangeRoutes(db: Database, onImported: () => void): Router {
  const router = Router();

  router.get('/export/stix', async (req, res) => {
    const { ids } = parseQuery(exportQuery, req);
    const bundle = await exportStix(db, ids);
    res
      .set('Content-Disposition', 'attachment; filename="attribution-graph.stix.json"')
      .json(bundle);
  });

  // A view, exactly: its nodes and its visible relationships (too many ids for a URL).
  router.post('/export/stix', async (req, res) => {
    const { ids, relationships } = parseBody(exportBody, req);
    const bundle = await exportStix(db, ids, relationships);
    res
      .set('Content-Disposition', 'attachment; filename="attribution-graph.stix.json"')
      .json(bundle);
  });

  router.post(
    '/import',
    express.text({ type: '*/*', limit: IMPORT_BODY_LIMIT }),
    async (req, res) => {
      const { format, dryRun } = parseQuery(importQuery, req);
      if (typeof req.body !== 'string' || !req.body.length)
        throw new AppError(400, 'bad_request', 'Send the file as the request body');
      try {
        const batch = parseByFormat(format, 'upload', req.body);
        const summary = await importBatch(db, batch, { file: 'upload', dryRun: dryRun === 'true' });
        onImported();
        res.json(summary);
      } catch (error) {
        if (error instanceof ImportError) throw new AppError(400, 'import_rejected', error.message);
        throw error;
      }
    },
  );

  router.get('/imports/review', async (_req, res) => {
    const items = await db.read<{ item: Record<string, unknown> }>(
      'MATCH (r:ImportReview) RETURN r {.*} AS item ORDER BY r.importedAt DESC, r.incomingName',
    );
    res.json({ items: items.map((i) => i.item) });
  });

  return router;
}
