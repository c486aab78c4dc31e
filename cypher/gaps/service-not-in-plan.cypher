// Rule "service-not-in-plan": a client with at least one plan in force that
// lists the services it covers, whose active episodes include services that no
// plan in force covers. A plan listing no services says nothing about coverage
// (a worker often records only the plan and its review date), so it neither
// raises nor settles this. (A client with no plan at all is left to the
// no-owner rules.)

// name: service-not-in-plan
// params: clients, as_of
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
// The covered services are collected from the client's plans first: asking, for
// each episode, whether some plan covers its service would let Neo4j start from
// the service, whose plans grow with the region (quadratic at 100k clients).
CALL (c) {
  MATCH (c)-[:HAS_PLAN]->(p:Plan)-[:COVERS]->(covered:Service)
  WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of)
  RETURN count(DISTINCT p) AS plans, collect(DISTINCT covered) AS covered
}
WITH c, reg, plans, covered
WHERE plans > 0
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  AND NOT s IN covered
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
