// The inspector: what a node is (properties, aliases, statements about it) and why an edge
// exists (evidence quote, sources, who asserts it, dates, confidence, disputes). Descriptions
// and evidence are Markdown from the data: shown safely rendered, with their citations linked.
import { api } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import { renderMarkdown } from '../markdown';
import { labelStyle } from '../palette';
import type { Panel } from './panel';

/** Text of a property value; objects never turn into [object Object]. */
const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : Array.isArray(v)
      ? v.map(str).join(', ')
      : '';

const HIDDEN_PROPS = new Set([
  'id',
  'label',
  'name',
  'aliases',
  'description',
  'degree',
  'sources',
  'text',
]);

function badge(label: string) {
  return h('span', { class: 'badge', style: `background:${labelStyle(label).color}` }, label);
}

function row(name: string, value: unknown) {
  if (value === undefined || value === null || value === '') return null;
  return h('tr', {}, h('th', {}, name), h('td', {}, str(value)));
}

export interface InspectorPanel extends Panel {
  showNode(id: string): Promise<void>;
  showEdge(id: string): Promise<void>;
  clear(): void;
}

export function createInspectorPanel(deps: { navigate: (nodeId: string) => void }): InspectorPanel {
  const element = byId('inspector');
  /** The latest request: an answer to an older one is dropped. */
  let seq = 0;

  const render = (...children: (Node | null | false)[]): void => {
    element.replaceChildren(...children.filter((c): c is Node => Boolean(c)));
  };
  const showError = (error: unknown): void =>
    render(h('p', { class: 'error' }, describeError(error)));
  const link = (n: { id: string; name: string }) =>
    h('a', { href: '#', onclick: (e: Event) => (e.preventDefault(), deps.navigate(n.id)) }, n.name);

  const clear = (): void =>
    render(
      h(
        'p',
        { class: 'hint' },
        'Click a node or a relationship to see what it is and why it exists.',
      ),
    );

  async function showNode(id: string): Promise<void> {
    const mine = ++seq;
    render(h('p', { class: 'hint' }, 'Loading…'));
    try {
      const { node, degree, statements, sources } = await api.node(id);
      if (mine !== seq) return;
      const citing = { sources, openSource };
      const props = Object.entries(node).filter(([k]) => !HIDDEN_PROPS.has(k));
      render(
        h('header', {}, badge(node.label), h('h2', {}, node.name)),
        Array.isArray(node.aliases) && node.aliases.length
          ? h('p', { class: 'aliases' }, 'Also known as ', h('strong', {}, node.aliases.join(', ')))
          : null,
        typeof node.description === 'string' ? renderMarkdown(node.description, citing) : null,
        typeof node.text === 'string' ? h('blockquote', {}, node.text) : null,
        h(
          'table',
          { class: 'props' },
          h('tbody', {}, row('id', node.id), ...props.map(([k, v]) => row(k, v))),
        ),
        h('h3', {}, 'Relationships'),
        h(
          'ul',
          { class: 'degree' },
          ...Object.entries(degree).map(([type, d]) =>
            h('li', {}, `${type}: ${d.out} out, ${d.in} in`),
          ),
        ),
        statements.length ? h('h3', {}, `Statements about ${node.name}`) : null,
        ...statements.map((s) =>
          h(
            'article',
            { class: 'statement' },
            h('blockquote', {}, s.verbatim ? `“${str(s.text)}”` : str(s.text)),
            h(
              'p',
              { class: 'meta' },
              ...(s.speakers as { id: string; name: string }[]).flatMap((sp) => [link(sp), ' ']),
              s.date ? `· ${str(s.date)} ` : '',
              s.channel ? `· on ${str(s.channel)} ` : '',
              s.verbatim ? '· verbatim' : '· reported',
            ),
          ),
        ),
      );
    } catch (error) {
      if (mine === seq) showError(error);
    }
  }

  /** A citation's link: the Source it names, in the inspector. */
  const openSource = (sourceId: string): void => void showNode(sourceId);

  async function showEdge(id: string): Promise<void> {
    const mine = ++seq;
    render(h('p', { class: 'hint' }, 'Loading…'));
    try {
      const d = await api.relationship(id);
      if (mine !== seq) return;
      const r = d.relationship;
      render(
        h(
          'header',
          {},
          h('span', { class: 'badge rel' }, r.type),
          h('h2', {}, link(d.from), ' → ', link(d.to)),
        ),
        h('p', { class: 'hint' }, d.description),
        typeof r.evidence === 'string'
          ? h(
              'figure',
              { class: 'evidence' },
              h(
                'blockquote',
                {},
                '“',
                renderMarkdown(r.evidence, { sources: d.sources, openSource, inline: true }),
                '”',
              ),
              h('figcaption', {}, 'Evidence quote'),
            )
          : null,
        h(
          'table',
          { class: 'props' },
          h(
            'tbody',
            {},
            row('asserted by', d.assertedBy?.name),
            row('date', r.date),
            row('since', r.since),
            row('until', r.until),
            row('confidence', r.confidence),
            row('role', r.role),
            row('action', r.action),
            d.disputedBy.length
              ? row(
                  'disputed by',
                  d.disputedBy.map((x) => x.name),
                )
              : null,
          ),
        ),
        h('h3', {}, 'Sources'),
        h(
          'ul',
          { class: 'sources' },
          ...d.sources.map((s) =>
            h(
              'li',
              {},
              typeof s.url === 'string'
                ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.name)
                : h('span', {}, s.name),
              s.published ? h('small', {}, ` (${str(s.published)})`) : null,
            ),
          ),
        ),
        h('p', { class: 'meta' }, `id ${r.id}`),
      );
    } catch (error) {
      if (mine === seq) showError(error);
    }
  }

  return { element, showNode, showEdge, clear };
}
