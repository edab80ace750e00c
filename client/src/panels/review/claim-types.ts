// The claim types the Review view offers: the model's (from /api/schema), not a list of the
// client's own, so a type the extractor learns (ROLE_IN, PART_OF, MEMBER_OF, ABOUT) or the
// model gains is offered without a client change.
import type { SchemaInfo } from '../../api';

type RelationshipTypeInfo = SchemaInfo['relationshipTypes'][number];

/**
 * The types a claim between these ends may take, as the model allows them (ROLE_IN between a
 * Person and a State, ABOUT from a Statement…); the claim's own type stays listed even when
 * its ends were just changed, so the analyst sees what to fix.
 */
export function claimTypesFor(
  types: readonly RelationshipTypeInfo[],
  fromLabel: string | undefined,
  toLabel: string | undefined,
  current: string,
): string[] {
  const fit = types
    .filter(
      (t) => (!fromLabel || t.from.includes(fromLabel)) && (!toLabel || t.to.includes(toLabel)),
    )
    .map((t) => t.name);
  return fit.includes(current) ? fit : [current, ...fit];
}
