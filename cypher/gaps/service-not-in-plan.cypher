// Rule "service-not-in-plan": a client with at least one plan in force that
// lists the services it covers, whose active episodes include services that no
// plan in force covers. A plan listing no services says nothing about coverage
// (a worker often records only the plan and its review date), so it neither
// raises nor settles this. (A client with no plan at all is left to the
// no-owner rules.)

// name: service-not-in-plan
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
CALL (c) {
  MATCH (c)-[:HAS_PLAN]->(p:Plan)
  WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of)
    AND EXISTS { (p)-[:COVERS]->(:Service) }
  RETURN count(p) AS plans
}
WITH c, reg, plans
WHERE plans > 0
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  AND NOT EXISTS {
    MATCH (c)-[:HAS_PLAN]->(p:Plan)-[:COVERS]->(s)
    WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of)
  }
WITH c, reg, plans, collect({e: e, s: s}) AS rows, collect(DISTINCT s) AS services
RETURN 'service-not-in-plan' AS rule, 'Client' AS subject_type, c.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}]
    + reduce(acc = [], x IN rows | acc + [
        {label: 'Episode', id: x.e.id}, {label: 'Service', id: x.s.id},
        {type: 'HAS_EPISODE', from: c.id, to: x.e.id},
        {type: 'OF_SERVICE', from: x.e.id, to: x.s.id}
      ]) AS evidence,
  {client: c.name, plans: plans, services: [s IN services | s.name]} AS facts
