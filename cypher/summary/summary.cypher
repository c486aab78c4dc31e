// The family's summary: whom to call, who does what, the plans' goals and
// reviews, for one client or a whole family, as of a date. Each /*acl VAR*/
// marker takes the caller's access predicate for VAR (graphsvc.auth.policy):
// what the caller may not see is not read.

// name: client
// The client, their family and its other members (whose contact person
// covers a child of the family).
// params: id
MATCH (c:Client {id: $id})
WHERE /*acl c*/ true
OPTIONAL MATCH (c)-[:MEMBER_OF]->(f:Family)
OPTIONAL MATCH (f)<-[:MEMBER_OF]-(member:Client)
WHERE member <> c AND /*acl member*/ true
RETURN c {.id, .name, .birth_date} AS client,
       f {.id, .name} AS family,
       collect(member {.id, .name, .birth_date}) AS others

// name: family
// The family and its members, in the order of their roles' names and birth.
// params: id
MATCH (f:Family {id: $id})
OPTIONAL MATCH (f)<-[m:MEMBER_OF]-(member:Client)
WHERE /*acl member*/ true
WITH f, member, m
ORDER BY member.birth_date, member.id
RETURN f {.id, .name} AS family,
       collect(member {.id, .name, .birth_date, role: m.role}) AS members

// name: responsibilities
// Responsibilities active on $as_of for the clients, their episodes running
// on $as_of and their plans in force, with the professional, the
// organisations they work in on $as_of, and what the scope is in words.
// params: clients, as_of, cancelled
UNWIND $clients AS client_id
MATCH (c:Client {id: client_id})
WHERE /*acl c*/ true
CALL (c) {
  MATCH (r:Responsibility)-[:FOR]->(c)
  RETURN r, 'client' AS scope, null AS scope_id, null AS service, null AS plan_kind
  UNION
  MATCH (c)-[:HAS_EPISODE]->(e:Episode)<-[:FOR]-(r:Responsibility)
  WHERE e.status <> $cancelled AND e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of)
    AND /*acl e*/ true
  MATCH (e)-[:OF_SERVICE]->(s:Service)
  RETURN r, 'episode' AS scope, e.id AS scope_id, s.name AS service, null AS plan_kind
  UNION
  MATCH (c)-[:HAS_PLAN]->(pl:Plan)<-[:FOR]-(r:Responsibility)
  WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
    AND /*acl pl*/ true
  RETURN r, 'plan' AS scope, pl.id AS scope_id, null AS service, pl.kind AS plan_kind
}
WITH c, r, scope, scope_id, service, plan_kind
WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  AND /*acl r*/ true
MATCH (p:Professional)-[:HOLDS]->(r)
OPTIONAL MATCH (p)-[w:WORKS_IN]->(o:Organisation)
WHERE coalesce(w.valid_from, $as_of) <= $as_of AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
WITH c, r, scope, scope_id, service, plan_kind, p, o
ORDER BY o.name
RETURN c.id AS client,
       r.role AS role,
       scope,
       scope_id,
       service,
       plan_kind,
       p {.id, .name, .profession} AS professional,
       collect(o.name) AS organisations
ORDER BY client, professional.name, role, scope_id

// name: episodes
// The clients' episodes running on $as_of with their service and its provider.
// params: clients, as_of, cancelled
MATCH (c:Client)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE c.id IN $clients
  AND e.status <> $cancelled AND e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of)
  AND /*acl c*/ true AND /*acl e*/ true
OPTIONAL MATCH (s)-[:PROVIDED_BY]->(o:Organisation)
RETURN c.id AS client,
       e {.id, .start} AS episode,
       s {.name, .sector} AS service,
       o.name AS provider
ORDER BY client, e.start, e.id

// name: plans
// The clients' plans in force on $as_of, with the owner and the goals.
// params: clients, as_of
MATCH (c:Client)-[:HAS_PLAN]->(pl:Plan)
WHERE c.id IN $clients
  AND pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  AND /*acl c*/ true AND /*acl pl*/ true
OPTIONAL MATCH (pl)-[:OWNED_BY]->(owner:Professional)
RETURN c.id AS client,
       pl {.id, .kind, .review_date, .client_participated} AS plan,
       owner {.id, .name, .profession} AS owner,
       [(pl)-[:HAS_GOAL]->(g:Goal) WHERE /*acl g*/ true | g {.id, .text, .status}] AS goals
ORDER BY client, pl.review_date, pl.id
