// Rule "overlapping-services": active episodes of services of the same kind from
// two or more providers at once, counted as in no-coordinator (the top of the
// PART_OF chain below $umbrella_kinds: two units of one hospital are one).

// name: overlapping-services
// params: clients, as_of, umbrella_kinds
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
CALL (c) {
  MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)-[:PROVIDED_BY]->(o:Organisation)
  WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  WITH s.kind AS kind, collect({e: e, s: s, o: o}) AS rows, collect(DISTINCT o) AS units,
    collect(DISTINCT s) AS services
  WHERE size(units) >= 2  // providers are never more than the organisations recorded
  RETURN kind, rows, units, services
}
UNWIND units AS o
CALL (o) {
  OPTIONAL MATCH path = (o)-[:PART_OF*0..]->(p:Organisation)
  WHERE all(n IN nodes(path) WHERE NOT n.kind IN $umbrella_kinds)
  WITH p ORDER BY length(path) DESC LIMIT 1
  RETURN coalesce(p, o) AS top
}
WITH c, reg, kind, rows, services, collect(DISTINCT top) AS providers
WHERE size(providers) >= 2
RETURN 'overlapping-services' AS rule, 'Client' AS subject_type, c.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}]
    + reduce(acc = [], x IN rows | acc + [
        {label: 'Episode', id: x.e.id}, {label: 'Service', id: x.s.id},
        {label: 'Organisation', id: x.o.id},
        {type: 'HAS_EPISODE', from: c.id, to: x.e.id},
        {type: 'OF_SERVICE', from: x.e.id, to: x.s.id},
        {type: 'PROVIDED_BY', from: x.s.id, to: x.o.id}
      ]) AS evidence,
  {client: c.name, kind: kind, services: [s IN services | s.name],
   providers: [o IN providers | o.name], provider_count: size(providers)} AS facts
