// What an importer produces from a dataset, before entity resolution: nodes keyed by the
// dataset's own ids, relationships between those keys, and what was skipped and why.
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
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportError';
  }
}

export function countSkip(batch: Pick<ImportBatch, 'skipped'>, reason: string, n = 1): void {
  batch.skipped[reason] = (batch.skipped[reason] ?? 0) + n;
}
