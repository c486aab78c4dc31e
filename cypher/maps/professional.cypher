// The caseload map: what one professional is responsible for on a date.
// Each /*acl VAR*/ marker takes the caller's access predicate for VAR
// (graphsvc.auth.policy): what the caller may not see is not read.

// name: professional
// The professional and the organisations they work in on $as_of.
// params: id, as_of
MATCH (p:Professional {id: $id})
OPTIONAL MATCH (p)-[w:WORKS_IN]->(o:Organisation)
WHERE coalesce(w.valid_from, $as_of) <= $as_of AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
RETURN p {.id, .name, .profession} AS professional, collect(o {.id, .name, .kind}) AS organisations

// name: professional-responsibilities
// Responsibilities the professional holds on $as_of, each with its scope (a
// client, an episode, a plan or a pathway step) and the client or pathway the
// scope belongs to.
// params: id, as_of
MATCH (:Professional {id: $id})-[:HOLDS]->(r:Responsibility)-[:FOR]->(scope)
WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  AND /*acl r*/ true
  AND (NOT scope:Episode OR EXISTS { MATCH (e:Episode) WHERE e = scope AND /*acl e*/ true })
  AND (NOT scope:Plan OR EXISTS { MATCH (pl:Plan) WHERE pl = scope AND /*acl pl*/ true })
OPTIONAL MATCH (owner:Client)-[:HAS_EPISODE|HAS_PLAN]->(scope)
OPTIONAL MATCH (scope)-[:OF_SERVICE]->(s:Service)
OPTIONAL MATCH (pw:CarePathway)-[:HAS_STEP]->(scope)
WITH r, scope, labels(scope)[0] AS label, owner, s, pw
WITH r, scope, label, s, pw, CASE WHEN label = 'Client' THEN scope ELSE owner END AS client
RETURN r {.id, .role, .division} AS responsibility,
       label AS scope_label,
       scope {.id, .name, .kind, .order, .start, .end, .status, .review_date} AS scope,
       client {.id, .name, .birth_date} AS client,
       s {.id, .name, .level, .sector} AS service,
       pw {.id, .name} AS pathway
ORDER BY r.id

// name: professional-plans
// Plans valid on $as_of that the professional owns, with their client.
// params: id, as_of
MATCH (c:Client)-[:HAS_PLAN]->(pl:Plan)-[:OWNED_BY]->(:Professional {id: $id})
WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  AND /*acl c*/ true AND /*acl pl*/ true
RETURN pl {.id, .kind, .review_date} AS plan, c {.id, .name, .birth_date} AS client
ORDER BY pl.id
