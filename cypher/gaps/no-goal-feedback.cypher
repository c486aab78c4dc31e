// Rule "no-goal-feedback": a plan in force that follows an earlier plan of the
// same kind for the same client (ended before it began) and records no
// previous_goals_feedback.

// name: no-goal-feedback
// params: clients, as_of
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_PLAN]->(p:Plan)
WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of) AND p.previous_goals_feedback IS NULL
MATCH (c)-[:HAS_PLAN]->(previous:Plan {kind: p.kind})
WHERE previous.valid_to IS NOT NULL AND previous.valid_to < p.valid_from
WITH c, reg, p, previous
ORDER BY previous.valid_to DESC
WITH c, reg, p, collect(previous)[0] AS previous
RETURN 'no-goal-feedback' AS rule, 'Plan' AS subject_type, p.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: p.id}, {type: 'HAS_PLAN', from: c.id, to: p.id},
   {label: 'Plan', id: previous.id}, {type: 'HAS_PLAN', from: c.id, to: previous.id}] AS evidence,
  {client: c.name, plan_kind: p.kind, valid_from: p.valid_from,
   previous_valid_to: previous.valid_to} AS facts
