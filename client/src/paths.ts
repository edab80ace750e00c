// Paths between two nodes, read as sentences ("APT31 ←ATTRIBUTED_TO— Czech MFA operation
// —TARGETED→ Czech Ministry of Foreign Affairs"), and which relationship types a question
// leaves out by default. No DOM, no Cytoscape.
import type { GraphJson } from './api';

/** One path: its nodes and relationships in order from the start, and how it reads. */
export interface ReadPath {
  nodeIds: string[];
  relationshipIds: string[];
  text: string;
}

/**
 * Walks a path given as relationship ids from `from`, each step in the direction it is
 * walked; an arrow shows which way the relationship itself points.
 */
export function readPath(
  from: string,
  relationshipIds: readonly string[],
  graph: Pick<GraphJson, 'nodes' | 'relationships'>,
): ReadPath {
  const name = (id: string) => graph.nodes.find((n) => n.id === id)?.name ?? id;
  const nodeIds = [from];
  let text = name(from);
  let at = from;
  for (const id of relationshipIds) {
    const r = graph.relationships.find((x) => x.id === id);
    if (!r) throw new Error(`The path names relationship ${id}, which the answer lacks`);
    const forward = r.source === at;
    const next = forward ? r.target : r.source;
    text += forward ? ` —${r.type}→ ${name(next)}` : ` ←${r.type}— ${name(next)}`;
    nodeIds.push(next);
    at = next;
  }
  return { nodeIds, relationshipIds: [...relationshipIds], text };
}

/** Label prefixes of ids (actor:apt31): the model's, for the ends a question joins. */
const PARTIES = new Set(['actor', 'operation']);
const TARGETS = new Set(['state', 'org', 'person']);
const USED = new Set(['technique', 'capability']);
const prefix = (id: string) => id.slice(0, id.indexOf(':'));

/**
 * The relationship types a path question leaves out. USES is left out by default between an
 * actor (or operation) and a target: shared ATT&CK techniques tie almost every actor to
 * almost every target and would bury the paths that say something. It stays in when it is
 * the only way to an end (a technique or a capability), and when the user chose it.
 */
export function excludedTypes(
  chosen: readonly string[] | undefined,
  from: string,
  to: string,
): string[] {
  const ends = [prefix(from), prefix(to)];
  const actorToTarget =
    (PARTIES.has(ends[0]!) && TARGETS.has(ends[1]!)) ||
    (PARTIES.has(ends[1]!) && TARGETS.has(ends[0]!));
  const wanted = chosen ?? (actorToTarget ? ['USES'] : []);
  return ends.some((e) => USED.has(e)) ? wanted.filter((t) => t !== 'USES') : [...wanted];
}
