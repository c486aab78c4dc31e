// Rule "plan-participation-unknown" (data quality): a plan in force that does
// not record whether the client took part in making it (client_participated
// absent). Unknown is not "without the client": client-not-participating fires
// only on a recorded false, and this rule asks for the missing fact instead.

// name: plan-participation-unknown
// params: clients, as_of
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_PLAN]->(p:Plan)
WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of)
  AND p.client_participated IS NULL
RETURN 'plan-participation-unknown' AS rule, 'Plan' AS subject_type, p.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: p.id}, {type: 'HAS_PLAN', from: c.id, to: p.id}]
    AS evidence,
  {client: c.name, plan_kind: p.kind, valid_from: p.valid_from} AS facts
