// The organisation map: an organisation, its place in the hierarchy, its
// services and staff, and the handoffs into and out of it.

// name: organisation
// The organisation, the one it is part of, its region and its units.
// params: id
MATCH (o:Organisation {id: $id})
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
OPTIONAL MATCH (o)-[:IN_REGION]->(rg:Region)
RETURN o {.id, .name, .kind} AS organisation,
       parent {.id, .name, .kind} AS parent,
       rg {.id, .name} AS region,
       [(unit:Organisation)-[:PART_OF]->(o) | unit {.id, .name, .kind}] AS units

// name: organisation-services
// The organisation's services with the number of episodes running on $as_of.
// params: id, as_of, cancelled
MATCH (s:Service)-[:PROVIDED_BY]->(:Organisation {id: $id})
RETURN s {.id, .name, .kind, .level, .sector} AS service,
       COUNT {
         (e:Episode)-[:OF_SERVICE]->(s)
         WHERE e.status <> $cancelled AND e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of)
       } AS active_episodes
ORDER BY s.name, s.id

// name: organisation-staff
// Professionals working in the organisation on $as_of, with how many
// responsibilities each holds on that date.
// params: id, as_of
MATCH (p:Professional)-[w:WORKS_IN]->(:Organisation {id: $id})
WHERE coalesce(w.valid_from, $as_of) <= $as_of AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
RETURN p {.id, .name, .profession} AS professional,
       COUNT {
         (p)-[:HOLDS]->(r:Responsibility)
         WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
       } AS responsibilities
ORDER BY p.name, p.id

// name: organisation-flows
// Handoffs into and out of the organisation requested in the window up to
// $as_of, counted per pair of organisations and status.
// params: id, as_of, lookback_days
MATCH (a:Organisation)<-[:FROM_ORG]-(h:Handoff)-[:TO_ORG]->(b:Organisation)
WHERE (a.id = $id OR b.id = $id)
  AND h.requested <= $as_of AND h.requested >= $as_of - duration({days: $lookback_days})
RETURN a {.id, .name, .kind} AS source, b {.id, .name, .kind} AS target,
       h.status AS status, count(h) AS handoffs
ORDER BY source.id, target.id, status
