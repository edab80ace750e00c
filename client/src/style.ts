// The canvas stylesheet, as data: one colour and shape per label, edges labelled by type,
// disputed claims dashed, retracted ones dotted and grey, width by confidence, a hollow circle
// at the start of a claim with one source, node size by degree.
import type cytoscape from 'cytoscape';
import { LABEL_STYLE } from './palette';

// The palette's shapes must be shapes Cytoscape can draw: a typo fails the type check here.
const NODE_STYLE: Record<string, { color: string; shape: cytoscape.Css.NodeShape }> = LABEL_STYLE;

export function stylesheet(theme: 'light' | 'dark'): cytoscape.StylesheetJson {
  const text = theme === 'dark' ? '#e9ecef' : '#212529';
  const halo = theme === 'dark' ? '#1b1e22' : '#ffffff';
  const edge = theme === 'dark' ? '#6c757d' : '#adb5bd';
  return [
    {
      selector: 'node',
      style: {
        label: 'data(caption)',
        'font-size': 11,
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
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'curve-style': 'bezier',
        'line-color': edge,
        'target-arrow-color': edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        label: 'data(type)',
        'font-size': 8,
        'min-zoomed-font-size': 7,
        color: text,
        'text-rotation': 'autorotate',
        'text-outline-color': halo,
        'text-outline-width': 2,
      },
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
    { selector: 'node:selected', style: { 'border-color': '#fab005', 'border-width': 4 } },
    {
      selector: 'edge:selected',
      style: { 'line-color': '#fab005', 'target-arrow-color': '#fab005', width: 3 },
    },
    {
      selector: '.pinned',
      style: { 'border-style': 'double', 'border-width': 5, 'border-color': text },
    },
    {
      selector: '.path',
      style: { 'line-color': '#f03e3e', 'target-arrow-color': '#f03e3e', width: 4, 'z-index': 10 },
    },
    { selector: 'node.path', style: { 'border-color': '#f03e3e', 'border-width': 4 } },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
}
