// Victimology: whom an actor targets (directly, or through operations attributed to it) and,
// conversely, who targets a state (itself or its bodies and people), each with its paths.
import { z } from 'zod';
import { graphJson, graphNodeJson, intParam } from './common';
import { asOfParam } from './explorer';

export const victimologyQuery = z.object({
  limit: intParam(1, 500, 100, 'limit'),
  asOf: asOfParam,
});

const victimologyEntry = z.object({
  party: graphNodeJson.meta({
    description:
      'The targeted state (or the target itself when it belongs to no state); for attackers, the actor, state or operation',
  }),
  via: z.enum(['direct', 'operation']).meta({
    description:
      'direct: a TARGETED claim of its own; operation: through an operation attributed to it',
  }),
  paths: z
    .array(z.array(z.string()))
    .meta({ description: 'Relationship ids of each supporting path (at most 5), in order' }),
});

export const victimologyResult = z
  .object({
    node: graphNodeJson,
    /** Sectors the actor is said to target (MISP cfr-target-category). */
    sectors: z.array(z.string()),
    entries: z.array(victimologyEntry),
    truncated: z.boolean(),
    graph: graphJson.meta({ description: 'Every node and relationship on the paths, to draw' }),
  })
  .meta({ id: 'Victimology' });
export type VictimologyResult = z.infer<typeof victimologyResult>;
