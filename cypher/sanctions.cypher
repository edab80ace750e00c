// title: Sanctions and who imposed them
// description: Every sanction, who imposed it on whom and when, who disputes it, and its sources.
// result: table
// group: Reactions
// params:
//   since:
//     type: date
//     description: Only sanctions on or after this date
MATCH (by)-[r:SANCTIONED]->(target)
WHERE ($since IS NULL OR r.periodEnd >= $since) AND r.retractedAt IS NULL
OPTIONAL MATCH (s:Source) WHERE s.id IN r.sources
OPTIONAL MATCH (d:Entity) WHERE d.id IN coalesce(r.disputedBy, [])
WITH by, r, target, collect(DISTINCT s.name) AS sources, collect(DISTINCT d.name) AS disputedBy
RETURN by.name AS imposedBy, target.name AS target, target.kind AS kind, r.date AS date, disputedBy, sources
ORDER BY date DESC, imposedBy, target
