// Reads the leading comment block of a .cypher file: YAML after "// ", up to the first line
// that is not a comment. Errors name the file and the line.
import { LineCounter, parseDocument, isNode as isYamlNode } from 'yaml';
import { queryHeaderSchema, type QueryHeader } from './definition';

export class QueryHeaderError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'QueryHeaderError';
  }
}

export function parseQueryFile(
  file: string,
  text: string,
): { header: QueryHeader; cypher: string } {
  const lines = text.split(/\r?\n/);
  let end = 0;
  while (end < lines.length && /^\s*\/\//.test(lines[end]!)) end++;
  if (end === 0)
    throw new QueryHeaderError(
      file,
      1,
      'expected a header of // comment lines (title, description, result, params)',
    );
  const yamlText = lines
    .slice(0, end)
    .map((l) => l.replace(/^\s*\/\/ ?/, ''))
    .join('\n');
  const cypher = lines.slice(end).join('\n').trim();
  if (!cypher) throw new QueryHeaderError(file, end + 1, 'the query is missing after the header');

  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = counter.linePos(yamlError.pos[0]).line;
    throw new QueryHeaderError(
      file,
      line,
      `header is not valid YAML: ${yamlError.message.split('\n')[0]}`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    // e.g. an alias (*name) to an anchor that does not exist: found only when resolved.
    throw new QueryHeaderError(file, 1, `header is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = queryHeaderSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Point at the deepest part of the path that exists in the header.
    let line = 1;
    for (let depth = issue.path.length; depth > 0; depth--) {
      const node: unknown = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true);
      if (isYamlNode(node) && node.range) {
        line = counter.linePos(node.range[0]).line;
        break;
      }
    }
    const where = issue.path.join('.');
    throw new QueryHeaderError(file, line, `${where ? `${where}: ` : ''}${issue.message}`);
  }
  return { header: parsed.data, cypher };
}
