// Rule "client-not-participating": a plan in force made without the client
// (client_participated false), unless it was mediated planning with the client's
// joint_planning consent valid on the as-of date (001: mediated planning needs
// the client's consent).

// name: client-not-participating
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
WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of) AND p.client_participated = false
  AND NOT (p.mode = 'mediated' AND EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(k:Consent {purpose: 'joint_planning'})
    WHERE k.valid_from <= $as_of AND (k.valid_to IS NULL OR k.valid_to >= $as_of) AND (k.withdrawn IS NULL OR k.withdrawn > $as_of)
  })
RETURN 'client-not-participating' AS rule, 'Plan' AS subject_type, p.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: p.id}, {type: 'HAS_PLAN', from: c.id, to: p.id}]
    AS evidence,
  {client: c.name, plan_kind: p.kind, mode: p.mode} AS facts
