// title: Condemnations and denials, side by side
// description: For an operation, who condemned it, who denied or disputes the claims around it, and who stands accused; each with date and evidence.
// result: table
// group: Reactions
// params:
//   operation:
//     type: node
//     label: Operation
//     required: true
//     default: operation:czech-mfa-2022
//     description: The operation
MATCH (op:Operation {id: $operation})
CALL (op) {
  MATCH (party)-[r:CONDEMNED]->(op) WHERE r.retractedAt IS NULL
  RETURN party.name AS party, 'condemned' AS stance, r.date AS date, r.evidence AS evidence
  UNION ALL
  MATCH (op)-[r:ATTRIBUTED_TO]->(accused) WHERE r.retractedAt IS NULL
  OPTIONAL MATCH (asserter:Entity {id: r.assertedBy})
  RETURN coalesce(asserter.name, 'unknown') AS party, 'attributes it to ' + accused.name AS stance, r.date AS date, r.evidence AS evidence
  UNION ALL
  MATCH (op)-[a:ATTRIBUTED_TO]->(accused) WHERE a.retractedAt IS NULL
  MATCH (accused)-[up:AFFILIATED_WITH|PART_OF*0..3]->()<-[down:AFFILIATED_WITH|PART_OF*0..3]-()<-[about:ABOUT]-(claim:Statement)<-[d:DENIED]-(party)
  WHERE all(r IN up + down + [about, d] WHERE r.retractedAt IS NULL) AND claim.retractedAt IS NULL
  RETURN DISTINCT party.name AS party, 'denied: ' + claim.name AS stance, d.date AS date, d.evidence AS evidence
  UNION ALL
  MATCH (party)-[d:DENIED]->(op) WHERE d.retractedAt IS NULL
  RETURN party.name AS party, 'denied' AS stance, d.date AS date, d.evidence AS evidence
}
RETURN party, stance, date, evidence
ORDER BY stance STARTS WITH 'denied', party
