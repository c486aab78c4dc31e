// A professional's own work on a date: their clients, the handoffs waiting
// for them and their plans coming up for review. Each /*acl VAR*/ marker takes
// the caller's access predicate for VAR (graphsvc.auth.policy).

// name: clients
// The clients the professional holds an active responsibility for (for the
// client, one of their running episodes or plans in force) or whose plan in
// force they own.
// params: professional, as_of, cancelled
MATCH (p:Professional {id: $professional})
CALL (p) {
  MATCH (p)-[:HOLDS]->(r:Responsibility)-[:FOR]->(c:Client)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  RETURN c
  UNION
  MATCH (p)-[:HOLDS]->(r:Responsibility)-[:FOR]->(e:Episode)<-[:HAS_EPISODE]-(c:Client)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
    AND e.status <> $cancelled AND e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of)
  RETURN c
  UNION
  MATCH (p)-[:HOLDS]->(r:Responsibility)-[:FOR]->(pl:Plan)<-[:HAS_PLAN]-(c:Client)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
    AND pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  RETURN c
  UNION
  MATCH (p)<-[:OWNED_BY]-(pl:Plan)<-[:HAS_PLAN]-(c:Client)
  WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  RETURN c
}
WITH c
WHERE /*acl c*/ true
RETURN c {.*} AS node
ORDER BY c.name, c.id

// name: incoming-handoffs
// Handoffs requested and not yet decided that wait for the professional:
// addressed to them, or to an organisation they work in on $as_of with no
// receiving professional named; the oldest request first. Not narrowed by the
// access policy: a request addressed to the professional is theirs to see
// before they hold any responsibility for its client.
// params: professional, as_of, requested
MATCH (p:Professional {id: $professional})
CALL (p) {
  MATCH (h:Handoff)-[:TO_PROFESSIONAL]->(p)
  RETURN h
  UNION
  MATCH (p)-[w:WORKS_IN]->(o:Organisation)<-[:TO_ORG]-(h:Handoff)
  WHERE coalesce(w.valid_from, $as_of) <= $as_of AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
    AND NOT (h)-[:TO_PROFESSIONAL]->()
  RETURN h
}
WITH h
WHERE h.status = $requested AND h.requested <= $as_of
RETURN h {.*} AS node
ORDER BY h.requested, h.id

// name: plans-due
// Plans in force the professional owns or holds a responsibility for, whose
// review date is on or before $until (overdue ones included), the earliest first.
// params: professional, as_of, until
MATCH (p:Professional {id: $professional})
CALL (p) {
  MATCH (p)<-[:OWNED_BY]-(pl:Plan)
  RETURN pl
  UNION
  MATCH (p)-[:HOLDS]->(r:Responsibility)-[:FOR]->(pl:Plan)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  RETURN pl
}
WITH pl
WHERE pl.valid_from <= $as_of AND (pl.valid_to IS NULL OR pl.valid_to >= $as_of)
  AND pl.review_date IS NOT NULL AND pl.review_date <= $until
  AND /*acl pl*/ true
RETURN pl {.*} AS node
ORDER BY pl.review_date, pl.id
