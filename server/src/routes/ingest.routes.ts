// Ingestion: a report in (JSON with its text, or a multipart upload of a text, HTML or PDF
// file), a draft out; the draft kept, reviewed, committed or discarded.
import busboy from 'busboy';
import { requireFullClearance } from '../security';
import { Router, type Request } from 'express';
import { draftPath, ingestBody, ingestSource, reviewBody } from '../contract/ingest';
import type { Database } from '../db/database';
import { AppError, describeZodError } from '../errors';
import { commitDraft } from '../ingest/commit';
import {
  createDraft,
  discardDraft,
  IngestDictionary,
  listDrafts,
  readDraft,
  saveReview,
  type ReportInput,
} from '../ingest/drafts';
import { MAX_UPLOAD_BYTES } from '../ingest/input';
import type { AuthorOf } from '../workbench/author';
import { parseBody, parseParam } from './validate';

/** The body types POST /api/ingest takes. */
export const INGEST_MEDIA_TYPES = ['application/json', 'multipart/form-data'] as const;

/** A multipart upload: one file (field `file`) and the source's fields (title, published, ...). */
function readUpload(req: Request): Promise<{ input: ReportInput; fields: Record<string, string> }> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024)
    return Promise.reject(
      new AppError(
        413,
        'too_large',
        `The upload is ${(declared / 1048576).toFixed(1)} MB; a report may be at most ${MAX_UPLOAD_BYTES / 1048576} MB`,
      ),
    );
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 20, fieldSize: 10_000 },
      });
    } catch (error) {
      reject(
        new AppError(
          400,
          'bad_request',
          `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      return;
    }
    const fields: Record<string, string> = {};
    let input: ReportInput | undefined;
    let tooLarge = false;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        tooLarge = true;
      });
      stream.on('end', () => {
        if (name === 'file')
          input = { bytes: Buffer.concat(chunks), mediaType: info.mimeType, name: info.filename };
      });
    });
    parser.on('error', (error) =>
      reject(
        new AppError(
          400,
          'bad_request',
          `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    );
    parser.on('close', () => {
      if (tooLarge)
        reject(
          new AppError(
            413,
            'too_large',
            `The file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB, the most a report may be`,
          ),
        );
      else if (input) resolve({ input, fields });
      else if (fields.text !== undefined) resolve({ input: { text: fields.text }, fields });
      else
        reject(
          new AppError(400, 'bad_request', 'The multipart body has no field "file" (or "text")'),
        );
    });
    req.pipe(parser);
  });
}

function sourceFromFields(fields: Record<string, string>) {
  const raw = Object.fromEntries(
    ['title', 'published', 'publisher', 'url'].filter((k) => fields[k]).map((k) => [k, fields[k]]),
  );
  const parsed = ingestSource.safeParse(raw);
  if (!parsed.success)
    throw new AppError(400, 'bad_request', describeZodError(parsed.error, 'body'));
  return parsed.data;
}

export function ingestRoutes(
  db: Database,
  options: { authorOf: AuthorOf; onWritten: () => void },
): Router {
  const router = Router();
  const dictionary = new IngestDictionary(db);
  // Drafts are built against the whole graph's names (the gazetteer of every node): they
  // would show a lower clearance what it may not see, so only full clearance ingests.
  router.use('/ingest', (_req, res, next) => {
    requireFullClearance(res, 'Ingesting reports');
    next();
  });
  const draftIdOf = (req: Request) =>
    parseParam(draftPath.shape.draftId, req.params.draftId, 'draftId');

  router.post('/ingest', async (req, res) => {
    let input: ReportInput;
    let source;
    if (req.is('multipart/form-data')) {
      const upload = await readUpload(req);
      input = upload.input;
      source = sourceFromFields(upload.fields);
    } else {
      const body = parseBody(ingestBody, req);
      input = { text: body.text };
      source = body.source ?? {};
    }
    res.status(201).json(await createDraft(db, dictionary, input, source, options.authorOf(req)));
  });

  router.get('/ingest', async (_req, res) => {
    res.json(await listDrafts(db));
  });

  router.get('/ingest/:draftId', async (req, res) => {
    res.json(await readDraft(db, draftIdOf(req)));
  });

  router.put('/ingest/:draftId', async (req, res) => {
    const id = draftIdOf(req);
    res.json(await saveReview(db, id, parseBody(reviewBody, req)));
  });

  router.delete('/ingest/:draftId', async (req, res) => {
    await discardDraft(db, draftIdOf(req));
    res.status(204).end();
  });

  router.post('/ingest/:draftId/commit', async (req, res) => {
    const id = draftIdOf(req);
    const body = parseBody(reviewBody, req);
    const result = await commitDraft(db, id, body, {
      author: options.authorOf(req),
      cause: `POST /api/ingest/${id}/commit`,
    });
    dictionary.invalidate();
    options.onWritten();
    res.json(result);
  });

  return router;
}
