// The path finder: the shortest paths between the two selected nodes, listed as sentences
// ("A —T→ B ←T— C"), one highlighted at a time (step through, or show all), some relationship
// types and kinds of node left out (USES by default between an actor and a target). The highlight clears with
// Esc, with Clear and with a new question. Paths come best supported first (the server's rule,
// written under the list); each path lists its hops with their evidence — confidence,
// independent sources, and marks for one source, disputed, retracted — and a hop opens its
// claim in the inspector. The two ends are the two selected nodes, or the
// ones chosen with "Path from here" and "Path to here" in the node menu: on a touch screen,
// where there is no Shift+click, that is how a path is asked for.
import { api, type GraphJson, type PathsResult, type SchemaInfo } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import { excludedTypes, readPath, type ReadPath } from '../paths';
import type { Panel } from './panel';
import { userText } from '../user-text';

export type PathsJson = GraphJson & { paths: string[][] };
type HopEvidence = PathsResult['ranking'][number]['hops'][number];

export interface PathFinderPanel extends Panel {
  /** The relationship types to offer for leaving out. */
  setSchema(schema: SchemaInfo): void;
  /** Clears the highlight (Esc); the list stays, to show a path again. */
  clear(): void;
  /** One end of the next question (the node menu); with both ends chosen, it is asked. */
  setEnd(end: 'from' | 'to', node: { id: string; name: string }): void;
}

export function createPathFinderPanel(deps: {
  selectedNodeIds: () => string[];
  /** Puts the paths' nodes and relationships on the canvas. */
  showPaths: (result: PathsJson) => Promise<void>;
  highlight: (nodeIds: string[], relationshipIds: string[]) => void;
  /** Selects a hop's claim and shows its evidence in the inspector. */
  showClaim: (relationshipId: string) => void;
}): PathFinderPanel {
  const out = byId<HTMLOutputElement>('path-output');
  const list = byId<HTMLOListElement>('path-list');
  const steps = byId('path-steps');
  const position = byId('path-position');
  let types: string[] = [];
  /** The kinds of node on the graph, and those a path may not pass through. */
  let kinds: string[] = [];
  let excludedKinds: string[] = [];
  /** The types the user chose to leave out; undefined until they touch a box. */
  let chosen: string[] | undefined;
  let paths: ReadPath[] = [];
  /** The path highlighted, 'all', or none. */
  let shown: number | 'all' | undefined;
  /** Ends chosen from the node menu; they take the place of the selection while both are set. */
  const ends: { from?: { id: string; name: string }; to?: { id: string; name: string } } = {};
  const endsLine = h('p', { id: 'path-ends', class: 'path-ends', hidden: true });
  byId('find-path').before(endsLine);
  const rule = h('details', { class: 'path-rule', hidden: true });
  list.after(rule);

  function renderEnds(): void {
    endsLine.hidden = !ends.from && !ends.to;
    endsLine.replaceChildren(
      'From ',
      ends.from ? userText(ends.from.name) : '…',
      ' to ',
      ends.to ? userText(ends.to.name) : '…',
      ' ',
      h(
        'button',
        {
          class: 'link',
          onclick: () => {
            delete ends.from;
            delete ends.to;
            renderEnds();
          },
        },
        'forget',
      ),
    );
  }

  const renderTypes = (excluded: readonly string[]) =>
    byId('path-types').replaceChildren(
      ...types.map((t) =>
        h(
          'li',
          {},
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              'data-type': t,
              checked: excluded.includes(t),
              onchange: () => {
                chosen = [...byId('path-types').querySelectorAll('input:checked')].map(
                  (i) => (i as HTMLInputElement).dataset.type ?? '',
                );
              },
            }),
            t,
          ),
        ),
      ),
    );

  const renderKinds = () =>
    byId('path-kinds').replaceChildren(
      ...kinds.map((k) =>
        h(
          'li',
          {},
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              'data-kind': k,
              checked: excludedKinds.includes(k),
              onchange: () => {
                excludedKinds = [...byId('path-kinds').querySelectorAll('input:checked')].map(
                  (i) => (i as HTMLInputElement).dataset.kind ?? '',
                );
              },
            }),
            k,
          ),
        ),
      ),
    );

  function show(which: number | 'all' | undefined): void {
    shown = which;
    const picked = which === undefined ? [] : which === 'all' ? paths : [paths[which]!];
    deps.highlight(
      [...new Set(picked.flatMap((p) => p.nodeIds))],
      [...new Set(picked.flatMap((p) => p.relationshipIds))],
    );
    [...list.children].forEach((li, i) =>
      li.classList.toggle('active', which === 'all' || which === i),
    );
    steps.hidden = paths.length < 2;
    position.textContent =
      which === 'all'
        ? `all ${paths.length}`
        : which === undefined
          ? ''
          : `${which + 1} of ${paths.length}`;
  }

  async function find(): Promise<void> {
    show(undefined);
    paths = [];
    list.replaceChildren();
    rule.hidden = true;
    steps.hidden = true;
    const selected = ends.from && ends.to ? [ends.from.id, ends.to.id] : deps.selectedNodeIds();
    if (selected.length !== 2) {
      out.value = 'Select exactly two nodes (Shift+click the second).';
      return;
    }
    const [from, to] = selected as [string, string];
    const excluded = excludedTypes(chosen, from, to);
    renderTypes(excluded);
    try {
      const result = await api.paths(from, to, {
        rels: excluded.length ? types.filter((t) => !excluded.includes(t)) : undefined,
        types: excludedKinds.length ? kinds.filter((k) => !excludedKinds.includes(k)) : undefined,
      });
      const left = [...excluded, ...excludedKinds];
      const leftOut = left.length ? ` (leaving out ${left.join(', ')})` : '';
      if (!result.paths.length) {
        out.value = `No path within 6 hops${leftOut}.`;
        return;
      }
      await deps.showPaths(result);
      paths = result.paths.map((p) => readPath(from, p, result));
      out.value = `${paths.length} shortest path${paths.length === 1 ? '' : 's'} of ${result.paths[0]!.length} hop${result.paths[0]!.length === 1 ? '' : 's'}${leftOut}${result.truncated ? ', more left out' : ''}:`;
      list.replaceChildren(
        ...paths.map((p, i) =>
          h(
            'li',
            {},
            h('button', { class: 'link path', onclick: () => show(i) }, p.text),
            hopList(result, i, (id) => {
              show(i);
              deps.showClaim(id);
            }),
          ),
        ),
      );
      rule.replaceChildren(
        h('summary', {}, 'How the paths are ranked'),
        h('ol', {}, ...result.rankingRule.map((line) => h('li', {}, line))),
      );
      rule.hidden = false;
      show(0);
    } catch (error) {
      out.value = describeError(error);
    }
  }

  byId('find-path').addEventListener('click', () => void find());
  const step = (by: number) => {
    // From no path shown, "next" starts at the first and "previous" at the last.
    const at = typeof shown === 'number' ? shown : by > 0 ? -1 : 0;
    show((at + by + paths.length) % paths.length);
  };
  byId('path-prev').addEventListener('click', () => step(-1));
  byId('path-next').addEventListener('click', () => step(1));
  byId('path-all').addEventListener('click', () => show('all'));
  byId('path-clear').addEventListener('click', () => show(undefined));

  return {
    element: byId('path-finder'),
    setSchema(schema) {
      types = schema.relationshipTypes.filter((t) => t.count > 0).map((t) => t.name);
      renderTypes(chosen ?? ['USES']);
      kinds = schema.labels.filter((l) => l.count > 0).map((l) => l.name);
      renderKinds();
    },
    clear: () => {
      if (shown !== undefined) show(undefined);
    },
    setEnd(end, node) {
      ends[end] = node;
      renderEnds();
      if (ends.from && ends.to && ends.from.id !== ends.to.id) void find();
      else
        out.value =
          end === 'from'
            ? 'Now choose “Path to here” on another node.'
            : 'Now choose “Path from here” on another node.';
    },
  };
}

/** What a hop's evidence is short of, in words (empty when nothing is). */
function hopWarnings(hop: HopEvidence): string[] {
  return [
    ...(hop.retracted ? ['retracted'] : []),
    ...(hop.disputed ? ['disputed'] : []),
    ...(hop.singleSource ? ['one source'] : []),
  ];
}

/** A path's hops, each a button to its claim: type, confidence, sources and warnings. */
function hopList(
  result: PathsResult,
  index: number,
  open: (relationshipId: string) => void,
): HTMLElement {
  const ranking = result.ranking[index];
  const hops = (ranking?.hops ?? []).map((hop) => {
    const type = result.relationships.find((r) => r.id === hop.id)?.type ?? hop.id;
    const warnings = hopWarnings(hop);
    return h(
      'li',
      {},
      h(
        'button',
        {
          class: `hop${warnings.length ? ' warn' : ''}`,
          'data-hop': hop.id,
          title: 'Show this claim and its evidence',
          onclick: () => open(hop.id),
        },
        type,
        h(
          'small',
          {},
          ` · confidence ${hop.confidence ?? 'not given'}` +
            (hop.singleSource ? '' : ` · ${hop.independentSources} independent sources`),
        ),
        ...warnings.map((w) => h('span', { class: 'hop-mark' }, w)),
      ),
    );
  });
  return h('ol', { class: 'hops', 'aria-label': 'Hops and their evidence' }, ...hops);
}
