// Probes the demo and generator tests use to check a loaded region's shape.

// name: demo-client-network
// One client as of a date: providers of active episodes, active client-scope roles,
// active plans with their goal directions, transitions and handoffs.
// params: client, as_of
MATCH (c:Client {id: $client})
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)-[:PROVIDED_BY]->(o:Organisation)
  WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  RETURN collect(s.id) AS services, collect(DISTINCT o.id) AS organisations
}
CALL (c) {
  OPTIONAL MATCH (p:Professional)-[:HOLDS]->(r:Responsibility)-[:FOR]->(c)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  RETURN collect({role: r.role, professional: p.id, division: r.division}) AS roles
}
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_PLAN]->(pl:Plan)
  WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  OPTIONAL MATCH (pl)-[:HAS_GOAL]->(g:Goal)
  OPTIONAL MATCH (pl)-[:OWNED_BY]->(owner:Professional)
  WITH pl, owner, collect(g.direction) AS directions
  WHERE pl IS NOT NULL
  RETURN collect({id: pl.id, kind: pl.kind, owner: owner.id, directions: directions}) AS plans
}
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_TRANSITION]->(t:Transition)
  OPTIONAL MATCH (t)-[:TO_EPISODE]->(next:Episode)
  OPTIONAL MATCH (h:Handoff)-[:AT]->(t)
  WITH t, next, collect(h.status) AS handoffs
  WHERE t IS NOT NULL
  RETURN collect({id: t.id, kind: t.kind, due_date: t.due_date, to_episode: next.id,
                  handoffs: handoffs}) AS transitions
}
RETURN c.birth_date AS birth_date, services, organisations, roles, plans, transitions

// name: demo-label-counts
// Nodes per label, for checks that a generated region loaded whole.
// params:
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS n
