// Saved queries (files and user-saved) and the read-only Cypher console.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { consoleBody, queryNamePath, runBody } from '../contract/queries';
import type { QueryCatalog } from '../services/queries/catalog';
import type { ConsolePool } from '../services/queries/console-pool';
import { lexicalCheck } from '../services/queries/query-guard';
import type { RunLimits } from '../services/queries/query-runner';
import { parseBody, parseParam } from './validate';
import { requireFullClearance } from '../security';

/** Who the console's per-client share is counted for (the same key as the rate limits). */
const clientOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export function queryRoutes(
  catalog: QueryCatalog,
  consolePool: ConsolePool,
  limits: RunLimits,
): Router {
  const router = Router();

  router.get('/queries', async (_req, res) => {
    const queries = await catalog.list();
    res.json({ queries });
  });

  router.get('/queries/:name', async (req, res) => {
    res.json(await catalog.get(parseParam(queryNamePath.shape.name, req.params.name, 'name')));
  });

  router.post('/queries/:name/run', async (req, res) => {
    const name = parseParam(queryNamePath.shape.name, req.params.name, 'name');
    const { params } = parseBody(runBody, req);
    requireFullClearance(res, 'Running a saved query');
    res.json(await catalog.run(name, params, clientOf(req)));
  });

  router.post('/queries', async (req, res) => {
    parseBody(z.object({}).passthrough(), req);
    res.status(201).json(await catalog.save(req.body, undefined, clientOf(req)));
  });

  router.put('/queries/:name', async (req, res) => {
    const name = parseParam(queryNamePath.shape.name, req.params.name, 'name');
    parseBody(z.object({}).passthrough(), req);
    res.json(await catalog.save(req.body, name, clientOf(req)));
  });

  router.delete('/queries/:name', async (req, res) => {
    await catalog.remove(parseParam(queryNamePath.shape.name, req.params.name, 'name'));
    res.status(204).end();
  });

  router.post('/cypher', async (req, res) => {
    const { query, params } = parseBody(consoleBody, req);
    requireFullClearance(res, 'The Cypher console');
    lexicalCheck(query);
    res.json(await consolePool.run(clientOf(req), query, params, limits));
  });

  return router;
}
