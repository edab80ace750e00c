// Victimology: an actor's targets and a state's attackers, each with its supporting paths.
import { Router } from 'express';
import { nodePath } from '../contract/explorer';
import { victimologyQuery } from '../contract/victimology';
import type { VictimologyService } from '../services/victimology.service';
import { parseParam, parseQuery } from './validate';
import { clearanceOf } from '../security';
import { asOfDay } from './graph.routes';

export function victimologyRoutes(service: VictimologyService): Router {
  const router = Router();

  router.get('/nodes/:id/targets', async (req, res) => {
    const id = parseParam(nodePath.shape.id, req.params.id, 'id');
    const { limit, asOf } = parseQuery(victimologyQuery, req);
    res.json(
      await service.targets(id, limit, { asOf: asOfDay(asOf), clearance: clearanceOf(res) }),
    );
  });

  router.get('/nodes/:id/attackers', async (req, res) => {
    const id = parseParam(nodePath.shape.id, req.params.id, 'id');
    const { limit, asOf } = parseQuery(victimologyQuery, req);
    res.json(
      await service.attackers(id, limit, { asOf: asOfDay(asOf), clearance: clearanceOf(res) }),
    );
  });

  return router;
}
