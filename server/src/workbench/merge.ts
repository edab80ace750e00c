// Merging two nodes that are one entity, and undoing it. A merge is a move between two
// states of the same few elements: the kept node, the duplicate, every relationship that
// touches or names the duplicate, and every node that cites it as a source. The change log
// keeps both states, so unmerging is the same move backwards.
import type { Node, Relationship } from 'neo4j-driver';
import type { GraphNode, GraphRelationship } from '../contract/common';
import type { MergeBody, MergeResult } from '../contract/workbench';
import type { Database } from '../db/database';
import { toGraphNode, toGraphRelationship } from '../db/mapper';
import { ENTITY_LABEL } from '../db/schema';
import { notFound } from '../errors';
import { mergeProps } from '../exchange/import/resolve';
import { recordChange, type WriteContext } from './change-log';
import { conflict, invalidField, staleVersion } from './errors';
import { checkNode, nodePropsOf } from './model-check';
import { isRetracted, retractedClaim } from './retraction';
import {
  element,
  labelOf,
  lockNode,
  lockNodes,
  lockRelationship,
  nodeProps,
  relationshipProps,
  relationshipTypeOf,
  replaceNodeProps,
  type Tx,
} from './state';
import { versionOf } from './version';

/** The elements a merge changes, as graph JSON. */
export interface MergeState {
  keep: GraphNode;
  duplicate: GraphNode | null;
  relationships: GraphRelationship[];
  nodes: GraphNode[];
}

/** Replaces one id by another in a property that holds an id or a list of ids. */
function swapId(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value))
    return [...new Set((value as unknown[]).map((v) => (v === from ? to : v)))];
  return value;
}

const REFERENCES = ['sources', 'assertedBy', 'disputedBy', 'document'];

/** The duplicate's relationships and those naming it, and the nodes citing it, all locked. */
async function readMergeState(tx: Tx, keep: GraphNode, duplicate: GraphNode): Promise<MergeState> {
  const rels = await tx.run<{ r: Relationship; from: string; to: string }>(
    `CALL () {
       MATCH (:${ENTITY_LABEL} {id: $dup})-[r]-() RETURN r
       UNION
       MATCH ()-[r]->()
       WHERE $dup IN coalesce(r.sources, []) OR r.assertedBy = $dup
          OR $dup IN coalesce(r.disputedBy, []) OR r.document = $dup
       RETURN r
     }
     SET r.id = r.id
     RETURN r, startNode(r).id AS from, endNode(r).id AS to
     ORDER BY r.id`,
    { dup: duplicate.id },
  );
  const citing = await tx.run<{ n: Node }>(
    `MATCH (n:${ENTITY_LABEL}) WHERE $dup IN coalesce(n.sources, []) AND NOT n.id IN [$dup, $keep]
     SET n.id = n.id
     RETURN n ORDER BY n.id`,
    { dup: duplicate.id, keep: keep.id },
  );
  return {
    keep,
    duplicate,
    relationships: rels.records.map((rec) => {
      const r = rec.get('r');
      return toGraphRelationship(
        r,
        new Map([
          [r.startNodeElementId, rec.get('from')],
          [r.endNodeElementId, rec.get('to')],
        ]),
      );
    }),
    nodes: citing.records.map((rec) => toGraphNode(rec.get('n'))),
  };
}

/** The state after folding the duplicate into the kept node. */
function merged(from: MergeState): MergeState {
  const { keep, duplicate } = from;
  if (!duplicate) throw new Error('nothing to merge');
  const swap = (v: unknown) => swapId(v, duplicate.id, keep.id);
  // The kept node's values win; lists are united and the duplicate's names become aliases
  // (the importers' rule for an entity that arrives twice).
  const props = mergeProps(
    nodeProps(keep) as Record<string, unknown> & { name: string },
    nodeProps(duplicate) as Record<string, unknown> & { name: string },
  );
  if (Array.isArray(props.sources)) {
    props.sources = (swap(props.sources) as string[]).filter((s) => s !== keep.id);
    if (!(props.sources as string[]).length) delete props.sources;
  }
  const node = checkNode({ ...props, id: keep.id, label: keep.label });
  return {
    keep: { ...nodePropsOf(node), label: keep.label } as GraphNode,
    duplicate: null,
    relationships: from.relationships.map((r) => {
      const out: GraphRelationship = { ...r, source: swap(r.source) as string };
      out.target = swap(r.target) as string;
      for (const key of REFERENCES) if (key in out) out[key] = swap(out[key]);
      return out;
    }),
    nodes: from.nodes.map((n) => ({ ...n, sources: swap(n.sources) })),
  };
}

/** Refuses unless every element is as `state` says (nothing changed since it was recorded). */
async function checkUnchanged(tx: Tx, state: MergeState): Promise<void> {
  const changed: string[] = [];
  const keep = await lockNode(tx, state.keep.id);
  if (!keep) throw notFound(`No node with id "${state.keep.id}"`);
  if (keep.version !== versionOf(state.keep)) changed.push(state.keep.id);
  if (state.duplicate) {
    const duplicate = await lockNode(tx, state.duplicate.id);
    if (duplicate?.version !== versionOf(state.duplicate)) changed.push(state.duplicate.id);
  }
  for (const r of state.relationships) {
    const now = await lockRelationship(tx, r.id);
    if (now?.version !== versionOf(r)) changed.push(r.id);
  }
  for (const n of state.nodes) {
    const now = await lockNode(tx, n.id);
    if (now?.version !== versionOf(n)) changed.push(n.id);
  }
  if (changed.length)
    throw conflict(
      'changed_since',
      `These elements changed after the merge was recorded, so it cannot be undone as it was: ${changed.join(', ')}. Revert their later changes first`,
      { changed },
    );
}

/** Moves the elements from one state to the other; the caller has checked `from`. */
async function applyState(tx: Tx, from: MergeState, to: MergeState): Promise<void> {
  for (const r of from.relationships)
    await tx.run(`MATCH ()-[r:${relationshipTypeOf(r)} {id: $id}]->() DELETE r`, { id: r.id });
  if (from.duplicate && !to.duplicate)
    await tx.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) DELETE n`, { id: from.duplicate.id });
  if (to.duplicate && !from.duplicate) {
    if (await lockNode(tx, to.duplicate.id))
      throw conflict(
        'id_taken',
        `A node with id ${to.duplicate.id} was created after the merge; the merge cannot be undone while it exists`,
      );
    await tx.run(`CREATE (n:${ENTITY_LABEL}:${labelOf(to.duplicate)}) SET n = $props`, {
      props: nodeProps(to.duplicate),
    });
  }
  await replaceNodeProps(tx, to.keep.id, nodeProps(to.keep));
  for (const n of to.nodes) await replaceNodeProps(tx, n.id, nodeProps(n));
  for (const r of to.relationships)
    await tx.run(
      `MATCH (a:${ENTITY_LABEL} {id: $source}) MATCH (b:${ENTITY_LABEL} {id: $target})
       CREATE (a)-[r:${relationshipTypeOf(r)}]->(b) SET r = $props`,
      { source: r.source, target: r.target, props: relationshipProps(r) },
    );
}

const stateJson = (s: MergeState) => ({ ...s }) as unknown as Record<string, unknown>;

function related(a: MergeState, b: MergeState): string[] {
  return [
    ...(a.duplicate ? [a.duplicate.id] : []),
    ...(b.duplicate ? [b.duplicate.id] : []),
    ...a.relationships.map((r) => r.id),
    ...a.nodes.map((n) => n.id),
  ];
}

export async function mergeNodes(
  db: Database,
  body: MergeBody,
  ctx: WriteContext,
): Promise<MergeResult> {
  return db.transaction((tx) => mergeInTransaction(tx, body, ctx));
}

/** A merge inside the caller's transaction (a revert of an unmerge merges again). */
export async function mergeInTransaction(
  tx: Tx,
  body: MergeBody,
  ctx: WriteContext,
  revertOf?: string,
): Promise<MergeResult> {
  if (body.keep === body.duplicate)
    throw invalidField('duplicate', 'a node cannot be merged into itself');
  const locked = await lockNodes(tx, [body.keep, body.duplicate]);
  const keep = locked.get(body.keep);
  const duplicate = locked.get(body.duplicate);
  if (!keep) throw notFound(`No node with id "${body.keep}"`);
  if (!duplicate) throw notFound(`No node with id "${body.duplicate}"`);
  if (body.keepVersion !== undefined && keep.version !== body.keepVersion)
    throw staleVersion(`Node ${keep.id}`, body.keepVersion, keep);
  if (body.duplicateVersion !== undefined && duplicate.version !== body.duplicateVersion)
    throw staleVersion(`Node ${duplicate.id}`, body.duplicateVersion, duplicate);
  for (const node of [keep, duplicate])
    if (isRetracted(node)) throw retractedClaim(`${node.label} ${node.id}`, 'merging it', node);
  if (keep.label !== duplicate.label)
    throw invalidField(
      'duplicate',
      `${duplicate.id} is a ${duplicate.label} and ${keep.id} a ${keep.label}: only nodes of one label are one entity`,
    );
  const from = await readMergeState(tx, element(keep), element(duplicate));
  const to = merged(from);
  await applyState(tx, from, to);
  const change = await recordChange(tx, {
    ...ctx,
    action: 'merge',
    entityKind: 'node',
    entity: keep.id,
    related: related(from, to),
    before: stateJson(from),
    after: stateJson(to),
    reason: body.reason,
    ...(revertOf ? { revertOf } : {}),
  });
  return {
    node: (await lockNode(tx, keep.id))!,
    moved: from.relationships
      .filter((r) => r.source === duplicate.id || r.target === duplicate.id)
      .map((r) => r.id),
    change: change.id,
  };
}

/** Undoes a recorded merge, if nothing it touched has changed since. */
export async function unmerge(
  tx: Tx,
  merge: { id: string; before: unknown; after: unknown },
  ctx: WriteContext & { reason?: string | undefined },
) {
  const from = merge.after as MergeState;
  const to = merge.before as MergeState;
  await checkUnchanged(tx, from);
  await applyState(tx, from, to);
  return recordChange(tx, {
    ...ctx,
    action: 'unmerge',
    entityKind: 'node',
    entity: to.keep.id,
    related: related(to, from),
    before: stateJson(from),
    after: stateJson(to),
    reason: ctx.reason,
    revertOf: merge.id,
  });
}
