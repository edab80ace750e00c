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
  // The canvas draws `caption`: the name with bidi controls shown, never obeyed. A retracted
  // claim (a Statement) is shown only on request, like a retracted relationship, and says so.
  const nodes = graph.nodes.map((n) => {
    const retracted = typeof n.retractedAt === 'string';
    const caption = showBidiControls(n.name);
    return {
      group: 'nodes' as const,
      data: { ...n, retracted, caption: retracted ? `${caption} (retracted)` : caption, degree: 0 },
    };
  });
  const retractedNodes = new Set(nodes.filter((n) => n.data.retracted).map((n) => n.data.id));
  const edges = graph.relationships.map((r) => ({
    group: 'edges' as const,
    data: {
      ...r,
      disputed:
        disputeTypes.has(r.type) || (Array.isArray(r.disputedBy) && r.disputedBy.length > 0),
      // Shown only on request (the view's "retracted claims" switch), and drawn as such; so is
      // a claim that touches a retracted Statement (hidden with it), though it says only its type.
      retracted:
        typeof r.retractedAt === 'string' ||
        retractedNodes.has(r.source) ||
        retractedNodes.has(r.target),
      // It lists one source (whether several are independent is the assessment's question).
      singleSource: Array.isArray(r.sources) && r.sources.length === 1,
      caption: typeof r.retractedAt === 'string' ? `${r.type} (retracted)` : r.type,
    },
  }));
  return [...nodes, ...edges];
}
