// Rule "no-treating-physician": a client being served (some active episode) who
// has a long-term illness or active episodes of at least $min_health_contacts
// health-sector services, and nobody holds treating_physician for the client.

// name: no-treating-physician
// params: clients, as_of, min_health_contacts
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
WHERE NOT EXISTS {
  MATCH (c)<-[:FOR]-(r:Responsibility {role: 'treating_physician'})
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
}
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
  WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  RETURN count(e) AS active_episodes,
    collect(CASE WHEN s.sector = 'health' THEN {e: e, s: s} END) AS health,
    collect(DISTINCT CASE WHEN s.sector = 'health' THEN s END) AS health_services
}
WITH c, reg, active_episodes, health, health_services, size(health_services) AS health_contacts
WHERE active_episodes > 0
  AND (c.long_term_illness = true OR health_contacts >= $min_health_contacts)
RETURN 'no-treating-physician' AS rule, 'Client' AS subject_type, c.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}]
    + reduce(acc = [], x IN health | acc + [
        {label: 'Episode', id: x.e.id}, {label: 'Service', id: x.s.id},
        {type: 'HAS_EPISODE', from: c.id, to: x.e.id},
        {type: 'OF_SERVICE', from: x.e.id, to: x.s.id}
      ]) AS evidence,
  {client: c.name, long_term_illness: coalesce(c.long_term_illness, false),
   health_contacts: health_contacts, health_services: [s IN health_services | s.name]} AS facts
