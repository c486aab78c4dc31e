// Bottlenecks: who and which units the region's client networks depend on.

// name: professional-clients
// Each professional working in the region on $as_of, with their unit, profession
// and the distinct clients they hold an active responsibility for (for the
// client, or one of the client's episodes or plans), as internal ids only for
// the projection; the caller pseudonymises before anything is shown.
// params: region, as_of
MATCH (pr:Professional)-[w:WORKS_IN]->(o:Organisation)-[:IN_REGION]->(:Region {id: $region})
WHERE (w.valid_from IS NULL OR w.valid_from <= $as_of) AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
WITH pr, collect(o)[0] AS o
CALL (pr) {
  OPTIONAL MATCH (pr)-[:HOLDS]->(r:Responsibility)-[:FOR]->(target)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  OPTIONAL MATCH (owner:Client)-[:HAS_EPISODE|HAS_PLAN]->(target)
  WITH coalesce(owner, CASE WHEN target:Client THEN target END) AS client
  RETURN collect(DISTINCT elementId(client)) AS clients
}
CALL (pr) {
  OPTIONAL MATCH (pr)-[:HOLDS]->(r:Responsibility)-[:FOR]->(step:PathwayStep)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  RETURN count(DISTINCT step) AS steps
}
RETURN pr.id AS professional, pr.profession AS profession, o.id AS unit, o.name AS unit_name,
  clients, steps

// name: unit-steps
// Pathway steps of the region's pathways each organisation is responsible for.
// params: region
MATCH (:Region {id: $region})<-[:IN_REGION]-(:CarePathway)-[:HAS_STEP]->(s:PathwayStep)-[:RESPONSIBLE_ORG]->(o:Organisation)
RETURN o.id AS unit, o.name AS unit_name, count(DISTINCT s) AS steps
