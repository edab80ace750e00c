// The inspector's view of a relationship: why it exists (the evidence quote, rendered from
// Markdown with its citations linked; an ingested claim's sentence shown marked in its
// paragraph of the report), who asserts it, when (or that it is undated), who
// disputes it, and the Sources it rests on, each linked to its URL and to its own inspector.
import type { RelationshipDetail } from '../api';
import { h } from '../dom';
import { renderMarkdown } from '../markdown';
import { userText } from '../user-text';
import { action, markingBadge, row, sourceItem } from './inspector-parts';

export interface EdgeViewActions {
  navigate: (id: string) => void;
  open: (id: string) => void;
}

export function edgeView(d: RelationshipDetail, actions: EdgeViewActions): (Node | null)[] {
  const r = d.relationship;
  const end = (n: { id: string; name: string }) => action(n.name, () => actions.navigate(n.id));
  const undated = r.date === undefined && r.since === undefined && r.until === undefined;
  return [
    h(
      'header',
      {},
      h('span', { class: 'badge rel' }, r.type),
      markingBadge(r.marking),
      h('h2', {}, end(d.from), ' → ', end(d.to)),
    ),
    h('p', { class: 'hint' }, userText(d.description)),
    d.evidenceContext
      ? inParagraph(d.evidenceContext, d.sources)
      : typeof r.evidence === 'string'
        ? h(
            'figure',
            { class: 'evidence' },
            h(
              'blockquote',
              {},
              '“',
              renderMarkdown(r.evidence, {
                sources: d.sources,
                openSource: actions.open,
                inline: true,
              }),
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
        row('date', undated ? 'undated (the source gives no date)' : r.date),
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
    h('ul', { class: 'sources' }, ...d.sources.map((s) => sourceItem(s, actions.open))),
    h('p', { class: 'meta' }, `id ${r.id}`),
  ];
}

/** An ingested claim's evidence: its sentence marked in the paragraph it was read from. */
function inParagraph(
  context: NonNullable<RelationshipDetail['evidenceContext']>,
  sources: RelationshipDetail['sources'],
): HTMLElement {
  const source = sources.find((s) => s.id === context.source);
  return h(
    'figure',
    { class: 'evidence in-paragraph' },
    h(
      'blockquote',
      {},
      userText(context.before),
      h('mark', {}, userText(context.sentence)),
      userText(context.after),
    ),
    h(
      'figcaption',
      {},
      'Evidence: the sentence in its paragraph',
      source ? h('span', {}, ' of ', userText(source.name)) : '',
    ),
  );
}
