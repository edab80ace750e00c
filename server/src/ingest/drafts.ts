// Ingestion as a use case: read the report, extract, keep the draft (:IngestDraft, outside
// the domain labels) until the analyst commits or discards it.
import { createHash, randomUUID } from 'node:crypto';
import type { Node } from 'neo4j-driver';
import type { IngestDraft, ReviewBody } from '../contract/ingest';
import type { Database } from '../db/database';
import { toPlain } from '../db/mapper';
import { notFound } from '../errors';
import { RefreshingValue } from '../services/refreshing-value';
import { loadGraphDictionary, withGazetteer } from './dictionary';
import { extract } from './extract';
import { reportText } from './input';
import { withOperationCandidates } from './operation-candidates';
import type { DictionaryEntry, SourceMeta } from './types';

export const DRAFT_LABEL = 'IngestDraft';

export interface ReportInput {
  text?: string;
  bytes?: Uint8Array;
  mediaType?: string;
  name?: string;
}

/** The graph's names and aliases with the gazetteer's, read at most every 30 s. */
export class IngestDictionary {
  private readonly value: RefreshingValue<DictionaryEntry[]>;
  constructor(db: Database) {
    this.value = new RefreshingValue(
      async () => withGazetteer(await loadGraphDictionary(db)),
      30_000,
      { serveStale: false },
    );
  }
  get(): Promise<DictionaryEntry[]> {
    return this.value.get();
  }
  invalidate(): void {
    this.value.invalidate();
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Read, extract and keep a draft; answers the draft. Bad input is refused before any write. */
export async function createDraft(
  db: Database,
  dictionary: IngestDictionary,
  input: ReportInput,
  source: SourceMeta,
  author: string,
): Promise<IngestDraft> {
  const text = await reportText(input);
  const extraction = extract(text, source, await dictionary.get());
  const draft: IngestDraft = {
    draftId: `draft:${randomUUID()}`,
    created: new Date().toISOString(),
    author,
    sha256: sha256(text),
    text,
    source: extraction.source,
    entities: await withOperationCandidates(db, extraction.entities, extraction.claims),
    claims: extraction.claims,
  };
  await db.write(
    `CREATE (d:${DRAFT_LABEL} {id: $id, created: $created, author: $author, sha256: $sha256,
       text: $text, title: $title, source: $source, entities: $entities, claims: $claims})`,
    {
      id: draft.draftId,
      created: draft.created,
      author,
      sha256: draft.sha256,
      text,
      title: draft.source.title ?? null,
      source: JSON.stringify(draft.source),
      entities: JSON.stringify(draft.entities),
      claims: JSON.stringify(draft.claims),
    },
  );
  return draft;
}

export function draftOf(node: Node): IngestDraft {
  const p = toPlain(node.properties) as Record<string, string>;
  return {
    draftId: p.id!,
    created: p.created!,
    author: p.author!,
    sha256: p.sha256!,
    text: p.text!,
    source: JSON.parse(p.source!) as IngestDraft['source'],
    entities: JSON.parse(p.entities!) as IngestDraft['entities'],
    claims: JSON.parse(p.claims!) as IngestDraft['claims'],
  };
}

export async function readDraft(db: Database, draftId: string): Promise<IngestDraft> {
  const [row] = await db.read<{ d: Node }>(`MATCH (d:${DRAFT_LABEL} {id: $id}) RETURN d`, {
    id: draftId,
  });
  if (!row) throw notFound(`No draft with id "${draftId}" (committed or discarded?)`);
  return draftOf(row.d);
}

export async function listDrafts(db: Database) {
  const rows = await db.read<{ d: Node }>(
    `MATCH (d:${DRAFT_LABEL}) RETURN d ORDER BY d.created DESC LIMIT 200`,
  );
  return {
    drafts: rows.map(({ d }) => {
      const draft = draftOf(d);
      return {
        draftId: draft.draftId,
        created: draft.created,
        author: draft.author,
        ...(draft.source.title ? { title: draft.source.title } : {}),
        claims: draft.claims.length,
      };
    }),
  };
}

/** Keeps the review so far (to resume later). */
export async function saveReview(
  db: Database,
  draftId: string,
  review: ReviewBody,
): Promise<IngestDraft> {
  const current = await readDraft(db, draftId);
  const source = { ...current.source, ...(review.source ?? {}) };
  await db.write(
    `MATCH (d:${DRAFT_LABEL} {id: $id})
     SET d.entities = $entities, d.claims = $claims, d.source = $source, d.title = $title`,
    {
      id: draftId,
      entities: JSON.stringify(review.entities),
      claims: JSON.stringify(review.claims),
      source: JSON.stringify(source),
      title: source.title ?? null,
    },
  );
  return { ...current, source, entities: review.entities, claims: review.claims };
}

export async function discardDraft(db: Database, draftId: string): Promise<void> {
  const rows = await db.write<{ n: number }>(
    `MATCH (d:${DRAFT_LABEL} {id: $id}) DELETE d RETURN count(*) AS n`,
    { id: draftId },
  );
  if (!rows[0]?.n) throw notFound(`No draft with id "${draftId}"`);
}
