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
MATCH (victim:State)-[m:MEMBER_OF]->(alliance:Organisation {id: $alliance})
WHERE m.retractedAt IS NULL
MATCH (op:Operation)-[t:TARGETED]->(target)
WHERE t.retractedAt IS NULL
  AND (target = victim OR EXISTS { (target)-[p:PART_OF]->(victim) WHERE p.retractedAt IS NULL })
MATCH (responder)-[r:CONDEMNED|RESPONDED_TO]->(op)
WHERE r.retractedAt IS NULL
  AND (responder = alliance
   OR EXISTS { (responder)-[x:MEMBER_OF|ROLE_IN]->(alliance) WHERE x.retractedAt IS NULL })
RETURN victim.name AS member, op.name AS operation, responder.name AS responder, type(r) AS response,
       coalesce(r.action, r.evidence) AS what, r.date AS date
ORDER BY date, responder
