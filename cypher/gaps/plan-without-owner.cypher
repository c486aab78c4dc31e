// Rule "plan-without-owner": a plan in force whose owner (if any) no longer works
// in any organisation, with no active responsibility for the plan either. A
// plan that records no owner at all is kept by the client's (or family's)
// worker in one of $plan_owner_roles, if there is one: that is who keeps a
// client's plan up to date unless the plan names someone else.

// name: plan-without-owner
// params: clients, region, pathway, as_of, plan_owner_roles
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
  AND NOT EXISTS {
    MATCH (p)-[:OWNED_BY]->(:Professional)-[w:WORKS_IN]->(:Organisation)
    WHERE (w.valid_from IS NULL OR w.valid_from <= $as_of) AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
  }
  AND NOT EXISTS {
    MATCH (p)<-[:FOR]-(r:Responsibility)
    WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  }
  AND NOT (
    NOT EXISTS { (p)-[:OWNED_BY]->() }
    AND EXISTS {
      MATCH (c)-[:MEMBER_OF*0..1]->()<-[:FOR]-(r:Responsibility)
      WHERE r.role IN $plan_owner_roles
        AND r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
    }
  )
OPTIONAL MATCH (p)-[:OWNED_BY]->(former:Professional)
RETURN 'plan-without-owner' AS rule, 'Plan' AS subject_type, p.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: p.id}, {type: 'HAS_PLAN', from: c.id, to: p.id},
   {label: 'Professional', id: former.id}, {type: 'OWNED_BY', from: p.id, to: former.id}] AS evidence,
  {client: c.name, plan_kind: p.kind, valid_from: p.valid_from, former_owner: former.name} AS facts
