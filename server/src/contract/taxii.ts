// The query parameters of TAXII 2.1's object and manifest endpoints (section 3.4), as the
// spec spells them (match[type], added_after…), and the body of a pull the Data tab asks for.
import { z } from 'zod';

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
