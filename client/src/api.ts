// The client's only door to the server. Error answers become ApiError (errors.ts puts them
// into words for the user).
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
import type {
  ImportSummary,
  ReviewDecisionBody,
  ReviewEntry,
} from '../../server/src/contract/exchange';
import type { SourceClaims } from '../../server/src/contract/provenance';
import type { TaxiiPullBody, TaxiiPullSummaryJson } from '../../server/src/contract/taxii';
import type {
  Investigation,
  InvestigationCreateBody,
  InvestigationList,
  InvestigationUpdateBody,
  InvestigationView,
  NodePositions,
} from '../../server/src/contract/investigations';
import type { VictimologyResult } from '../../server/src/contract/victimology';
import type { AssessmentResult, WhatChangedResult } from '../../server/src/contract/assessment';
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
import type { CommitResult, IngestDraft, ReviewBody } from '../../server/src/contract/ingest';
import type {
  ParamSpec,
  QueryResultJson,
  SavedQuery as QueryDefinition,
  SavedQueryInput,
  SavedQueryResult,
} from '../../server/src/contract/queries';

type IngestSource = NonNullable<ReviewBody['source']>;
type DraftList = {
  drafts: { draftId: string; created: string; author: string; title?: string; claims: number }[];
};

export type { CommitResult, IngestDraft, IngestSource, ReviewBody };
export type {
  AssessmentResult,
  WhatChangedResult,
  GraphJson,
  PathsResult,
  Investigation,
  InvestigationView,
  NodePositions,
  NodeDetail,
  RelationshipDetail,
  SourceClaims,
  VictimologyResult,
  SchemaInfo,
  SearchHit,
  QueryDefinition,
  ParamSpec,
  QueryResultJson,
  ImportSummary,
  ReviewEntry,
  ChangeRecord,
  NodeCreateBody,
  RelationshipCreateBody,
  WrittenNode,
  WrittenRelationship,
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
    /** Seconds the server asks us to wait (its Retry-After header), when it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorDetails {
  position?: { line: number; column: number; offset: number };
  /** A refused write: the entity that exists, the current state, what uses a node. */
  existing?: unknown;
  current?: Record<string, unknown> & { version?: string };
  uses?: { id: string; kind: string; type?: string; source?: string; target?: string }[];
}

/** A request that never got an answer (server down, network gone). */
export function networkError(): ApiError {
  return new ApiError(0, 'network', 'The request got no answer from the server');
}

/** What the server answered, read the same way for fetch and for uploads (XMLHttpRequest). */
interface Answer {
  status: number;
  statusText: string;
  json: unknown;
  retryAfter: string | null;
}

/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110); else undefined. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** An error answer as ApiError: the API's { error: { code, message, details? } }, else its status. */
export function toApiError(answer: Answer): ApiError {
  // Not every error answer is the API's (a proxy's 502 page, say): every field may be missing.
  const error = (answer.json as Partial<ApiErrorBody> | undefined)?.error;
  return new ApiError(
    answer.status,
    error?.code ?? 'http',
    error?.message ?? answer.statusText,
    error?.details as ErrorDetails | undefined,
    retryAfterSeconds(answer.retryAfter),
  );
}

const TOKEN_KEY = 'attribution-graph:token';

/** The Authorization header for a server that needs tokens (empty when none is kept). */
function authHeader(): Record<string, string> {
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

/**
 * What every call does with an answer: on 401/403 asks once for a token and tries again
 * (`retry`, absent on the second try); an error answer becomes ApiError.
 */
function settle<T>(
  answer: Answer,
  retry: (() => Promise<T>) | undefined,
  /** The token the request was sent with (null: none). */
  sent: string | null,
): Promise<T> {
  const message = (answer.json as { error?: { message?: string } } | undefined)?.error?.message;
  if ((answer.status === 401 || answer.status === 403) && retry) {
    // Requests sent together before a token was kept all come back 401: the first asks, the
    // others try again with what it kept rather than throw it away and ask again.
    const kept = localStorage.getItem(TOKEN_KEY);
    if (kept !== null && kept !== sent) return retry();
    if (answer.status === 401) localStorage.removeItem(TOKEN_KEY);
    if (askForToken(message ?? 'This server needs an access token')) return retry();
  }
  if (answer.status < 200 || answer.status > 299) return Promise.reject(toApiError(answer));
  return Promise.resolve(answer.json as T);
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  retried = false,
): Promise<T> {
  const sent = localStorage.getItem(TOKEN_KEY);
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
    throw networkError();
  }
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => ({}));
  return settle<T>(
    {
      status: response.status,
      statusText: response.statusText,
      json,
      retryAfter: response.headers.get('retry-after'),
    },
    retried ? undefined : () => request<T>(method, path, body, true),
    sent,
  );
}

/** A POST of a large text body that reports upload progress (fetch cannot), else like request. */
async function upload<T>(
  path: string,
  body: string,
  onProgress: (fraction: number) => void,
  retried = false,
): Promise<T> {
  const sent = localStorage.getItem(TOKEN_KEY);
  const answer = await new Promise<Answer>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/json');
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = {};
      }
      resolve({
        status: xhr.status,
        statusText: xhr.statusText,
        json,
        retryAfter: xhr.getResponseHeader('retry-after'),
      });
    };
    xhr.onerror = () => reject(networkError());
    xhr.send(body);
  });
  return settle<T>(
    answer,
    retried ? undefined : () => upload<T>(path, body, onProgress, true),
    sent,
  );
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

/**
 * "As known on" (YYYY-MM-DD): every graph read (search, neighbours, paths, subgraph,
 * assessment) shows only what had been said by then. Set by the explorer from the view state.
 */
let knownOn: string | undefined;
export function setKnownOn(date: string | undefined): void {
  knownOn = date;
}

/** Retracted claims are hidden unless the view asks for them (query string value). */
const retracted = (show?: boolean) => (show ? 'true' : undefined);

export const api = {
  schema: () => get<SchemaInfo>('/schema'),
  search: (q: string, limit = 8, types?: string[], includeRetracted?: boolean) =>
    get<{ hits: SearchHit[] }>('/search', {
      q,
      limit,
      types: list(types),
      includeRetracted: retracted(includeRetracted),
      asOf: knownOn,
    }),
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
      asOf: knownOn,
    }),
  relationship: (id: string) => get<RelationshipDetail>(`/relationships/${encodeURIComponent(id)}`),
  paths: (
    from: string,
    to: string,
    options: { rels?: string[]; types?: string[]; includeRetracted?: boolean } = {},
  ) =>
    get<PathsResult>('/paths', {
      from,
      to,
      rels: list(options.rels),
      types: list(options.types),
      includeRetracted: retracted(options.includeRetracted),
      asOf: knownOn,
    }),
  sourceClaims: (id: string, limit = 100) =>
    get<SourceClaims>(`/sources/${encodeURIComponent(id)}/claims`, { limit }),
  targets: (id: string) =>
    get<VictimologyResult>(`/nodes/${encodeURIComponent(id)}/targets`, { asOf: knownOn }),
  attackers: (id: string) =>
    get<VictimologyResult>(`/nodes/${encodeURIComponent(id)}/attackers`, { asOf: knownOn }),
  graph: (ids: string[], includeRetracted?: boolean) =>
    get<GraphJson>('/graph', {
      ids: ids.join(','),
      includeRetracted: retracted(includeRetracted),
      asOf: knownOn,
    }),
  assessment: (id: string, includeRetracted?: boolean) =>
    get<AssessmentResult>(`/assessments/${encodeURIComponent(id)}`, {
      asOf: knownOn,
      includeRetracted: retracted(includeRetracted),
    }),
  whatChanged: (from: string, to: string) => get<WhatChangedResult>('/what-changed', { from, to }),
  queries: () => get<{ queries: QueryDefinition[] }>('/queries'),
  runQuery: (name: string, params: Record<string, unknown>) =>
    request<SavedQueryResult>('POST', `/queries/${encodeURIComponent(name)}/run`, { params }),
  saveQuery: (query: SavedQueryInput) => request<QueryDefinition>('POST', '/queries', query),
  deleteQuery: (name: string) => request<void>('DELETE', `/queries/${encodeURIComponent(name)}`),
  cypher: (query: string, params: Record<string, unknown> = {}) =>
    request<QueryResultJson>('POST', '/cypher', { query, params }),
  /** Exactly a view: these nodes, and of the relationships among them only these. */
  exportView: (view: { ids: string[]; relationships: string[] }) =>
    request<Record<string, unknown>>('POST', '/export/stix', view),
  importFile: (
    format: 'stix' | 'misp-galaxy',
    text: string,
    options: { dryRun: boolean; onProgress: (fraction: number) => void },
  ) =>
    upload<ImportSummary>(
      `/import?format=${format}&dryRun=${options.dryRun}`,
      text,
      options.onProgress,
    ),
  pullTaxii: (body: TaxiiPullBody) => request<TaxiiPullSummaryJson>('POST', '/import/taxii', body),
  importReview: () => get<{ items: ReviewEntry[] }>('/imports/review'),
  decideReview: (id: string, body: ReviewDecisionBody) =>
    request<ReviewEntry>('POST', `/imports/review/${encodeURIComponent(id)}/decision`, body),
};

const enc = encodeURIComponent;

/** Saved investigations: canvases with their positions and notes. */
export const investigations = {
  list: () => get<InvestigationList>('/investigations'),
  get: (id: string) => get<Investigation>(`/investigations/${enc(id)}`),
  create: (body: InvestigationCreateBody) =>
    request<Investigation>('POST', '/investigations', body),
  update: (id: string, body: InvestigationUpdateBody) =>
    request<Investigation>('PUT', `/investigations/${enc(id)}`, body),
  remove: (id: string) => request<void>('DELETE', `/investigations/${enc(id)}`),
};

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
  /** Retracts a node that is a claim (a Statement); the schema's `claim` says which labels are. */
  retractNode: (id: string, reason: string, version: string) =>
    request<WrittenNode>('POST', `/nodes/${enc(id)}/retract`, { reason, version }),
  merge: (body: MergeBody) => request<MergeResult>('POST', '/nodes/merge', body),
  history: (kind: 'node' | 'relationship', id: string) =>
    get<ChangeList>(`/${kind === 'node' ? 'nodes' : 'relationships'}/${enc(id)}/history`),
  revert: (changeId: string) =>
    request<RevertResult>('POST', `/changes/${enc(changeId)}/revert`, {}),
};

/** A multipart POST (an uploaded report), read like every other answer. */
async function postForm<T>(path: string, form: FormData, retried = false): Promise<T> {
  const sent = localStorage.getItem(TOKEN_KEY);
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', ...authHeader() },
      body: form,
    });
  } catch {
    throw networkError();
  }
  const json: unknown = await response.json().catch(() => ({}));
  return settle<T>(
    {
      status: response.status,
      statusText: response.statusText,
      json,
      retryAfter: response.headers.get('retry-after'),
    },
    retried ? undefined : () => postForm<T>(path, form, true),
    sent,
  );
}

/** Ingestion of reports: drafts proposed by the server, reviewed here, then committed. */
export const ingest = {
  propose: (text: string, source: IngestSource) =>
    request<IngestDraft>('POST', '/ingest', { text, source }),
  proposeFile: (file: File, source: IngestSource) => {
    const form = new FormData();
    form.set('file', file, file.name);
    for (const [k, v] of Object.entries(source)) if (v) form.set(k, v);
    return postForm<IngestDraft>('/ingest', form);
  },
  drafts: () => get<DraftList>('/ingest'),
  draft: (id: string) => get<IngestDraft>(`/ingest/${enc(id)}`),
  save: (id: string, review: ReviewBody) =>
    request<IngestDraft>('PUT', `/ingest/${enc(id)}`, review),
  discard: (id: string) => request<void>('DELETE', `/ingest/${enc(id)}`),
  commit: (id: string, review: ReviewBody) =>
    request<CommitResult>('POST', `/ingest/${enc(id)}/commit`, review),
};
