// The canvas stylesheet, as data: one colour and shape per label, edges labelled by type,
// disputed claims dashed, retracted ones dotted and grey (a retracted Statement faded with a
// dashed grey border), width by confidence, a hollow circle at the start of a claim with one
// source, node size by degree. `scale` (1 and up, set by the canvas when it zooms out) keeps
// the labels that matter readable and edges thick enough to click.
import type cytoscape from 'cytoscape';
import { LABEL_STYLE, TLP_COLOUR } from './palette';

// The palette's shapes must be shapes Cytoscape can draw: a typo fails the type check here.
const NODE_STYLE: Record<string, { color: string; shape: cytoscape.Css.NodeShape }> = LABEL_STYLE;

/** Font size of node labels on screen, in pixels, at zoom 1. */
const LABEL_SIZE = 11;

export function stylesheet(theme: 'light' | 'dark', scale = 1): cytoscape.StylesheetJson {
  const text = theme === 'dark' ? '#e9ecef' : '#212529';
  const halo = theme === 'dark' ? '#1b1e22' : '#ffffff';
  const edge = theme === 'dark' ? '#6c757d' : '#adb5bd';
  // Labels that matter (the best-connected nodes, the selection, what the pointer is on)
  // grow as the view zooms out, so they stay about LABEL_SIZE pixels on screen.
  const readable = {
    'font-size': LABEL_SIZE * scale,
    'text-max-width': `${140 * scale}px`,
    'min-zoomed-font-size': 0,
    'z-index': 20,
  };
  return [
    {
      selector: 'node',
      style: {
        label: 'data(caption)',
        'font-size': LABEL_SIZE,
        color: text,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        // Labels too small to read are not drawn: large graphs stay fast when zoomed out.
        'min-zoomed-font-size': 7,
        'text-outline-color': halo,
        'text-outline-width': 2,
        width: 'mapData(degree, 0, 20, 22, 56)',
        height: 'mapData(degree, 0, 20, 22, 56)',
        'border-width': 2,
        'border-color': halo,
      },
    },
    ...Object.entries(NODE_STYLE).map(([label, s]) => ({
      selector: `node[label = "${label}"]`,
      style: { 'background-color': s.color, shape: s.shape },
    })),
    // A group box's caption (Group) is read like a hub's: zoomed out, it would vanish first.
    { selector: 'node.label-priority, node:selected, :parent', style: readable },
    {
      selector: 'edge',
      style: {
        width: 1.6 * Math.min(scale, 2.5),
        'curve-style': 'bezier',
        'line-color': edge,
        'target-arrow-color': edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        label: 'data(type)',
        'font-size': 8 * scale,
        'min-zoomed-font-size': 7,
        color: text,
        'text-rotation': 'autorotate',
        'text-outline-color': halo,
        'text-outline-width': 2,
      },
    },
    // A large canvas (canvas.ts, LARGE_GRAPH): straight edges without arrowheads, the
    // cheapest Cytoscape draws, but where the pointer is, on the selection and on a path.
    {
      selector: 'edge.bulk',
      style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none' },
    },
    {
      selector: 'edge.bulk.hover, edge.bulk:selected, edge.bulk.path',
      style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' },
    },
    {
      // Confidence as data: the surer the claim (0–100), the wider its edge; a claim that
      // gives none keeps the plain edge.
      selector: 'edge[confidence >= 0]',
      style: { width: 'mapData(confidence, 0, 100, 1, 5)' },
    },
    {
      // A claim resting on one source: a hollow circle where it starts.
      selector: 'edge[?singleSource]',
      style: { 'source-arrow-shape': 'circle', 'source-arrow-fill': 'hollow' },
    },
    {
      selector: 'edge[?disputed]',
      style: { 'line-style': 'dashed', 'line-color': '#e8590c', 'target-arrow-color': '#e8590c' },
    },
    {
      selector: 'edge[?retracted]',
      style: {
        'line-style': 'dotted',
        'line-color': '#868e96',
        'target-arrow-color': '#868e96',
        'target-arrow-shape': 'tee',
        opacity: 0.7,
        label: 'data(caption)',
      },
    },
    {
      selector: 'edge[count > 1]',
      style: { width: 'mapData(count, 1, 10, 2, 7)', label: 'data(countLabel)' },
    },
    // A dense canvas: edge labels only where the pointer is, on the selection and on a path.
    { selector: 'edge.quiet', style: { label: '' } },
    {
      selector: 'edge.quiet.hover, edge.quiet:selected, edge.quiet.path',
      style: { label: 'data(type)' },
    },
    {
      selector: 'edge.quiet[count > 1].hover, edge.quiet[count > 1]:selected',
      style: { label: 'data(countLabel)' },
    },
    { selector: 'edge.hover', style: { 'z-index': 30, 'min-zoomed-font-size': 0 } },
    {
      selector: ':parent',
      style: {
        'background-opacity': 0.08,
        'border-width': 1,
        'border-style': 'dashed',
        label: 'data(caption)',
        'text-valign': 'top',
        shape: 'round-rectangle',
      },
    },
    // A marked element (above CLEAR): a dashed ring around a node (apart from its border,
    // which the selection colours, and from its fill: a RED ring around a red star shows),
    // and a halo under an edge, in its TLP colour.
    ...Object.entries(TLP_COLOUR)
      .filter(([marking]) => marking !== 'CLEAR')
      .flatMap(([marking, colour]) => [
        {
          selector: `node[marking = "${marking}"]`,
          style: {
            'outline-color': colour,
            'outline-width': 3,
            'outline-offset': 3,
            'outline-style': 'dashed',
          },
        },
        {
          selector: `edge[marking = "${marking}"]`,
          style: { 'underlay-color': colour, 'underlay-opacity': 0.35, 'underlay-padding': 3 },
        },
      ]),
    {
      selector: 'node[?retracted]',
      style: { 'border-style': 'dashed', 'border-color': '#868e96', opacity: 0.55 },
    },
    // A fold: a hub's leaves of one kind as one countable node ("98 Actors"), its caption
    // inside, in the kind's colour behind a dashed border; readable at any zoom, as a hub is.
    {
      selector: 'node.fold',
      style: {
        shape: 'round-rectangle',
        width: 'data(foldWidth)',
        height: 26,
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-wrap': 'none',
        'font-weight': 'bold',
        'background-opacity': 0.3,
        'border-style': 'dashed',
        'border-width': 2,
        'border-color': text,
        'font-size': LABEL_SIZE,
        'min-zoomed-font-size': 0,
        'z-index': 20,
      },
    },
    {
      selector: 'edge[foldKey]',
      style: { 'line-style': 'dashed', width: 3 * Math.min(scale, 2.5) },
    },
    { selector: 'node:selected', style: { 'border-color': '#fab005', 'border-width': 4 } },
    {
      selector: 'edge:selected',
      style: { 'line-color': '#fab005', 'target-arrow-color': '#fab005', width: 3 * scale },
    },
    {
      selector: '.pinned',
      style: { 'border-style': 'double', 'border-width': 5, 'border-color': text },
    },
    {
      // Edges only: a node width here once squeezed path nodes into 4-pixel bars.
      selector: 'edge.path',
      style: {
        'line-color': '#f03e3e',
        'target-arrow-color': '#f03e3e',
        width: 4 * Math.min(scale, 2.5),
        'z-index': 10,
      },
    },
    { selector: 'node.path', style: { 'border-color': '#f03e3e', 'border-width': 4 } },
    // The pointer is on it: the whole label, whatever the zoom, over everything else.
    {
      selector: 'node.hover',
      style: {
        ...readable,
        'text-wrap': 'wrap',
        'text-max-width': `${320 * scale}px`,
        'text-background-color': halo,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'z-index': 40,
      },
    },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: '.hidden', style: { display: 'none' } },
    // A fold's leaves and their edges: drawn as the fold until it is opened.
    { selector: '.folded', style: { display: 'none' } },
  ];
}
