// The form fields of a label's or a relationship type's own properties, read off the model's
// zod schemas (through their JSON Schema), so that the explorer's forms follow the model.
import { z } from 'zod';
import type { FieldSpec } from '../contract/explorer';
import { isoDate } from '../model/model';

interface JsonSchema {
  type?: string;
  enum?: string[];
  pattern?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const DATE_PATTERN = (z.toJSONSchema(isoDate) as JsonSchema).pattern;

function fieldOf(name: string, schema: JsonSchema, required: boolean): FieldSpec {
  const base = { name, required };
  if (schema.enum) return { ...base, kind: 'choice', values: schema.enum };
  if (schema.type === 'boolean') return { ...base, kind: 'boolean' };
  if (schema.type === 'array') return { ...base, kind: 'list' };
  if (schema.format === 'uri') return { ...base, kind: 'url' };
  if (schema.pattern === DATE_PATTERN) return { ...base, kind: 'date' };
  return { ...base, kind: 'text', ...(schema.pattern ? { pattern: schema.pattern } : {}) };
}

export function fieldsOf(shape: z.ZodRawShape): FieldSpec[] {
  const schema = z.toJSONSchema(z.object(shape)) as JsonSchema;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, s]) =>
    fieldOf(name, s, required.has(name)),
  );
}
