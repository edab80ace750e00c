// TAXII 2.1's fixed vocabulary (OASIS TAXII 2.1, sections 1.6.8 and 3): its media types, its
// error message, and the Accept negotiation every endpoint does. Shared by the server and the
// client so both speak the same dialect.
import { v5 as uuidv5 } from 'uuid';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
/** The most objects one page carries; a larger `limit` is lowered to it (as the spec allows). */
export const TAXII_MAX_PAGE = 1000;

/** Namespace of the TAXII collection ids (a fixed random UUID): ids stay the same across runs. */
const COLLECTION_NAMESPACE = '8c0f6f1e-2b7a-4d55-9a0e-4f3c1d2e7b90';
export const collectionUuid = (ourId: string) => uuidv5(ourId, COLLECTION_NAMESPACE);

/** TAXII's error message resource (section 3.6.1); `http_status` is a string in 2.1. */
export interface TaxiiErrorMessage {
  title: string;
  description?: string;
  http_status?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function taxiiError(status: number, description: string): TaxiiErrorMessage {
  return { title: TITLES[status] ?? `HTTP ${status}`, description, http_status: String(status) };
}

/**
 * Whether an Accept header admits TAXII 2.1 JSON. No header, a wildcard, or
 * application/taxii+json with no version or version 2.1 does; anything else (another type,
 * TAXII 2.0, q=0) does not, and the server answers 406 (section 1.6.8.1).
 */
export function acceptsTaxii21(accept: string | undefined): boolean {
  if (accept === undefined || !accept.trim()) return true;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    const param = (name: string) =>
      params
        .map((p) => p.split('=').map((s) => s.trim().replace(/^"|"$/g, '')))
        .find(([key]) => key === name)?.[1];
    const q = param('q');
    if (q !== undefined && Number(q) === 0) return false;
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = param('version');
    return version === undefined || version === '2.1';
  });
}
