// The care pathway map: steps in order, who is responsible for each, handoffs.

// name: pathway
// The pathway and its region.
// params: id
MATCH (pw:CarePathway {id: $id})
OPTIONAL MATCH (pw)-[:IN_REGION]->(rg:Region)
RETURN pw {.id, .name, .need} AS pathway, rg {.id, .name} AS region

// name: pathway-steps
// The steps in order with the responsible organisation, the service used,
// the step owners on $as_of and the number of episodes carrying the step out.
// params: id, as_of, cancelled
MATCH (:CarePathway {id: $id})-[:HAS_STEP]->(st:PathwayStep)
OPTIONAL MATCH (st)-[:RESPONSIBLE_ORG]->(o:Organisation)
OPTIONAL MATCH (st)-[:USES_SERVICE]->(s:Service)
RETURN st {.id, .order, .name, .handoff} AS step,
       o {.id, .name, .kind} AS organisation,
       s {.id, .name, .kind, .level, .sector} AS service,
       [(p:Professional)-[:HOLDS]->(r:Responsibility)-[:FOR]->(st)
         WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
         | {professional: p {.id, .name, .profession}, role: r.role}] AS owners,
       COUNT {
         (e:Episode)-[:REALISES]->(st)
         WHERE e.status <> $cancelled AND e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of)
       } AS active_episodes
ORDER BY st.order
