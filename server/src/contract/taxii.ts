// The query parameters of TAXII 2.1's object and manifest endpoints (section 3.4), as the
// spec spells them (match[type], added_after…), and the body of a pull the Data tab asks for.
import { z } from 'zod';
import { importSummary } from './exchange';

/** A list parameter: comma-separated (TAXII's OR), or repeated in the query string. */
const list = (what: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(200, `each ${what} at most 200 characters`)).max(1000))
    .optional();

const timestamp = (name: string) =>
  z
    .string()
    .refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)),
      `${name}: a STIX timestamp such as 2025-05-28T00:00:00.000Z`,
    );

export const taxiiObjectsQuery = z.object({
  added_after: timestamp('added_after').optional(),
  limit: z.coerce
    .number({ error: 'limit: a whole number above 0' })
    .int('limit: a whole number above 0')
    .positive('limit: a whole number above 0')
    .optional(),
  next: z.string().max(400, 'next: at most 400 characters').optional(),
  'match[id]': list('id'),
  'match[type]': list('type'),
  'match[version]': list('version'),
  'match[spec_version]': list('spec_version'),
});
export type TaxiiObjectsQuery = z.infer<typeof taxiiObjectsQuery>;

/** A pull the Data tab asks the server to make (POST /api/import/taxii). */
export const taxiiPullBody = z
  .object({
    apiRoot: z
      .url({ protocol: /^https?$/, error: 'apiRoot: an http(s) URL of a TAXII 2.1 API root' })
      .max(2000, 'apiRoot: at most 2000 characters')
      .meta({ description: "The API root's URL, e.g. https://taxii.example.org/api1/" }),
    collection: z
      .string()
      .regex(/^[A-Za-z0-9._~-]{1,200}$/, 'collection: a collection id such as a UUID')
      .meta({ description: 'The collection id' }),
    user: z.string().max(200).optional().meta({ description: 'HTTP Basic user' }),
    password: z.string().max(1000).optional().meta({ description: 'HTTP Basic password' }),
    token: z.string().max(4000).optional().meta({ description: 'Bearer token (instead of Basic)' }),
    full: z
      .boolean()
      .default(false)
      .meta({ description: 'Ignore the remembered added_after: read the whole collection' }),
    dryRun: z.boolean().default(false).meta({ description: 'Roll back and only report' }),
  })
  .strict()
  .meta({ id: 'TaxiiPullRequest' });
export type TaxiiPullBody = z.input<typeof taxiiPullBody>;

export const taxiiPullSummary = z
  .object({
    apiRoot: z.string(),
    collectionId: z.string(),
    collectionTitle: z.string(),
    addedAfter: z.string().nullable(),
    pages: z.number(),
    objects: z.number(),
    referenced: z.number(),
    cursor: z.string().nullable(),
    imported: importSummary.nullable(),
  })
  .meta({ id: 'TaxiiPullSummary' });
export type TaxiiPullSummaryJson = z.infer<typeof taxiiPullSummary>;
