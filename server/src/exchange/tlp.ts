// TLP markings as the exchange formats spell them: STIX 2.1 marking-definition ids (fixed by
// the specification: TLP 1.0 in STIX 2.1 section 7.2.1.4, TLP 2.0 in OASIS's TLP 2.0
// extension, cti-stix-common-objects) and MISP's `tlp:` tags. The markings themselves, and
// their order, are the model's (MARKINGS).
import { isMarking, MARKINGS, type Marking } from '../model/model';

/** The TLP 2.0 marking-definition of each marking: what export writes. */
export const TLP2_MARKING_DEFINITION: Record<Marking, string> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** TLP 1.0 (STIX 2.1's predefined objects), read on import: WHITE is TLP 2.0's CLEAR. */
const TLP1_MARKING_DEFINITION: Record<string, Marking> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'CLEAR',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'RED',
};

const MARKING_OF_DEFINITION = new Map<string, Marking>([
  ...Object.entries(TLP1_MARKING_DEFINITION),
  ...MARKINGS.map((m) => [TLP2_MARKING_DEFINITION[m], m] as const),
]);

/** The most restrictive of several markings (an object marked twice keeps the stricter). */
export function strictest(markings: readonly Marking[]): Marking | undefined {
  return markings.reduce<Marking | undefined>(
    (a, b) => (a === undefined || MARKINGS.indexOf(b) > MARKINGS.indexOf(a) ? b : a),
    undefined,
  );
}

/** A STIX object's TLP marking from its object_marking_refs; undefined when it has none. */
export function markingOfStixRefs(refs: unknown): Marking | undefined {
  if (!Array.isArray(refs)) return undefined;
  return strictest(
    refs.flatMap((ref) => {
      const marking = typeof ref === 'string' ? MARKING_OF_DEFINITION.get(ref) : undefined;
      return marking ? [marking] : [];
    }),
  );
}

/** A MISP tag's marking: tlp:clear, tlp:white (= CLEAR), tlp:green, tlp:amber, tlp:amber+strict, tlp:red. */
export function markingOfMispTag(tag: string): Marking | undefined {
  const match = /^tlp:\s*([a-z+]+)$/i.exec(tag.trim());
  if (!match) return undefined;
  const level = match[1]!.toUpperCase();
  if (level === 'WHITE') return 'CLEAR';
  return isMarking(level) ? level : undefined;
}

/** The TLP 2.0 marking-definition object a bundle carries for each marking it uses. */
export function markingDefinition(marking: Marking): Record<string, unknown> {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_DEFINITION[marking],
    created: '2022-10-01T00:00:00.000Z',
    definition_type: 'statement',
    name: `TLP:${marking}`,
    definition: { statement: `TLP:${marking}` },
  };
}
