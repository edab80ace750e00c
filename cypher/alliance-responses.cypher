// title: Allies responding to an attack on a member
// description: Operations against a member of an alliance (or its bodies), and how the alliance and the other members responded.
// result: table
// group: Reactions
// params:
//   alliance:
//     type: node
//     label: Organisation
//     required: true
//     default: org:eu
//     description: The alliance or union
MATCH (victim:State)-[:MEMBER_OF]->(alliance:Organisation {id: $alliance})
MATCH (op:Operation)-[:TARGETED]->(target)
WHERE target = victim OR (target)-[:PART_OF]->(victim)
MATCH (responder)-[r:CONDEMNED|RESPONDED_TO]->(op)
WHERE responder = alliance
   OR (responder)-[:MEMBER_OF]->(alliance)
   OR (responder)-[:ROLE_IN]->(alliance)
RETURN victim.name AS member, op.name AS operation, responder.name AS responder, type(r) AS response,
       coalesce(r.action, r.evidence) AS what, r.date AS date
ORDER BY date, responder
