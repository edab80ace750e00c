// title: Who attributed what to whom
// description: Each attribution of an operation, who asserts it, when, the evidence quote and the sources it rests on.
// result: table
// group: Attribution
// params:
//   operation:
//     type: node
//     label: Operation
//     description: Only this operation (all when empty)
MATCH (op:Operation)-[r:ATTRIBUTED_TO]->(to)
WHERE ($operation IS NULL OR op.id = $operation) AND r.retractedAt IS NULL
OPTIONAL MATCH (asserter:Entity {id: r.assertedBy})
OPTIONAL MATCH (s:Source) WHERE s.id IN r.sources
WITH op, r, to, asserter, collect(s.name) AS sources
RETURN op.name AS operation, to.name AS attributedTo, [l IN labels(to) WHERE l <> 'Entity'][0] AS kind,
       asserter.name AS assertedBy, r.date AS date, r.evidence AS evidence, sources
ORDER BY date DESC, operation
