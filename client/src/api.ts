// The client's only door to the server. Errors become ApiError with the server's message.
import type { GraphJson } from '../../server/src/db/mapper';
import type { SchemaInfo, SearchHit } from '../../server/src/services/graph.service';
import type { QueryDefinition, ParamSpec } from '../../server/src/services/queries/definition';
import type { QueryResultJson } from '../../server/src/services/queries/query-runner';

export type { GraphJson, SchemaInfo, SearchHit, QueryDefinition, ParamSpec, QueryResultJson };

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
  const json = (await response.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: ErrorDetails };
  };
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
      json.error?.details,
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

export const api = {
  schema: () => get<SchemaInfo>('/schema'),
  search: (q: string, limit = 8) => get<{ hits: SearchHit[] }>('/search', { q, limit }),
  node: (id: string) =>
    get<{
      node: Record<string, unknown> & { id: string; label: string; name: string };
      degree: Record<string, { in: number; out: number }>;
      statements: Record<string, unknown>[];
    }>(`/nodes/${encodeURIComponent(id)}`),
  neighbours: (id: string, options: { depth?: number; limit?: number; rels?: string[] } = {}) =>
    get<GraphJson>(`/nodes/${encodeURIComponent(id)}/neighbours`, {
      depth: options.depth,
      limit: options.limit,
      rels: list(options.rels),
    }),
  relationship: (id: string) =>
    get<{
      relationship: Record<string, unknown> & {
        id: string;
        type: string;
        source: string;
        target: string;
      };
      from: { id: string; name: string; label: string };
      to: { id: string; name: string; label: string };
      sources: (Record<string, unknown> & { id: string; name: string })[];
      assertedBy: { id: string; name: string } | null;
      disputedBy: { id: string; name: string }[];
      description: string;
    }>(`/relationships/${encodeURIComponent(id)}`),
  paths: (from: string, to: string) =>
    get<GraphJson & { paths: string[][] }>('/paths', { from, to }),
  graph: (ids: string[]) => get<GraphJson>('/graph', { ids: ids.join(',') }),
  queries: () => get<{ queries: QueryDefinition[] }>('/queries'),
  runQuery: (name: string, params: Record<string, unknown>) =>
    request<QueryResultJson & { result: 'graph' | 'table' }>(
      'POST',
      `/queries/${encodeURIComponent(name)}/run`,
      { params },
    ),
  saveQuery: (query: Omit<QueryDefinition, 'origin' | 'group'>) =>
    request<QueryDefinition>('POST', '/queries', query),
  deleteQuery: (name: string) => request<void>('DELETE', `/queries/${encodeURIComponent(name)}`),
  cypher: (query: string, params: Record<string, unknown> = {}) =>
    request<QueryResultJson>('POST', '/cypher', { query, params }),
  exportStix: (ids: string[]) =>
    get<Record<string, unknown>>('/export/stix', { ids: ids.length ? ids.join(',') : undefined }),
  importReview: () =>
    get<{ items: { incomingName: string; createdId: string; reason: string }[] }>(
      '/imports/review',
    ),
};
