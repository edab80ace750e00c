// The map view: the world's states (Natural Earth countries at 1:110m from world-atlas, drawn
// offline with d3-geo: no tiles, no network), coloured by how many operations on the canvas
// target each state (or how many claims each asserts), with arcs from the states operations
// are attributed to (directly, or through the actor they are attributed to) to the states
// they target. Clicking a state that is on the canvas selects it there. The world's shapes
// (map-world.ts) load when the map is first opened.
import { byId } from '../dom';
import type * as MapWorld from './map-world';
import type { Panel } from './panel';
import { mapFacts, type CanvasContent } from '../analysis-data';

const SVG = 'http://www.w3.org/2000/svg';
type World = typeof MapWorld;

/** From pale to the State colour as the count grows. */
function shade(count: number, max: number): string {
  if (!count) return 'var(--map-land, #e9ecef)';
  const t = 0.25 + (0.75 * count) / Math.max(max, 1);
  return `color-mix(in srgb, #1971c2 ${Math.round(t * 100)}%, #e9ecef)`;
}

export interface MapPanel extends Panel {
  refresh(): void;
}

export function createMapPanel(deps: {
  content: () => CanvasContent;
  selectState: (id: string) => void;
}): MapPanel {
  const element = byId('map-panel');
  const holder = byId('map');
  const measureSelect = byId<HTMLSelectElement>('map-measure');
  let loading: Promise<World> | undefined;
  /** The world's shapes, loaded on first use (a failed load is tried again next time). */
  const ready = () =>
    (loading ??= import('./map-world').catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  function draw({ countries, path, byNumeric, arc, WIDTH: width, HEIGHT: height }: World) {
    const measure = measureSelect.value === 'asserted' ? 'asserted' : 'targeted';
    const facts = mapFacts(deps.content(), measure);
    const stateOfCode = new Map([...facts.numeric].map(([id, code]) => [code, id]));
    const max = Math.max(0, ...facts.counts.values());
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'World map of the states on the canvas');
    for (const c of countries) {
      const p = document.createElementNS(SVG, 'path');
      const code = String(c.id);
      const count = facts.counts.get(code) ?? 0;
      p.setAttribute('d', path(c) ?? '');
      // A style, not the fill attribute: attributes do not take var() or color-mix().
      p.style.fill = shade(count, max);
      p.setAttribute('class', 'country');
      p.setAttribute('data-country', code);
      const state = stateOfCode.get(code);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${c.properties.name}: ${count} ${measure === 'targeted' ? 'operation(s) targeting it' : 'claim(s) it asserts'}${state ? '' : ' (not on the canvas)'}`;
      p.append(title);
      if (state) {
        p.classList.add('on-canvas');
        p.setAttribute('data-state', state);
        p.addEventListener('click', () => deps.selectState(state));
      }
      svg.append(p);
    }
    for (const [from, to] of facts.arcs) {
      const a = byNumeric.get(facts.numeric.get(from) ?? '');
      const b = byNumeric.get(facts.numeric.get(to) ?? '');
      if (!a || !b) continue;
      const line = document.createElementNS(SVG, 'path');
      line.setAttribute('d', arc(a, b));
      line.setAttribute('class', 'arc');
      line.setAttribute('data-arc', `${from}>${to}`);
      svg.append(line);
    }
    // A grey map says nothing by itself: say why, and what would colour it.
    const empty =
      max === 0
        ? Object.assign(document.createElement('p'), {
            className: 'hint map-empty',
            textContent:
              measure === 'targeted'
                ? 'No state on the canvas is targeted by an operation on it (a targeted ministry or company counts for its state only when the state is on the canvas too). Add the operations and the states they target, or expand their targets.'
                : 'No state on the canvas asserts a claim on it. Add the states whose claims you want to see.',
          })
        : null;
    // Above the map: below it, the note fell under the strip's fold and went unseen.
    holder.replaceChildren(...(empty ? [empty] : []), svg);
  }
  function refresh() {
    void ready().then(draw, () => {
      holder.replaceChildren(
        Object.assign(document.createElement('p'), {
          className: 'hint',
          textContent: 'The map could not be loaded; open it again to retry.',
        }),
      );
    });
  }
  measureSelect.addEventListener('change', refresh);
  return { element, refresh };
}
