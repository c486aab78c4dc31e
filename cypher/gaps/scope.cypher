// Queries the gap engine uses besides the rules.

// name: clients-in-scope
// Ids of the clients a region or pathway scan covers (everyone with neither),
// in id order so that chunks are stable.
// params: region, pathway
CALL () {
  UNWIND CASE WHEN $region IS NULL THEN [] ELSE [$region] END AS region_id
  MATCH (c:Client)-[:LIVES_IN]->(:Region {id: region_id})
  RETURN c
  UNION
  UNWIND CASE WHEN $region IS NULL THEN [$pathway] ELSE [] END AS pathway_id
  MATCH (:CarePathway {id: pathway_id})-[:HAS_STEP]->(:PathwayStep)<-[:REALISES]-(:Episode)<-[:HAS_EPISODE]-(c:Client)
  RETURN c
  UNION
  UNWIND CASE WHEN $region IS NULL AND $pathway IS NULL THEN [true] ELSE [] END AS everyone
  CALL () { MATCH (c:Client) RETURN c }
  RETURN c
}
WITH c
WHERE $pathway IS NULL OR EXISTS {
  (c)-[:HAS_EPISODE]->(:Episode)-[:REALISES]->(:PathwayStep)<-[:HAS_STEP]-(:CarePathway {id: $pathway})
}
RETURN c.id AS id
ORDER BY id

// name: missing-scope
// The ids of a scope that name nothing in the database (null when all exist).
// params: clients, region, pathway
RETURN [id IN coalesce($clients, []) WHERE NOT EXISTS { MATCH (:Client {id: id}) }] AS clients,
  CASE WHEN $region IS NOT NULL AND NOT EXISTS { MATCH (:Region {id: $region}) }
    THEN $region END AS region,
  CASE WHEN $pathway IS NOT NULL AND NOT EXISTS { MATCH (:CarePathway {id: $pathway}) }
    THEN $pathway END AS pathway
