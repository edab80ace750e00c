// The explorer's routes: search, schema, nodes, neighbourhoods, paths, relationships and
// induced subgraphs. Requests and responses, once.
import { z } from 'zod';
import {
  dateParam,
  graphJson,
  graphNodeJson,
  graphRelationshipJson,
  intParam,
  labelsParam,
  nodeId,
  nodeIdList,
  relationshipId,
  relsParam,
} from './common';
import { version } from './workbench';

/** "As known on": only what had been said by the end of that day (docs/model.md). */
export const asOfParam = dateParam.meta({
  description:
    'As known on this date (YYYY-MM-DD; a partial date means its last day): only claims public by then and not yet retracted then',
});

/** Retracted claims are kept but hidden unless asked for (they are never evidence). */
export const includeRetracted = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .meta({ description: 'Also show retracted claims (drawn as such); hidden by default' });

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'q (the search text) is required')
    .max(200, 'q must be at most 200 characters')
    .meta({ description: 'Search text' }),
  types: labelsParam,
  limit: intParam(1, 50, 10, 'limit'),
  includeRetracted,
  asOf: asOfParam,
});

const filterQuery = {
  includeRetracted,
  asOf: asOfParam,
  rels: relsParam,
  since: dateParam.meta({
    description: 'Keep relationships whose period ends on or after this date',
  }),
  until: dateParam.meta({
    description: 'Keep relationships whose period starts on or before this date',
  }),
};

export const nodePath = z.object({ id: nodeId.meta({ description: 'Node id, e.g. actor:apt31' }) });
export const relationshipPath = z.object({
  id: relationshipId.meta({ description: 'Relationship id, e.g. rel:attributed_to:0123abcd' }),
});

export const neighboursQuery = z.object({
  depth: intParam(1, 3, 1, 'depth'),
  limit: intParam(1, 1000, 100, 'limit'),
  types: labelsParam,
  ...filterQuery,
});

export const pathsQuery = z
  .object({
    from: nodeId.meta({ description: 'Start node id' }),
    to: nodeId.meta({ description: 'End node id' }),
    maxDepth: intParam(1, 10, 6, 'maxDepth'),
    limit: intParam(1, 50, 10, 'limit'),
    types: labelsParam.meta({
      description:
        'Pass only through nodes of these labels (the two ends excepted); all when absent. Leaving out Technique keeps shared ATT&CK techniques from tying everything together.',
    }),
    ...filterQuery,
  })
  // Neo4j's shortest path refuses equal ends (a 500 before): the client's mistake, so a 400.
  .refine((q) => q.from !== q.to, {
    path: ['to'],
    message: 'from and to are the same node; a path needs two different ends',
  });

export const subgraphQuery = z.object({
  ids: nodeIdList(500, 50_000),
  includeRetracted,
  asOf: asOfParam,
});

export const nodeQuery = z.object({ includeRetracted });

const searchHit = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  score: z.number(),
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof searchHit>;
export const searchResult = z
  .object({ query: z.string(), hits: z.array(searchHit) })
  .meta({ id: 'SearchResult' });

/** A property of a label or relationship type, as a form shows it. */
const fieldSpec = z
  .object({
    name: z.string(),
    kind: z.enum(['text', 'date', 'url', 'choice', 'boolean', 'list']),
    required: z.boolean(),
    values: z.array(z.string()).optional().meta({ description: 'The choices' }),
    pattern: z.string().optional(),
  })
  .meta({ id: 'Field' });
export type FieldSpec = z.infer<typeof fieldSpec>;

export const schemaInfo = z
  .object({
    labels: z.array(
      z.object({
        name: z.string(),
        count: z.number(),
        description: z.string(),
        claim: z.boolean().meta({
          description:
            'Its nodes are claims (Statements): retracted (POST /api/nodes/{id}/retract), never deleted',
        }),
        properties: z
          .array(fieldSpec)
          .meta({ description: 'Its own properties beyond name, aliases and description' }),
      }),
    ),
    relationshipTypes: z.array(
      z.object({
        name: z.string(),
        count: z.number(),
        description: z.string(),
        from: z.array(z.string()),
        to: z.array(z.string()),
        dispute: z.boolean(),
        properties: z.array(fieldSpec).meta({ description: 'Its own properties (role, action)' }),
      }),
    ),
    confidence: z.array(z.string()).meta({ description: 'The confidence levels of a claim' }),
    markings: z.array(z.string()).meta({
      description:
        'The TLP 2.0 markings, least to most restricted (an element without one is CLEAR)',
    }),
    confidenceScores: z
      .record(z.string(), z.number())
      .meta({ description: 'The number (0–100) each confidence word is stored as' }),
    dateRange: z.object({ min: z.string().nullable(), max: z.string().nullable() }),
    featured: z.string().nullable().meta({ description: 'A node to start from' }),
    propertyKeys: z.array(z.string()).meta({ description: 'For completion in the editor' }),
  })
  .meta({ id: 'Schema' });
export type SchemaInfo = z.infer<typeof schemaInfo>;

const namedRef = z.object({ id: z.string(), name: z.string() });
const labelledRef = namedRef.extend({ label: z.string() });

export const nodeDetail = z
  .object({
    node: graphNodeJson,
    degree: z.record(z.string(), z.object({ in: z.number(), out: z.number() })),
    statements: z.array(z.object({ speakers: z.array(namedRef).optional() }).catchall(z.unknown())),
    version: version,
    sources: z.array(graphNodeJson).meta({
      description:
        "The Source nodes of the node's own references (its sources property), by name; the explorer resolves citation markers against them",
    }),
    speakers: z
      .array(labelledRef)
      .meta({ description: 'Who made it (MADE): for a Statement; empty for other nodes' }),
    subjects: z
      .array(labelledRef)
      .meta({ description: 'What it is about (ABOUT): for a Statement; empty for other nodes' }),
  })
  .meta({ id: 'NodeDetail' });
export type NodeDetail = z.infer<typeof nodeDetail>;

const hopEvidence = z
  .object({
    id: z.string(),
    confidence: z.number().nullable(),
    independentSources: z.number().int(),
    singleSource: z.boolean().meta({ description: 'It rests on one independent source' }),
    disputed: z.boolean().meta({ description: 'A party disputes it (disputedBy)' }),
    retracted: z.boolean(),
  })
  .meta({ id: 'HopEvidence' });
const pathRanking = z
  .object({
    weakestConfidence: z
      .number()
      .nullable()
      .meta({ description: 'The lowest confidence on the path (null: a hop gives none)' }),
    fewestSources: z
      .number()
      .int()
      .meta({ description: 'The fewest independent sources of a hop' }),
    hops: z.array(hopEvidence),
  })
  .meta({ id: 'PathRanking' });
export type PathRanking = z.infer<typeof pathRanking>;

export const pathsResult = graphJson
  .extend({
    paths: z.array(z.array(z.string())).meta({
      description:
        'Each path as its relationship ids, in order, best supported first (see `rankingRule`)',
    }),
    ranking: z.array(pathRanking).meta({ description: 'The evidence of each path, in order' }),
    rankingRule: z.array(z.string()).meta({ description: 'How the paths are ordered, key by key' }),
  })
  .meta({ id: 'Paths' });
export type PathsResult = z.infer<typeof pathsResult>;

export const relationshipDetail = z
  .object({
    relationship: graphRelationshipJson,
    from: graphNodeJson,
    to: graphNodeJson,
    sources: z.array(graphNodeJson),
    assertedBy: graphNodeJson.nullable(),
    disputedBy: z.array(namedRef),
    description: z.string(),
    evidenceContext: z
      .object({ source: z.string(), before: z.string(), sentence: z.string(), after: z.string() })
      .nullable()
      .meta({
        description:
          'An ingested claim: its evidence sentence in its paragraph of the source’s stored text (`source`); null when the claim keeps no offsets',
      }),
    version: version,
  })
  .meta({ id: 'RelationshipDetail' });
export type RelationshipDetail = z.infer<typeof relationshipDetail>;
