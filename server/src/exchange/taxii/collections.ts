// What attribution-graph serves over TAXII: one collection for the whole graph and one per
// saved investigation (its nodes and the relationships among them). Every object comes from
// the STIX export, so whatever the export leaves out for a caller, TAXII leaves out too.
import type { Database } from '../../db/database';
import { ENTITY_LABEL } from '../../db/schema';
import { notFound } from '../../errors';
import type { InvestigationService } from '../../services/investigations';
import { RefreshingValue } from '../../services/refreshing-value';
import type { Marking } from '../../model/model';
import { exportStix } from '../export/stix';
import type { DatedObject } from './paging';
import { collectionUuid, STIX_MEDIA_TYPE } from './protocol';

/** TAXII's collection resource (section 5.2.1): read-only here. */
export interface TaxiiCollection {
  id: string;
  title: string;
  description: string;
  can_read: true;
  can_write: false;
  media_types: string[];
}

/** A collection and the node ids it holds (undefined: the whole graph). */
interface CollectionSpec {
  info: TaxiiCollection;
  investigationId?: string;
}

const collection = (id: string, title: string, description: string): TaxiiCollection => ({
  id,
  title,
  description,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

export const GRAPH_COLLECTION_ID = collectionUuid('collection:whole-graph');

/** STIX's fixed timestamp for objects with no date of their own (export/stix.ts EPOCH). */
const NO_DATE = '2000-01-01T00:00:00.000Z';

const iso = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};
const latest = (...dates: (string | undefined)[]) =>
  dates
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);

/**
 * A client pages through a collection in many requests; each would export it again. So a
 * collection's objects are kept this long, per collection and per caller (whatever a caller
 * may see, it sees alone), and forgotten at the next write to the graph.
 */
const FRESH_MS = 10_000;
const MAX_KEPT = 32;

export class TaxiiCollections {
  private readonly kept = new Map<string, RefreshingValue<DatedObject[]>>();

  constructor(
    private readonly db: Database,
    private readonly investigations: InvestigationService,
  ) {}

  /** After a write: the next request reads the graph again. */
  invalidate(): void {
    this.kept.clear();
  }

  private async specs(): Promise<CollectionSpec[]> {
    const saved = await this.investigations.list();
    return [
      {
        info: collection(
          GRAPH_COLLECTION_ID,
          'Whole graph',
          'Every actor, state, organisation, person, operation, statement and source, with every claim between them.',
        ),
      },
      ...saved.map((i) => ({
        info: collection(
          collectionUuid(i.id),
          i.name,
          `Saved investigation ${i.id}: its ${i.nodeCount} nodes and the claims among them.`,
        ),
        investigationId: i.id,
      })),
    ];
  }

  async list(): Promise<TaxiiCollection[]> {
    return (await this.specs()).map((s) => s.info);
  }

  private async spec(id: string): Promise<CollectionSpec> {
    const found = (await this.specs()).find((s) => s.info.id === id);
    if (!found) throw notFound(`No collection with id ${id} (GET the collections/ list for ids)`);
    return found;
  }

  async get(id: string): Promise<TaxiiCollection> {
    return (await this.spec(id)).info;
  }

  /**
   * The collection's STIX objects, each with the date its current version was added, as
   * `viewer` (a key for the caller's token) may see them.
   */
  async objects(
    id: string,
    viewer: string,
    clearance: Marking | undefined,
  ): Promise<DatedObject[]> {
    // One entry per token: a token's clearance is fixed, so its key keeps it apart.
    const key = `${viewer}|${id}`;
    let value = this.kept.get(key);
    if (!value) {
      if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
      value = new RefreshingValue(() => this.read(id, clearance), FRESH_MS, {
        serveStale: false,
      });
      this.kept.set(key, value);
    }
    return value.get();
  }

  private async read(id: string, clearance: Marking | undefined): Promise<DatedObject[]> {
    const spec = await this.spec(id);
    const ids = spec.investigationId
      ? (await this.investigations.get(spec.investigationId)).view.ids
      : undefined;
    const bundle = await exportStix(this.db, clearance, ids);
    return this.dated(bundle.objects);
  }

  /**
   * "Date added" (TAXII's date_added) is when this product recorded the object: a claim's
   * `recordedAt`, or its `retractedAt` once retracted (the retraction is a new version);
   * a node's earliest claim's `recordedAt` (a node enters the graph with its first claim;
   * a source with the first claim that cites it), or its retraction; a node without claims,
   * its own STIX `created` date.
   */
  private async dated(objects: Record<string, unknown>[]): Promise<DatedObject[]> {
    const ourIds = objects
      .map((o) => o.x_attribution_graph_id)
      .filter((x): x is string => typeof x === 'string');
    const rows = await this.db.read<{
      id: string;
      retractedAt: string | null;
      firstClaim: string | null;
      claims: {
        id: string;
        recordedAt: string | null;
        retractedAt: string | null;
        sources: string[] | null;
      }[];
    }>(
      `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids
       CALL (n) {
         OPTIONAL MATCH (n)-[r]->()
         RETURN collect(r {.id, .recordedAt, .retractedAt, .sources}) AS claims
       }
       CALL (n) {
         OPTIONAL MATCH (n)-[r]-()
         RETURN min(r.recordedAt) AS firstClaim
       }
       RETURN n.id AS id, n.retractedAt AS retractedAt, firstClaim, claims`,
      { ids: ourIds },
    );
    // A source enters the graph with the first claim that cites it.
    const firstCited = new Map<string, string>();
    const dates = new Map<string, string>();
    for (const row of rows) {
      for (const claim of row.claims) {
        const recorded = iso(claim.recordedAt);
        if (!recorded) continue;
        dates.set(claim.id, latest(recorded, iso(claim.retractedAt))!);
        for (const source of claim.sources ?? [])
          if (!(firstCited.get(source)! <= recorded)) firstCited.set(source, recorded);
      }
    }
    for (const row of rows) {
      const first = [iso(row.firstClaim), firstCited.get(row.id)]
        .filter((d): d is string => d !== undefined)
        .sort()[0];
      if (first) dates.set(row.id, latest(first, iso(row.retractedAt))!);
    }
    return objects.map((object) => {
      const ours = object.x_attribution_graph_id;
      const own = typeof ours === 'string' ? dates.get(ours) : undefined;
      return { object, dateAdded: own ?? iso(object.created) ?? NO_DATE };
    });
  }
}
