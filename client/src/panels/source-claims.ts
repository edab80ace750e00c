// In a Source's inspector: what it supports, read from GET /api/sources/:id/claims. Each claim
// ("A —TYPE→ B") draws itself on the canvas; each entity that cites it is added with its
// relationships to what is there.
import { api, type SourceClaims } from '../api';
import { h } from '../dom';
import { describeError } from '../errors';
import { action } from './inspector-parts';

export interface SourceClaimsActions {
  drawRelationship: (id: string) => void;
  drawNode: (id: string) => void;
}

/** A section that fills itself once the answer comes (while `current()` still holds). */
export function sourceClaimsSection(
  id: string,
  actions: SourceClaimsActions,
  current: () => boolean,
): HTMLElement {
  const section = h('section', { class: 'supports' }, h('p', { class: 'hint' }, 'Loading…'));
  api.sourceClaims(id).then(
    (answer) => current() && section.replaceChildren(...render(answer, actions)),
    (error: unknown) =>
      current() && section.replaceChildren(h('p', { class: 'error' }, describeError(error))),
  );
  return section;
}

function render({ claims, entities, total }: SourceClaims, actions: SourceClaimsActions): Node[] {
  const more = (shown: number, all: number): HTMLElement | null =>
    all > shown ? h('p', { class: 'hint' }, `The first ${shown} of ${all}.`) : null;
  const parts: (HTMLElement | null)[] = [
    h('h3', {}, `Claims it supports (${total.claims})`),
    claims.length
      ? h(
          'ul',
          { class: 'claims' },
          ...claims.map((c) =>
            h(
              'li',
              {},
              action(
                `${c.from.name} —${c.type}→ ${c.to.name}`,
                () => actions.drawRelationship(c.id),
                {
                  'data-relationship': c.id,
                },
              ),
              h('small', {}, c.date ? ` · ${c.date}` : ' · undated'),
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'No relationship cites it.'),
    more(claims.length, total.claims),
    ...(entities.length
      ? [
          h('h3', {}, `Cited by (${total.entities})`),
          h(
            'ul',
            { class: 'cited-by' },
            ...entities.map((e) =>
              h(
                'li',
                {},
                action(e.name, () => actions.drawNode(e.id), { 'data-node': e.id }),
                h('small', {}, ` · ${e.label}`),
              ),
            ),
          ),
          more(entities.length, total.entities),
        ]
      : []),
  ];
  return parts.filter((n): n is HTMLElement => n !== null);
}
