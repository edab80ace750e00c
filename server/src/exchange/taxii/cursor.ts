// Where each pulled TAXII collection was left: the newest "date added" already imported, kept
// in the graph as a :TaxiiCursor node (apart from the domain graph, like :Investigation), so
// the next pull asks only for what was added after it, from the CLI or the Data tab alike.
import type { Database } from '../../db/database';
import { TAXII_CURSOR_LABEL } from '../../db/schema';

export interface TaxiiCursor {
  apiRoot: string;
  collectionId: string;
  /** The X-TAXII-Date-Added-Last of the newest page imported: the next pull's added_after. */
  addedAfter: string | null;
  pulledAt: string;
  /** Objects the last pull fetched. */
  objects: number;
}

/** One cursor per (API root, collection); the root is kept without credentials. */
const cursorId = (apiRoot: string, collectionId: string) => `${apiRoot}|${collectionId}`;

export async function readCursor(
  db: Database,
  apiRoot: string,
  collectionId: string,
): Promise<TaxiiCursor | undefined> {
  const rows = await db.read<{ c: TaxiiCursor }>(
    `MATCH (c:${TAXII_CURSOR_LABEL} {id: $id})
     RETURN c {.apiRoot, .collectionId, .addedAfter, .pulledAt, .objects} AS c`,
    { id: cursorId(apiRoot, collectionId) },
  );
  return rows[0]?.c;
}

export async function saveCursor(db: Database, cursor: TaxiiCursor): Promise<void> {
  await db.write(
    `MERGE (c:${TAXII_CURSOR_LABEL} {id: $id})
     SET c.apiRoot = $apiRoot, c.collectionId = $collectionId, c.addedAfter = $addedAfter,
         c.pulledAt = $pulledAt, c.objects = $objects`,
    { id: cursorId(cursor.apiRoot, cursor.collectionId), ...cursor },
  );
}
