// Attribution analysis: the assessment of an operation or actor, and what changed between dates.
import { Router } from 'express';
import { nodePath } from '../contract/explorer';
import { assessmentQuery, whatChangedQuery } from '../contract/assessment';
import type { AssessmentService } from '../services/assessment.service';
import { asOfDay } from './graph.routes';
import { parseParam, parseQuery } from './validate';
import { clearanceOf } from '../security';

export function assessmentRoutes(service: AssessmentService): Router {
  const router = Router();

  router.get('/assessments/:id', async (req, res) => {
    const id = parseParam(nodePath.shape.id, req.params.id, 'id');
    const { asOf, includeRetracted } = parseQuery(assessmentQuery, req);
    res.json(
      await service.assess(id, {
        asOf: asOfDay(asOf),
        includeRetracted,
        clearance: clearanceOf(res),
      }),
    );
  });

  router.get('/what-changed', async (req, res) => {
    const { from, to, limit } = parseQuery(whatChangedQuery, req);
    res.json(await service.whatChanged(from, to, limit, clearanceOf(res)));
  });

  return router;
}
