// Claims: creating one (never without a Source), correcting its provenance, retracting it.
// Claims are never deleted: a retracted one keeps its data and says when, by whom and why.
import type { GraphRelationship } from '../contract/common';
import type {
  RelationshipCreateBody,
  RelationshipPatchBody,
  RetractBody,
  WrittenRelationship,
} from '../contract/workbench';
import type { Database } from '../db/database';
import { notFound } from '../errors';
import {
  confidenceOf,
  FULL_CLEARANCE,
  KNOWN_FIELDS,
  markingOf,
  markingsUpTo,
  type Marking,
} from '../model/model';
import { writePlan } from '../exchange/loader/write';
import { relationshipId } from '../exchange/write-plan';
import { recordChange, type WriteContext } from './change-log';
import { conflict, invalidField, staleVersion } from './errors';
import {
  alreadyRetracted,
  isRetracted,
  refuseRetractionFields,
  retractedClaim,
  retractionProps,
} from './retraction';
import {
  checkClaim,
  checkClaimReferences,
  claimPlan,
  claimProps,
  claimReferences,
} from './model-check';
import {
  element,
  labelsOf,
  lockNode,
  lockRelationship,
  patched,
  relationshipProps,
  replaceRelationshipProps,
  type Versioned,
} from './state';
import { versionOf } from './version';

/** Set by the server, never by a request. */
const DERIVED = ['id', 'document', 'periodStart', 'periodEnd', ...KNOWN_FIELDS] as const;
const FIXED = ['type', 'source', 'target'] as const;

function refuseServerFields(body: Record<string, unknown>): void {
  refuseRetractionFields(body, 'POST /api/relationships/{id}/retract');
  for (const field of DERIVED) if (field in body) throw invalidField(field, 'set by the server');
}

/** `clearance`: the writer's; a claim it may not see is not shown in the 409 that names it. */
export async function createRelationship(
  db: Database,
  body: RelationshipCreateBody,
  ctx: WriteContext,
  clearance?: Marking,
): Promise<WrittenRelationship> {
  const { reason, type, source, target, ...rest } = body;
  refuseServerFields(rest);
  const claim = checkClaim({
    type,
    from: source,
    to: target,
    ...rest,
    ...('confidence' in rest ? { confidence: confidenceOf(rest.confidence) } : {}),
  });
  // The same claim from the same source by the same party is the same relationship.
  const document = claim.sources[0]!;
  const id = relationshipId(
    type,
    source,
    target,
    claim.assertedBy ? `${document}|${claim.assertedBy}` : document,
  );
  return db.transaction(async (tx) => {
    checkClaimReferences(claim, await labelsOf(tx, claimReferences(claim)));
    // Locking the start node makes two identical requests wait for each other, so the
    // second finds the first's claim instead of adding a twin (relationship ids have no
    // uniqueness constraint).
    await lockNode(tx, source);
    const existing = await lockRelationship(tx, id);
    if (existing) {
      const shown = markingsUpTo(clearance ?? FULL_CLEARANCE).includes(markingOf(existing.marking));
      throw conflict(
        'duplicate_claim',
        `This claim exists (${id}, same type, ends, first source and asserting party); edit it instead`,
        shown ? { existing } : undefined,
      );
    }
    await writePlan(tx, claimPlan(claim, id, document));
    const written = (await lockRelationship(tx, id))!;
    await recordChange(tx, {
      ...ctx,
      action: 'create',
      entityKind: 'relationship',
      entity: id,
      related: [source, target],
      before: null,
      after: element(written),
      reason,
    });
    return written;
  });
}

/** The relationship, locked, or 404; a stale version is a 409 with the current state. */
async function current(
  tx: Parameters<typeof lockRelationship>[0],
  id: string,
  version: string | undefined,
): Promise<Versioned<GraphRelationship>> {
  const found = await lockRelationship(tx, id);
  if (!found) throw notFound(`No relationship with id "${id}"`);
  if (version !== undefined && found.version !== version)
    throw staleVersion(`Relationship ${id}`, version, found);
  return found;
}

export async function updateRelationship(
  db: Database,
  id: string,
  body: RelationshipPatchBody,
  ctx: WriteContext,
): Promise<WrittenRelationship> {
  const { version, reason, ...patch } = body;
  refuseServerFields(patch);
  return db.transaction(async (tx) => {
    const before = await current(tx, id, version);
    for (const field of FIXED)
      if (field in patch && patch[field] !== before[field])
        throw invalidField(
          field,
          `the ${field} of a claim never changes; retract it and make a new claim`,
        );
    if (isRetracted(before)) throw retractedClaim(`Relationship ${id}`, 'correcting it', before);
    const { type: _type, source: _source, target: _target, ...changes } = patch;
    const props = patched(relationshipProps(before), {
      ...changes,
      ...('confidence' in changes ? { confidence: confidenceOf(changes.confidence) } : {}),
    });
    for (const field of DERIVED) delete props[field];
    const claim = checkClaim({
      ...props,
      type: before.type,
      from: before.source,
      to: before.target,
    });
    checkClaimReferences(claim, await labelsOf(tx, claimReferences(claim)));
    // The document the claim first came from stays its document.
    const document = typeof before.document === 'string' ? before.document : claim.sources[0]!;
    // When it was first recorded stays; everything else derived is computed again.
    const stored = claimProps(
      claim,
      id,
      document,
      typeof before.recordedAt === 'string' ? { recordedAt: before.recordedAt } : {},
    );
    const next = { ...stored, type: before.type, source: before.source, target: before.target };
    if (versionOf(next) === before.version) return before;
    const written = await replaceRelationshipProps(tx, before, stored);
    await recordChange(tx, {
      ...ctx,
      action: 'update',
      entityKind: 'relationship',
      entity: id,
      related: [before.source, before.target],
      before: element(before),
      after: element(written),
      reason,
    });
    return written;
  });
}

export async function retractRelationship(
  db: Database,
  id: string,
  body: RetractBody,
  ctx: WriteContext,
): Promise<WrittenRelationship> {
  return db.transaction(async (tx) => {
    const before = await current(tx, id, body.version);
    if (isRetracted(before)) throw alreadyRetracted(`Relationship ${id}`, before);
    const written = await replaceRelationshipProps(tx, before, {
      ...relationshipProps(before),
      ...retractionProps(ctx.author, body.reason),
    });
    await recordChange(tx, {
      ...ctx,
      action: 'retract',
      entityKind: 'relationship',
      entity: id,
      related: [before.source, before.target],
      before: element(before),
      after: element(written),
      reason: body.reason,
    });
    return written;
  });
}
