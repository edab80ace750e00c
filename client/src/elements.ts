// The one mapping from the API's graph JSON to Cytoscape elements.
import type cytoscape from 'cytoscape';
import type { GraphJson } from './api';

const DISPUTE_TYPES = new Set(['DENIED']);

export function toElements(
  graph: Pick<GraphJson, 'nodes' | 'relationships'>,
): cytoscape.ElementDefinition[] {
  const nodes = graph.nodes.map((n) => ({ group: 'nodes' as const, data: { ...n, degree: 0 } }));
  const edges = graph.relationships.map((r) => ({
    group: 'edges' as const,
    data: {
      ...r,
      disputed:
        DISPUTE_TYPES.has(r.type) || (Array.isArray(r.disputedBy) && r.disputedBy.length > 0),
      // Shown only on request (the view's "retracted claims" switch), and drawn as such.
      retracted: typeof r.retractedAt === 'string',
      caption: typeof r.retractedAt === 'string' ? `${r.type} (retracted)` : r.type,
    },
  }));
  return [...nodes, ...edges];
}
