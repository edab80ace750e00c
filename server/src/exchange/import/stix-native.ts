// Reading provenance from STIX 2.1's own fields, as any producer writes them (our export,
// OpenCTI, MISP's converter): who asserts a claim (created_by_ref), who denies or disputes it
// (opinions), the quote it rests on (a note about a relationship). Each is found before the
// objects are read, so an opinion or note that carries a claim's provenance does not also
// become a Statement.

/** The fields of a STIX object this module reads. */
interface NativeFacts {
  type: string;
  id: string;
  opinion?: string | undefined;
  object_refs?: string[] | undefined;
  created_by_ref?: string | undefined;
  content?: string | undefined;
  revoked?: boolean | undefined;
  x_attribution_graph_id?: string | undefined;
  x_attribution_graph_type?: string | undefined;
}

/** Opinions that disagree with what they refer to: a denial or a dispute. */
const DISAGREEING: ReadonlySet<string> = new Set(['disagree', 'strongly-disagree']);
/** STIX types of what a party can deny (our DENIED ends at a Statement or an Operation; a
 * Statement may also be an opinion). */
const DENIABLE: ReadonlySet<string> = new Set(['campaign', 'note']);

export interface NativeProvenance<T extends NativeFacts> {
  /** The node key standing for an author: a State's identity is its location, where both exist. */
  partyKey(ref: string | undefined): string | undefined;
  /** Identities that only stand for a State held as a location in the same bundle. */
  nationsOfLocations: ReadonlySet<string>;
  /** Opinions that are denials: each becomes a DENIED claim (author -> what it refers to). */
  denials: ReadonlySet<string>;
  /** Claims' disputers (author keys), by the claim's STIX id (a relationship or a denial). */
  disputes: ReadonlyMap<string, string[]>;
  /** Notes that carry a claim's evidence quote, by the claim's STIX id. */
  evidence: ReadonlyMap<string, T>;
  /** Objects read into another claim (dispute opinions, evidence notes): not Statements. */
  consumed: ReadonlySet<string>;
}

export function readNativeProvenance<T extends NativeFacts>(
  objects: readonly T[],
): NativeProvenance<T> {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const uuidOf = (id: string) => id.slice(id.indexOf('--') + 2);
  // Our export gives a State, a location, an identity with the same UUID to author claims.
  const nationsOfLocations = new Set(
    objects
      .filter((o) => o.type === 'identity' && byId.get(`location--${uuidOf(o.id)}`))
      .map((o) => o.id),
  );
  const partyKey = (ref: string | undefined) =>
    ref && nationsOfLocations.has(ref) ? `location--${uuidOf(ref)}` : ref;

  const denials = new Set<string>();
  // Another producer's opinion that disagrees, by an author, with one object.
  const disagreeing = objects.filter(
    (o) =>
      o.type === 'opinion' &&
      !o.revoked &&
      !o.x_attribution_graph_id &&
      o.created_by_ref &&
      o.object_refs?.length === 1 &&
      DISAGREEING.has(o.opinion ?? ''),
  );
  for (const o of objects)
    if (o.type === 'opinion' && !o.revoked && o.x_attribution_graph_type === 'DENIED')
      denials.add(o.id);
  // Disagreeing with an operation or a statement is denying it; disagreeing with a denial is
  // disputing that claim, so denials of statements that are opinions come second.
  for (const pass of [DENIABLE, new Set(['opinion'])])
    for (const o of disagreeing) {
      const target = byId.get(o.object_refs![0]!);
      if (target && pass.has(target.type) && !denials.has(target.id)) denials.add(o.id);
    }
  // A claim is a relationship or a denial (which may be disputed in turn).
  const isClaim = (id: string) => byId.get(id)?.type === 'relationship' || denials.has(id);

  const disputes = new Map<string, string[]>();
  const consumed = new Set<string>();
  for (const o of objects) {
    if (o.type === 'opinion' && !denials.has(o.id) && !o.x_attribution_graph_id) {
      const target = o.object_refs?.[0];
      const party = partyKey(o.created_by_ref);
      if (o.revoked || !target || !party || !isClaim(target)) continue;
      if (!DISAGREEING.has(o.opinion ?? '') || o.object_refs?.length !== 1) continue;
      disputes.set(target, [...(disputes.get(target) ?? []), party]);
      consumed.add(o.id);
    }
  }
  const evidence = new Map<string, T>();
  for (const o of objects) {
    if (o.type !== 'note' || o.x_attribution_graph_id || o.revoked || !o.content) continue;
    const refs = o.object_refs ?? [];
    if (!refs.length || !refs.every(isClaim)) continue;
    // A quote about several claims backs each; the first note about a claim is its quote.
    for (const ref of refs) if (!evidence.has(ref)) evidence.set(ref, o);
    consumed.add(o.id);
  }
  return { partyKey, nationsOfLocations, denials, disputes, evidence, consumed };
}
