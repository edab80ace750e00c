// title: Statements by a person
// description: What a person said, newest first, with what it was about.
// result: table
// group: Statements
// params:
//   person:
//     type: node
//     label: Person
//     required: true
//     default: person:kaja-kallas
//     description: The speaker
MATCH (:Person {id: $person})-[m:MADE]->(s:Statement) WHERE m.retractedAt IS NULL AND s.retractedAt IS NULL
OPTIONAL MATCH (s)-[about:ABOUT]->(subject) WHERE about.retractedAt IS NULL
RETURN s.date AS date, s.text AS text, s.verbatim AS verbatim, s.channel AS channel,
       collect(subject.name) AS about, s.id AS id
ORDER BY coalesce(date, '') DESC, id
