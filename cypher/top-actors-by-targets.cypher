// title: Actors with the most targets
// description: Actors ranked by the number of distinct targets, directly or through the operations attributed to them.
// result: table
// group: Attribution
// params:
//   limit:
//     type: int
//     default: 10
//     min: 1
//     max: 100
//     description: Most actors
MATCH (actor:Actor)
OPTIONAL MATCH (actor)-[d:TARGETED]->(direct) WHERE d.retractedAt IS NULL
OPTIONAL MATCH (op:Operation)-[a:ATTRIBUTED_TO]->(actor) WHERE a.retractedAt IS NULL
OPTIONAL MATCH (op)-[t:TARGETED]->(viaOp) WHERE t.retractedAt IS NULL
WITH actor, collect(DISTINCT direct) + collect(DISTINCT viaOp) AS targets, count(DISTINCT op) AS operations
WITH actor, operations, [t IN targets WHERE t IS NOT NULL] AS targets
RETURN actor.name AS actor, size(targets) AS targets, operations, [t IN targets | t.name] AS targetNames
ORDER BY targets DESC, actor
LIMIT $limit
