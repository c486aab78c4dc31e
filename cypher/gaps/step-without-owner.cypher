// Rule "step-without-owner": a pathway step in use (some client's active episode
// realises it) with no active responsibility for the step.

// name: step-without-owner
// params: clients, region, pathway, as_of
MATCH (pw:CarePathway)-[:IN_REGION]->(reg:Region)
WHERE $clients IS NULL
  AND ($pathway IS NULL OR pw.id = $pathway)
  AND ($region IS NULL OR reg.id = $region)
MATCH (pw)-[:HAS_STEP]->(st:PathwayStep)<-[:REALISES]-(e:Episode)<-[:HAS_EPISODE]-(cl:Client)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
WITH pw, reg, st, count(DISTINCT cl) AS clients
WHERE NOT EXISTS {
  MATCH (st)<-[:FOR]-(r:Responsibility)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
}
RETURN 'step-without-owner' AS rule, 'PathwayStep' AS subject_type, st.id AS subject_id,
  null AS client_id, reg.id AS region_id,
  [{label: 'CarePathway', id: pw.id}, {label: 'PathwayStep', id: st.id},
   {type: 'HAS_STEP', from: pw.id, to: st.id}] AS evidence,
  {pathway: pw.name, step: st.name, order: st.order, clients: clients} AS facts
