// Reverting a change: bringing its entity back to the change's `before`, as a new change.
// Only an entity still as the change left it is reverted (later changes are reverted first,
// newest first); anything else is refused with its current state. A claim's creation is
// reverted by retracting it: claims are never deleted.
import type { GraphNode, GraphRelationship } from '../contract/common';
import type { ChangeAction, ChangeRecord, RevertResult } from '../contract/workbench';
import type { Database } from '../db/database';
import { ENTITY_LABEL } from '../db/schema';
import { notFound } from '../errors';
import { readChange, recordChange, type WriteContext } from './change-log';
import { conflict } from './errors';
import { mergeInTransaction, unmerge, type MergeState } from './merge';
import {
  element,
  labelOf,
  lockNode,
  lockRelationship,
  nodeProps,
  relationshipProps,
  replaceNodeProps,
  replaceRelationshipProps,
  type Tx,
  type Versioned,
} from './state';
import { claimsUsing } from './uses';
import { versionOf } from './version';
import { retractionAction, retractionProps } from './retraction';

function changedSince(change: ChangeRecord, current: Record<string, unknown> | undefined) {
  return conflict(
    'changed_since',
    current
      ? `${change.entity} changed after ${change.id}; revert its later changes first (newest first). Its current state is in details.current`
      : `${change.entity} no longer exists, so ${change.id} cannot be reverted`,
    { current: current ?? null },
  );
}

/** The element must be exactly as the change left it. */
function expectState<T extends Record<string, unknown>>(
  change: ChangeRecord,
  current: Versioned<T> | undefined,
): Versioned<T> {
  if (!current || !change.after || current.version !== versionOf(change.after))
    throw changedSince(change, current);
  return current;
}

interface Outcome {
  action: ChangeAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  related?: string[];
}

async function revertNodeChange(tx: Tx, change: ChangeRecord): Promise<Outcome> {
  const id = change.entity;
  const before = change.before as GraphNode | null;
  if (!before) {
    // A creation: the node goes again, if nothing uses it yet.
    const current = expectState(change, await lockNode(tx, id));
    const uses = await claimsUsing(tx, id);
    if (uses.total)
      throw conflict(
        'has_claims',
        `${id} is used since it was created, so it stays: ${uses.summary}`,
        uses,
      );
    await tx.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) DELETE n`, { id });
    return { action: 'delete', before: element(current), after: null };
  }
  if (!change.after) {
    // A removal: the node comes back as it was.
    if (await lockNode(tx, id))
      throw conflict('id_taken', `A node with id ${id} exists again; it cannot be restored`);
    await tx.run(`CREATE (n:${ENTITY_LABEL}:${labelOf(before)}) SET n = $props`, {
      props: nodeProps(before),
    });
    return { action: 'create', before: null, after: element((await lockNode(tx, id))!) };
  }
  // A correction is undone, a retracted Statement restored (or retracted again).
  const current = expectState(change, await lockNode(tx, id));
  const written = await replaceNodeProps(tx, id, nodeProps(before));
  return {
    action: retractionAction(current, written),
    before: element(current),
    after: element(written),
  };
}

async function revertRelationshipChange(
  tx: Tx,
  change: ChangeRecord,
  reason: string,
  author: string,
): Promise<Outcome> {
  const current = expectState(change, await lockRelationship(tx, change.entity));
  const related = [current.source, current.target];
  const before = change.before as GraphRelationship | null;
  // A claim's creation is undone by retracting it: it stays, hidden, with why.
  const props = before
    ? relationshipProps(before)
    : { ...relationshipProps(current), ...retractionProps(author, reason) };
  const written = await replaceRelationshipProps(tx, current, props);
  return {
    action: retractionAction(current, written),
    before: element(current),
    after: element(written),
    related,
  };
}

export async function revertChange(
  db: Database,
  id: string,
  reason: string | undefined,
  ctx: WriteContext,
): Promise<RevertResult> {
  return db.transaction(async (tx) => {
    const change = await readChange(tx, id);
    if (!change) throw notFound(`No change with id "${id}"`);
    // The record says what it reverts (revertOf); a retraction it causes says so in words.
    const why = reason ?? `revert of ${id}`;
    if (change.entityKind === 'run')
      throw conflict(
        'not_revertible',
        `${id} is ${change.action === 'seed' ? 'a seed run' : 'an import'}; runs are not reverted from here (correct or retract what they wrote instead)`,
      );
    if (change.action === 'merge') return { change: await unmerge(tx, change, { ...ctx, reason }) };
    if (change.action === 'unmerge') {
      // Merging again from the current state also moves claims the duplicate gained since.
      const { keep, duplicate } = change.after as unknown as MergeState;
      if (!duplicate) throw new Error(`${id} records no duplicate`);
      const result = await mergeInTransaction(
        tx,
        { keep: keep.id, duplicate: duplicate.id, ...(reason ? { reason } : {}) },
        ctx,
        id,
      );
      return { change: (await readChange(tx, result.change))! };
    }
    const outcome =
      change.entityKind === 'node'
        ? await revertNodeChange(tx, change)
        : await revertRelationshipChange(tx, change, why, ctx.author);
    const record = await recordChange(tx, {
      ...ctx,
      entityKind: change.entityKind,
      entity: change.entity,
      related: outcome.related ?? change.related,
      action: outcome.action,
      before: outcome.before,
      after: outcome.after,
      reason,
      revertOf: id,
    });
    return { change: record };
  });
}
