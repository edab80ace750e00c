// The workbench's routes: write nodes and claims, retract, merge, revert, and read the change
// log. Every body is JSON (parseBody answers 415 otherwise), so a form on another site cannot
// post here; DELETE and PATCH cannot be sent cross-site without a CORS preflight.
import { Router, type Request } from 'express';
import { nodePath, relationshipPath } from '../contract/explorer';
import {
  changePath,
  changesQuery,
  historyQuery,
  mergeBody,
  nodeCreateBody,
  nodeDeleteQuery,
  nodePatchBody,
  relationshipCreateBody,
  relationshipPatchBody,
  retractBody,
  revertBody,
} from '../contract/workbench';
import type { Database } from '../db/database';
import type { AuthorOf } from '../workbench/author';
import { readChanges, requireChangeWithin, type WriteContext } from '../workbench/change-log';
import { mergeNodes } from '../workbench/merge';
import { createNode, deleteNode, retractNode, updateNode } from '../workbench/nodes';
import {
  createRelationship,
  retractRelationship,
  updateRelationship,
} from '../workbench/relationships';
import { revertChange } from '../workbench/revert';
import { parseBody, parseParam, parseQuery } from './validate';
import { clearanceOf } from '../security';
import {
  requireMarkingWithin,
  requireVisibleNodes,
  requireVisibleRelationship,
} from '../workbench/clearance-guard';

export function workbenchRoutes(
  db: Database,
  options: { authorOf: AuthorOf; onWritten: () => void; timeoutMs: number },
): Router {
  const router = Router();
  const context = (req: Request): WriteContext => ({
    author: options.authorOf(req),
    cause: `${req.method} ${req.originalUrl.split('?')[0]}`,
  });
  const nodeIdOf = (req: Request) => parseParam(nodePath.shape.id, req.params.id, 'id');
  const relationshipIdOf = (req: Request) =>
    parseParam(relationshipPath.shape.id, req.params.id, 'id');
  const written = <T>(value: T): T => {
    options.onWritten();
    return value;
  };
  const read = { timeoutMs: options.timeoutMs };

  // Each write first checks, under the writer's clearance, that every element it names is
  // one the writer may see and that the marking it sets is within its clearance.
  const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
  const claimRefs = (body: Record<string, unknown>): unknown[] => [
    body.assertedBy,
    ...listOf(body.disputedBy),
    ...listOf(body.sources),
  ];

  router.post('/nodes', async (req, res) => {
    const body = parseBody(nodeCreateBody, req);
    requireMarkingWithin(body.marking, clearanceOf(res));
    await requireVisibleNodes(db, listOf(body.sources), clearanceOf(res));
    res.status(201).json(written(await createNode(db, body, context(req), clearanceOf(res))));
  });

  router.post('/nodes/merge', async (req, res) => {
    const body = parseBody(mergeBody, req);
    await requireVisibleNodes(db, [body.keep, body.duplicate], clearanceOf(res));
    res.json(written(await mergeNodes(db, body, context(req))));
  });

  router.patch('/nodes/:id', async (req, res) => {
    const id = nodeIdOf(req);
    const body = parseBody(nodePatchBody, req);
    requireMarkingWithin(body.marking, clearanceOf(res));
    await requireVisibleNodes(db, [id, ...listOf(body.sources)], clearanceOf(res));
    res.json(written(await updateNode(db, id, body, context(req))));
  });

  router.delete('/nodes/:id', async (req, res) => {
    const id = nodeIdOf(req);
    const query = parseQuery(nodeDeleteQuery, req);
    await requireVisibleNodes(db, [id], clearanceOf(res));
    await deleteNode(db, id, { ...query, clearance: clearanceOf(res) }, context(req));
    written(undefined);
    res.status(204).end();
  });

  router.post('/nodes/:id/retract', async (req, res) => {
    const id = nodeIdOf(req);
    const body = parseBody(retractBody, req);
    await requireVisibleNodes(db, [id], clearanceOf(res));
    res.json(written(await retractNode(db, id, body, context(req))));
  });

  router.get('/nodes/:id/history', async (req, res) => {
    const entity = nodeIdOf(req);
    res.json(
      await readChanges(db, { entity, ...parseQuery(historyQuery, req) }, read, clearanceOf(res)),
    );
  });

  router.post('/relationships', async (req, res) => {
    const body = parseBody(relationshipCreateBody, req);
    requireMarkingWithin(body.marking, clearanceOf(res));
    await requireVisibleNodes(db, [body.source, body.target, ...claimRefs(body)], clearanceOf(res));
    res
      .status(201)
      .json(written(await createRelationship(db, body, context(req), clearanceOf(res))));
  });

  router.patch('/relationships/:id', async (req, res) => {
    const id = relationshipIdOf(req);
    const body = parseBody(relationshipPatchBody, req);
    requireMarkingWithin(body.marking, clearanceOf(res));
    await requireVisibleRelationship(db, id, clearanceOf(res));
    await requireVisibleNodes(db, claimRefs(body), clearanceOf(res));
    res.json(written(await updateRelationship(db, id, body, context(req))));
  });

  router.post('/relationships/:id/retract', async (req, res) => {
    const id = relationshipIdOf(req);
    const body = parseBody(retractBody, req);
    await requireVisibleRelationship(db, id, clearanceOf(res));
    res.json(written(await retractRelationship(db, id, body, context(req))));
  });

  router.get('/relationships/:id/history', async (req, res) => {
    const entity = relationshipIdOf(req);
    res.json(
      await readChanges(db, { entity, ...parseQuery(historyQuery, req) }, read, clearanceOf(res)),
    );
  });

  router.get('/changes', async (req, res) => {
    res.json(await readChanges(db, parseQuery(changesQuery, req), read, clearanceOf(res)));
  });

  router.post('/changes/:id/revert', async (req, res) => {
    const id = parseParam(changePath.shape.id, req.params.id, 'id');
    const { reason } = parseBody(revertBody, req);
    await requireChangeWithin(db, id, clearanceOf(res));
    res.json(written(await revertChange(db, id, reason, context(req))));
  });

  return router;
}
