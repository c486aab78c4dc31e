// Coordination burden (metatyö): what the index per family is computed from.

// name: family-burden
// For each family (a client without one is a household of their own) with a
// member living in the region and an episode active on $as_of: the distinct
// active services, their providers (ids, for the service areas), the
// professionals holding an active responsibility for a member (or a member's
// episode or plan), and per member the active services covered by neither a
// coordinator of the member nor an active plan of the member, summed.
// params: region, as_of, coordinating_roles
MATCH (c:Client)-[:LIVES_IN]->(:Region {id: $region})
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
WITH c, collect(DISTINCT s) AS services
WITH c, services, EXISTS {
    MATCH (c)<-[:FOR]-(r:Responsibility)
    WHERE r.role IN $coordinating_roles AND r.valid_from <= $as_of
      AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  } AS coordinated
CALL (c, services, coordinated) {
  OPTIONAL MATCH (c)-[:HAS_PLAN]->(pl:Plan)-[:COVERS]->(planned:Service)
  WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  WITH collect(DISTINCT planned) AS planned
  RETURN CASE WHEN coordinated THEN 0
    ELSE size([s IN services WHERE NOT s IN planned]) END AS uncovered
}
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_EPISODE|HAS_PLAN*0..1]->()<-[:FOR]-(r:Responsibility)<-[:HOLDS]-(pr:Professional)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  RETURN collect(DISTINCT pr.id) AS professionals
}
OPTIONAL MATCH (c)-[:MEMBER_OF]->(f:Family)
WITH coalesce('f:' + f.id, 'c:' + c.id) AS household, c.id AS id, services, uncovered,
  professionals
UNWIND services AS s
MATCH (s)-[:PROVIDED_BY]->(o:Organisation)
WITH household, collect(DISTINCT s.id) AS services, collect(DISTINCT o.id) AS organisations,
  collect(DISTINCT {client: id, uncovered: uncovered, professionals: professionals}) AS members
RETURN size(services) AS services, organisations,
  reduce(n = 0, m IN members | n + m.uncovered) AS uncovered,
  size(reduce(all = [], m IN members | all + [p IN m.professionals WHERE NOT p IN all]))
    AS professionals

// name: service-areas
// Each organisation of the region with its service area: the nearest
// organisation of kind service_area it is part of (itself included), else the
// top organisation of its PART_OF chain.
// params: region
MATCH (o:Organisation)-[:IN_REGION]->(:Region {id: $region})
OPTIONAL MATCH (o)-[:PART_OF*0..]->(sa:Organisation {kind: 'service_area'})
OPTIONAL MATCH (o)-[:PART_OF*0..]->(root:Organisation) WHERE NOT (root)-[:PART_OF]->()
RETURN o.id AS organisation, coalesce(head(collect(sa.name)), head(collect(root.name))) AS area
