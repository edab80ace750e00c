// The OpenAPI 3.1 description of the API. A test checks that every route Express serves is
// described here and that every path here is served.
import { NODE_LABELS, RELATIONSHIP_TYPES } from './model/model';

const json = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => json(ref('Error'), description);
const common = {
  400: errorResponse('Invalid input; the message names the parameter and what is allowed'),
  403: errorResponse(
    'A request a browser sent for another site (Origin or Sec-Fetch-Site), unless CORS_ORIGINS lists it',
  ),
  421: errorResponse(
    'The Host header names a host this server is not configured for (see ALLOWED_HOSTS)',
  ),
  431: errorResponse('The request line or headers are larger than 64 KB'),
  503: {
    ...errorResponse('Neo4j is not reachable, or the server is busy (imports)'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
};
const query = (name: string, schema: object, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const pathParam = (name: string, description: string, pattern: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', maxLength: 200, pattern },
});
const NODE_ID = '^[a-z]+:[^\\s/\\\\]+$';
const REL_ID = '^rel:[a-z_]+:[a-z0-9._-]+$';
const QUERY_NAME = '^[a-z][a-z0-9-]{1,63}$';
const listParam = (values: readonly string[]) => ({
  type: 'string',
  description: `Comma-separated; any of ${values.join(', ')}`,
});
const isoDate = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' };
const filters = [
  query('rels', listParam(RELATIONSHIP_TYPES), 'Relationship types to follow'),
  query('since', isoDate, 'Keep relationships whose period ends on or after this date'),
  query('until', isoDate, 'Keep relationships whose period starts on or before this date'),
];

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'attribution-graph API',
      version: '0.1.0',
      description:
        'Explore who did what to whom in state-linked cyber operations. Every relationship carries its provenance.',
    },
    paths: {
      '/api/health': {
        get: {
          summary: 'Liveness and Neo4j reachability',
          responses: {
            200: json(ref('Health')),
            503: json(ref('Health'), 'Neo4j is not reachable'),
          },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { 200: json({ type: 'object' }) } },
      },
      '/api/search': {
        get: {
          summary: 'Full-text search over names, aliases, descriptions and statement text',
          parameters: [
            query('q', { type: 'string', minLength: 1, maxLength: 200 }, 'Search text', true),
            query('types', listParam(NODE_LABELS), 'Labels to keep'),
            query('limit', { type: 'integer', minimum: 1, maximum: 50, default: 10 }, 'Most hits'),
          ],
          responses: { 200: json(ref('SearchResult')), ...common },
        },
      },
      '/api/schema': {
        get: {
          summary: 'Labels, relationship types with counts, and the date range',
          responses: { 200: json(ref('Schema')), 503: common[503] },
        },
      },
      '/api/nodes/{id}': {
        get: {
          summary: 'One node, its degree per relationship type and the statements about it',
          parameters: [pathParam('id', 'Node id, e.g. actor:apt31', NODE_ID)],
          responses: {
            200: json(ref('NodeDetail')),
            404: errorResponse('No such node'),
            ...common,
          },
        },
      },
      '/api/nodes/{id}/neighbours': {
        get: {
          summary: 'The neighbourhood of a node as graph JSON, capped',
          description:
            'Nearest first, then by name, at most `limit` nodes. With depth 2 or 3 a step never leaves a node that has more relationships than `limit` (a hub): the hub is listed, its own neighbours are not; expand it on its own to see them.',
          parameters: [
            pathParam('id', 'Node id', NODE_ID),
            query('depth', { type: 'integer', minimum: 1, maximum: 3, default: 1 }, 'Hops'),
            query(
              'limit',
              { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
              'Most nodes',
            ),
            query('types', listParam(NODE_LABELS), 'Labels of nodes to keep'),
            ...filters,
          ],
          responses: { 200: json(ref('Graph')), 404: errorResponse('No such node'), ...common },
        },
      },
      '/api/paths': {
        get: {
          summary: 'All shortest paths between two nodes, capped',
          parameters: [
            query(
              'from',
              { type: 'string', maxLength: 200, pattern: NODE_ID },
              'Start node id',
              true,
            ),
            query('to', { type: 'string', maxLength: 200, pattern: NODE_ID }, 'End node id', true),
            query(
              'maxDepth',
              { type: 'integer', minimum: 1, maximum: 10, default: 6 },
              'Longest path',
            ),
            query('limit', { type: 'integer', minimum: 1, maximum: 50, default: 10 }, 'Most paths'),
            ...filters,
          ],
          responses: { 200: json(ref('Paths')), 404: errorResponse('No such node'), ...common },
        },
      },
      '/api/relationships/{id}': {
        get: {
          summary: 'One relationship with its provenance resolved',
          parameters: [pathParam('id', 'Relationship id, e.g. rel:attributed_to:0123abcd', REL_ID)],
          responses: {
            200: json(ref('RelationshipDetail')),
            404: errorResponse('No such relationship'),
            ...common,
          },
        },
      },
      '/api/graph': {
        get: {
          summary: 'The subgraph induced by a set of node ids',
          parameters: [
            query('ids', { type: 'string' }, 'Comma-separated node ids (at most 500)', true),
          ],
          responses: { 200: json(ref('Graph')), ...common },
        },
      },
      '/api/queries': {
        get: {
          summary:
            'Saved queries (shipped in cypher/ and saved by users) with their parameter schemas',
          responses: {
            200: json({
              type: 'object',
              required: ['queries'],
              properties: { queries: { type: 'array', items: ref('SavedQuery') } },
            }),
            503: common[503],
          },
        },
        post: {
          summary: 'Save a query of your own (validated like the shipped ones)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('SavedQueryInput') } },
          },
          responses: {
            201: json(ref('SavedQuery')),
            409: errorResponse('The name is taken'),
            415: errorResponse('Not JSON'),
            ...common,
          },
        },
      },
      '/api/queries/{name}': {
        get: {
          summary: 'One saved query',
          parameters: [pathParam('name', 'Query name', QUERY_NAME)],
          responses: {
            200: json(ref('SavedQuery')),
            404: errorResponse('No such query'),
            ...common,
          },
        },
        put: {
          summary: 'Replace a query saved by a user',
          parameters: [pathParam('name', 'Query name', QUERY_NAME)],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('SavedQueryInput') } },
          },
          responses: {
            200: json(ref('SavedQuery')),
            404: errorResponse('No such query'),
            409: errorResponse('A shipped query'),
            415: errorResponse('Not JSON'),
            ...common,
          },
        },
        delete: {
          summary: 'Delete a query saved by a user',
          parameters: [pathParam('name', 'Query name', QUERY_NAME)],
          responses: {
            204: { description: 'Deleted' },
            404: errorResponse('No such query'),
            409: errorResponse('A shipped query'),
            ...common,
          },
        },
      },
      '/api/queries/{name}/run': {
        post: {
          summary: 'Run a saved query with validated parameters (read-only, time- and row-bounded)',
          parameters: [pathParam('name', 'Query name', QUERY_NAME)],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { params: { type: 'object' } },
                  additionalProperties: false,
                },
              },
            },
          },
          responses: {
            200: json(ref('QueryResult')),
            404: errorResponse('No such query'),
            415: errorResponse('Not JSON'),
            ...common,
          },
        },
      },
      '/api/cypher': {
        post: {
          summary:
            'Run your own read-only Cypher (writes, USE, LOAD CSV, admin commands and unlisted procedures are refused)',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['query'],
                  properties: {
                    query: { type: 'string', maxLength: 10000 },
                    params: { type: 'object' },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          responses: { 200: json(ref('QueryResult')), 415: errorResponse('Not JSON'), ...common },
        },
      },
      '/api/export/stix': {
        get: {
          summary:
            'A STIX 2.1 bundle of the given nodes and the relationships among them (the whole graph without ids)',
          parameters: [
            query(
              'ids',
              { type: 'string', maxLength: 200000 },
              'Comma-separated node ids (at most 5000)',
            ),
          ],
          responses: {
            200: json({
              type: 'object',
              required: ['type', 'id', 'objects'],
              properties: {
                type: { const: 'bundle' },
                id: { type: 'string' },
                objects: { type: 'array', items: { type: 'object' } },
              },
            }),
            ...common,
          },
        },
      },
      '/api/import': {
        post: {
          summary:
            'Import a STIX 2.0/2.1 bundle or a MISP galaxy cluster (the file is the body; all or nothing)',
          parameters: [
            query('format', { enum: ['stix', 'misp-galaxy'] }, 'The file format', true),
            query(
              'dryRun',
              { enum: ['true', 'false'], default: 'false' },
              'Roll back and only report',
            ),
          ],
          description:
            'The body may be gzip, deflate or br encoded (Content-Encoding); decoded it must be UTF-8 and at most 100 MB, and a compressed body may inflate at most 50 times (or to 4 MB). One import runs at a time; three more may wait, others get 503.',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object' } },
              'application/stix+json': { schema: { type: 'object' } },
            },
          },
          responses: {
            200: json(ref('ImportSummary')),
            413: errorResponse(
              'Larger than 100 MB decoded, inflating more than 50 times, or more than 100,000 nodes and relationships',
            ),
            415: errorResponse(
              'Not application/json or application/stix+json, not UTF-8, or an unsupported Content-Encoding',
            ),
            422: errorResponse('An id appears more than once in the file'),
            ...common,
          },
        },
      },
      '/api/imports/review': {
        get: {
          summary:
            'Names that matched several existing entities during imports, kept apart for review',
          responses: {
            200: json({
              type: 'object',
              required: ['items'],
              properties: { items: { type: 'array', items: { type: 'object' } } },
            }),
            503: common[503],
          },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
        Health: {
          type: 'object',
          required: ['status', 'neo4j'],
          properties: {
            status: { enum: ['ok', 'unavailable'] },
            startedAt: { type: 'string' },
            neo4j: { type: 'object' },
            error: {},
          },
        },
        Node: {
          type: 'object',
          required: ['id', 'label', 'name'],
          properties: {
            id: { type: 'string' },
            label: { enum: [...NODE_LABELS] },
            name: { type: 'string' },
          },
          additionalProperties: true,
        },
        Relationship: {
          type: 'object',
          required: ['id', 'type', 'source', 'target'],
          properties: {
            id: { type: 'string' },
            type: { enum: [...RELATIONSHIP_TYPES] },
            source: { type: 'string' },
            target: { type: 'string' },
            sources: { type: 'array', items: { type: 'string' } },
            evidence: { type: 'string' },
            assertedBy: { type: 'string' },
            date: { type: 'string' },
          },
          additionalProperties: true,
        },
        Graph: {
          type: 'object',
          required: ['nodes', 'relationships', 'truncated'],
          properties: {
            nodes: { type: 'array', items: ref('Node') },
            relationships: { type: 'array', items: ref('Relationship') },
            truncated: { type: 'boolean' },
            omitted: {
              type: 'object',
              properties: { nodes: { type: 'integer' }, relationships: { type: 'integer' } },
            },
          },
        },
        Paths: {
          allOf: [
            ref('Graph'),
            {
              type: 'object',
              required: ['paths'],
              properties: {
                paths: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
              },
            },
          ],
        },
        SearchResult: {
          type: 'object',
          required: ['query', 'hits'],
          properties: {
            query: { type: 'string' },
            hits: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'label', 'name', 'score', 'snippet'],
                properties: {
                  id: { type: 'string' },
                  label: { type: 'string' },
                  name: { type: 'string' },
                  score: { type: 'number' },
                  snippet: { type: 'string' },
                },
              },
            },
          },
        },
        NodeDetail: {
          type: 'object',
          required: ['node', 'degree', 'statements'],
          properties: {
            node: ref('Node'),
            degree: { type: 'object', additionalProperties: { type: 'object' } },
            statements: { type: 'array', items: { type: 'object' } },
          },
        },
        RelationshipDetail: {
          type: 'object',
          required: ['relationship', 'from', 'to', 'sources'],
          properties: {
            relationship: ref('Relationship'),
            from: ref('Node'),
            to: ref('Node'),
            sources: { type: 'array', items: ref('Node') },
            assertedBy: { oneOf: [ref('Node'), { type: 'null' }] },
            disputedBy: { type: 'array', items: { type: 'object' } },
            description: { type: 'string' },
          },
        },
        SavedQuery: {
          type: 'object',
          required: ['name', 'title', 'description', 'result', 'params', 'cypher', 'origin'],
          properties: {
            name: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            result: { enum: ['graph', 'table'] },
            group: { type: 'string' },
            params: { type: 'object', additionalProperties: { type: 'object' } },
            cypher: { type: 'string' },
            origin: { enum: ['file', 'user'] },
          },
        },
        SavedQueryInput: {
          type: 'object',
          required: ['name', 'title', 'description', 'result', 'cypher'],
          properties: {
            name: { type: 'string', pattern: QUERY_NAME },
            title: { type: 'string' },
            description: { type: 'string' },
            result: { enum: ['graph', 'table'] },
            group: { type: 'string' },
            params: { type: 'object' },
            cypher: { type: 'string', maxLength: 10000 },
          },
        },
        QueryResult: {
          type: 'object',
          required: ['columns', 'rows', 'graph', 'truncated'],
          properties: {
            columns: { type: 'array', items: { type: 'string' } },
            rows: { type: 'array', items: { type: 'object' } },
            graph: ref('Graph'),
            truncated: { type: 'boolean' },
            rowLimit: { type: 'integer' },
            elapsedMs: { type: 'integer' },
          },
        },
        ImportSummary: {
          type: 'object',
          required: ['dataset', 'created', 'merged', 'relationships', 'skipped', 'ambiguous'],
          properties: {
            dataset: { type: 'string' },
            created: { type: 'object' },
            merged: { type: 'object' },
            relationships: { type: 'object' },
            skipped: { type: 'object' },
            ambiguous: { type: 'array', items: { type: 'object' } },
            dryRun: { type: 'boolean' },
            millis: { type: 'integer' },
          },
        },
        Schema: {
          type: 'object',
          required: ['labels', 'relationshipTypes', 'dateRange'],
          properties: {
            labels: { type: 'array', items: { type: 'object' } },
            relationshipTypes: { type: 'array', items: { type: 'object' } },
            dateRange: { type: 'object' },
          },
        },
      },
    },
  };
}
