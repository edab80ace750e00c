// Independence of sources (DESIGN.md): sources linked by CITES (either way, or through a
// common cited source) or published by the same party (REPORTED_BY) count once when a claim
// is weighed. The grouping is a pure function; `sourceFacts` reads what it needs.
import type { Database } from '../db/database';
import { ENTITY_LABEL } from '../db/schema';
import type { NodeRef, SourceRef } from '../contract/assessment';

export interface SourceFacts {
  id: string;
  name: string;
  published: string | null;
  url: string | null;
  /** Sources it cites or that cite it. */
  cites: string[];
  publishers: NodeRef[];
}

/**
 * Groups `sourceIds` into independent groups: two sources share a group when a chain of CITES
 * links (through any source) or a common publisher joins them. Groups are numbered from 1 in
 * the order of their first member in `sourceIds`.
 */
export function independentGroups(
  sourceIds: readonly string[],
  facts: ReadonlyMap<string, SourceFacts>,
): Map<string, number> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const id of sourceIds) {
    find(id);
    const f = facts.get(id);
    if (!f) continue;
    // Ids carry their label's prefix (source:, org:, state:), so they never collide.
    for (const other of f.cites) union(id, other);
    for (const p of f.publishers) union(id, p.id);
  }
  const numbers = new Map<string, number>();
  const groupOf = new Map<string, number>();
  for (const id of sourceIds) {
    const root = find(id);
    if (!numbers.has(root)) numbers.set(root, numbers.size + 1);
    groupOf.set(id, numbers.get(root)!);
  }
  return groupOf;
}

/** How many independent sources `ids` are. */
export function independentCount(
  ids: readonly string[],
  facts: ReadonlyMap<string, SourceFacts>,
): number {
  return new Set(independentGroups([...new Set(ids)], facts).values()).size;
}

/** Each source with its group number among `ids`. */
export function sourceRefs(
  ids: readonly string[],
  facts: ReadonlyMap<string, SourceFacts>,
): SourceRef[] {
  const unique = [...new Set(ids)];
  const groups = independentGroups(unique, facts);
  return unique.map((id) => {
    const f = facts.get(id);
    return {
      id,
      name: f?.name ?? id,
      published: f?.published ?? null,
      url: f?.url ?? null,
      publishers: f?.publishers ?? [],
      group: groups.get(id)!,
    };
  });
}

/** Names, dates, CITES neighbours and publishers of these sources (retracted links ignored). */
export async function sourceFacts(
  db: Database,
  ids: readonly string[],
  timeoutMs: number,
): Promise<Map<string, SourceFacts>> {
  if (!ids.length) return new Map();
  const rows = await db.read<SourceFacts>(
    `UNWIND $ids AS sid
     MATCH (s:${ENTITY_LABEL} {id: sid})
     CALL (s) {
       OPTIONAL MATCH (s)-[c:CITES]-(t:Source) WHERE c.retractedAt IS NULL
       RETURN collect(DISTINCT t.id) AS cites
     }
     CALL (s) {
       OPTIONAL MATCH (s)-[p:REPORTED_BY]->(pub) WHERE p.retractedAt IS NULL
       RETURN collect(DISTINCT CASE WHEN pub IS NULL THEN NULL ELSE
         {id: pub.id, name: pub.name, label: [l IN labels(pub) WHERE l <> $entity][0]} END) AS publishers
     }
     RETURN s.id AS id, s.name AS name, s.published AS published, s.url AS url, cites, publishers`,
    { ids: [...new Set(ids)], entity: ENTITY_LABEL },
    { timeoutMs },
  );
  return new Map(rows.map((r) => [r.id, r]));
}
