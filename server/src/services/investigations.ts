// Saved investigations: named canvases (view state, node positions, notes) stored as
// :Investigation nodes, apart from the domain graph like :SavedQuery and :Change: they carry
// no model label and no :Entity, so search, the explorer, export and the schema's counts
// never see them. Versions count writes; an update from a stale version is refused.
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/database';
import { INVESTIGATION_LABEL } from '../db/schema';
import type { Marking } from '../model/model';
import { visibilityOf } from './visibility';
import { AppError, notFound } from '../errors';
import {
  investigationView,
  nodePositions,
  type Investigation,
  type InvestigationInput,
  type InvestigationSummary,
  type InvestigationUpdate,
} from '../contract/investigations';

function toSummary(row: Record<string, unknown>): InvestigationSummary {
  return {
    id: String(row.id),
    name: String(row.name),
    author: String(row.author),
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
    nodeCount: Number(row.nodeCount),
    version: Number(row.version),
  };
}

/** A stored node as the API shows it; its JSON texts are read back through the contract. */
function toInvestigation(row: Record<string, unknown>): Investigation {
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  return {
    ...toSummary(row),
    updatedBy: String(row.updatedBy ?? row.author),
    notes: text(row.notes, ''),
    view: investigationView.parse(JSON.parse(text(row.view, '{}'))),
    positions: nodePositions.parse(JSON.parse(text(row.positions, '{}'))),
  };
}

const stored = (input: InvestigationInput) => ({
  name: input.name,
  notes: input.notes,
  view: JSON.stringify(input.view),
  positions: JSON.stringify(input.positions),
  nodeCount: input.view.ids.length,
});

/** An investigation as a caller sees it: its members it may not see left out, and not counted. */
function seenBy(inv: Investigation, shown: ReadonlySet<string>): Investigation {
  const ids = inv.view.ids.filter((id) => shown.has(id));
  return {
    ...inv,
    nodeCount: ids.length,
    view: { ...inv.view, ids },
    positions: Object.fromEntries(Object.entries(inv.positions).filter(([id]) => shown.has(id))),
  };
}

export class InvestigationService {
  constructor(
    private readonly db: Database,
    private readonly options: { timeoutMs: number },
  ) {}

  /** Of these node ids, those the clearance lets its holder see (all when it is undefined). */
  private async shownOf(ids: string[], clearance: Marking | undefined): Promise<Set<string>> {
    if (clearance === undefined) return new Set(ids);
    // A member no longer in the graph stays listed (the explorer says it is gone), as before.
    const seen = await visibilityOf(this.db, ids, clearance, this.options);
    return new Set(ids.filter((id) => seen.get(id) !== false));
  }

  async list(clearance?: Marking): Promise<InvestigationSummary[]> {
    const rows = await this.db.read<{ i: Record<string, unknown> }>(
      `MATCH (i:${INVESTIGATION_LABEL}) RETURN i {.*} AS i ORDER BY i.updatedAt DESC, i.id`,
      {},
      this.options,
    );
    const all = rows.map((r) => toInvestigation(r.i));
    // Member counts are of what the caller may see: a hidden member is not counted.
    const shown = await this.shownOf([...new Set(all.flatMap((i) => i.view.ids))], clearance);
    return all.map((i) => toSummary({ ...i, nodeCount: seenBy(i, shown).nodeCount }));
  }

  async get(id: string, clearance?: Marking): Promise<Investigation> {
    const rows = await this.db.read<{ i: Record<string, unknown> }>(
      `MATCH (i:${INVESTIGATION_LABEL} {id: $id}) RETURN i {.*} AS i`,
      { id },
      this.options,
    );
    if (!rows[0]) throw notFound(`No investigation with id ${id}`);
    const inv = toInvestigation(rows[0].i);
    return seenBy(inv, await this.shownOf(inv.view.ids, clearance));
  }

  async create(input: InvestigationInput, author: string): Promise<Investigation> {
    const rows = await this.db.write<{ i: Record<string, unknown> }>(
      `CREATE (i:${INVESTIGATION_LABEL} {
         id: $id, name: $name, notes: $notes, view: $view, positions: $positions,
         nodeCount: $nodeCount, author: $author, updatedBy: $author, version: 1,
         createdAt: toString(datetime.realtime()), updatedAt: toString(datetime.realtime())
       })
       RETURN i {.*} AS i`,
      { id: `inv-${randomUUID()}`, author, ...stored(input) },
      this.options,
    );
    return toInvestigation(rows[0]!.i);
  }

  /**
   * Replaces name, notes, view and positions, from the version the writer read. Members the
   * writer may not see (it never had them) are kept, with their positions.
   */
  async update(
    id: string,
    input: InvestigationUpdate,
    author: string,
    clearance?: Marking,
  ): Promise<Investigation> {
    const written = await this.db.run(
      'WRITE',
      async (tx: ManagedTransaction) => {
        // Setting the version to itself takes the node's write lock before it is compared.
        const current = await tx.run<{ i: Record<string, unknown> }>(
          `MATCH (i:${INVESTIGATION_LABEL} {id: $id}) SET i.version = i.version RETURN i {.*} AS i`,
          { id },
        );
        const row = current.records[0]?.get('i');
        if (!row) throw notFound(`No investigation with id ${id}`);
        const now = toInvestigation(row);
        const shown = await this.shownOf(now.view.ids, clearance);
        if (now.version !== input.version)
          throw new AppError(
            409,
            'stale_version',
            `Investigation "${now.name}" changed since you read it (your version ${input.version}, now ${now.version} by ${now.updatedBy}); its current state is in details.current`,
            { current: seenBy(now, shown) },
          );
        const hidden = now.view.ids.filter((m) => !shown.has(m) && !input.view.ids.includes(m));
        const kept: InvestigationInput = {
          ...input,
          view: { ...input.view, ids: [...input.view.ids, ...hidden] },
          positions: {
            ...Object.fromEntries(
              Object.entries(now.positions).filter(([m]) => hidden.includes(m)),
            ),
            ...input.positions,
          },
        };
        const written = await tx.run<{ i: Record<string, unknown> }>(
          `MATCH (i:${INVESTIGATION_LABEL} {id: $id})
           SET i.name = $name, i.notes = $notes, i.view = $view, i.positions = $positions,
               i.nodeCount = $nodeCount, i.updatedBy = $author, i.version = i.version + 1,
               i.updatedAt = toString(datetime.realtime())
           RETURN i {.*} AS i`,
          { id, author, ...stored(kept) },
        );
        return toInvestigation(written.records[0]!.get('i'));
      },
      this.options,
    );
    return seenBy(written, await this.shownOf(written.view.ids, clearance));
  }

  async remove(id: string): Promise<void> {
    const rows = await this.db.write<{ n: number }>(
      `MATCH (i:${INVESTIGATION_LABEL} {id: $id}) DELETE i RETURN count(*) AS n`,
      { id },
      this.options,
    );
    if (!rows[0]?.n) throw notFound(`No investigation with id ${id}`);
  }
}
