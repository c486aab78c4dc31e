// Rule "step-without-organisation": a care pathway step with no responsible
// organisation in the pathway's region (none at all, or only one of another
// region). Pathway rules run for a pathway, a region or everything; a client
// scope leaves them out.

// name: step-without-organisation
// params: clients, region, pathway
MATCH (pw:CarePathway)-[:IN_REGION]->(reg:Region)
WHERE $clients IS NULL
  AND ($pathway IS NULL OR pw.id = $pathway)
  AND ($region IS NULL OR reg.id = $region)
MATCH (pw)-[:HAS_STEP]->(st:PathwayStep)
WHERE NOT EXISTS { (st)-[:RESPONSIBLE_ORG]->(:Organisation)-[:IN_REGION]->(reg) }
OPTIONAL MATCH (st)-[:RESPONSIBLE_ORG]->(elsewhere:Organisation)
RETURN 'step-without-organisation' AS rule, 'PathwayStep' AS subject_type, st.id AS subject_id,
  null AS client_id, reg.id AS region_id,
  [{label: 'CarePathway', id: pw.id}, {label: 'PathwayStep', id: st.id},
   {type: 'HAS_STEP', from: pw.id, to: st.id}, {label: 'Organisation', id: elsewhere.id},
   {type: 'RESPONSIBLE_ORG', from: st.id, to: elsewhere.id}] AS evidence,
  {pathway: pw.name, step: st.name, order: st.order, organisation: elsewhere.name} AS facts
