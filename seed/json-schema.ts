// The JSON Schema of a seed file, generated from the model (editors use it for completion
// and checks). `npm run seed:schema` writes seed/seed-file.schema.json; a test keeps the
// committed file in step with the model.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { graphNodeSchema, relationshipSchema } from '../server/src/model/model';

export const SCHEMA_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'seed-file.schema.json',
);

export function seedFileJsonSchema(): string {
  const schema = z.object({
    document: z.string().regex(/^source:/),
    nodes: z.array(graphNodeSchema),
    relationships: z.array(relationshipSchema),
  });
  return (
    JSON.stringify(
      { title: 'attribution-graph seed file', ...z.toJSONSchema(schema, { io: 'input' }) },
      null,
      2,
    ) + '\n'
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(SCHEMA_FILE, seedFileJsonSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
