// The inspector's view of a node: what it is (aliases, description, properties), who made it
// and what it is about (a statement), its relationships per type (each expands that type on
// the canvas), its references (Sources, each linked to its URL) and the statements about it.
import type { NodeDetail } from '../api';
import { h } from '../dom';
import { renderMarkdown } from '../markdown';
import { userText } from '../user-text';
import {
  action,
  badge,
  externalLink,
  joinAnd,
  markingBadge,
  row,
  sourceItem,
  str,
} from './inspector-parts';

const HIDDEN_PROPS = new Set([
  'id',
  'label',
  'name',
  'aliases',
  'description',
  'degree',
  'sources',
  'text',
  'url',
  'file',
  'publisher',
  'published',
  'marking',
]);
/** References listed open; more than this, the list starts folded. */
const OPEN_REFERENCES = 8;

export interface NodeViewActions {
  /** Adds a node and its neighbours to the canvas. */
  navigate: (id: string) => void;
  /** Adds a node's neighbours of these types. */
  expand: (id: string, types: string[]) => void;
  /** Shows another node (a Source) in the inspector. */
  open: (id: string) => void;
}

/**
 * `answers`: sections that answer the node's own question (a Source's claims, an Actor's
 * targets, a State's attackers), shown after what it is and before the details.
 */
export function nodeView(
  detail: NodeDetail,
  actions: NodeViewActions,
  answers: (Node | null)[] = [],
): (Node | null)[] {
  const { node, degree, statements, sources, speakers, subjects } = detail;
  const name = (n: { id: string; name: string }) => action(n.name, () => actions.navigate(n.id));
  const props = Object.entries(node).filter(([k]) => !HIDDEN_PROPS.has(k));
  const citing = { sources, openSource: actions.open };
  return [
    h(
      'header',
      {},
      badge(node.label),
      markingBadge(node.marking),
      h('h2', {}, userText(node.name)),
    ),
    Array.isArray(node.aliases) && node.aliases.length
      ? h(
          'p',
          { class: 'aliases' },
          'Also known as ',
          h('strong', {}, ...node.aliases.flatMap((a, i) => [i ? ', ' : '', userText(str(a))])),
        )
      : null,
    // A Source's URL first: it is where the claims it supports can be checked.
    typeof node.url === 'string'
      ? h('p', { class: 'source-url' }, externalLink(node.url, `${node.url} ↗`))
      : null,
    typeof node.publisher === 'string' || typeof node.published === 'string'
      ? h(
          'p',
          { class: 'meta' },
          userText(
            [node.publisher, node.published].filter((x) => typeof x === 'string').join(', '),
          ),
        )
      : null,
    typeof node.description === 'string' ? renderMarkdown(node.description, citing) : null,
    typeof node.text === 'string'
      ? h(
          'blockquote',
          {},
          ...(node.verbatim === true ? ['“', userText(node.text), '”'] : [userText(node.text)]),
        )
      : null,
    speakers.length
      ? h('p', { class: 'speakers' }, 'Made by ', ...joinAnd(speakers.map(name)))
      : null,
    subjects.length
      ? h('p', { class: 'subjects' }, 'About ', ...joinAnd(subjects.map(name)))
      : null,
    ...answers,
    h('h3', {}, 'Relationships'),
    Object.keys(degree).length
      ? h(
          'ul',
          { class: 'degree' },
          ...Object.entries(degree).map(([type, d]) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  class: 'link',
                  'data-type': type,
                  title: `Add its ${type} neighbours to the canvas`,
                  onclick: () => actions.expand(node.id, [type]),
                },
                `${type}: ${d.out} out, ${d.in} in`,
              ),
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'None.'),
    sources.length ? referencesList(sources, actions.open) : null,
    statements.length ? h('h3', {}, 'Statements about ', userText(node.name)) : null,
    ...statements.map((s) =>
      h(
        'article',
        { class: 'statement' },
        h(
          'blockquote',
          {},
          ...(s.verbatim ? ['“', userText(str(s.text)), '”'] : [userText(str(s.text))]),
        ),
        h(
          'p',
          { class: 'meta' },
          ...joinAnd(
            [...(s.speakers ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map(name),
          ),
          s.date ? ` · ${str(s.date)}` : '',
          ...(s.channel ? [' · on ', userText(str(s.channel))] : []),
          s.verbatim ? ' · verbatim' : ' · reported',
        ),
      ),
    ),
    h('h3', {}, 'Details'),
    h(
      'table',
      { class: 'props' },
      h(
        'tbody',
        {},
        row('id', node.id),
        row('stored text', node.file),
        ...props.map(([k, v]) => row(k, v)),
      ),
    ),
  ];
}

/** The node's own references, each linked to its URL and to what it supports. */
function referencesList(sources: NodeDetail['sources'], open: (id: string) => void): HTMLElement {
  return h(
    'details',
    { class: 'references', open: sources.length <= OPEN_REFERENCES },
    h('summary', {}, h('h3', {}, `References (${sources.length})`)),
    h('ul', { class: 'sources' }, ...sources.map((s) => sourceItem(s, open))),
  );
}
