// Checks a node or a claim against the model, with messages that name the request's own
// fields (a claim's ends are `source` and `target` in graph JSON, `from` and `to` in the model).
import type { z } from 'zod';
import { AppError } from '../errors';
import {
  graphNodeSchema,
  relationshipSchema,
  type GraphNodeInput,
  type GraphRelationshipInput,
  type NodeLabel,
} from '../model/model';
import { endsProblem, PlanBuilder, type WritePlan } from '../exchange/write-plan';
import { invalidField } from './errors';

const REQUEST_NAMES: Record<string, string> = { from: 'source', to: 'target' };

function refused(error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => ({
    ...issue,
    path: issue.path.map((p) => (typeof p === 'string' ? (REQUEST_NAMES[p] ?? p) : p)),
  }));
  const message = issues
    .map((issue) => `${['body', ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  return new AppError(400, 'bad_request', message, issues);
}

export function checkNode(element: Record<string, unknown>): GraphNodeInput {
  const parsed = graphNodeSchema.safeParse(element);
  if (!parsed.success) throw refused(parsed.error);
  return parsed.data;
}

/** `claim` in the model's names: type, from, to, sources, date, ... */
export function checkClaim(claim: Record<string, unknown>): GraphRelationshipInput {
  const parsed = relationshipSchema.safeParse(claim);
  if (!parsed.success) throw refused(parsed.error);
  const { since, until } = parsed.data;
  if (since && until && since > until)
    throw invalidField('until', `until (${until}) is before since (${since})`);
  return parsed.data;
}

/** Every id a claim names must be a node of the right kind. */
export function checkClaimReferences(
  claim: GraphRelationshipInput,
  labels: ReadonlyMap<string, NodeLabel>,
): void {
  const fromLabel = labels.get(claim.from);
  const toLabel = labels.get(claim.to);
  if (!fromLabel) throw invalidField('source', `no node with id ${claim.from}`);
  if (!toLabel) throw invalidField('target', `no node with id ${claim.to}`);
  const ends = endsProblem(claim.type, fromLabel, toLabel);
  if (ends) throw invalidField(REQUEST_NAMES[ends.field]!, ends.message);
  claim.sources.forEach((id, i) => {
    const label = labels.get(id);
    if (label !== 'Source')
      throw invalidField(
        `sources.${i}`,
        label ? `${id} is a ${label}, not a Source` : `no Source node with id ${id}`,
      );
  });
  if (claim.assertedBy !== undefined && !labels.has(claim.assertedBy))
    throw invalidField('assertedBy', `no node with id ${claim.assertedBy}`);
  claim.disputedBy?.forEach((id, i) => {
    if (!labels.has(id)) throw invalidField(`disputedBy.${i}`, `no node with id ${id}`);
  });
}

/** Ids a claim refers to, for one label lookup. */
export function claimReferences(claim: GraphRelationshipInput): string[] {
  return [
    claim.from,
    claim.to,
    ...claim.sources,
    ...(claim.assertedBy ? [claim.assertedBy] : []),
    ...(claim.disputedBy ?? []),
  ];
}

/**
 * The write plan of one claim, from the one planner the loaders use: its id, the document it
 * comes from, its period for the time filter, and no empty values.
 */
export function claimPlan(
  claim: GraphRelationshipInput,
  id: string,
  document: string,
  extra: Record<string, unknown> = {},
): WritePlan {
  const { type, from, to, id: _id, ...props } = claim;
  const builder = new PlanBuilder();
  builder.addRelationship(type, { id, from, to, props: { ...props, ...extra }, document }, 'api');
  return builder.plan;
}

/** The properties a claim is stored with (see claimPlan). */
export function claimProps(
  claim: GraphRelationshipInput,
  id: string,
  document: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return claimPlan(claim, id, document, extra).relationships.get(claim.type)![0]!.props;
}

/** A node's stored properties from its checked form (the label is not a property). */
export function nodePropsOf(node: GraphNodeInput): Record<string, unknown> {
  const { label: _label, ...props } = node;
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}
