// Loading a generated graph with the seed loader's batched path (writePlan: UNWIND … MERGE,
// 1,000 rows a statement), committed every `rowsPerTransaction` rows so that a large graph
// stays within the server's per-transaction memory limit. Nodes go first.
import type { Database } from '../server/src/db/database';
import type { WritePlan } from '../seed/loader/plan';
import { writePlan } from '../seed/loader/write';

export async function loadInTransactions(
  db: Database,
  plan: WritePlan,
  options: {
    rowsPerTransaction?: number;
    onProgress?: (written: number, total: number) => void;
  } = {},
): Promise<void> {
  const size = options.rowsPerTransaction ?? 50_000;
  const total = plan.nodeCount + plan.relationshipCount;
  const empty = (): WritePlan => ({
    nodes: new Map(),
    relationships: new Map(),
    nodeCount: 0,
    relationshipCount: 0,
  });
  let written = 0;
  const commit = async (chunk: WritePlan, rows: number) => {
    await db.transaction((tx) => writePlan(tx, chunk), { timeoutMs: 600_000 });
    written += rows;
    options.onProgress?.(written, total);
  };
  for (const [label, rows] of plan.nodes)
    for (let i = 0; i < rows.length; i += size) {
      const chunk = empty();
      chunk.nodes.set(label, rows.slice(i, i + size));
      await commit(chunk, Math.min(size, rows.length - i));
    }
  for (const [type, rows] of plan.relationships)
    for (let i = 0; i < rows.length; i += size) {
      const chunk = empty();
      chunk.relationships.set(type, rows.slice(i, i + size));
      await commit(chunk, Math.min(size, rows.length - i));
    }
}
