// What a Source supports: the claims and entities that cite it.
import { Router } from 'express';
import { sourceClaimsQuery, sourcePath } from '../contract/provenance';
import type { ProvenanceService } from '../services/provenance.service';
import { parseParam, parseQuery } from './validate';
import { clearanceOf } from '../security';

export function provenanceRoutes(service: ProvenanceService): Router {
  const router = Router();

  router.get('/sources/:id/claims', async (req, res) => {
    const id = parseParam(sourcePath.shape.id, req.params.id, 'id');
    const { limit } = parseQuery(sourceClaimsQuery, req);
    res.json(await service.claimsOf(id, limit, clearanceOf(res)));
  });

  return router;
}
