// Rule "step-without-organisation": a care pathway step with no responsible
// organisation. Pathway rules run for a pathway, a region or everything; a
// client scope leaves them out.

// name: step-without-organisation
// params: clients, region, pathway
MATCH (pw:CarePathway)-[:IN_REGION]->(reg:Region)
WHERE $clients IS NULL
  AND ($pathway IS NULL OR pw.id = $pathway)
  AND ($region IS NULL OR reg.id = $region)
MATCH (pw)-[:HAS_STEP]->(st:PathwayStep)
WHERE NOT EXISTS { (st)-[:RESPONSIBLE_ORG]->(:Organisation) }
RETURN 'step-without-organisation' AS rule, 'PathwayStep' AS subject_type, st.id AS subject_id,
  null AS client_id, reg.id AS region_id,
  [{label: 'CarePathway', id: pw.id}, {label: 'PathwayStep', id: st.id},
   {type: 'HAS_STEP', from: pw.id, to: st.id}] AS evidence,
  {pathway: pw.name, step: st.name, order: st.order} AS facts
