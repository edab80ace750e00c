// Pulling a collection from any TAXII 2.1 server, as its steps: read where the last pull of
// it ended, fetch every page added since (following `next`), fetch the objects those refer to
// that earlier pulls brought, import the lot through the STIX importer (resolution, review
// list, change log), and remember where this pull ended. Credentials never reach a message.
import { v5 as uuidv5 } from 'uuid';
import type { ImportSummary } from '../../contract/exchange';
import type { Database } from '../../db/database';
import { parseStixBundle } from '../import/stix';
import { importBatch } from '../import/run';
import { readCursor, saveCursor } from './cursor';
import { versionOf } from './paging';
import { TAXII_MEDIA_TYPE } from './protocol';

interface TaxiiCredentials {
  user?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
}

export interface TaxiiPullRequest {
  /** The API root's URL, e.g. https://taxii.example.org/api1/ */
  apiRoot: string;
  collectionId: string;
  credentials?: TaxiiCredentials;
  /** Objects asked for a page (the server may send fewer). */
  pageSize?: number;
  /** Ignore the remembered added_after and read the whole collection. */
  full?: boolean;
  dryRun?: boolean;
  author?: string;
  cause?: string;
  onProgress?: (message: string) => void;
}

export interface TaxiiPullSummary {
  apiRoot: string;
  collectionId: string;
  collectionTitle: string;
  /** The added_after this pull asked with (null: the whole collection). */
  addedAfter: string | null;
  pages: number;
  /** New objects the pages held, and objects fetched again because new ones refer to them. */
  objects: number;
  referenced: number;
  /** Where the next pull starts. */
  cursor: string | null;
  /** The STIX import's summary; null when there was nothing new. */
  imported: ImportSummary | null;
}

/** A TAXII server that could not be reached, refused us, or answered something else. */
export class TaxiiPullError extends Error {
  constructor(
    message: string,
    /** What the API answers: 400 for a bad URL or collection, 502 for the server's fault. */
    readonly status: 400 | 502,
  ) {
    super(message);
    this.name = 'TaxiiPullError';
  }
}

const BUNDLE_NAMESPACE = '0d6c3c44-8a52-4f0e-9b1f-5e2a7f3d9c18';
const REQUEST_TIMEOUT_MS = 60_000;
/** A server that keeps saying "more" forever is cut off here. */
const MAX_PAGES = 10_000;
/** Ids per match[id] request for referenced objects (keeps the URL short). */
const IDS_PER_REQUEST = 40;

/** The API root as a URL ending in '/', without user:password (they go in a header). */
function normalisedApiRoot(apiRoot: string): string {
  let url: URL;
  try {
    url = new URL(apiRoot);
  } catch {
    throw new TaxiiPullError(
      `Not a URL: ${apiRoot.slice(0, 200)} (give the API root, e.g. https://taxii.example.org/api1/)`,
      400,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TaxiiPullError(`The API root must be an http(s) URL, not ${url.protocol}`, 400);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

function authorization(credentials: TaxiiCredentials = {}): Record<string, string> {
  if (credentials.token) return { Authorization: `Bearer ${credentials.token}` };
  if (credentials.user !== undefined || credentials.password !== undefined)
    return {
      Authorization: `Basic ${Buffer.from(`${credentials.user ?? ''}:${credentials.password ?? ''}`).toString('base64')}`,
    };
  return {};
}

interface TaxiiResponse {
  body: Record<string, unknown>;
  headers: Headers;
}

async function getTaxii(url: string, credentials?: TaxiiCredentials): Promise<TaxiiResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: TAXII_MEDIA_TYPE, ...authorization(credentials) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new TaxiiPullError(
      `Could not reach the TAXII server at ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      502,
    );
  }
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    // Reported below with the status: not JSON is not TAXII.
  }
  if (!response.ok) {
    const said = typeof body?.description === 'string' ? `: ${body.description.slice(0, 300)}` : '';
    const what =
      response.status === 401 || response.status === 403
        ? 'refused the credentials'
        : response.status === 404
          ? 'has no such resource'
          : 'answered an error';
    throw new TaxiiPullError(
      `The TAXII server ${what} (HTTP ${response.status}) for ${url}${said}`,
      response.status === 404 ? 400 : 502,
    );
  }
  if (!body)
    throw new TaxiiPullError(
      `The server at ${url} did not answer TAXII JSON (HTTP ${response.status})`,
      502,
    );
  return { body, headers: response.headers };
}

const objectsOf = (body: Record<string, unknown>): Record<string, unknown>[] =>
  Array.isArray(body.objects)
    ? (body.objects as unknown[]).filter(
        (o): o is Record<string, unknown> =>
          !!o && typeof o === 'object' && typeof (o as { id?: unknown }).id === 'string',
      )
    : [];

/** Every page added after `addedAfter`, following `next`; and the newest date added seen. */
async function fetchPages(
  objectsUrl: string,
  request: TaxiiPullRequest,
  addedAfter: string | undefined,
): Promise<{ objects: Record<string, unknown>[]; pages: number; newest: string | undefined }> {
  const objects: Record<string, unknown>[] = [];
  let newest: string | undefined;
  let next: string | undefined;
  for (let pages = 1; ; pages++) {
    const params = new URLSearchParams({ limit: String(request.pageSize ?? 500) });
    if (addedAfter) params.set('added_after', addedAfter);
    if (next) params.set('next', next);
    const { body, headers } = await getTaxii(`${objectsUrl}?${params}`, request.credentials);
    const page = objectsOf(body);
    objects.push(...page);
    const last = headers.get('X-TAXII-Date-Added-Last');
    if (
      last &&
      !Number.isNaN(Date.parse(last)) &&
      (!newest || Date.parse(last) > Date.parse(newest))
    )
      newest = last;
    request.onProgress?.(`page ${pages}: ${page.length} objects`);
    const following = typeof body.next === 'string' && body.next ? body.next : undefined;
    if (body.more !== true) return { objects, pages, newest };
    // medallion keeps one `next` for every page of a request; only an empty page is a loop.
    if (!following || !page.length)
      throw new TaxiiPullError(
        `The TAXII server said there is more after page ${pages} but gave no new "next" to ask for it`,
        502,
      );
    if (pages >= MAX_PAGES)
      throw new TaxiiPullError(`The collection is longer than ${MAX_PAGES} pages; stopped`, 502);
    next = following;
  }
}

/** Ids that new objects refer to (relationship ends, note/report refs) but do not hold. */
function missingRefs(objects: Record<string, unknown>[]): string[] {
  const held = new Set(objects.map((o) => String(o.id)));
  const refs = new Set<string>();
  for (const o of objects) {
    for (const key of ['source_ref', 'target_ref'])
      if (typeof o[key] === 'string') refs.add(o[key]);
    if (o.type !== 'report' && Array.isArray(o.object_refs))
      for (const ref of o.object_refs) if (typeof ref === 'string') refs.add(ref);
  }
  return [...refs].filter((id) => !held.has(id));
}

async function fetchReferenced(
  objectsUrl: string,
  ids: string[],
  credentials?: TaxiiCredentials,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    const chunk = ids.slice(i, i + IDS_PER_REQUEST);
    let next: string | undefined;
    do {
      const params = new URLSearchParams({ 'match[id]': chunk.join(',') });
      if (next) params.set('next', next);
      const { body } = await getTaxii(`${objectsUrl}?${params}`, credentials);
      found.push(...objectsOf(body));
      next = body.more === true && typeof body.next === 'string' ? body.next : undefined;
    } while (next);
  }
  return found;
}

/** One version of each object (the newest `modified`): the STIX importer takes one each. */
function newestVersions(objects: Record<string, unknown>[]): Record<string, unknown>[] {
  const byId = new Map<string, Record<string, unknown>>();
  for (const o of objects) {
    const held = byId.get(String(o.id));
    if (!held || versionOf(o) > versionOf(held)) byId.set(String(o.id), o);
  }
  return [...byId.values()];
}

export async function pullTaxiiCollection(
  db: Database,
  request: TaxiiPullRequest,
): Promise<TaxiiPullSummary> {
  const apiRoot = normalisedApiRoot(request.apiRoot);
  const { collectionId } = request;
  if (!/^[A-Za-z0-9._~-]{1,200}$/.test(collectionId))
    throw new TaxiiPullError(`Not a collection id: ${collectionId.slice(0, 200)}`, 400);
  const collectionUrl = `${apiRoot}collections/${collectionId}/`;
  const objectsUrl = `${collectionUrl}objects/`;

  const cursor = request.full ? undefined : await readCursor(db, apiRoot, collectionId);
  const addedAfter = cursor?.addedAfter ?? undefined;
  const { body: info } = await getTaxii(collectionUrl, request.credentials);
  if (info.can_read === false)
    throw new TaxiiPullError(
      `Collection ${collectionId} at ${apiRoot} cannot be read (can_read is false)`,
      502,
    );
  const title = typeof info.title === 'string' ? info.title : collectionId;

  const pages = await fetchPages(objectsUrl, request, addedAfter);
  const missing = missingRefs(pages.objects);
  const referenced = missing.length
    ? await fetchReferenced(objectsUrl, missing, request.credentials)
    : [];
  const objects = newestVersions([...pages.objects, ...referenced]);

  let imported: ImportSummary | null = null;
  if (pages.objects.length) {
    // One dataset per (server, collection): every pull of it adds to the same Source.
    const bundle = {
      type: 'bundle',
      id: `bundle--${uuidv5(`${apiRoot}|${collectionId}`, BUNDLE_NAMESPACE)}`,
      objects,
    };
    const batch = parseStixBundle(
      collectionUrl,
      JSON.stringify(bundle),
      `TAXII ${title} (${new URL(apiRoot).host})`,
    );
    // Only objects of types the model lacks: nothing to write, but they were read.
    const holdsSomething = batch.nodes.length > 1 || batch.relationships.length > 0;
    if (holdsSomething)
      imported = await importBatch(db, batch, {
        file: collectionUrl,
        dryRun: request.dryRun ?? false,
        ...(request.author ? { author: request.author } : {}),
        cause: request.cause ?? `TAXII pull of ${collectionUrl}`,
      });
  }
  const next = pages.newest ?? addedAfter ?? null;
  if (!request.dryRun)
    await saveCursor(db, {
      apiRoot,
      collectionId,
      addedAfter: next,
      pulledAt: new Date().toISOString(),
      objects: pages.objects.length,
    });
  return {
    apiRoot,
    collectionId,
    collectionTitle: title,
    addedAfter: addedAfter ?? null,
    pages: pages.pages,
    objects: pages.objects.length,
    referenced: referenced.length,
    cursor: next,
    imported,
  };
}
