// Rule "service-kind-unknown" (data quality): an active episode of a service
// whose kind is not a code of the service-kind vocabulary ($service_kinds), or
// is "other": rules that compare kinds (overlapping services, age limits in
// youth psychiatry, child welfare, aftercare and day care) cannot see it. The
// importer refuses unknown kinds; this finds what reached the graph otherwise.

// name: service-kind-unknown
// params: clients, region, pathway, as_of, service_kinds
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
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  AND (NOT s.kind IN $service_kinds OR s.kind = 'other')
RETURN 'service-kind-unknown' AS rule, 'Episode' AS subject_type, e.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Episode', id: e.id}, {label: 'Service', id: s.id},
   {type: 'HAS_EPISODE', from: c.id, to: e.id}, {type: 'OF_SERVICE', from: e.id, to: s.id}]
    AS evidence,
  {client: c.name, service: s.name, kind: s.kind} AS facts
