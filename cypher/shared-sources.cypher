// title: Entities sharing a source
// description: Other entities whose claims rest on the same sources as the given entity's, by number of shared sources.
// result: table
// group: Sources
// params:
//   entity:
//     type: node
//     required: true
//     default: actor:apt31
//     description: The entity
//   limit:
//     type: int
//     default: 25
//     min: 1
//     max: 200
//     description: Most rows
MATCH (:Entity {id: $entity})-[r]-(near) WHERE r.retractedAt IS NULL AND near.retractedAt IS NULL
UNWIND r.sources AS sourceId
WITH collect(DISTINCT sourceId) AS mine
MATCH (other:Entity)-[r2]-(far)
WHERE other.id <> $entity AND NOT other:Source AND r2.retractedAt IS NULL
  AND other.retractedAt IS NULL AND far.retractedAt IS NULL
  AND any(s IN r2.sources WHERE s IN mine)
UNWIND [s IN r2.sources WHERE s IN mine] AS shared
WITH other, collect(DISTINCT shared) AS sharedSources
MATCH (src:Source) WHERE src.id IN sharedSources
RETURN other.name AS entity, [l IN labels(other) WHERE l <> 'Entity'][0] AS kind,
       size(sharedSources) AS shared, collect(src.name) AS sources
ORDER BY shared DESC, entity
LIMIT $limit
