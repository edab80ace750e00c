// The Express application: security headers, JSON parsing, the API routes, the built client,
// and the terminal 404 and error handlers. No listening here (see server.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Database } from './db/database';
import { errorHandler, notFoundHandler } from './errors';
import { graphRoutes } from './routes/graph.routes';
import { healthRoutes } from './routes/health.routes';
import { verifyJsonBody } from './body-checks';
import { allowedHostsOnly } from './http/allowed-hosts';
import { sameOriginOnly } from './http/cross-site';
import { bodyMediaTypes, JSON_MEDIA_TYPES } from './http/media-types';
import { openApiDocument } from './openapi';
import { rateLimiters, requireToken } from './security';
import { GraphService } from './services/graph.service';
import { loadQueryFiles, QueryCatalog } from './services/queries/catalog';
import type { ConsolePool } from './services/queries/console-pool';
import { DEFAULT_SIZE_LIMITS } from './services/queries/result-budget';
import { queryRoutes } from './routes/queries.routes';
import { exchangeRoutes, IMPORT_MEDIA_TYPES } from './routes/exchange.routes';
import { victimologyRoutes } from './routes/victimology.routes';
import { assessmentRoutes } from './routes/assessment.routes';
import { AssessmentService } from './services/assessment.service';
import { VictimologyService } from './services/victimology.service';
import { workbenchRoutes } from './routes/workbench.routes';
import { ingestRoutes, INGEST_MEDIA_TYPES } from './routes/ingest.routes';
import { authorResolver } from './workbench/author';
import { provenanceRoutes } from './routes/provenance.routes';
import { investigationRoutes } from './routes/investigations.routes';
import { InvestigationService } from './services/investigations';
import { ProvenanceService } from './services/provenance.service';
import { TaxiiCollections } from './exchange/taxii/collections';
import { taxiiRoutes } from './routes/taxii.routes';
import { taxiiPullRoutes } from './routes/taxii-pull.routes';

export const CLIENT_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../client/dist',
);

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  /** Where the console and user-saved queries run, apart from `db`'s connections. */
  consolePool: ConsolePool;
}

export function createApp({ config, db, logger, consolePool }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // First of all, for the page and the API alike: only the host names the app is known by.
  app.use(allowedHostsOnly(config));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Cytoscape sets inline styles on its container; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );
  // Level 1: most of gzip's saving on JSON at a fraction of its CPU; small bodies go as they are.
  app.use(compression({ level: 1, threshold: 8 * 1024 }));
  // Closed by default: no Access-Control-Allow-Origin unless CORS_ORIGINS lists the origin.
  app.use('/api', cors({ origin: config.corsOrigins.length ? config.corsOrigins : false }));
  app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/api/health' } }));
  // Nothing a browser sends for another site reaches a route; then each route's body types.
  app.use('/api', sameOriginOnly(config.corsOrigins));
  app.use(
    '/api',
    bodyMediaTypes((path) =>
      path === '/import'
        ? IMPORT_MEDIA_TYPES
        : path === '/ingest'
          ? INGEST_MEDIA_TYPES
          : JSON_MEDIA_TYPES,
    ),
  );
  // 1 MB is plenty for every JSON body; imports (POST /api/import) read their own.
  const json = express.json({ limit: '1mb', strict: true, verify: verifyJsonBody });
  // TAXII takes no bodies at all (it is read-only): a POST there is refused unread.
  app.use((req, res, next) =>
    req.path === '/api/import' || req.path.startsWith('/taxii2') ? next() : json(req, res, next),
  );

  const graph = new GraphService(db, { timeoutMs: config.queryTimeoutMs });
  // The legend's summary scans every relationship for the date range (seconds at a million
  // nodes): start it now, so the first visitor does not wait for it.
  void graph.schema().catch(() => undefined);
  const limits = {
    ...DEFAULT_SIZE_LIMITS,
    timeoutMs: config.queryTimeoutMs,
    rowLimit: config.queryRowLimit,
    maxBytes: config.queryResultMaxBytes,
  };
  // Read once: a malformed header stops start-up here, naming the file and line.
  const catalog = new QueryCatalog(db, loadQueryFiles(), limits, consolePool);
  const limiters = rateLimiters(config.rateLimits);
  const api = express.Router();
  api.use(healthRoutes(db, new Date()));
  api.use(limiters.api);
  api.use('/search', limiters.search);
  api.use('/cypher', limiters.console);
  // Saved-query runs and saves plan or run Cypher too: they share the console's budget.
  api.post('/queries', limiters.console);
  api.post('/queries/:name/run', limiters.console);
  api.put('/queries/:name', limiters.console);
  api.use(requireToken(config.auth));
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  api.use(graphRoutes(graph));
  api.use(victimologyRoutes(new VictimologyService(db, { timeoutMs: config.queryTimeoutMs })));
  api.use(assessmentRoutes(new AssessmentService(db, { timeoutMs: config.queryTimeoutMs })));
  api.use(queryRoutes(catalog, consolePool, limits));
  // Every write names its author in the change log (AUTH_WRITE_TOKENS=name:token, or local).
  const authorOf = authorResolver(config.auth);
  const taxiiCollections = new TaxiiCollections(
    db,
    new InvestigationService(db, { timeoutMs: config.queryTimeoutMs }),
  );
  const onWritten = () => {
    graph.invalidateSchema();
    taxiiCollections.invalidate();
  };
  api.use(exchangeRoutes(db, onWritten, authorOf));
  api.use(taxiiPullRoutes(db, { authorOf, onWritten, pullHosts: config.taxiiPullHosts }));
  api.use(workbenchRoutes(db, { authorOf, onWritten, timeoutMs: config.queryTimeoutMs }));
  const investigations = new InvestigationService(db, { timeoutMs: config.queryTimeoutMs });
  api.use(investigationRoutes(investigations, { authorOf }));
  api.use(provenanceRoutes(new ProvenanceService(db, { timeoutMs: config.queryTimeoutMs })));
  api.use(ingestRoutes(db, { authorOf, onWritten }));
  app.use('/api', api);
  app.use('/api', notFoundHandler);
  // TAXII 2.1 at the paths its specification names, behind the API's tokens and rate limit.
  app.use(
    '/taxii2',
    taxiiRoutes({
      collections: taxiiCollections,
      auth: config.auth,
      limiter: limiters.api,
      logger,
    }),
  );

  if (fs.existsSync(CLIENT_DIST)) {
    app.use(express.static(CLIENT_DIST, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the single page.
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.sendFile(path.join(CLIENT_DIST, 'index.html'));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
