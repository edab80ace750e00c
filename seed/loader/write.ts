// Writes a checked plan with batched, parameterised UNWIND ... MERGE statements. Labels and
// relationship types are interpolated only from the model's own lists (plan keys).
import type { Transaction } from 'neo4j-driver';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../../server/src/model/model';
import { ENTITY_LABEL } from '../../server/src/db/schema';
import type { WritePlan } from './plan';

export const BATCH_SIZE = 1000;

export interface WriteCounts {
  nodes: Record<string, { created: number; updated: number }>;
  relationships: Record<string, { created: number; updated: number }>;
}

function batches<T>(rows: T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function writePlan(
  tx: Transaction,
  plan: WritePlan,
  onProgress: (written: number) => void = () => undefined,
): Promise<WriteCounts> {
  const counts: WriteCounts = { nodes: {}, relationships: {} };
  let written = 0;
  for (const label of NODE_LABELS) {
    const rows = plan.nodes.get(label);
    if (!rows?.length) continue;
    let created = 0;
    for (const batch of batches(rows)) {
      const result = await tx.run(
        `UNWIND $rows AS row
         MERGE (n:${ENTITY_LABEL} {id: row.id})
         SET n:${label}
         SET n += row.props`,
        { rows: batch },
      );
      created += result.summary.counters.updates().nodesCreated;
      written += batch.length;
      onProgress(written);
    }
    counts.nodes[label] = { created, updated: rows.length - created };
  }
  for (const type of RELATIONSHIP_TYPES) {
    const rows = plan.relationships.get(type);
    if (!rows?.length) continue;
    let created = 0;
    for (const batch of batches(rows)) {
      const result = await tx.run(
        `UNWIND $rows AS row
         MATCH (a:${ENTITY_LABEL} {id: row.from})
         MATCH (b:${ENTITY_LABEL} {id: row.to})
         MERGE (a)-[r:${type} {id: row.id}]->(b)
         SET r += row.props`,
        { rows: batch },
      );
      created += result.summary.counters.updates().relationshipsCreated;
      written += batch.length;
      onProgress(written);
    }
    counts.relationships[type] = { created, updated: rows.length - created };
  }
  return counts;
}

/** Removes every domain node and its relationships (saved queries are kept). */
export async function deleteDomainGraph(tx: Transaction): Promise<number> {
  let deleted = 0;
  // Batched so a large graph does not build one huge delete state.
  for (;;) {
    const result = await tx.run(
      `MATCH (n:${ENTITY_LABEL}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted`,
    );
    const n = Number(result.records[0]?.get('deleted') ?? 0);
    deleted += n;
    if (n === 0) return deleted;
  }
}
