// The one mapping from the API's graph JSON to Cytoscape elements.
import type cytoscape from 'cytoscape';
import type { GraphJson } from './api';
import { showBidiControls } from './user-text';

const DISPUTE_TYPES = new Set(['DENIED']);

export function toElements(
  graph: Pick<GraphJson, 'nodes' | 'relationships'>,
): cytoscape.ElementDefinition[] {
  // The canvas draws `caption`: the name with bidi controls shown, never obeyed.
  const nodes = graph.nodes.map((n) => ({
    group: 'nodes' as const,
    data: { ...n, caption: showBidiControls(n.name), degree: 0 },
  }));
  const edges = graph.relationships.map((r) => ({
    group: 'edges' as const,
    data: {
      ...r,
      disputed:
        DISPUTE_TYPES.has(r.type) || (Array.isArray(r.disputedBy) && r.disputedBy.length > 0),
    },
  }));
  return [...nodes, ...edges];
}
