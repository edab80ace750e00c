import { z } from 'zod';

export const health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    startedAt: z.string(),
    neo4j: z.looseObject({ reachable: z.boolean() }),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'Health' });
