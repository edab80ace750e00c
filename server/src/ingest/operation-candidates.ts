// An operation a report tells of may already be in the graph under another name ("Cyber
// operation against the Czech Foreign Ministry" and the seed's "operation:czech-mfa-2022"):
// the extractor names a new one after what it read, so without a hint each ingestion of a
// report on the same attack made another copy, and split its attributions between them.
// Offered as candidates for the analyst to link (the Review view lists them), never linked
// by themselves.
import neo4j from 'neo4j-driver';
import type { Database } from '../db/database';
import { ENTITY_LABEL } from '../db/schema';
import type { ExtractedClaim, ExtractedEntity } from './types';

const MAX_CANDIDATES = 5;

/**
 * The new Operations of an extraction with, as candidates, the graph's operations that bear
 * the same name or targeted or are attributed to the same known nodes as the report's claims
 * say of it (most shared ends first).
 */
export async function withOperationCandidates(
  db: Database,
  entities: ExtractedEntity[],
  claims: readonly ExtractedClaim[],
): Promise<ExtractedEntity[]> {
  const byRef = new Map(entities.map((e) => [e.ref, e]));
  return Promise.all(
    entities.map(async (e) => {
      if (e.label !== 'Operation' || e.matchId || e.candidates?.length) return e;
      const ends = claims
        .filter((c) => c.from === e.ref && (c.type === 'TARGETED' || c.type === 'ATTRIBUTED_TO'))
        .map((c) => byRef.get(c.to)?.matchId)
        .filter((id): id is string => id !== undefined);
      const rows = await db.read<{ id: string; name: string; shared: number }>(
        `CALL () {
           UNWIND $ends AS endId
           MATCH (o:Operation)-[r:TARGETED|ATTRIBUTED_TO]->(:${ENTITY_LABEL} {id: endId})
           WHERE r.retractedAt IS NULL AND o.retractedAt IS NULL
           RETURN o, count(DISTINCT endId) AS shared
           UNION ALL
           MATCH (o:Operation) WHERE toLower(o.name) = toLower($name) AND o.retractedAt IS NULL
           RETURN o, 100 AS shared
         }
         WITH o, sum(shared) AS shared
         RETURN o.id AS id, o.name AS name, shared
         ORDER BY shared DESC, name LIMIT $limit`,
        { ends: [...new Set(ends)], name: e.name, limit: neo4j.int(MAX_CANDIDATES) },
      );
      if (!rows.length) return e;
      return {
        ...e,
        candidates: rows.map((r) => ({ id: r.id, name: r.name, label: 'Operation' })),
      };
    }),
  );
}
