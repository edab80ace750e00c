// title: Everything said about an entity
// description: Statements about an entity, newest first, with who said them, where and the source.
// result: table
// group: Statements
// params:
//   entity:
//     type: node
//     required: true
//     default: actor:apt31
//     description: The entity the statements are about
MATCH (s:Statement)-[about:ABOUT]->(:Entity {id: $entity})
WHERE about.retractedAt IS NULL AND s.retractedAt IS NULL
OPTIONAL MATCH (speaker)-[m:MADE]->(s) WHERE m.retractedAt IS NULL
OPTIONAL MATCH (src:Source) WHERE src.id IN about.sources
WITH s, collect(DISTINCT speaker.name) AS speakers, collect(DISTINCT src.name) AS sources
RETURN s.date AS date, speakers, s.text AS text, s.verbatim AS verbatim, s.channel AS channel, sources, s.id AS id
ORDER BY coalesce(date, '') DESC, id
