// What keeps a node: the claims it is an end of, and the claims and nodes that name it as a
// source, an asserting or a disputing party. A node with any of these is never removed.
import { ENTITY_LABEL } from '../db/schema';
import type { Tx } from './state';

export interface NodeUse {
  /** A relationship id, or a node id for a node that cites it among its sources. */
  id: string;
  kind: 'relationship' | 'node';
  type?: string;
  source?: string;
  target?: string;
  /** How it uses the node: as an end, or in sources, assertedBy or disputedBy. */
  as: 'end' | 'sources' | 'assertedBy' | 'disputedBy';
}

const SHOWN = 50;

export async function claimsUsing(
  tx: Tx,
  id: string,
): Promise<{ total: number; uses: NodeUse[]; summary: string }> {
  // The reference checks scan relationship properties (no index holds list members); they
  // run only for removals, which are rare.
  const result = await tx.run<{ uses: NodeUse[] }>(
    `CALL () {
       MATCH (:${ENTITY_LABEL} {id: $id})-[r]-()
       RETURN DISTINCT {id: r.id, kind: 'relationship', type: type(r), source: startNode(r).id,
                        target: endNode(r).id, as: 'end'} AS use
       UNION
       MATCH (a)-[r]->(b)
       WHERE $id IN coalesce(r.sources, []) OR r.assertedBy = $id OR $id IN coalesce(r.disputedBy, [])
       RETURN {id: r.id, kind: 'relationship', type: type(r), source: a.id, target: b.id,
               as: CASE WHEN $id IN coalesce(r.sources, []) THEN 'sources'
                        WHEN r.assertedBy = $id THEN 'assertedBy' ELSE 'disputedBy' END} AS use
       UNION
       MATCH (n:${ENTITY_LABEL}) WHERE $id IN coalesce(n.sources, [])
       RETURN {id: n.id, kind: 'node', as: 'sources'} AS use
     }
     RETURN collect(use) AS uses`,
    { id },
  );
  const uses = result.records[0]?.get('uses') ?? [];
  const describe = (u: NodeUse) =>
    u.kind === 'node'
      ? `${u.id} cites it as a source`
      : `${u.type} ${u.source} -> ${u.target}${u.as === 'end' ? '' : ` (${u.as})`}`;
  return {
    total: uses.length,
    uses: uses.slice(0, SHOWN),
    summary:
      uses.slice(0, 5).map(describe).join('; ') +
      (uses.length > 5 ? `; and ${uses.length - 5} more` : ''),
  };
}
