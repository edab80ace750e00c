// The inspector: what a node is (properties, aliases, statements about it) and why an edge
// exists (evidence quote, sources, who asserts it, dates, confidence, disputes).
import { api, type NodeDetail, type RelationshipDetail } from '../api';
import { byId, h } from '../dom';
import { LABEL_STYLE } from '../style';

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
  return h(
    'span',
    { class: 'badge', style: `background:${LABEL_STYLE[label]?.color ?? '#888'}` },
    label,
  );
}

function row(name: string, value: unknown) {
  if (value === undefined || value === null || value === '') return null;
  return h('tr', {}, h('th', {}, name), h('td', {}, str(value)));
}

/** Parts other panels add under a node or an edge (the editor's actions and history). */
export interface InspectorExtras {
  node?: (detail: NodeDetail) => Node;
  edge?: (detail: RelationshipDetail) => Node;
}

export class Inspector {
  private readonly root = byId('inspector');
  private seq = 0;

  constructor(
    private readonly onNavigate: (nodeId: string) => void,
    private readonly extras: InspectorExtras = {},
  ) {}

  private render(...children: (Node | null | false)[]): void {
    this.root.replaceChildren(...children.filter((c): c is Node => Boolean(c)));
  }

  clear(): void {
    this.render(
      h(
        'p',
        { class: 'hint' },
        'Click a node or a relationship to see what it is and why it exists.',
      ),
    );
  }

  private loading(mine: number): boolean {
    if (mine !== this.seq) return false;
    return true;
  }

  async showNode(id: string): Promise<void> {
    const mine = ++this.seq;
    this.render(h('p', { class: 'hint' }, 'Loading…'));
    try {
      const detail = await api.node(id);
      const { node, degree, statements } = detail;
      if (!this.loading(mine)) return;
      const props = Object.entries(node).filter(([k]) => !HIDDEN_PROPS.has(k));
      this.render(
        h('header', {}, badge(node.label), h('h2', {}, node.name)),
        Array.isArray(node.aliases) && node.aliases.length
          ? h('p', { class: 'aliases' }, 'Also known as ', h('strong', {}, node.aliases.join(', ')))
          : null,
        typeof node.description === 'string' ? h('p', {}, node.description) : null,
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
              ...(s.speakers as { id: string; name: string }[]).flatMap((sp) => [
                h(
                  'a',
                  {
                    href: '#',
                    onclick: (e: Event) => (e.preventDefault(), this.onNavigate(sp.id)),
                  },
                  sp.name,
                ),
                ' ',
              ]),
              s.date ? `· ${str(s.date)} ` : '',
              s.channel ? `· on ${str(s.channel)} ` : '',
              s.verbatim ? '· verbatim' : '· reported',
            ),
          ),
        ),
        this.extras.node?.(detail) ?? null,
      );
    } catch (error) {
      if (this.loading(mine)) this.showError(error);
    }
  }

  async showEdge(id: string): Promise<void> {
    const mine = ++this.seq;
    this.render(h('p', { class: 'hint' }, 'Loading…'));
    try {
      const d = await api.relationship(id);
      if (!this.loading(mine)) return;
      const r = d.relationship;
      const link = (n: { id: string; name: string }) =>
        h(
          'a',
          { href: '#', onclick: (e: Event) => (e.preventDefault(), this.onNavigate(n.id)) },
          n.name,
        );
      this.render(
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
              h('blockquote', {}, `“${r.evidence}”`),
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
        this.extras.edge?.(d) ?? null,
      );
    } catch (error) {
      if (this.loading(mine)) this.showError(error);
    }
  }

  private showError(error: unknown): void {
    this.render(h('p', { class: 'error' }, error instanceof Error ? error.message : String(error)));
  }
}
