// In an Actor's inspector, whom it targets; in a State's, who targets it (GET
// /api/nodes/:id/targets and /attackers): each party with how (directly, or through an
// operation attributed to it) and the paths that say so, read as sentences; a click draws a
// path on the canvas, highlighted.
import { api, type VictimologyResult } from '../api';
import { h } from '../dom';
import { describeError } from '../errors';
import { readPath, type ReadPath } from '../paths';
import { badge } from './inspector-parts';

export interface VictimologyActions {
  /** Draws these nodes and relationships and highlights the path. */
  drawPath: (graph: VictimologyResult['graph'], path: ReadPath) => void;
}

const KINDS = {
  Actor: {
    title: 'Targets',
    load: api.targets,
    none: 'No target on record, directly or through an operation attributed to it.',
  },
  State: {
    title: 'Attackers',
    load: api.attackers,
    none: 'No one on record targets it, its bodies or its people.',
  },
} as const;

/** The section for an Actor or a State (null for other labels); it fills itself. */
export function victimologySection(
  node: { id: string; label: string },
  actions: VictimologyActions,
  current: () => boolean,
): HTMLElement | null {
  if (node.label !== 'Actor' && node.label !== 'State') return null;
  const kind = KINDS[node.label];
  const section = h(
    'section',
    { class: 'victimology', 'data-kind': kind.title.toLowerCase() },
    h('h3', {}, kind.title),
    h('p', { class: 'hint' }, 'Loading…'),
  );
  kind.load(node.id).then(
    (answer) => {
      if (current())
        section.replaceChildren(
          h('h3', {}, kind.title),
          ...render(answer, node, actions, kind.none),
        );
    },
    (error: unknown) => {
      if (current())
        section.replaceChildren(
          h('h3', {}, kind.title),
          h('p', { class: 'error' }, describeError(error)),
        );
    },
  );
  return section;
}

/** Entries listed open; more than this, the list starts folded under its count. */
const OPEN_ENTRIES = 8;

function list(count: number, what: string, entries: HTMLElement): HTMLElement {
  return count <= OPEN_ENTRIES
    ? entries
    : h('details', { class: 'folded' }, h('summary', {}, `${count} ${what}`), entries);
}

function render(
  answer: VictimologyResult,
  node: { id: string; label: string },
  actions: VictimologyActions,
  none: string,
): Node[] {
  const { entries, sectors, graph, truncated } = answer;
  // A target's path starts at the actor; an attacker's at the attacker.
  const start = (party: string) => (node.label === 'Actor' ? node.id : party);
  const parts: (Node | null)[] = [
    sectors.length ? h('p', { class: 'sectors' }, `Sectors: ${sectors.join(', ')}`) : null,
    entries.length
      ? list(
          entries.length,
          node.label === 'Actor' ? 'targets' : 'attackers',
          h(
            'ul',
            { class: 'entries' },
            ...entries.map((e) =>
              h(
                'li',
                { 'data-party': e.party.id },
                badge(e.party.label),
                ' ',
                h('strong', {}, e.party.name),
                h('small', {}, e.via === 'direct' ? ' · directly' : ' · through an operation'),
                h(
                  'ol',
                  { class: 'paths' },
                  ...e.paths.map((ids) => {
                    const path = readPath(start(e.party.id), ids, graph);
                    return h(
                      'li',
                      {},
                      h(
                        'button',
                        {
                          class: 'link path',
                          title: 'Draw this path on the canvas',
                          onclick: () => actions.drawPath(graph, path),
                        },
                        path.text,
                      ),
                    );
                  }),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'hint' }, none),
    truncated ? h('p', { class: 'hint' }, `The first ${entries.length} are shown.`) : null,
  ];
  return parts.filter((p): p is Node => p !== null);
}
