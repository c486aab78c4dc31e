// Coordination burden (metatyö): what the index per family is computed from.

// name: family-burden
// The burden's parts per family (a client without one is a household of their
// own) with a member living in the region, on each of $days on which a member
// has an active episode: the distinct active services, their providers, the
// professionals holding an active responsibility for a member (or a member's
// episode or plan), and per member the active services covered by neither a
// coordinator of the member nor an active plan of the member, summed. One pass
// for every day: each client's episodes, roles and plans that touch the
// period ($first..$last) are read once and filtered per day in memory. Rows
// are families grouped by their parts (`families` counts them; `day` is an
// index into $days); on the last day also by their service areas ($areas maps
// an organisation of the region to its area).
// params: region, days, first, last, coordinating_roles, areas
MATCH (c:Client)-[:LIVES_IN]->(:Region {id: $region})
CALL (c) {
  MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)-[:PROVIDED_BY]->(o:Organisation)
  WHERE e.start <= $last AND (e.end IS NULL OR e.end >= $first) AND e.status <> 'cancelled'
  RETURN collect({start: e.start, end: e.end, service: s.id, organisation: o.id}) AS episodes
}
WITH c, episodes WHERE size(episodes) > 0
WITH c, episodes,
  [(c)<-[:FOR]-(r:Responsibility) WHERE r.role IN $coordinating_roles
    | {start: r.valid_from, end: r.valid_to}] AS coordinators,
  [(c)-[:HAS_PLAN]->(pl:Plan)-[:COVERS]->(s:Service)
    | {start: pl.valid_from, end: pl.valid_to, service: s.id}] AS plans,
  [(c)-[:HAS_EPISODE|HAS_PLAN*0..1]->()<-[:FOR]-(r:Responsibility)<-[:HOLDS]-(pr:Professional)
    | {start: r.valid_from, end: r.valid_to, professional: pr.id}] AS roles
OPTIONAL MATCH (c)-[:MEMBER_OF]->(f:Family)
WITH coalesce('f:' + f.id, 'c:' + c.id) AS household, c.id AS client, episodes, coordinators, plans, roles
UNWIND range(0, size($days) - 1) AS day
WITH household, client, day, $days[day] AS d, episodes, coordinators, plans, roles
WITH household, client, day, d, coordinators, plans, roles,
  [e IN episodes WHERE e.start <= d AND (e.end IS NULL OR e.end >= d)] AS active
WHERE size(active) > 0
WITH household, client, day, active,
  [e IN active | e.service] AS services,
  any(r IN coordinators WHERE r.start <= d AND (r.end IS NULL OR r.end >= d)) AS coordinated,
  [p IN plans WHERE p.start <= d AND (p.end IS NULL OR p.end >= d) | p.service] AS planned,
  COLLECT { UNWIND roles AS r WITH r WHERE r.start <= d AND (r.end IS NULL OR r.end >= d)
    RETURN DISTINCT r.professional } AS professionals
WITH household, client, day, active, professionals,
  CASE WHEN coordinated THEN 0
    ELSE size(COLLECT { UNWIND services AS s WITH DISTINCT s WHERE NOT s IN planned RETURN s })
  END AS uncovered
UNWIND active AS a
WITH household, day, collect(DISTINCT a.service) AS services,
  collect(DISTINCT a.organisation) AS organisations,
  collect(DISTINCT {client: client, uncovered: uncovered, professionals: professionals}) AS members
WITH day, size(services) AS services, organisations,
  reduce(n = 0, m IN members | n + m.uncovered) AS uncovered,
  size(reduce(all = [], m IN members | all + [p IN m.professionals WHERE NOT p IN all]))
    AS professionals
RETURN day, services, size(organisations) AS organisations, uncovered, professionals,
  CASE WHEN day = size($days) - 1 THEN COLLECT {
    UNWIND organisations AS o
    WITH DISTINCT coalesce($areas[o], '(other region)') AS area
    RETURN area ORDER BY area
  } ELSE [] END AS areas,
  count(*) AS families

// name: service-areas
// Each organisation of the region with its service area: the nearest
// organisation of kind service_area it is part of (itself included), else the
// top organisation of its PART_OF chain.
// params: region
MATCH (o:Organisation)-[:IN_REGION]->(:Region {id: $region})
OPTIONAL MATCH (o)-[:PART_OF*0..]->(sa:Organisation {kind: 'service_area'})
OPTIONAL MATCH (o)-[:PART_OF*0..]->(root:Organisation) WHERE NOT (root)-[:PART_OF]->()
RETURN o.id AS organisation, coalesce(head(collect(sa.name)), head(collect(root.name))) AS area
