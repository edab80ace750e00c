// title: Disputed claims
// description: Every claim that someone disputes or denies, with who asserts it and who disputes it.
// result: table
// group: Reactions
MATCH (a)-[r]->(b)
WHERE r.disputedBy IS NOT NULL AND r.retractedAt IS NULL
  AND a.retractedAt IS NULL AND b.retractedAt IS NULL
OPTIONAL MATCH (asserter:Entity {id: r.assertedBy})
OPTIONAL MATCH (d:Entity) WHERE d.id IN r.disputedBy
RETURN a.name AS subject, type(r) AS claim, b.name AS object, asserter.name AS assertedBy,
       collect(d.name) AS disputedBy, r.date AS date, r.evidence AS evidence
UNION ALL
MATCH (party)-[d:DENIED]->(claim) WHERE d.retractedAt IS NULL AND claim.retractedAt IS NULL
OPTIONAL MATCH (speaker)-[m:MADE]->(claim) WHERE m.retractedAt IS NULL
RETURN coalesce(speaker.name, claim.name) AS subject, 'STATEMENT' AS claim, claim.text AS object,
       speaker.name AS assertedBy, [party.name] AS disputedBy, claim.date AS date, d.evidence AS evidence
