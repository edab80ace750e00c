// Saved investigations: list, open, save, update (from the version read) and delete. Bodies
// are JSON only (parseBody answers 415 otherwise); writes need a write token like every other
// write (requireToken) and name their author.
import { Router, type Request } from 'express';
import {
  investigationCreateBody,
  investigationPath,
  investigationUpdateBody,
} from '../contract/investigations';
import type { InvestigationService } from '../services/investigations';
import type { AuthorOf } from '../workbench/author';
import { parseBody, parseParam } from './validate';
import { clearanceOf } from '../security';

export function investigationRoutes(
  investigations: InvestigationService,
  options: { authorOf: AuthorOf },
): Router {
  const router = Router();
  const idOf = (req: Request) => parseParam(investigationPath.shape.id, req.params.id, 'id');

  router.get('/investigations', async (_req, res) => {
    res.json({ investigations: await investigations.list(clearanceOf(res)) });
  });

  router.post('/investigations', async (req, res) => {
    const author = options.authorOf(req);
    const body = parseBody(investigationCreateBody, req);
    const created = await investigations.create(body, author);
    res.status(201).json(await investigations.get(created.id, clearanceOf(res)));
  });

  router.get('/investigations/:id', async (req, res) => {
    res.json(await investigations.get(idOf(req), clearanceOf(res)));
  });

  router.put('/investigations/:id', async (req, res) => {
    const author = options.authorOf(req);
    const id = idOf(req);
    const body = parseBody(investigationUpdateBody, req);
    res.json(await investigations.update(id, body, author, clearanceOf(res)));
  });

  router.delete('/investigations/:id', async (req, res) => {
    options.authorOf(req);
    await investigations.remove(idOf(req));
    res.status(204).end();
  });

  return router;
}
