// title: Neighbourhood of an entity
// description: Everything within a number of hops of an entity, optionally along some relationship types only.
// result: graph
// group: Explore
// params:
//   entity:
//     type: node
//     required: true
//     default: operation:czech-mfa-2022
//     description: The entity at the centre
//   depth:
//     type: int
//     default: 1
//     min: 1
//     max: 3
//     description: Hops
//   types:
//     type: list
//     items: string
//     allowed: [ATTRIBUTED_TO, TARGETED, AFFILIATED_WITH, PART_OF, MEMBER_OF, ROLE_IN, SANCTIONED, SUMMONED, CONDEMNED, DENIED, RESPONDED_TO, MADE, ABOUT, CITES, REPORTED_BY]
//     description: Relationship types to follow (all when empty)
MATCH p = (:Entity {id: $entity})-[rels*1..3]-(:Entity)
WHERE length(p) <= $depth AND ($types IS NULL OR all(r IN rels WHERE type(r) IN $types))
  AND all(r IN rels WHERE r.retractedAt IS NULL) AND all(n IN nodes(p) WHERE n.retractedAt IS NULL)
RETURN p
LIMIT 500
