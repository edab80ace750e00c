// The client's only door to the server. Errors become ApiError with the server's message.
// Response types come from the server's contract (server/src/contract/): the same zod schemas
// that generate the OpenAPI document. Type-only imports: no server code reaches the bundle.
import type { ApiErrorBody, GraphJson } from '../../server/src/contract/common';
import type {
  NodeDetail,
  PathsResult,
  RelationshipDetail,
  SchemaInfo,
  SearchHit,
} from '../../server/src/contract/explorer';
import type { ReviewItem } from '../../server/src/contract/exchange';
import type {
  ChangeList,
  ChangeRecord,
  MergeBody,
  MergeResult,
  NodeCreateBody,
  NodePatchBody,
  RelationshipCreateBody,
  RelationshipPatchBody,
  RevertResult,
  WrittenNode,
  WrittenRelationship,
} from '../../server/src/contract/workbench';
import type {
  ParamSpec,
  QueryResultJson,
  SavedQuery as QueryDefinition,
  SavedQueryInput,
  SavedQueryResult,
} from '../../server/src/contract/queries';

export type { GraphJson, SchemaInfo, SearchHit, QueryDefinition, ParamSpec, QueryResultJson };
export type {
  ChangeRecord,
  NodeCreateBody,
  NodeDetail,
  RelationshipCreateBody,
  RelationshipDetail,
  WrittenNode,
  WrittenRelationship,
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

export interface ErrorDetails {
  position?: { line: number; column: number; offset: number };
  /** A refused write: the entity that exists, the current state, what uses a node. */
  existing?: unknown;
  current?: Record<string, unknown> & { version?: string };
  uses?: { id: string; kind: string; type?: string; source?: string; target?: string }[];
}

const TOKEN_KEY = 'attribution-graph:token';

/** The Authorization header for a server that needs tokens (empty when none is kept). */
export function authHeader(): Record<string, string> {
  const token = localStorage.getItem(TOKEN_KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** On a server with AUTH_TOKENS set, asks once for a token and keeps it in this browser. */
function askForToken(message: string): boolean {
  const token = window.prompt(`${message}\n\nAccess token:`)?.trim();
  if (!token) return false;
  localStorage.setItem(TOKEN_KEY, token);
  return true;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  retried = false,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...authHeader(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      'The attribution-graph server is not reachable. Is it running?',
    );
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as Partial<ApiErrorBody>;
  if ((response.status === 401 || response.status === 403) && !retried) {
    if (response.status === 401) localStorage.removeItem(TOKEN_KEY);
    if (askForToken(json.error?.message ?? 'This server needs an access token'))
      return request<T>(method, path, body, true);
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      json.error?.code ?? 'http',
      json.error?.message ?? response.statusText,
      json.error?.details as ErrorDetails | undefined,
    );
  }
  return json as T;
}

function get<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
): Promise<T> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return request<T>('GET', `${path}${qs ? `?${qs}` : ''}`);
}

const list = (xs?: string[]) => (xs && xs.length ? xs.join(',') : undefined);

/** Retracted claims are hidden unless the view asks for them (query string value). */
const retracted = (show?: boolean) => (show ? 'true' : undefined);

export const api = {
  schema: () => get<SchemaInfo>('/schema'),
  search: (q: string, limit = 8, types?: string[]) =>
    get<{ hits: SearchHit[] }>('/search', { q, limit, types: list(types) }),
  node: (id: string, includeRetracted?: boolean) =>
    get<NodeDetail>(`/nodes/${encodeURIComponent(id)}`, {
      includeRetracted: retracted(includeRetracted),
    }),
  neighbours: (
    id: string,
    options: { depth?: number; limit?: number; rels?: string[]; includeRetracted?: boolean } = {},
  ) =>
    get<GraphJson>(`/nodes/${encodeURIComponent(id)}/neighbours`, {
      depth: options.depth,
      limit: options.limit,
      rels: list(options.rels),
      includeRetracted: retracted(options.includeRetracted),
    }),
  relationship: (id: string) => get<RelationshipDetail>(`/relationships/${encodeURIComponent(id)}`),
  paths: (from: string, to: string) => get<PathsResult>('/paths', { from, to }),
  graph: (ids: string[], includeRetracted?: boolean) =>
    get<GraphJson>('/graph', {
      ids: ids.join(','),
      includeRetracted: retracted(includeRetracted),
    }),
  queries: () => get<{ queries: QueryDefinition[] }>('/queries'),
  runQuery: (name: string, params: Record<string, unknown>) =>
    request<SavedQueryResult>('POST', `/queries/${encodeURIComponent(name)}/run`, { params }),
  saveQuery: (query: SavedQueryInput) => request<QueryDefinition>('POST', '/queries', query),
  deleteQuery: (name: string) => request<void>('DELETE', `/queries/${encodeURIComponent(name)}`),
  cypher: (query: string, params: Record<string, unknown> = {}) =>
    request<QueryResultJson>('POST', '/cypher', { query, params }),
  exportStix: (ids: string[]) =>
    get<Record<string, unknown>>('/export/stix', { ids: ids.length ? ids.join(',') : undefined }),
  importReview: () => get<{ items: ReviewItem[] }>('/imports/review'),
};

const enc = encodeURIComponent;

/** The workbench's writes and the change log. */
export const edits = {
  createNode: (node: NodeCreateBody) => request<WrittenNode>('POST', '/nodes', node),
  updateNode: (id: string, patch: NodePatchBody) =>
    request<WrittenNode>('PATCH', `/nodes/${enc(id)}`, patch),
  removeNode: (id: string, version: string) =>
    request<void>('DELETE', `/nodes/${enc(id)}?version=${version}`),
  createClaim: (claim: RelationshipCreateBody) =>
    request<WrittenRelationship>('POST', '/relationships', claim),
  updateClaim: (id: string, patch: RelationshipPatchBody) =>
    request<WrittenRelationship>('PATCH', `/relationships/${enc(id)}`, patch),
  retractClaim: (id: string, reason: string, version: string) =>
    request<WrittenRelationship>('POST', `/relationships/${enc(id)}/retract`, { reason, version }),
  merge: (body: MergeBody) => request<MergeResult>('POST', '/nodes/merge', body),
  history: (kind: 'node' | 'relationship', id: string) =>
    get<ChangeList>(`/${kind === 'node' ? 'nodes' : 'relationships'}/${enc(id)}/history`),
  revert: (changeId: string) =>
    request<RevertResult>('POST', `/changes/${enc(changeId)}/revert`, {}),
};
