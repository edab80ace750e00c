// title: From an actor to the state behind it
// description: The chains of affiliation and belonging that lead from an actor to a state, each link with its provenance.
// result: graph
// group: Attribution
// params:
//   actor:
//     type: node
//     label: Actor
//     required: true
//     default: actor:apt31
//     description: The actor
MATCH p = (a:Actor {id: $actor})-[rels:AFFILIATED_WITH|PART_OF*1..4]->(s:State)
WHERE all(r IN rels WHERE r.retractedAt IS NULL)
RETURN p
