// Creating, correcting and removing nodes, each in one transaction with its change record.
import type { GraphNode } from '../contract/common';
import type {
  NodeCreateBody,
  NodePatchBody,
  RetractBody,
  WrittenNode,
} from '../contract/workbench';
import type { Database } from '../db/database';
import { ENTITY_LABEL } from '../db/schema';
import { AppError, notFound } from '../errors';
import { normalName, slug } from '../exchange/import/names';
import { writePlan } from '../exchange/loader/write';
import { PlanBuilder } from '../exchange/write-plan';
import {
  CLAIM_LABELS,
  FULL_CLEARANCE,
  LABELS,
  markingOf,
  markingsUpTo,
  type Marking,
  type NodeLabel,
} from '../model/model';
import { visible, visibleParam } from '../services/known-filter';
import { recordChange, type WriteContext } from './change-log';
import { conflict, invalidField, staleVersion } from './errors';
import { checkNode, nodePropsOf } from './model-check';
import {
  element,
  labelsOf,
  labelOf,
  lockNode,
  nodeProps,
  patched,
  replaceNodeProps,
  type Tx,
} from './state';
import {
  alreadyRetracted,
  isRetracted,
  refuseRetractionFields,
  retractedClaim,
  retractionProps,
} from './retraction';
import { versionOf } from './version';
import { claimsUsing } from './uses';

const RETRACT_ROUTE = 'POST /api/nodes/{id}/retract';

/** Nodes of the label that share a name or alias with `names` ("APT 31" matches "apt31"). */
async function sameNamed(
  db: Database,
  label: NodeLabel,
  names: string[],
  clearance: Marking | undefined,
): Promise<GraphNode[]> {
  const wanted = new Set(names.map(normalName).filter(Boolean));
  // A scan of one label: writes are rare, and names are compared in their normal form, which
  // no index holds. Only nodes the writer may see: a hidden one is never named back to it.
  const rows = await db.read<{ id: string; name: string; aliases: string[] | null }>(
    `MATCH (n:${label}) WHERE ${visible('n')} RETURN n.id AS id, n.name AS name, n.aliases AS aliases`,
    { visible: visibleParam(clearance) },
  );
  return rows
    .filter((r) => [r.name, ...(r.aliases ?? [])].some((n) => wanted.has(normalName(String(n)))))
    .slice(0, 10)
    .map((r) => ({ id: r.id, label, name: r.name, ...(r.aliases ? { aliases: r.aliases } : {}) }));
}

/** label-prefix:slug-of-name, or with -2, -3, ... when that is taken. */
async function freeId(db: Database, label: NodeLabel, name: string): Promise<string> {
  const base = `${LABELS[label].prefix}:${slug(name)}`;
  const taken = new Set(
    (
      await db.read<{ id: string }>(
        `MATCH (n:${ENTITY_LABEL}) WHERE n.id = $base OR n.id STARTS WITH $prefix RETURN n.id AS id`,
        { base, prefix: `${base}-` },
      )
    ).map((r) => r.id),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A node's own `sources` must be Source nodes. */
async function checkNodeSources(tx: Tx, sources: unknown): Promise<void> {
  if (!Array.isArray(sources)) return;
  const labels = await labelsOf(tx, sources.map(String));
  sources.forEach((id, i) => {
    if (labels.get(String(id)) !== 'Source')
      throw invalidField(`sources.${i}`, `no Source node with id ${String(id)}`);
  });
}

/** `clearance`: the writer's; what it may not see is neither offered back nor shown in a 409. */
export async function createNode(
  db: Database,
  body: NodeCreateBody,
  ctx: WriteContext,
  clearance?: Marking,
): Promise<WrittenNode> {
  const { reason, allowDuplicate, ...fields } = body;
  refuseRetractionFields(fields, RETRACT_ROUTE);
  const label = fields.label;
  const id = typeof fields.id === 'string' ? fields.id : await freeId(db, label, fields.name);
  const node = checkNode({ ...fields, id });
  if (!allowDuplicate) {
    const existing = await sameNamed(db, label, [node.name, ...(node.aliases ?? [])], clearance);
    if (existing.length)
      throw conflict(
        'duplicate',
        `A ${label} with this name or alias exists: ${existing.map((n) => `${n.name} (${n.id})`).join(', ')}. Use it, or send allowDuplicate: true to create another`,
        { existing },
      );
  }
  return db.transaction(async (tx) => {
    await checkNodeSources(tx, node.sources);
    const builder = new PlanBuilder();
    builder.addNode(label, node.id, nodePropsOf(node));
    const counts = await writePlan(tx, builder.plan);
    if (counts.nodes[label]?.created !== 1) {
      const existing = await lockNode(tx, node.id);
      const shown = markingsUpTo(clearance ?? FULL_CLEARANCE).includes(
        markingOf(existing?.marking),
      );
      throw conflict(
        'id_taken',
        `A node with id ${node.id} exists; choose another id`,
        shown ? { existing } : undefined,
      );
    }
    const written = (await lockNode(tx, node.id))!;
    await recordChange(tx, {
      ...ctx,
      action: 'create',
      entityKind: 'node',
      entity: node.id,
      before: null,
      after: element(written),
      reason,
    });
    return written;
  });
}

const FIXED_NODE_FIELDS = ['id', 'label'] as const;

export async function updateNode(
  db: Database,
  id: string,
  body: NodePatchBody,
  ctx: WriteContext,
): Promise<WrittenNode> {
  const { version, reason, ...patch } = body;
  refuseRetractionFields(patch, RETRACT_ROUTE);
  return db.transaction(async (tx) => {
    const current = await lockNode(tx, id);
    if (!current) throw notFound(`No node with id "${id}"`);
    if (current.version !== version) throw staleVersion(`Node ${id}`, version, current);
    if (isRetracted(current))
      throw retractedClaim(`${current.label} ${id}`, 'correcting it', current);
    for (const field of FIXED_NODE_FIELDS)
      if (field in patch && patch[field] !== current[field])
        throw invalidField(
          field,
          `the ${field} of a node never changes (it is ${String(current[field])}); to fold two nodes into one, merge them`,
        );
    const next = patched(nodeProps(current), patch);
    const label = labelOf(current);
    const node = checkNode({ ...next, label });
    await checkNodeSources(tx, node.sources);
    const props = nodePropsOf(node);
    if (versionOf({ ...props, label }) === current.version) return current;
    const written = await replaceNodeProps(tx, id, props);
    await recordChange(tx, {
      ...ctx,
      action: 'update',
      entityKind: 'node',
      entity: id,
      before: element(current),
      after: element(written),
      reason,
    });
    return written;
  });
}

/** Removes a node no claim uses (created by mistake); one in use is refused with its uses. */
export async function deleteNode(
  db: Database,
  id: string,
  options: {
    version?: string | undefined;
    reason?: string | undefined;
    /** The writer's (see the 409 below). */
    clearance?: Marking | undefined;
  },
  ctx: WriteContext,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockNode(tx, id);
    if (!current) throw notFound(`No node with id "${id}"`);
    if (options.version !== undefined && current.version !== options.version)
      throw staleVersion(`Node ${id}`, options.version, current);
    const uses = await claimsUsing(tx, id);
    // A writer below full clearance is told that the node is used, not by what: some of its
    // uses may be hidden from it (their ids and their number alike).
    const restricted = options.clearance !== undefined && options.clearance !== FULL_CLEARANCE;
    if (uses.total > 0)
      throw restricted
        ? conflict(
            'has_claims',
            `${current.name} (${id}) is used by claims or nodes, so it stays. Only a node that nothing uses can be removed; retract the claims or merge the node instead`,
          )
        : conflict(
            'has_claims',
            `${current.name} (${id}) is used by ${uses.total} claim(s) or node(s), so it stays: ${uses.summary}. Only a node that nothing uses can be removed; retract the claims or merge the node instead`,
            uses,
          );
    await tx.run(`MATCH (n:${ENTITY_LABEL} {id: $id}) DELETE n`, { id });
    await recordChange(tx, {
      ...ctx,
      action: 'delete',
      entityKind: 'node',
      entity: id,
      before: element(current),
      after: null,
      reason: options.reason,
    });
  });
}

/**
 * Retracts a node that is a claim (a Statement, by the model's `claim` flag): it stays with
 * when, by whom and why, and the explorer hides it and its relationships unless asked.
 */
export async function retractNode(
  db: Database,
  id: string,
  body: RetractBody,
  ctx: WriteContext,
): Promise<WrittenNode> {
  return db.transaction(async (tx) => {
    const before = await lockNode(tx, id);
    if (!before) throw notFound(`No node with id "${id}"`);
    const label = labelOf(before);
    if (!CLAIM_LABELS.includes(label))
      throw new AppError(
        422,
        'not_a_claim',
        `${id} is labelled ${label}, which is not a claim: only ${CLAIM_LABELS.join(', ')} nodes and relationships (POST /api/relationships/{id}/retract) are retracted. Correct, merge or remove the ${label} instead`,
        { label, claimLabels: CLAIM_LABELS },
      );
    if (body.version !== undefined && before.version !== body.version)
      throw staleVersion(`${label} ${id}`, body.version, before);
    if (isRetracted(before)) throw alreadyRetracted(`${label} ${id}`, before);
    const written = await replaceNodeProps(tx, id, {
      ...nodeProps(before),
      ...retractionProps(ctx.author, body.reason),
    });
    await recordChange(tx, {
      ...ctx,
      action: 'retract',
      entityKind: 'node',
      entity: id,
      before: element(before),
      after: element(written),
      reason: body.reason,
    });
    return written;
  });
}
