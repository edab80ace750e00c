// The Neo4j schema the product relies on, created idempotently (IF NOT EXISTS). Names of
// labels and types come from the model's lists only.
import { CONFIDENCE_OF_WORD, NODE_LABELS, RELATIONSHIP_TYPES } from '../model/model';
import type { Database } from './database';

/** Every domain node also carries this label, so lookups by id use one index. */
export const ENTITY_LABEL = 'Entity';
/** The node every import's transaction holds while it runs (see exchange/import/run.ts). */
export const IMPORT_LOCK_LABEL = 'ImportLock';
/** Full text over names, aliases, descriptions and statements' words. */
export const SEARCH_INDEX = 'entity_search';
/** Full text over names and aliases only: small documents, so common words stay cheap. */
export const NAME_SEARCH_INDEX = 'entity_name_search';
/** The change log's records: apart from the domain graph, never an Entity. */
export const CHANGE_LABEL = 'Change';
/** Saved investigations (canvases with notes): apart from the domain graph, never an Entity. */
export const INVESTIGATION_LABEL = 'Investigation';
/** How far each pulled TAXII collection has been read (exchange/taxii/cursor.ts); never an Entity. */
export const TAXII_CURSOR_LABEL = 'TaxiiCursor';

/** Uniqueness: what lookups by id need, and what keeps ids unique while writing. */
export function constraintStatements(): string[] {
  return [
    `CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
    ...NODE_LABELS.map(
      (label) =>
        `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
    ),
    `CREATE CONSTRAINT import_review_id IF NOT EXISTS FOR (r:ImportReview) REQUIRE r.id IS UNIQUE`,
    // Unique, so that two imports' MERGE of the lock node wait for each other.
    `CREATE CONSTRAINT import_lock_id IF NOT EXISTS FOR (l:${IMPORT_LOCK_LABEL}) REQUIRE l.id IS UNIQUE`,
    `CREATE CONSTRAINT saved_query_name IF NOT EXISTS FOR (q:SavedQuery) REQUIRE q.name IS UNIQUE`,
    `CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:${CHANGE_LABEL}) REQUIRE c.id IS UNIQUE`,
    // Drafts of ingested reports, kept until committed or discarded (ingest/drafts.ts).
    `CREATE CONSTRAINT ingest_draft_id IF NOT EXISTS FOR (d:IngestDraft) REQUIRE d.id IS UNIQUE`,
    `CREATE CONSTRAINT investigation_id IF NOT EXISTS FOR (i:${INVESTIGATION_LABEL}) REQUIRE i.id IS UNIQUE`,
    `CREATE CONSTRAINT taxii_cursor_id IF NOT EXISTS FOR (c:${TAXII_CURSOR_LABEL}) REQUIRE c.id IS UNIQUE`,
  ];
}

/** The other indexes: search, external ids, relationship ids. */
export function indexStatements(): string[] {
  return [
    `CREATE INDEX entity_name IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.name)`,
    `CREATE INDEX entity_stix_id IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.stixId)`,
    `CREATE INDEX entity_attack_id IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.attackId)`,
    `CREATE INDEX entity_misp_uuid IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.mispUuid)`,
    `CREATE INDEX entity_iso2 IF NOT EXISTS FOR (n:State) ON (n.iso2)`,
    // The change log is read newest first, by entity or by time.
    `CREATE INDEX change_time IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.time)`,
    `CREATE INDEX change_entity IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.entity)`,
    `CREATE INDEX change_revert_of IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.revertOf)`,
    ...RELATIONSHIP_TYPES.map(
      (type) =>
        `CREATE INDEX rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.id)`,
    ),
    `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${NODE_LABELS.join('|')}) ` +
      `ON EACH [n.name, n.aliases, n.description, n.text]`,
    `CREATE FULLTEXT INDEX ${NAME_SEARCH_INDEX} IF NOT EXISTS FOR (n:${NODE_LABELS.join('|')}) ` +
      `ON EACH [n.name, n.aliases]`,
  ];
}

function schemaStatements(): string[] {
  return [...constraintStatements(), ...indexStatements()];
}

/**
 * Applies the schema, or part of it (each statement in its own transaction, as Neo4j
 * requires), and waits until every index is online.
 */
export async function migrateSchema(db: Database, statements = schemaStatements()): Promise<void> {
  for (const statement of statements) {
    await db.write(statement);
  }
  await awaitIndexesOnline(db);
}

/**
 * Waits until every index is online, asking once a second: a single db.awaitIndexes call
 * would be one transaction, and the server ends those at its transaction timeout (120 s),
 * which the indexes of a freshly imported million-node graph can take on a busy machine.
 */
async function awaitIndexesOnline(db: Database, timeoutMs = 1_800_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.read<{ pending: number; failed: string[] }>(
      `SHOW INDEXES YIELD name, state WHERE state <> 'ONLINE'
       RETURN count(*) AS pending, collect(CASE WHEN state = 'FAILED' THEN name END) AS failed`,
    );
    if (!row?.pending) return;
    if (row.failed.length) throw new Error(`index(es) failed to build: ${row.failed.join(', ')}`);
    if (Date.now() > deadline)
      throw new Error(`${row.pending} index(es) still not online after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * The shape of the data this version writes. A graph without the marker, or with a lower
 * number, was written by an older version; `migrateData` brings it up to date once.
 */
const DATA_VERSION = 2;
const DATA_VERSION_LABEL = 'DataVersion';

/**
 * Brings a graph written by an older version to the model's current shape, once (a marker
 * node keeps the version, so later starts do not scan every relationship again):
 * 1. claims' confidence words become the numbers docs/model.md maps them to;
 * 2. claims without `knownSince` (written before "as known on" existed) gain it, as the
 *    loader computes it: their date, else their sources' earliest publication.
 * Returns how many claims were changed.
 */
export async function migrateData(db: Database): Promise<number> {
  const marker = await db.read<{ version: number }>(
    `MATCH (v:${DATA_VERSION_LABEL} {id: 'data'}) RETURN v.version AS version`,
  );
  if (Number(marker[0]?.version ?? 0) >= DATA_VERSION) return 0;
  const params = { words: Object.keys(CONFIDENCE_OF_WORD), numbers: CONFIDENCE_OF_WORD };
  const rels = await db.write<{ n: number }>(
    `MATCH ()-[r]->() WHERE r.confidence IN $words
     SET r.confidence = $numbers[r.confidence]
     RETURN count(r) AS n`,
    params,
  );
  const statements = await db.write<{ n: number }>(
    `MATCH (s:Statement) WHERE s.confidence IN $words
     SET s.confidence = $numbers[s.confidence]
     RETURN count(s) AS n`,
    params,
  );
  // periodStart (model.ts) in Cypher: '2025' -> '2025-01-01', '2025-05' -> '2025-05-01'.
  const known = await db.write<{ n: number }>(
    `MATCH ()-[r]->() WHERE r.knownSince IS NULL AND r.sources IS NOT NULL
     CALL (r) {
       OPTIONAL MATCH (s:Source) WHERE s.id IN r.sources AND s.published IS NOT NULL
       RETURN min(s.published) AS published
     }
     WITH r, coalesce(r.date, published) AS day WHERE day IS NOT NULL
     SET r.knownSince = CASE size(day) WHEN 4 THEN day + '-01-01' WHEN 7 THEN day + '-01'
                             ELSE day END
     RETURN count(r) AS n`,
  );
  await db.write(`MERGE (v:${DATA_VERSION_LABEL} {id: 'data'}) SET v.version = $version`, {
    version: DATA_VERSION,
  });
  return Number(rels[0]?.n ?? 0) + Number(statements[0]?.n ?? 0) + Number(known[0]?.n ?? 0);
}
