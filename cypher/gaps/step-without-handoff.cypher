// Rule "step-without-handoff": a pathway step that is not the last one and
// records no handoff to the next step.

// name: step-without-handoff
// params: clients, region, pathway
MATCH (pw:CarePathway)-[:IN_REGION]->(reg:Region)
WHERE $clients IS NULL
  AND ($pathway IS NULL OR pw.id = $pathway)
  AND ($region IS NULL OR reg.id = $region)
MATCH (pw)-[:HAS_STEP]->(st:PathwayStep), (pw)-[:HAS_STEP]->(next:PathwayStep)
WHERE st.handoff IS NULL AND next.order > st.order
WITH pw, reg, st, next
ORDER BY next.order
WITH pw, reg, st, collect(next)[0] AS next
RETURN 'step-without-handoff' AS rule, 'PathwayStep' AS subject_type, st.id AS subject_id,
  null AS client_id, reg.id AS region_id,
  [{label: 'CarePathway', id: pw.id}, {label: 'PathwayStep', id: st.id},
   {type: 'HAS_STEP', from: pw.id, to: st.id}, {label: 'PathwayStep', id: next.id},
   {type: 'HAS_STEP', from: pw.id, to: next.id}] AS evidence,
  {pathway: pw.name, step: st.name, order: st.order, next_step: next.name} AS facts
