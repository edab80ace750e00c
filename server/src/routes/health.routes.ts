import { Router } from 'express';
import type { Database } from '../db/database';
import { RETRY_AFTER_SECONDS } from '../db/errors';
import { AppError } from '../errors';

export function healthRoutes(db: Database, startedAt: Date): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      const neo4j = await db.serverInfo();
      res.json({
        status: 'ok',
        startedAt: startedAt.toISOString(),
        neo4j: { reachable: true, ...neo4j },
      });
    } catch (error) {
      const reason =
        error instanceof AppError
          ? error.message
          : error instanceof Error
            ? error.message
            : String(error);
      res
        .status(503)
        .set('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({
          status: 'unavailable',
          startedAt: startedAt.toISOString(),
          neo4j: { reachable: false, reason },
          error: { code: 'neo4j_unavailable', message: `Neo4j is not reachable: ${reason}` },
        });
    }
  });
  return router;
}
