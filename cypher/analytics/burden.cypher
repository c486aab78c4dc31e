// Coordination burden (metatyö): what the index per family is computed from.

// name: family-burden
// For each family (a client without one is a household of their own) with a
// member living in the region and an episode active on $as_of: the distinct
// active services, their providers, the professionals holding an active
// responsibility for a member (or a member's episode or plan), the active
// episodes covered by neither an active plan of the member that covers the
// service nor a coordinator of the member, and the service areas of the
// providers (the provider's service area, else its top organisation).
// params: region, as_of, coordinating_roles
MATCH (c:Client)-[:LIVES_IN]->(:Region {id: $region})
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)-[:PROVIDED_BY]->(o:Organisation)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
OPTIONAL MATCH (c)-[:MEMBER_OF]->(f:Family)
WITH c, e, s, o, coalesce('f:' + f.id, 'c:' + c.id) AS household
WITH household, c, e, s, o, EXISTS {
    MATCH (c)<-[:FOR]-(r:Responsibility)
    WHERE r.role IN $coordinating_roles AND r.valid_from <= $as_of
      AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  } AS coordinated
WITH household, c, e, s, o, coordinated OR EXISTS {
    MATCH (c)-[:HAS_PLAN]->(pl:Plan)-[:COVERS]->(s)
    WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  } AS covered
CALL (o) {
  OPTIONAL MATCH (o)-[:PART_OF*0..]->(sa:Organisation {kind: 'service_area'})
  OPTIONAL MATCH (o)-[:PART_OF*0..]->(root:Organisation) WHERE NOT (root)-[:PART_OF]->()
  RETURN coalesce(head(collect(sa.name)), head(collect(root.name))) AS area
}
WITH household, collect(DISTINCT c) AS members, collect(DISTINCT s.id) AS services,
  collect(DISTINCT o.id) AS organisations, collect(DISTINCT area) AS areas,
  count(DISTINCT CASE WHEN NOT covered THEN e END) AS uncovered
CALL (members) {
  UNWIND members AS m
  OPTIONAL MATCH (m)-[:HAS_EPISODE|HAS_PLAN*0..1]->()<-[:FOR]-(r:Responsibility)<-[:HOLDS]-(pr:Professional)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  RETURN count(DISTINCT pr) AS professionals
}
RETURN size(services) AS services, size(organisations) AS organisations, professionals,
  uncovered, areas
