// What a Source supports: the claims (relationships, retracted ones left out: they are never
// evidence) and entities that cite it. Relationships
// keep their sources as a list property, which no index covers: this reads every
// relationship once (18,700 after the ATT&CK and MISP imports: tens of milliseconds; at a
// million nodes, seconds, bounded by the API's timeout).
import neo4j from 'neo4j-driver';
import type { SourceClaims } from '../contract/provenance';
import type { Database } from '../db/database';
import { collectGraph, toPlain } from '../db/mapper';
import { ENTITY_LABEL } from '../db/schema';
import { notFound } from '../errors';
import type { Marking } from '../model/model';
import { visible, visibleClaim, visibleParam } from './known-filter';

const LABEL = (n: string) => `[l IN labels(${n}) WHERE l <> $entity][0]`;

const CLAIMS = `
  MATCH (s:Source {id: $id}) WHERE ${visible('s')}
  CALL (s) {
    MATCH (a)-[r]->(b) WHERE s.id IN r.sources AND r.retractedAt IS NULL AND ${visibleClaim('r')}
    WITH a, r, b ORDER BY coalesce(r.date, r.since, '') DESC, a.name, b.name
    WITH collect({id: r.id, type: type(r), date: coalesce(r.date, r.since),
                  from: {id: a.id, name: a.name, label: ${LABEL('a')}},
                  to: {id: b.id, name: b.name, label: ${LABEL('b')}}}) AS found
    RETURN found[..$limit] AS claims, size(found) AS claimCount
  }
  CALL (s) {
    MATCH (n:${ENTITY_LABEL}) WHERE s.id IN coalesce(n.sources, []) AND ${visible('n')}
    WITH n ORDER BY n.name
    WITH collect({id: n.id, name: n.name, label: ${LABEL('n')}}) AS found
    RETURN found[..$limit] AS entities, size(found) AS entityCount
  }
  RETURN s, claims, claimCount, entities, entityCount`;

export class ProvenanceService {
  constructor(
    private readonly db: Database,
    private readonly options: { timeoutMs: number },
  ) {}

  async claimsOf(id: string, limit: number, clearance?: Marking): Promise<SourceClaims> {
    const rows = await this.db.read(
      CLAIMS,
      { id, limit: neo4j.int(limit), entity: ENTITY_LABEL, visible: visibleParam(clearance) },
      { timeoutMs: this.options.timeoutMs },
    );
    const row = rows[0];
    if (!row) throw notFound(`No Source with id "${id}"`);
    const total = { claims: Number(row.claimCount), entities: Number(row.entityCount) };
    const claims = toPlain(row.claims) as SourceClaims['claims'];
    const entities = toPlain(row.entities) as SourceClaims['entities'];
    return {
      source: collectGraph([row.s]).nodes[0]!,
      claims,
      entities,
      total,
      truncated: total.claims > claims.length || total.entities > entities.length,
    };
  }
}
