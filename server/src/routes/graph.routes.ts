// Thin HTTP layer over GraphService: parse, call, respond.
import { Router } from 'express';
import { z } from 'zod';
import { periodEnd, periodStart } from '../model/model';
import type { GraphService } from '../services/graph.service';
import {
  dateParam,
  intParam,
  labelsParam,
  nodeId,
  parseParam,
  parseQuery,
  relsParam,
} from './validate';

const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'q (the search text) is required')
    .max(200, 'q must be at most 200 characters'),
  types: labelsParam,
  limit: intParam(1, 50, 10, 'limit'),
});

const filterQuery = {
  types: labelsParam,
  rels: relsParam,
  since: dateParam,
  until: dateParam,
};

const neighboursQuery = z.object({
  depth: intParam(1, 3, 1, 'depth'),
  limit: intParam(1, 1000, 100, 'limit'),
  ...filterQuery,
});

const pathsQuery = z
  .object({
    from: nodeId,
    to: nodeId,
    maxDepth: intParam(1, 10, 6, 'maxDepth'),
    limit: intParam(1, 50, 10, 'limit'),
    rels: relsParam,
    since: dateParam,
    until: dateParam,
  })
  // Neo4j's shortest path refuses equal ends (a 500 before): the client's mistake, so a 400.
  .refine((q) => q.from !== q.to, {
    path: ['to'],
    message: 'from and to are the same node; a path needs two different ends',
  });

const graphQuery = z.object({
  ids: z
    .string()
    .min(1, 'ids (a comma-separated list of node ids) is required')
    .max(50_000)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(nodeId).min(1).max(500, 'at most 500 ids')),
});

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
    const { q, types, limit } = parseQuery(searchQuery, req);
    res.json({ query: q, hits: await graph.search(q, types, limit) });
  });

  router.get('/schema', async (_req, res) => {
    res.json(await graph.schema());
  });

  router.get('/nodes/:id', async (req, res) => {
    const id = parseParam(nodeId, req.params.id, 'id');
    res.json(await graph.node(id));
  });

  router.get('/nodes/:id/neighbours', async (req, res) => {
    const id = parseParam(nodeId, req.params.id, 'id');
    const q = parseQuery(neighboursQuery, req);
    res.json(
      await graph.neighbours(
        id,
        q.depth,
        { types: q.types, rels: q.rels, ...window(q.since, q.until) },
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
        { rels: q.rels, ...window(q.since, q.until) },
        q.limit,
      ),
    );
  });

  router.get('/relationships/:id', async (req, res) => {
    const id = parseParam(
      z
        .string()
        .max(200)
        .regex(
          /^rel:[a-z_]+:[a-z0-9._-]+$/,
          'a relationship id such as rel:attributed_to:0123abcd',
        ),
      req.params.id,
      'id',
    );
    res.json(await graph.relationship(id));
  });

  router.get('/graph', async (req, res) => {
    const { ids } = parseQuery(graphQuery, req);
    res.json(await graph.subgraph(ids));
  });

  return router;
}
