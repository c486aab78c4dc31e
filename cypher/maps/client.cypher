// The client map (palvelukartta): one client's network on a date. Episodes
// and transitions show within $lookback_days either side of it (and handoffs
// up to $lookback_days back), so a recent or coming transition shows both sides.
// Each /*acl VAR*/ marker takes the caller's access predicate for VAR
// (graphsvc.auth.policy): what the caller may not see is not read.

// name: client
// The client, their family and its members with their roles in it.
// params: id
MATCH (c:Client {id: $id})
WHERE /*acl c*/ true
OPTIONAL MATCH (c)-[:MEMBER_OF]->(f:Family)
WHERE /*acl f*/ true
OPTIONAL MATCH (f)<-[m:MEMBER_OF]-(member:Client)
WHERE /*acl member*/ true
RETURN c {.id, .name, .birth_date, .long_term_illness} AS client,
       f {.id, .name} AS family,
       collect(member {.id, .name, .birth_date, role: m.role}) AS members

// name: client-episodes
// The client's episodes that run on $as_of or overlap the window around it,
// with their service and its provider; cancelled ones left out.
// params: id, as_of, lookback_days, cancelled
MATCH (:Client {id: $id})-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE e.status <> $cancelled
  AND e.start <= $as_of + duration({days: $lookback_days})
  AND (e.end IS NULL OR e.end >= $as_of - duration({days: $lookback_days}))
  AND /*acl e*/ true
OPTIONAL MATCH (s)-[:PROVIDED_BY]->(o:Organisation)
RETURN e {.id, .start, .end, .status} AS episode,
       s {.id, .name, .kind, .level, .sector} AS service,
       o {.id, .name, .kind} AS organisation
ORDER BY e.start, e.id

// name: client-responsibilities
// Responsibilities active on $as_of for the client, the members of their
// family, their episodes and their plans; with the professional and the
// organisations they work in on $as_of.
// params: id, as_of
MATCH (c:Client {id: $id})
CALL (c) {
  MATCH (r:Responsibility)-[:FOR]->(c)
  RETURN r, c AS scope
  UNION
  MATCH (c)-[:MEMBER_OF]->(:Family)<-[:MEMBER_OF]-(member:Client)<-[:FOR]-(r:Responsibility)
  WHERE member <> c AND /*acl member*/ true
  RETURN r, member AS scope
  UNION
  MATCH (c)-[:HAS_EPISODE]->(e:Episode)<-[:FOR]-(r:Responsibility)
  WHERE /*acl e*/ true
  RETURN r, e AS scope
  UNION
  MATCH (c)-[:HAS_PLAN]->(pl:Plan)<-[:FOR]-(r:Responsibility)
  WHERE /*acl pl*/ true
  RETURN r, pl AS scope
}
WITH r, scope
WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  AND /*acl r*/ true
MATCH (p:Professional)-[:HOLDS]->(r)
OPTIONAL MATCH (p)-[w:WORKS_IN]->(o:Organisation)
WHERE coalesce(w.valid_from, $as_of) <= $as_of AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
RETURN r {.id, .role, .division} AS responsibility,
       labels(scope)[0] AS scope_label,
       scope.id AS scope_id,
       p {.id, .name, .profession} AS professional,
       collect(o {.id, .name, .kind}) AS organisations
ORDER BY responsibility.id

// name: client-plans
// The client's plans valid on $as_of, their owner and the services they cover.
// params: id, as_of
MATCH (:Client {id: $id})-[:HAS_PLAN]->(pl:Plan)
WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  AND /*acl pl*/ true
OPTIONAL MATCH (pl)-[:OWNED_BY]->(owner:Professional)
RETURN pl {.id, .kind, .review_date, .mode} AS plan,
       owner {.id, .name, .profession} AS owner,
       [(pl)-[:COVERS]->(s:Service) | s.id] AS services
ORDER BY pl.id

// name: client-transitions
// The client's transitions due in the window around $as_of.
// params: id, as_of, lookback_days
MATCH (:Client {id: $id})-[:HAS_TRANSITION]->(t:Transition)
WHERE t.due_date >= $as_of - duration({days: $lookback_days})
  AND t.due_date <= $as_of + duration({days: $lookback_days})
  AND /*acl t*/ true
RETURN t {.id, .kind, .due_date} AS transition,
       [(t)-[:FROM_EPISODE]->(e:Episode) | e.id][0] AS from_episode,
       [(t)-[:TO_EPISODE]->(e:Episode) | e.id][0] AS to_episode
ORDER BY t.due_date, t.id

// name: client-handoffs
// The client's handoffs requested in the window up to $as_of, with both sides.
// params: id, as_of, lookback_days
MATCH (:Client {id: $id})-[:HAS_HANDOFF]->(h:Handoff)
WHERE h.requested <= $as_of AND h.requested >= $as_of - duration({days: $lookback_days})
  AND /*acl h*/ true
RETURN h {.id, .status, .requested, .decided, .completed} AS handoff,
       [(h)-[:AT]->(t:Transition) | t.id][0] AS transition,
       [(h)-[:FROM_EPISODE]->(e:Episode) | e.id][0] AS from_episode,
       [(h)-[:TO_EPISODE]->(e:Episode) | e.id][0] AS to_episode,
       [(h)-[:FROM_PROFESSIONAL]->(p:Professional) | p {.id, .name, .profession}][0]
         AS from_professional,
       [(h)-[:TO_PROFESSIONAL]->(p:Professional) | p {.id, .name, .profession}][0]
         AS to_professional,
       [(h)-[:FROM_ORG]->(o:Organisation) | o {.id, .name, .kind}][0] AS from_org,
       [(h)-[:TO_ORG]->(o:Organisation) | o {.id, .name, .kind}][0] AS to_org
ORDER BY h.requested, h.id
