// A node parameter given by name ("APT31", "Zirconium") rather than id: the name is looked
// up in the names-and-aliases index and must name exactly one node of the parameter's label,
// an exact name before an exact alias (as the importers resolve). Ids pass unchanged.
import type { Database } from '../../db/database';
import { ENTITY_LABEL, NAME_SEARCH_INDEX } from '../../db/schema';
import { AppError } from '../../errors';
import { luceneQuery } from '../search-text';

/** What an id looks like (prefix:slug); anything else is taken for a name. */
const NODE_ID = /^[a-z]+:[a-z0-9][a-z0-9._-]*$/;

interface Candidate {
  id: string;
  name: string;
  label: string;
  rank: number;
}

/**
 * The index finds nodes whose words match; only exact names (rank 0) and exact aliases
 * (rank 1), compared case-insensitively, count.
 */
const LOOKUP = `
  CALL db.index.fulltext.queryNodes($index, $query, {limit: 200}) YIELD node
  WITH node, [l IN labels(node) WHERE l <> $entity][0] AS label
  WHERE $label IS NULL OR label = $label
  WITH node, label,
       CASE WHEN toLower(node.name) = $lower THEN 0
            WHEN any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $lower) THEN 1
            ELSE 2 END AS rank
  WHERE rank < 2
  RETURN node.id AS id, node.name AS name, label, rank
  ORDER BY rank, name`;

export async function resolveNodeName(
  db: Database,
  param: string,
  value: string,
  label: string | undefined,
  timeoutMs: number,
): Promise<string> {
  const name = value.trim();
  if (NODE_ID.test(name)) return name;
  const query = luceneQuery(name, { preferNames: false });
  const kind = label ?? 'node';
  if (!query)
    throw new AppError(400, 'bad_request', `${param}: "${value}" is not a ${kind} id or name`);
  const rows = await db.read<Candidate>(
    LOOKUP,
    {
      index: NAME_SEARCH_INDEX,
      query,
      entity: ENTITY_LABEL,
      label: label ?? null,
      lower: name.toLowerCase(),
    },
    { timeoutMs },
  );
  const best = rows.filter((row) => Number(row.rank) === Number(rows[0]?.rank));
  if (best.length === 1) return best[0]!.id;
  if (!best.length)
    throw new AppError(
      400,
      'bad_request',
      `${param}: no ${kind} is named "${name}" (by name or alias)`,
    );
  const listed = best
    .slice(0, 10)
    .map((c) => `${c.name} (${c.id})`)
    .join(', ');
  throw new AppError(
    400,
    'bad_request',
    `${param}: "${name}" names ${best.length} ${label ? `${label}s` : 'nodes'}: ${listed}; give the id`,
  );
}
