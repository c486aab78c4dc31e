// Rule "plan-participation-unknown" (data quality): a plan in force that does
// not record whether the client took part in making it (client_participated
// absent). Unknown is not "without the client": client-not-participating fires
// only on a recorded false, and this rule asks for the missing fact instead.

// name: plan-participation-unknown
// params: clients, region, pathway, as_of
CALL () {
  UNWIND $clients AS id
  MATCH (c:Client {id: id})
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL THEN [$region] ELSE [] END AS region_id
  MATCH (c:Client)-[:LIVES_IN]->(:Region {id: region_id})
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL THEN [$pathway] ELSE [] END AS pathway_id
  MATCH (:CarePathway {id: pathway_id})-[:HAS_STEP]->(:PathwayStep)<-[:REALISES]-(:Episode)<-[:HAS_EPISODE]-(c:Client)
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL AND $pathway IS NULL THEN [true] ELSE [] END AS everyone
  CALL () { MATCH (c:Client) RETURN c }
  RETURN c
}
MATCH (c)-[:LIVES_IN]->(reg:Region)
WHERE ($region IS NULL OR reg.id = $region)
  AND ($pathway IS NULL OR EXISTS {
    (c)-[:HAS_EPISODE]->(:Episode)-[:REALISES]->(:PathwayStep)<-[:HAS_STEP]-(:CarePathway {id: $pathway})
  })
MATCH (c)-[:HAS_PLAN]->(p:Plan)
WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of)
  AND p.client_participated IS NULL
RETURN 'plan-participation-unknown' AS rule, 'Plan' AS subject_type, p.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: p.id}, {type: 'HAS_PLAN', from: c.id, to: p.id}]
    AS evidence,
  {client: c.name, plan_kind: p.kind, valid_from: p.valid_from} AS facts
