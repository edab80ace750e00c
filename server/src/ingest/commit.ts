// Committing a reviewed draft: the Source (with the text and its SHA-256), the new entities
// and the accepted claims, in one transaction with a change record for each, through the
// workbench's checks (the model's schema and allowed ends) and the one planner. A refused
// commit writes nothing and keeps the draft.
import type { Node } from 'neo4j-driver';
import type { CommitResult, IngestDraft, ReviewBody } from '../contract/ingest';
import type { Database } from '../db/database';
import { ENTITY_LABEL } from '../db/schema';
import { AppError } from '../errors';
import { slug } from '../exchange/import/names';
import { writePlan } from '../exchange/loader/write';
import { PlanBuilder, relationshipId } from '../exchange/write-plan';
import { CONFIDENCE_OF_WORD, LABELS, type NodeLabel } from '../model/model';
import { recordChange, type WriteContext } from '../workbench/change-log';
import { conflict } from '../workbench/errors';
import {
  checkClaim,
  checkClaimReferences,
  checkNode,
  claimPlan,
  nodePropsOf,
} from '../workbench/model-check';
import { element, labelsOf, lockNode, lockRelationship, type Tx } from '../workbench/state';
import { DRAFT_LABEL, draftOf, sha256 } from './drafts';

const refused = (where: string, message: string) =>
  new AppError(400, 'bad_request', `${where}: ${message}`, [{ path: [where], message }]);

/** Props a new node of this label may take from the extractor. */
const NEW_NODE_PROPS: Partial<Record<NodeLabel, readonly string[]>> = {
  Person: ['title'],
  Organisation: ['kind'],
  Actor: ['kind'],
  State: ['iso2'],
  Operation: ['since', 'until', 'disclosed'],
  Statement: ['text', 'verbatim', 'date', 'channel'],
};

async function freeIds(tx: Tx, wanted: string[]): Promise<Set<string>> {
  const result = await tx.run<{ id: string }>(
    `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL}) WHERE n.id = id OR n.id STARTS WITH id + '-' RETURN n.id AS id`,
    { ids: wanted },
  );
  return new Set(result.records.map((r) => r.get('id')));
}

function sourceName(draft: IngestDraft): string {
  if (draft.source.title) return draft.source.title;
  const words = draft.text.split(/\s+/).slice(0, 10).join(' ');
  return `Report: ${words}…`;
}

export async function commitDraft(
  db: Database,
  draftId: string,
  review: ReviewBody,
  ctx: WriteContext,
): Promise<CommitResult> {
  return db.transaction(async (tx) => {
    // The draft, locked: two commits of one draft run one after the other.
    const found = await tx.run<{ d: Node }>(
      `MATCH (d:${DRAFT_LABEL} {id: $id}) SET d.committing = true RETURN d`,
      { id: draftId },
    );
    const node = found.records[0]?.get('d');
    if (!node)
      throw new AppError(
        404,
        'not_found',
        `No draft with id "${draftId}" (committed or discarded?)`,
      );
    const draft = draftOf(node);
    const source = { ...draft.source, ...(review.source ?? {}) };
    const cause = `${ctx.cause} (draft ${draftId})`;
    const context = { author: ctx.author, cause };
    let changes = 0;

    // 1. The Source, with the text the offsets point into.
    const digest = sha256(draft.text);
    if (digest !== draft.sha256)
      throw new Error(`draft ${draftId}: its text no longer matches its hash`);
    const sourceId = `source:report-${slug(source.title ?? 'untitled').slice(0, 40)}-${digest.slice(0, 10)}`;
    if (await lockNode(tx, sourceId))
      throw conflict(
        'duplicate_report',
        `This report was committed before as ${sourceId} (same title and text)`,
        { existing: sourceId },
      );
    const sourceNode = checkNode({
      id: sourceId,
      label: 'Source',
      name: sourceName({ ...draft, source }),
      text: draft.text,
      sha256: digest,
      ...(source.published ? { published: source.published } : {}),
      ...(source.publishedGuessed ? { publishedGuessed: true } : {}),
      ...(source.publisher ? { publisher: source.publisher } : {}),
      ...(source.url ? { url: source.url } : {}),
    });
    const builder = new PlanBuilder();
    builder.addNode('Source', sourceId, nodePropsOf(sourceNode));

    // 2. The entities the accepted claims use (and any other kept one): linked or new.
    const accepted = review.claims.filter((c) => c.status === 'accepted');
    const byRef = new Map(review.entities.map((e) => [e.ref, e]));
    const used = new Set(
      accepted.flatMap((c) => [c.from, c.to, ...(c.asserter ? [c.asserter] : [])]),
    );
    for (const ref of used) {
      const e = byRef.get(ref);
      if (!e)
        throw refused(
          `claims`,
          `entity ${ref} is used by an accepted claim but is not in entities`,
        );
      if (e.rejected)
        throw refused(`entities.${ref}`, `${e.name} is rejected but an accepted claim uses it`);
    }
    const linked = review.entities.filter((e) => used.has(e.ref) && e.matchId);
    const existingLabels = await labelsOf(
      tx,
      linked.map((e) => e.matchId!),
    );
    for (const e of linked)
      if (!existingLabels.has(e.matchId!))
        throw refused(`entities.${e.ref}.matchId`, `no node with id ${e.matchId}`);
    const fresh = review.entities.filter((e) => used.has(e.ref) && !e.matchId);
    const bases = fresh.map((e) => `${LABELS[e.label].prefix}:${slug(e.name)}`);
    const taken = await freeIds(tx, bases);
    const idOf = new Map<string, string>(linked.map((e) => [e.ref, e.matchId!]));
    const labelOf = new Map<string, NodeLabel>(
      linked.map((e) => [e.matchId!, existingLabels.get(e.matchId!)!]),
    );
    const created: { ref: string; id: string; node: Record<string, unknown> }[] = [];
    fresh.forEach((e, i) => {
      let id = bases[i]!;
      for (let n = 2; taken.has(id); n++) id = `${bases[i]}-${n}`;
      taken.add(id);
      const own = Object.fromEntries(
        Object.entries(e.props ?? {}).filter(([k]) => (NEW_NODE_PROPS[e.label] ?? []).includes(k)),
      );
      if (e.label === 'Statement' && own.text === undefined) own.text = e.name;
      if (e.label === 'Statement' && own.verbatim === undefined) own.verbatim = false;
      let checked;
      try {
        checked = checkNode({
          ...own,
          id,
          label: e.label,
          name: e.name.slice(0, 200),
          sources: [sourceId],
        });
      } catch (error) {
        throw refused(`entities.${e.ref}`, error instanceof Error ? error.message : String(error));
      }
      builder.addNode(e.label, id, nodePropsOf(checked));
      idOf.set(e.ref, id);
      labelOf.set(id, e.label);
      created.push({ ref: e.ref, id, node: { ...nodePropsOf(checked), label: e.label } });
    });
    await writePlan(tx, builder.plan);
    labelOf.set(sourceId, 'Source');
    await recordChange(tx, {
      ...context,
      action: 'create',
      entityKind: 'node',
      entity: sourceId,
      before: null,
      after: {
        label: 'Source',
        ...nodePropsOf(sourceNode),
        text: `(${draft.text.length} characters)`,
      },
      reason: review.reason ?? 'ingested report',
    });
    changes++;
    for (const c of created) {
      await recordChange(tx, {
        ...context,
        action: 'create',
        entityKind: 'node',
        entity: c.id,
        related: [sourceId],
        before: null,
        after: c.node,
        reason: review.reason ?? `from report ${sourceId}`,
      });
      changes++;
    }

    // 3. The accepted claims, each checked against the model like a workbench write.
    const relationships: CommitResult['relationships'] = [];
    const seen = new Set<string>();
    for (const c of accepted) {
      if (c.end > draft.text.length || c.start >= c.end)
        throw refused(
          `claims.${c.ref}`,
          `its evidence offsets ${c.start}..${c.end} are outside the text (${draft.text.length} characters)`,
        );
      const from = idOf.get(c.from)!;
      const to = idOf.get(c.to)!;
      const assertedBy = c.asserter ? idOf.get(c.asserter) : undefined;
      let claim;
      try {
        claim = checkClaim({
          type: c.type,
          from,
          to,
          sources: [sourceId],
          ...(c.date ? { date: c.date } : {}),
          ...(c.since ? { since: c.since } : {}),
          ...(assertedBy ? { assertedBy } : {}),
          // Only ROLE_IN has a role in the model; a role left on another type is not written.
          ...(c.role && c.type === 'ROLE_IN' ? { role: c.role } : {}),
          // The review speaks in words; the model stores the number they stand for.
          confidence: CONFIDENCE_OF_WORD[c.confidence],
          evidence: draft.text.slice(c.start, c.end).trim() || c.evidence,
          evidenceStart: c.start,
          evidenceEnd: c.end,
        });
        checkClaimReferences(claim, labelOf);
      } catch (error) {
        throw refused(`claims.${c.ref}`, error instanceof Error ? error.message : String(error));
      }
      const id = relationshipId(
        c.type,
        from,
        to,
        assertedBy ? `${sourceId}|${assertedBy}` : sourceId,
      );
      if (seen.has(id)) continue;
      seen.add(id);
      await writePlan(tx, claimPlan(claim, id, sourceId));
      const written = (await lockRelationship(tx, id))!;
      await recordChange(tx, {
        ...context,
        action: 'create',
        entityKind: 'relationship',
        entity: id,
        related: [from, to, sourceId],
        before: null,
        after: element(written),
        reason: review.reason ?? c.reason,
      });
      changes++;
      relationships.push({ ref: c.ref, id });
    }

    // 4. The draft is done.
    await tx.run(`MATCH (d:${DRAFT_LABEL} {id: $id}) DELETE d`, { id: draftId });
    return {
      source: sourceId,
      nodes: [
        ...linked.map((e) => ({ ref: e.ref, id: e.matchId!, created: false })),
        ...created.map((c) => ({ ref: c.ref, id: c.id, created: true })),
      ],
      relationships,
      changes,
    };
  });
}
