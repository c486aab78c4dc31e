// Rule "client-not-participating": a plan in force made without the client
// (client_participated false), unless it was mediated planning with the client's
// joint_planning consent valid on the as-of date (001: mediated planning needs
// the client's consent).

// name: client-not-participating
// params: clients, as_of
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_PLAN]->(p:Plan)
WHERE p.valid_from <= $as_of AND (p.valid_to IS NULL OR p.valid_to >= $as_of) AND p.client_participated = false
  AND NOT (p.mode = 'mediated' AND EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(k:Consent {purpose: 'joint_planning'})
    WHERE k.valid_from <= $as_of AND (k.valid_to IS NULL OR k.valid_to >= $as_of) AND (k.withdrawn IS NULL OR k.withdrawn > $as_of)
  })
RETURN 'client-not-participating' AS rule, 'Plan' AS subject_type, p.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Plan', id: p.id}, {type: 'HAS_PLAN', from: c.id, to: p.id}]
    AS evidence,
  {client: c.name, plan_kind: p.kind, mode: p.mode} AS facts
