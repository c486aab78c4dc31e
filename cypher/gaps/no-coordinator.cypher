// Rule "no-coordinator" (graphsvc/gaps/rules.py): a client with active episodes of
// services from at least $min_organisations provider organisations and nobody
// holding one of $coordinating_roles for the client or the client's family.
// Organisations are counted as providers (docs/model.md): the top of the
// PART_OF chain below the $umbrella_kinds (wellbeing county, service area,
// municipality), so two units of one hospital are one organisation.
// Client rules take the clients of the scope, which the engine resolves once
// ($clients; a region scan walks from the region instead, see
// graphsvc/gaps/engine.py), and every gap query returns rule, subject_type,
// subject_id, client_id, region_id, evidence, facts.

// name: no-coordinator
// params: clients, as_of, min_organisations, coordinating_roles, umbrella_kinds
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
CALL (c) {
  MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)-[:PROVIDED_BY]->(o:Organisation)
  WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  WITH collect({e: e, s: s, o: o}) AS rows, collect(DISTINCT o) AS units
  // cheap tests first: providers are never more than the organisations recorded
  WHERE size(units) >= $min_organisations
  RETURN rows, units
}
WITH c, reg, rows, units
WHERE NOT EXISTS {
    MATCH (c)-[:MEMBER_OF*0..1]->()<-[:FOR]-(r:Responsibility)<-[:HOLDS]-(:Professional)
    WHERE r.role IN $coordinating_roles AND r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  }
UNWIND units AS o
CALL (o) {
  OPTIONAL MATCH path = (o)-[:PART_OF*0..]->(p:Organisation)
  WHERE all(n IN nodes(path) WHERE NOT n.kind IN $umbrella_kinds)
  WITH p ORDER BY length(path) DESC LIMIT 1
  RETURN coalesce(p, o) AS top
}
WITH c, reg, rows, collect(DISTINCT top) AS orgs
WHERE size(orgs) >= $min_organisations
RETURN 'no-coordinator' AS rule, 'Client' AS subject_type, c.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}]
    + reduce(acc = [], x IN rows | acc + [
        {label: 'Episode', id: x.e.id}, {label: 'Service', id: x.s.id},
        {label: 'Organisation', id: x.o.id},
        {type: 'HAS_EPISODE', from: c.id, to: x.e.id},
        {type: 'OF_SERVICE', from: x.e.id, to: x.s.id},
        {type: 'PROVIDED_BY', from: x.s.id, to: x.o.id}
      ]) AS evidence,
  {client: c.name, organisations: [o IN orgs | o.name], organisation_count: size(orgs)} AS facts
