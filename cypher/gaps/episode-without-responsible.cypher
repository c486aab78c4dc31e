// Rule "episode-without-responsible": an active episode with no active
// responsibility for it, nobody working in the provider (the top of the
// PART_OF chain below $umbrella_kinds, or any unit of it) responsible for
// the client or the family, and nobody in one of $coordinating_roles for the
// client or the family: a coordinator covers episodes in other organisations.

// name: episode-without-responsible
// params: clients, as_of, coordinating_roles, umbrella_kinds
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)-[:PROVIDED_BY]->(o:Organisation)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  AND NOT EXISTS {
    MATCH (e)<-[:FOR]-(r:Responsibility)
    WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  }
WITH c, reg, collect({e: e, s: s, o: o}) AS uncovered
WHERE NOT EXISTS {
    MATCH (c)-[:MEMBER_OF*0..1]->()<-[:FOR]-(r:Responsibility)
    WHERE r.role IN $coordinating_roles
      AND r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  }
UNWIND uncovered AS x
WITH c, reg, x.e AS e, x.s AS s, x.o AS o
CALL (o) {
  OPTIONAL MATCH path = (o)-[:PART_OF*0..]->(p:Organisation)
  WHERE all(n IN nodes(path) WHERE NOT n.kind IN $umbrella_kinds)
  WITH p ORDER BY length(path) DESC LIMIT 1
  RETURN coalesce(p, o) AS top
}
WITH c, reg, e, s, o, top
WHERE NOT EXISTS {
    MATCH (c)-[:MEMBER_OF*0..1]->()<-[:FOR]-(r:Responsibility)<-[:HOLDS]-(:Professional)-[w:WORKS_IN]->(:Organisation)-[:PART_OF*0..]->(top)
    WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of) AND (w.valid_from IS NULL OR w.valid_from <= $as_of) AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
  }
RETURN 'episode-without-responsible' AS rule, 'Episode' AS subject_type, e.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Episode', id: e.id}, {label: 'Service', id: s.id},
   {label: 'Organisation', id: o.id},
   {type: 'HAS_EPISODE', from: c.id, to: e.id}, {type: 'OF_SERVICE', from: e.id, to: s.id},
   {type: 'PROVIDED_BY', from: s.id, to: o.id}] AS evidence,
  {client: c.name, service: s.name, organisation: o.name, start: e.start} AS facts
