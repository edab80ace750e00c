// STIX export, imports from the client, and the review list of ambiguous names with the
// decisions people make on it.
import { Router } from 'express';
import {
  exportBody,
  exportQuery,
  importQuery,
  reviewDecisionBody,
  reviewPath,
} from '../contract/exchange';
import { exportStix } from '../exchange/export/stix';
import { ImportError } from '../exchange/import/batch';
import { parseByFormat } from '../exchange/import/formats';
import { importBatch } from '../exchange/import/run';
import type { Database } from '../db/database';
import { AppError, notFound } from '../errors';
import { readBoundedText, type BodyLimits } from '../http/bounded-body';
import { Gate } from '../http/gate';
import type { AuthorOf } from '../workbench/author';
import { decideReview, readReview } from '../workbench/review';
import { parseBody, parseParam, parseQuery } from './validate';
import { clearanceOf } from '../security';

/** The body types the import route documents (a form or text/plain is never an import). */
export const IMPORT_MEDIA_TYPES = ['application/json', 'application/stix+json'] as const;

/**
 * Imports are large (ATT&CK is 50 MB); only this route takes bodies of that size. A
 * compressed upload may inflate 50 times (JSON files compress 4 to 10 times) or to 4 MB.
 */
const IMPORT_LIMITS: BodyLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxInflation: 50,
  inflationAllowance: 4 * 1024 * 1024,
};

/** Only UTF-8 text is read; a body that declares another charset is refused, not guessed. */
function requireUtf8(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new AppError(
      415,
      'unsupported_media_type',
      `Imports are read as UTF-8; the body declares charset ${charset.slice(0, 40)}`,
    );
}

export function exchangeRoutes(db: Database, onImported: () => void, authorOf: AuthorOf): Router {
  const router = Router();

  router.get('/export/stix', async (req, res) => {
    const { ids } = parseQuery(exportQuery, req);
    const bundle = await exportStix(db, clearanceOf(res), ids);
    res
      .set('Content-Disposition', 'attachment; filename="attribution-graph.stix.json"')
      .json(bundle);
  });

  // A view, exactly: its nodes and its visible relationships (too many ids for a URL).
  router.post('/export/stix', async (req, res) => {
    const { ids, relationships } = parseBody(exportBody, req);
    const bundle = await exportStix(db, clearanceOf(res), ids, relationships);
    res
      .set('Content-Disposition', 'attachment; filename="attribution-graph.stix.json"')
      .json(bundle);
  });

  // One import at a time, each read, resolved and written alone: the body of a waiting
  // import is not read until its turn, so memory holds one import at most.
  const imports = new Gate('Imports', 1, 3);
  router.post('/import', async (req, res) => {
    const { format, dryRun } = parseQuery(importQuery, req);
    requireUtf8(req.get('content-type'));
    const release = await imports.enter();
    try {
      const text = await readBoundedText(req, IMPORT_LIMITS);
      if (!text.length) throw new AppError(400, 'bad_request', 'Send the file as the request body');
      const batch = parseByFormat(format, 'upload', text);
      const summary = await importBatch(db, batch, {
        file: 'upload',
        dryRun: dryRun === 'true',
        author: authorOf(req),
        cause: `POST /api/import?format=${format}`,
      });
      onImported();
      res.json(summary);
    } catch (error) {
      if (error instanceof ImportError) throw error.toAppError();
      throw error;
    } finally {
      release();
    }
  });

  router.get('/imports/review', async (_req, res) => {
    res.json({ items: await readReview(db, clearanceOf(res)) });
  });

  router.post('/imports/review/:id/decision', async (req, res) => {
    const id = parseParam(reviewPath.shape.id, req.params.id, 'id');
    const body = parseBody(reviewDecisionBody, req);
    // A decision is taken only on an item (and a candidate) the writer may see.
    const clearance = clearanceOf(res);
    if (clearance !== undefined) {
      const shown = (await readReview(db, clearance)).find((item) => item.id === id);
      if (!shown) throw notFound(`No review item with id "${id}"`);
      if (body.decision === 'same' && !shown.candidates.includes(body.target))
        throw notFound(`No node with id "${body.target}"`);
    }
    const entry = await decideReview(db, id, body, {
      author: authorOf(req),
      cause: `POST /api/imports/review/${id}/decision`,
    });
    onImported();
    res.json(entry);
  });

  return router;
}
