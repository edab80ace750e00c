// The inspector: what a node is (properties, aliases, statements about it) and why an edge
// exists (evidence quote, sources, who asserts it, dates, confidence, disputes).
import { api, type NodeDetail, type RelationshipDetail } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import { labelStyle } from '../palette';
import type { Panel } from './panel';
import { userText } from '../user-text';

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
  return h('tr', {}, h('th', {}, userText(name)), h('td', {}, userText(str(value))));
}

/** Parts other panels add under a node or an edge (the editor's actions and history). */
export interface InspectorExtras {
  node?: (detail: NodeDetail) => Node;
  edge?: (detail: RelationshipDetail) => Node;
}

export interface InspectorPanel extends Panel {
  showNode(id: string): Promise<void>;
  showEdge(id: string): Promise<void>;
  clear(): void;
}

export function createInspectorPanel(deps: {
  navigate: (nodeId: string) => void;
  extras?: InspectorExtras;
}): InspectorPanel {
  const element = byId('inspector');
  const extras = deps.extras ?? {};
  /** The latest request: an answer to an older one is dropped. */
  let seq = 0;

  const render = (...children: (Node | null | false)[]): void => {
    element.replaceChildren(...children.filter((c): c is Node => Boolean(c)));
  };
  const showError = (error: unknown): void =>
    render(h('p', { class: 'error' }, describeError(error)));
  const link = (n: { id: string; name: string }) =>
    h(
      'a',
      { href: '#', onclick: (e: Event) => (e.preventDefault(), deps.navigate(n.id)) },
      userText(n.name),
    );

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
      const detail = await api.node(id);
      const { node, degree, statements } = detail;
      if (mine !== seq) return;
      const props = Object.entries(node).filter(([k]) => !HIDDEN_PROPS.has(k));
      render(
        h('header', {}, badge(node.label), h('h2', {}, userText(node.name))),
        Array.isArray(node.aliases) && node.aliases.length
          ? h(
              'p',
              { class: 'aliases' },
              'Also known as ',
              h('strong', {}, ...node.aliases.flatMap((a, i) => [i ? ', ' : '', userText(str(a))])),
            )
          : null,
        typeof node.description === 'string' ? h('p', {}, userText(node.description)) : null,
        typeof node.text === 'string' ? h('blockquote', {}, userText(node.text)) : null,
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
              ...(s.speakers as { id: string; name: string }[]).flatMap((sp) => [link(sp), ' ']),
              s.date ? `· ${str(s.date)} ` : '',
              ...(s.channel ? ['· on ', userText(str(s.channel)), ' '] : []),
              s.verbatim ? '· verbatim' : '· reported',
            ),
          ),
        ),
        extras.node?.(detail) ?? null,
      );
    } catch (error) {
      if (mine === seq) showError(error);
    }
  }

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
        h('p', { class: 'hint' }, userText(d.description)),
        typeof r.evidence === 'string'
          ? h(
              'figure',
              { class: 'evidence' },
              h('blockquote', {}, '“', userText(r.evidence), '”'),
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
                ? h(
                    'a',
                    { href: s.url, target: '_blank', rel: 'noopener noreferrer' },
                    userText(s.name),
                  )
                : h('span', {}, userText(s.name)),
              s.published ? h('small', {}, ` (${str(s.published)})`) : null,
            ),
          ),
        ),
        h('p', { class: 'meta' }, `id ${r.id}`),
        extras.edge?.(d) ?? null,
      );
    } catch (error) {
      if (mine === seq) showError(error);
    }
  }

  return { element, showNode, showEdge, clear };
}
