// The one mapping from the API's graph JSON to Cytoscape elements.
import type cytoscape from 'cytoscape';
import type { GraphJson } from './api';
import { showBidiControls } from './user-text';

/**
 * `disputeTypes`: the relationship types that are themselves disputes (DENIED), as the
 * server's model says in /api/schema; a claim with disputedBy is drawn as disputed too.
 */
export function toElements(
  graph: Pick<GraphJson, 'nodes' | 'relationships'>,
  disputeTypes: ReadonlySet<string>,
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
        disputeTypes.has(r.type) || (Array.isArray(r.disputedBy) && r.disputedBy.length > 0),
      // Shown only on request (the view's "retracted claims" switch), and drawn as such.
      retracted: typeof r.retractedAt === 'string',
      // It lists one source (whether several are independent is the assessment's question).
      singleSource: Array.isArray(r.sources) && r.sources.length === 1,
      caption: typeof r.retractedAt === 'string' ? `${r.type} (retracted)` : r.type,
    },
  }));
  return [...nodes, ...edges];
}
