// Rule "plan-review-overdue": a plan in force whose review date is more than
// $grace_days days before the as-of date.

// name: plan-review-overdue
// params: clients, as_of, grace_days
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_PLAN]->(p:Plan)
WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of)
  AND p.review_date IS NOT NULL
  AND p.review_date + duration({days: $grace_days}) < $as_of
RETURN 'plan-review-overdue' AS rule, 'Plan' AS subject_type, p.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: p.id}, {type: 'HAS_PLAN', from: c.id, to: p.id}]
    AS evidence,
  {client: c.name, plan_kind: p.kind, review_date: p.review_date,
   days_overdue: duration.inDays(p.review_date, $as_of).days} AS facts
