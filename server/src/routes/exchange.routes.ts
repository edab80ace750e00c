// STIX export, imports from the client, and the review list of ambiguous names.
import express, { Router } from 'express';
import { z } from 'zod';
import { exportStix } from '../exchange/export/stix';
import { ImportError } from '../exchange/import/batch';
import { IMPORT_FORMATS, parseByFormat } from '../exchange/import/formats';
import { importBatch } from '../exchange/import/run';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { nodeId, parseQuery } from './validate';

const exportQuery = z.object({
  ids: z
    .string()
    .max(200_000)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(nodeId).min(1).max(5000, 'at most 5000 ids'))
    .optional(),
});
const importQuery = z.object({
  format: z.enum(IMPORT_FORMATS, { error: `format: one of ${IMPORT_FORMATS.join(', ')}` }),
  dryRun: z.enum(['true', 'false']).default('false'),
});

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
