// Retraction, one way for every claim: a relationship, or a node of a claim label (a
// Statement). A retracted claim keeps its data and gains when, by whom and why; it is never
// deleted, and reverting the retraction brings it back (DESIGN.md, "Claims over time").
import type { ChangeAction } from '../contract/workbench';
import { conflict, invalidField } from './errors';

export const RETRACTION_FIELDS = ['retractedAt', 'retractedBy', 'retractionReason'] as const;

export const isRetracted = (element: Record<string, unknown>): boolean =>
  typeof element.retractedAt === 'string';

/** The properties a retraction adds: now, the author and the reason. */
export function retractionProps(author: string, reason: string): Record<string, string> {
  return { retractedAt: new Date().toISOString(), retractedBy: author, retractionReason: reason };
}

/** The retraction fields are set by retracting (`route`), never sent in a body. */
export function refuseRetractionFields(body: Record<string, unknown>, route: string): void {
  for (const field of RETRACTION_FIELDS)
    if (field in body) throw invalidField(field, `set by retracting the claim (${route})`);
}

/** 409: `what` ("Relationship rel:…", "Statement statement:…") is retracted already. */
export function alreadyRetracted(what: string, current: Record<string, unknown>) {
  return conflict(
    'already_retracted',
    `${what} was retracted on ${String(current.retractedAt)} by ${String(current.retractedBy)}`,
    { current },
  );
}

/** 409: a retracted claim is not corrected (or merged) until its retraction is reverted. */
export function retractedClaim(what: string, doing: string, current: Record<string, unknown>) {
  return conflict('retracted', `${what} is retracted; revert its retraction before ${doing}`, {
    current,
  });
}

/** What a write did to a claim: retracted it, restored it, or only changed it. */
export function retractionAction(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ChangeAction {
  if (isRetracted(after) && !isRetracted(before)) return 'retract';
  if (isRetracted(before) && !isRetracted(after)) return 'restore';
  return 'update';
}
