// TAXII 2.1, read-only: discovery at /taxii2/, one API root (/taxii2/api/) and its
// collections, objects and manifests (OASIS TAXII 2.1, sections 4 and 5). Outside /api, as
// the spec names the paths, with TAXII's media type and error messages throughout.
import { createHash } from 'node:crypto';
import {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { Config } from '../config';
import { taxiiObjectsQuery, type TaxiiObjectsQuery } from '../contract/taxii';
import { AppError, describeZodError, notFound } from '../errors';
import type { TaxiiCollections } from '../exchange/taxii/collections';
import {
  byDateAdded,
  dateHeaders,
  filterObjects,
  manifestRecord,
  pageOf,
  versionOf,
  type DatedObject,
} from '../exchange/taxii/paging';
import {
  acceptsTaxii21,
  TAXII_MAX_PAGE,
  TAXII_MEDIA_TYPE,
  taxiiError,
} from '../exchange/taxii/protocol';
import { requireTaxiiToken, tokenOf } from '../http/taxii-auth';
import { clearanceOf } from '../security';
import { parseQuery } from './validate';

/** A key for the caller: what it may see is kept apart from what others may (a hash, not the token). */
const viewerOf = (req: Request) =>
  createHash('sha256')
    .update(tokenOf(req) ?? '')
    .digest('hex')
    .slice(0, 16);

/** Where the one API root sits under /taxii2. */
const API_ROOT = 'api';

function send(res: Response, status: number, body: unknown, headers: Record<string, string> = {}) {
  // A Buffer, so Express adds no charset parameter to TAXII's exact media type.
  res
    .status(status)
    .set({ ...headers, 'Content-Type': TAXII_MEDIA_TYPE })
    .send(Buffer.from(JSON.stringify(body)));
}

const acceptTaxii: RequestHandler = (req, _res, next) => {
  if (acceptsTaxii21(req.get('accept'))) return next();
  next(
    new AppError(
      406,
      'not_acceptable',
      `This server answers ${TAXII_MEDIA_TYPE} only; the Accept header asks for ${req.get('accept')?.slice(0, 200)}`,
    ),
  );
};

const methodNotAllowed =
  (allowed: string): RequestHandler =>
  (req, res, next) => {
    res.set('Allow', allowed);
    next(new AppError(405, 'method_not_allowed', `${req.method} is not allowed here (${allowed})`));
  };

/** Objects can be neither added nor deleted: every collection has can_write false. */
const readOnly: RequestHandler = (req, _res, next) => {
  next(
    new AppError(
      403,
      'forbidden',
      `The collection is read-only (can_write is false): ${req.method} is refused`,
    ),
  );
};

function selected(items: DatedObject[], query: TaxiiObjectsQuery): DatedObject[] {
  return filterObjects(items, {
    addedAfter: query.added_after,
    ids: query['match[id]'],
    types: query['match[type]'],
    versions: query['match[version]'],
    specVersions: query['match[spec_version]'],
  }).sort(byDateAdded);
}

/** One page of an envelope (objects) or a manifest, with its date headers (section 3.3.1). */
function sendPage(
  res: Response,
  items: DatedObject[],
  query: TaxiiObjectsQuery,
  shown: (item: DatedObject) => unknown,
) {
  const page = pageOf(items, Math.min(query.limit ?? TAXII_MAX_PAGE, TAXII_MAX_PAGE), query.next);
  const body = {
    more: page.more,
    ...(page.next ? { next: page.next } : {}),
    objects: page.items.map(shown),
  };
  send(res, 200, body, dateHeaders(page.items));
}

function taxiiErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError =
      error instanceof AppError
        ? error
        : error instanceof ZodError
          ? new AppError(400, 'bad_request', describeZodError(error))
          : new AppError(500, 'internal', 'Internal server error; the server log has details');
    if (appError.status >= 500)
      logger.error({ err: error, method: req.method, url: req.originalUrl }, appError.message);
    if (appError.retryAfter !== undefined) res.set('Retry-After', String(appError.retryAfter));
    if (res.headersSent) return;
    send(res, appError.status, taxiiError(appError.status, appError.message));
  };
}

export interface TaxiiRouteDeps {
  collections: TaxiiCollections;
  auth: Config['auth'];
  /** The API's rate limit, shared: TAXII reads cost Neo4j as much as the API's. */
  limiter: RequestHandler;
  logger: Logger;
}

export function taxiiRoutes({ collections, auth, limiter, logger }: TaxiiRouteDeps): Router {
  const router = Router();
  router.use(limiter, requireTaxiiToken(auth), acceptTaxii);
  const root = (req: { protocol: string; get(h: string): string | undefined; baseUrl: string }) =>
    `${req.protocol}://${req.get('host')}${req.baseUrl}/${API_ROOT}/`;

  router
    .route('/')
    .get((req, res) => {
      send(res, 200, {
        title: 'attribution-graph',
        description:
          'State-linked cyber operations and who attributes them, as STIX 2.1, read-only.',
        default: root(req),
        api_roots: [root(req)],
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route(`/${API_ROOT}/`)
    .get((_req, res) => {
      send(res, 200, {
        title: 'attribution-graph',
        description: 'The whole graph, and each saved investigation, as a collection.',
        versions: [TAXII_MEDIA_TYPE],
        // Nothing is ever posted here; the API's JSON body limit, for clients that need one.
        max_content_length: 1024 * 1024,
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route(`/${API_ROOT}/collections/`)
    .get(async (_req, res) => {
      send(res, 200, { collections: await collections.list() });
    })
    .all(methodNotAllowed('GET'));

  router
    .route(`/${API_ROOT}/collections/:id/`)
    .get(async (req, res) => {
      send(res, 200, await collections.get(req.params.id));
    })
    .all(methodNotAllowed('GET'));

  router
    .route(`/${API_ROOT}/collections/:id/objects/`)
    .get(async (req, res) => {
      const query = parseQuery(taxiiObjectsQuery, req);
      const items = selected(
        await collections.objects(req.params.id, viewerOf(req), clearanceOf(res)),
        query,
      );
      sendPage(res, items, query, (i) => i.object);
    })
    .post(async (req, res, next) => {
      await collections.get(req.params.id);
      readOnly(req, res, next);
    })
    .all(methodNotAllowed('GET, POST'));

  router
    .route(`/${API_ROOT}/collections/:id/objects/:objectId/`)
    .get(async (req, res) => {
      const query = parseQuery(taxiiObjectsQuery, req);
      const all = await collections.objects(req.params.id, viewerOf(req), clearanceOf(res));
      const mine = all.filter((i) => i.object.id === req.params.objectId);
      if (!mine.length)
        throw notFound(`No object ${req.params.objectId} in collection ${req.params.id}`);
      const items = selected(mine, { ...query, 'match[id]': undefined, 'match[type]': undefined });
      sendPage(res, items, query, (i) => i.object);
    })
    .delete(async (req, res, next) => {
      await collections.get(req.params.id);
      readOnly(req, res, next);
    })
    .all(methodNotAllowed('GET, DELETE'));

  router
    .route(`/${API_ROOT}/collections/:id/objects/:objectId/versions/`)
    .get(async (req, res) => {
      const mine = (
        await collections.objects(req.params.id, viewerOf(req), clearanceOf(res))
      ).filter((i) => i.object.id === req.params.objectId);
      if (!mine.length)
        throw notFound(`No object ${req.params.objectId} in collection ${req.params.id}`);
      send(
        res,
        200,
        { more: false, versions: mine.map((i) => versionOf(i.object)) },
        dateHeaders(mine),
      );
    })
    .all(methodNotAllowed('GET'));

  router
    .route(`/${API_ROOT}/collections/:id/manifest/`)
    .get(async (req, res) => {
      const query = parseQuery(taxiiObjectsQuery, req);
      const items = selected(
        await collections.objects(req.params.id, viewerOf(req), clearanceOf(res)),
        query,
      );
      sendPage(res, items, query, manifestRecord);
    })
    .all(methodNotAllowed('GET'));

  router.use((req, _res, next) => {
    next(
      new AppError(
        404,
        'not_found',
        `No TAXII endpoint at ${req.method} ${req.originalUrl.split('?')[0]} (discovery is GET /taxii2/)`,
      ),
    );
  });
  router.use(taxiiErrors(logger));
  return router;
}
