// Thin HTTP layer over GraphService: parse, call, respond.
import { Router } from 'express';
import { periodEnd, periodStart } from '../model/model';
import type { GraphService } from '../services/graph.service';
import {
  neighboursQuery,
  nodePath,
  nodeQuery,
  pathsQuery,
  relationshipPath,
  searchQuery,
  subgraphQuery,
} from '../contract/explorer';
import { parseParam, parseQuery } from './validate';
import { clearanceOf } from '../security';

/** "As known on 2025" means by its last day. */
export const asOfDay = (asOf?: string) => (asOf ? periodEnd(asOf) : undefined);

/** A partial date filter covers its whole period: since=2022 means from 2022-01-01. */
function window(since?: string, until?: string) {
  return {
    since: since ? periodStart(since) : undefined,
    until: until ? periodEnd(until) : undefined,
  };
}

export function graphRoutes(graph: GraphService): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const { q, types, limit, includeRetracted, asOf } = parseQuery(searchQuery, req);
    res.json({
      query: q,
      hits: await graph.search(q, types, limit, {
        includeRetracted,
        asOf: asOfDay(asOf),
        clearance: clearanceOf(res),
      }),
    });
  });

  router.get('/schema', async (_req, res) => {
    res.json(await graph.schema(clearanceOf(res)));
  });

  router.get('/nodes/:id', async (req, res) => {
    const id = parseParam(nodePath.shape.id, req.params.id, 'id');
    const { includeRetracted } = parseQuery(nodeQuery, req);
    res.json(await graph.node(id, { includeRetracted, clearance: clearanceOf(res) }));
  });

  router.get('/nodes/:id/neighbours', async (req, res) => {
    const id = parseParam(nodePath.shape.id, req.params.id, 'id');
    const q = parseQuery(neighboursQuery, req);
    res.json(
      await graph.neighbours(
        id,
        q.depth,
        {
          types: q.types,
          rels: q.rels,
          includeRetracted: q.includeRetracted,
          asOf: asOfDay(q.asOf),
          clearance: clearanceOf(res),
          ...window(q.since, q.until),
        },
        q.limit,
      ),
    );
  });

  router.get('/paths', async (req, res) => {
    const q = parseQuery(pathsQuery, req);
    res.json(
      await graph.paths(
        q.from,
        q.to,
        q.maxDepth,
        {
          rels: q.rels,
          types: q.types,
          includeRetracted: q.includeRetracted,
          asOf: asOfDay(q.asOf),
          clearance: clearanceOf(res),
          ...window(q.since, q.until),
        },
        q.limit,
      ),
    );
  });

  router.get('/relationships/:id', async (req, res) => {
    const id = parseParam(relationshipPath.shape.id, req.params.id, 'id');
    res.json(await graph.relationship(id, clearanceOf(res)));
  });

  router.get('/graph', async (req, res) => {
    const { ids, includeRetracted, asOf } = parseQuery(subgraphQuery, req);
    res.json(
      await graph.subgraph(ids, {
        includeRetracted,
        asOf: asOfDay(asOf),
        clearance: clearanceOf(res),
      }),
    );
  });

  return router;
}
