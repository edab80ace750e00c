// Reading one seed file (YAML or JSON) and checking it against the model's schemas.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { graphNodeSchema, relationshipSchema, type GraphNodeInput } from '../../model/model';

const seedFileSchema = z
  .object({
    /** The Source node for the document this file encodes; its relationships' default source. */
    document: z.string().regex(/^source:/, 'a Source id (source:...)'),
    nodes: z.array(z.unknown()),
    relationships: z.array(z.unknown()).default([]),
  })
  .strict();

type SeedNode = GraphNodeInput;
type SeedRelationship = z.infer<typeof relationshipSchema>;

export interface SeedFile {
  file: string;
  document: string;
  nodes: SeedNode[];
  relationships: SeedRelationship[];
}

export interface SeedProblem {
  file: string;
  /** The record: "nodes[3] (actor:apt31)" or "relationships[7] (ATTRIBUTED_TO a -> b)". */
  record?: string;
  field?: string;
  message: string;
}

export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `Seed data rejected; nothing was written. ${problems.length} problem(s):\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'SeedError';
  }
}

export function formatProblem(p: SeedProblem): string {
  return [p.file, p.record, p.field ? `field "${p.field}"` : undefined]
    .filter(Boolean)
    .join(': ')
    .concat(`: ${p.message}`);
}

export function describeNode(index: number, raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : undefined;
  return `nodes[${index}]${id ? ` (${id})` : ''}`;
}

export function describeRelationship(index: number, raw: unknown): string {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const what =
    typeof r.type === 'string' ? ` (${r.type} ${String(r.from)} -> ${String(r.to)})` : '';
  return `relationships[${index}]${what}`;
}

/** Parses text as YAML or JSON by the file's extension. */
function parseText(file: string, text: string): unknown {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return JSON.parse(text);
  if (ext === '.yaml' || ext === '.yml') return parseYaml(text, { prettyErrors: true });
  throw new Error(`unsupported file type "${ext || '(none)'}": use .yaml, .yml or .json`);
}

/** Reads and checks one file on its own; cross-file checks are in validate.ts. */
export function readSeedFile(file: string): { seed?: SeedFile; problems: SeedProblem[] } {
  let raw: unknown;
  try {
    raw = parseText(file, fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const message =
      error instanceof YAMLParseError || error instanceof SyntaxError
        ? `not valid ${path.extname(file).slice(1).toUpperCase()}: ${error.message.split('\n')[0]}`
        : error instanceof Error
          ? error.message
          : String(error);
    return { problems: [{ file, message }] };
  }
  const top = seedFileSchema.safeParse(raw);
  if (!top.success) {
    return {
      problems: top.error.issues.map((issue) => ({
        file,
        field: issue.path.join('.') || undefined,
        message:
          issue.path.length === 0
            ? `expected an object with document, nodes and relationships`
            : issue.message,
      })),
    };
  }
  const problems: SeedProblem[] = [];
  const nodes: SeedNode[] = [];
  top.data.nodes.forEach((rawNode, index) => {
    const parsed = graphNodeSchema.safeParse(rawNode);
    if (parsed.success) nodes.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          record: describeNode(index, rawNode),
          field: issue.path.join('.') || undefined,
          message: issueMessage(issue),
        });
  });
  const relationships: SeedRelationship[] = [];
  top.data.relationships.forEach((rawRel, index) => {
    const parsed = relationshipSchema.safeParse(rawRel);
    if (parsed.success) relationships.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          record: describeRelationship(index, rawRel),
          field: issue.path.join('.') || undefined,
          message: issueMessage(issue),
        });
  });
  return { seed: { file, document: top.data.document, nodes, relationships }, problems };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && issue.path.length === 1) {
    return `unknown ${issue.path[0] === 'label' ? 'label' : 'type'}`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}
