// Rule "service-kind-unknown" (data quality): an active episode of a service
// whose kind is not a code of the service-kind vocabulary ($service_kinds), or
// is "other": rules that compare kinds (overlapping services, age limits in
// youth psychiatry, child welfare, aftercare and day care) cannot see it. The
// importer refuses unknown kinds; this finds what reached the graph otherwise.

// name: service-kind-unknown
// params: clients, as_of, service_kinds
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  AND (NOT s.kind IN $service_kinds OR s.kind = 'other')
RETURN 'service-kind-unknown' AS rule, 'Episode' AS subject_type, e.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Episode', id: e.id}, {label: 'Service', id: s.id},
   {type: 'HAS_EPISODE', from: c.id, to: e.id}, {type: 'OF_SERVICE', from: e.id, to: s.id}]
    AS evidence,
  {client: c.name, service: s.name, kind: s.kind} AS facts
