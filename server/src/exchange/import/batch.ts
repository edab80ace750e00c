// What an importer produces from a dataset, before entity resolution: nodes keyed by the
// dataset's own ids, relationships between those keys, and what was skipped and why.
import { AppError } from '../../errors';
import type { NodeLabel, RelationshipType } from '../../model/model';

export interface IncomingNode {
  /** The dataset's key for this object: a STIX id, a MISP uuid, "country:CN", a URL… */
  key: string;
  label: NodeLabel;
  /** Properties as the model names them (name, aliases, stixId, sources…). */
  props: Record<string, unknown> & { name: string };
  /** An id to use when it does not resolve to an existing node (e.g. after an export). */
  preferredId?: string;
  /** Only merge into an existing node, by external id or name: never create it alone. */
  resolveOnly?: boolean;
}

interface IncomingRelationship {
  type: RelationshipType;
  from: string;
  to: string;
  props: Record<string, unknown> & { sources: string[] };
  /** Keys of nodes named in props (assertedBy, disputedBy) that need resolving to ids. */
  assertedByKey?: string;
  /** Keys of the parties that dispute it (disputedBy), resolved to ids like assertedByKey. */
  disputedByKeys?: string[];
  preferredId?: string;
}

interface DatasetInfo {
  /** The Source node that stands for the dataset itself. */
  sourceId: string;
  name: string;
  version?: string;
  url?: string;
}

export interface ImportBatch {
  dataset: DatasetInfo;
  nodes: IncomingNode[];
  relationships: IncomingRelationship[];
  /** Counts of what was left out on purpose, by reason ("revoked", "unknown type x-mitre-…"). */
  skipped: Record<string, number>;
  /** References to objects that are not in the file at all. */
  dangling: string[];
}

export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** The HTTP status the API answers with: 400 unreadable, 413 too large, 422 inconsistent. */
    readonly status: 400 | 413 | 422 = 400,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportError';
  }

  /** The API's answer to it: one mapping for every route that imports (file, TAXII pull). */
  toAppError(): AppError {
    return new AppError(
      this.status,
      this.status === 413 ? 'import_too_large' : 'import_rejected',
      this.message,
    );
  }
}

/**
 * The most nodes and relationships one import may hold. An import is one transaction, and
 * Neo4j bounds the memory of all transactions together (dbms.memory.transaction.total.max,
 * 70% of the heap: 716.8 MiB with the local server's 1 GB). Measured in a dry run: 100,000
 * nodes of 1 KB each (a 108 MB bundle), 98,000 relationships, and 133,000 small rows fit;
 * 266,000 small rows ran out of it.
 */
export const MAX_IMPORT_ROWS = 100_000;

/** Refuses a batch too large for one transaction before any work is done on it. */
export function checkImportSize(file: string, batch: ImportBatch): void {
  const rows = batch.nodes.length + batch.relationships.length;
  if (rows > MAX_IMPORT_ROWS)
    throw new ImportError(
      file,
      `holds ${rows.toLocaleString('en')} nodes and relationships; one import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en')} (it is written in one transaction, within Neo4j's transaction memory); split the file`,
      413,
    );
}

/** Appends many items without spreading them into arguments (which overflows the stack). */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

export function countSkip(batch: Pick<ImportBatch, 'skipped'>, reason: string, n = 1): void {
  batch.skipped[reason] = (batch.skipped[reason] ?? 0) + n;
}
