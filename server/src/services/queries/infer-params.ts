// The parameters a query's text uses ($state, $`odd name`), read from its tokens so that a
// "$x" inside a string or a comment is not one. A query saved from the console declares
// none: each it uses gets a form field, typed as well as the text tells.
import type { ParamSpec } from './definition';
import { tokenize, type Token } from './cypher-lexer';

/** `{id: $x}` or `n.id = $x`: the parameter names a node, so the form offers a node picker. */
function comparedWithId(tokens: Token[], index: number): boolean {
  const dollar = tokens[index]?.before;
  const before = dollar?.before;
  if (!before) return false;
  if (before.text === ':' && before.before?.text === 'id') return true;
  return before.text === '=' && before.before?.text === 'id' && before.before.before?.text === '.';
}

/**
 * Specs for the parameters the text uses and `declared` lacks: a node (any label) when the
 * text compares it with an id, else text; required, as the query cannot run without them.
 */
export function inferParams(
  cypher: string,
  declared: Record<string, ParamSpec>,
): Record<string, ParamSpec> {
  let tokens: Token[];
  try {
    tokens = tokenize(cypher);
  } catch {
    // Text the lexer refuses is refused by the guard, which says why; nothing to infer.
    return {};
  }
  const inferred: Record<string, ParamSpec> = {};
  tokens.forEach((token, i) => {
    if (token.before?.text !== '$' || token.before.kind !== 'symbol') return;
    if (token.kind !== 'word' && token.kind !== 'name') return;
    if (token.text in declared) return;
    const asNode = comparedWithId(tokens, i);
    const previous = inferred[token.text];
    if (previous && (previous.type === 'node' || !asNode)) return;
    inferred[token.text] = {
      type: asNode ? 'node' : 'string',
      required: true,
      description: 'Used by the query (its type read from the text)',
    };
  });
  return inferred;
}
