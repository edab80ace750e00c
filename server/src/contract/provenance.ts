// Provenance read backwards: what a Source supports. A claim (relationship) cites its Sources
// in `sources`; an entity cites the Sources of what it says about itself (aliases, its
// description) in its own `sources`.
import { z } from 'zod';
import { graphNodeJson, intParam, nodeId } from './common';

export const sourcePath = z.object({
  id: nodeId
    .regex(/^source:/, 'a Source id such as source:mitre-attack-g0128')
    .meta({ description: 'Source id, e.g. source:mitre-attack-g0128' }),
});

export const sourceClaimsQuery = z.object({ limit: intParam(1, 500, 100, 'limit') });

const endRef = z.object({ id: z.string(), name: z.string(), label: z.string() });

export const sourceClaims = z
  .object({
    source: graphNodeJson,
    claims: z
      .array(
        z.object({
          id: z.string(),
          type: z.string(),
          from: endRef,
          to: endRef,
          date: z.string().nullable().meta({ description: 'date, else since; null when undated' }),
        }),
      )
      .meta({ description: 'Relationships citing the Source, newest first, at most `limit`' }),
    entities: z
      .array(endRef)
      .meta({ description: 'Nodes citing it among their own sources, by name, at most `limit`' }),
    total: z.object({ claims: z.number().int(), entities: z.number().int() }),
    truncated: z.boolean(),
  })
  .meta({ id: 'SourceClaims' });
export type SourceClaims = z.infer<typeof sourceClaims>;
