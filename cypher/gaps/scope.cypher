// Queries the gap engine uses besides the rules.

// name: clients-in-scope
// Ids of the clients a region or pathway scan covers (everyone with neither),
// in id order so that chunks are stable, as one list: 100k rows would cost the
// driver seconds to decode, one list of 100k ids a few milliseconds.
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
WITH c.id AS id
ORDER BY id
RETURN collect(id) AS ids

// name: missing-scope
// The ids of a scope that name nothing in the database (null when all exist).
// params: clients, region, pathway
RETURN [id IN coalesce($clients, []) WHERE NOT EXISTS { MATCH (:Client {id: id}) }] AS clients,
  CASE WHEN $region IS NOT NULL AND NOT EXISTS { MATCH (:Region {id: $region}) }
    THEN $region END AS region,
  CASE WHEN $pathway IS NOT NULL AND NOT EXISTS { MATCH (:CarePathway {id: $pathway}) }
    THEN $pathway END AS pathway

// name: settings-in-scope
// The regions a scope touches with their stored gap settings (JSON text, or
// null): for a list of clients each client's region with the clients living
// there; for a region that region; for a pathway the pathway's region; with no
// scope every region.
// params: clients, region, pathway
CALL () {
  UNWIND coalesce($clients, []) AS id
  MATCH (c:Client {id: id})-[:LIVES_IN]->(r:Region)
  RETURN r, collect(c.id) AS clients
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NOT NULL THEN [$region] ELSE [] END AS region_id
  MATCH (r:Region {id: region_id})
  RETURN r, [] AS clients
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL AND $pathway IS NOT NULL THEN [$pathway] ELSE [] END AS pathway_id
  MATCH (:CarePathway {id: pathway_id})-[:IN_REGION]->(r:Region)
  RETURN r, [] AS clients
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL AND $pathway IS NULL THEN [true] ELSE [] END AS everyone
  MATCH (r:Region)
  RETURN r, [] AS clients
}
RETURN r.id AS region, r.settings AS settings, clients
ORDER BY region

// name: client-regions
// Each listed client's region and its stored gap settings, in the columns every rule
// returns (rule null marks these rows): the last part of a client list's rules run
// as one query, which checks the settings it guessed against these.
// params: clients
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
RETURN null AS rule, 'Region' AS subject_type, reg.id AS subject_id, c.id AS client_id,
  reg.id AS region_id, [] AS evidence, {settings: reg.settings} AS facts
