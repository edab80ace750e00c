// title: Operations since a date
// description: Operations active on or after a date, with their attributions and targets.
// result: table
// group: Operations
// params:
//   since:
//     type: date
//     required: true
//     default: '2020'
//     description: Show operations still active on or after this date
MATCH (op:Operation)
WHERE coalesce(op.until, '9999') >= $since
OPTIONAL MATCH (op)-[a:ATTRIBUTED_TO]->(by) WHERE a.retractedAt IS NULL
OPTIONAL MATCH (op)-[t:TARGETED]->(target) WHERE t.retractedAt IS NULL
RETURN op.name AS operation, op.since AS since, op.until AS until, op.disclosed AS disclosed,
       collect(DISTINCT by.name) AS attributedTo, collect(DISTINCT target.name) AS targets
ORDER BY since DESC
