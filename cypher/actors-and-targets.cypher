// title: Actors and their targets
// description: Every actor, the operations attributed to it and what those operations targeted.
// result: graph
// group: Attribution
// params:
//   actor:
//     type: node
//     label: Actor
//     description: Only this actor (all actors when empty)
MATCH (op:Operation)-[a:ATTRIBUTED_TO]->(actor:Actor)
WHERE ($actor IS NULL OR actor.id = $actor) AND a.retractedAt IS NULL
OPTIONAL MATCH (op)-[t:TARGETED]->(target) WHERE t.retractedAt IS NULL
RETURN op, a, actor, t, target
