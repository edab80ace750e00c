// An element's current state inside a write transaction, read under a write lock, so that
// two edits of the same element are applied one after the other and the second sees the
// first (optimistic concurrency then compares versions). Elements travel as graph JSON.
import type { ManagedTransaction, Node, Relationship, Transaction } from 'neo4j-driver';
import type { GraphNode, GraphRelationship } from '../contract/common';
import { toGraphNode, toGraphRelationship } from '../db/mapper';
import { ENTITY_LABEL } from '../db/schema';
import { isNodeLabel, type NodeLabel, type RelationshipType } from '../model/model';
import { relationshipTypeOfId } from '../services/graph.service';
import { versionOf } from './version';

export type Tx = Transaction | ManagedTransaction;

export type Versioned<T> = T & { version: string };

const withVersion = <T extends Record<string, unknown>>(element: T): Versioned<T> => ({
  ...element,
  version: versionOf(element),
});

/**
 * The properties after a patch: the patch's values win and null removes a property. Built
 * with Object.fromEntries, so a key such as "__proto__" stays a plain (refused) property.
 */
export function patched(
  props: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged = Object.fromEntries([...Object.entries(props), ...Object.entries(patch)]);
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null));
}

/** Graph JSON without the version: what the change log keeps. */
export function element(versioned: Versioned<GraphNode>): GraphNode;
export function element(versioned: Versioned<GraphRelationship>): GraphRelationship;
export function element(versioned: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, ...rest } = versioned;
  return rest;
}

/** The stored properties of a node element (its label is not a property). */
export function nodeProps(element: GraphNode): Record<string, unknown> {
  const { label: _label, version: _version, ...props } = element;
  return props;
}

/** The stored properties of a relationship element (type and ends are not properties). */
export function relationshipProps(element: GraphRelationship): Record<string, unknown> {
  const { type: _type, source: _source, target: _target, version: _version, ...props } = element;
  return props;
}

export function labelOf(element: GraphNode): NodeLabel {
  if (!isNodeLabel(element.label)) throw new Error(`${element.id} has no label of the model`);
  return element.label;
}

/**
 * The node, locked for the rest of the transaction. Setting a property to its own value takes
 * Neo4j's exclusive lock without adding a property key (Neo4j locks before comparing values).
 */
export async function lockNode(tx: Tx, id: string): Promise<Versioned<GraphNode> | undefined> {
  const result = await tx.run<{ n: Node }>(
    `MATCH (n:${ENTITY_LABEL} {id: $id}) SET n.id = n.id RETURN n`,
    { id },
  );
  const node = result.records[0]?.get('n');
  return node ? withVersion(toGraphNode(node)) : undefined;
}

/** Several nodes, locked in id order so that two writers never wait on each other. */
export async function lockNodes(tx: Tx, ids: string[]): Promise<Map<string, Versioned<GraphNode>>> {
  const found = new Map<string, Versioned<GraphNode>>();
  for (const id of [...new Set(ids)].sort()) {
    const node = await lockNode(tx, id);
    if (node) found.set(id, node);
  }
  return found;
}

/** The relationship with its ends' ids, locked; its type comes from its id. */
export async function lockRelationship(
  tx: Tx,
  id: string,
): Promise<Versioned<GraphRelationship> | undefined> {
  const type = relationshipTypeOfId(id);
  if (!type) return undefined;
  const result = await tx.run<{ r: Relationship; from: string; to: string }>(
    `MATCH (a)-[r:${type} {id: $id}]->(b) SET r.id = r.id RETURN r, a.id AS from, b.id AS to`,
    { id },
  );
  const record = result.records[0];
  if (!record) return undefined;
  const r = record.get('r');
  const ends = new Map([
    [r.startNodeElementId, record.get('from')],
    [r.endNodeElementId, record.get('to')],
  ]);
  return withVersion(toGraphRelationship(r, ends));
}

export function relationshipTypeOf(element: GraphRelationship): RelationshipType {
  const type = relationshipTypeOfId(element.id);
  if (!type || type !== element.type) throw new Error(`${element.id} has no type of the model`);
  return type;
}

/** The model labels of the given ids that exist (unlocked: ends and references are only read). */
export async function labelsOf(tx: Tx, ids: string[]): Promise<Map<string, NodeLabel>> {
  const result = await tx.run<{ id: string; labels: string[] }>(
    `UNWIND $ids AS id
     MATCH (n:${ENTITY_LABEL} {id: id})
     RETURN n.id AS id, labels(n) AS labels`,
    { ids: [...new Set(ids)] },
  );
  const out = new Map<string, NodeLabel>();
  for (const record of result.records) {
    const label = record.get('labels').find(isNodeLabel);
    if (label) out.set(record.get('id'), label);
  }
  return out;
}

/** Replaces every property of the node (its labels stay). */
export async function replaceNodeProps(
  tx: Tx,
  id: string,
  props: Record<string, unknown>,
): Promise<Versioned<GraphNode>> {
  const result = await tx.run<{ n: Node }>(
    `MATCH (n:${ENTITY_LABEL} {id: $id}) SET n = $props RETURN n`,
    { id, props },
  );
  return withVersion(toGraphNode(result.records[0]!.get('n')));
}

/** Replaces every property of the relationship (its type and ends stay). */
export async function replaceRelationshipProps(
  tx: Tx,
  element: GraphRelationship,
  props: Record<string, unknown>,
): Promise<Versioned<GraphRelationship>> {
  const type = relationshipTypeOf(element);
  const result = await tx.run<{ r: Relationship; from: string; to: string }>(
    `MATCH (a)-[r:${type} {id: $id}]->(b) SET r = $props RETURN r, a.id AS from, b.id AS to`,
    { id: element.id, props },
  );
  const record = result.records[0]!;
  const r = record.get('r');
  return withVersion(
    toGraphRelationship(
      r,
      new Map([
        [r.startNodeElementId, record.get('from')],
        [r.endNodeElementId, record.get('to')],
      ]),
    ),
  );
}
