// Rule "conflicting-plan-goals": two plans of one client, both in force, with
// open goals whose directions form a pair of $conflicting_directions (each pair
// given in sorted order). One finding per pair of plans.

// name: conflicting-plan-goals
// params: clients, as_of, conflicting_directions
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_PLAN]->(p:Plan)-[:HAS_GOAL]->(g:Goal),
  (c)-[:HAS_PLAN]->(q:Plan)-[:HAS_GOAL]->(h:Goal)
WHERE p <> q AND p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of) AND q.valid_from <= $as_of AND (q.valid_to IS NULL OR q.valid_to >= $as_of)
  AND g.status = 'open' AND h.status = 'open'
  AND [g.direction, h.direction] IN $conflicting_directions
WITH c, reg, p, g, q, h
ORDER BY g.id, h.id
WITH c, reg, CASE WHEN p.id < q.id THEN p.id + ' ' + q.id ELSE q.id + ' ' + p.id END AS pair,
  collect({p: p, g: g, q: q, h: h}) AS conflicts
WITH c, reg, conflicts[0] AS x
RETURN 'conflicting-plan-goals' AS rule, 'Client' AS subject_type, c.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: x.p.id}, {label: 'Goal', id: x.g.id},
   {label: 'Plan', id: x.q.id}, {label: 'Goal', id: x.h.id},
   {type: 'HAS_PLAN', from: c.id, to: x.p.id}, {type: 'HAS_GOAL', from: x.p.id, to: x.g.id},
   {type: 'HAS_PLAN', from: c.id, to: x.q.id}, {type: 'HAS_GOAL', from: x.q.id, to: x.h.id}]
    AS evidence,
  {client: c.name, plan_kind: x.p.kind, direction: x.g.direction, goal: x.g.text,
   other_plan_kind: x.q.kind, other_direction: x.h.direction, other_goal: x.h.text} AS facts
