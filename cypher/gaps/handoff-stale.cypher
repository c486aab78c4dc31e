// Rule "handoff-stale": a handoff accepted on or before the as-of date but, as
// of that date, not completed (no completion date, or a later one) more than
// $handoff_complete_days days after it was accepted: the receiving owner has
// said yes and the information or the first meeting has not followed.

// name: handoff-stale
// params: clients, region, pathway, as_of, handoff_complete_days, lookback_days
CALL () {
  UNWIND $clients AS id
  MATCH (c:Client {id: id})
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL THEN [$region] ELSE [] END AS region_id
  MATCH (c:Client)-[:LIVES_IN]->(:Region {id: region_id})
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL THEN [$pathway] ELSE [] END AS pathway_id
  MATCH (:CarePathway {id: pathway_id})-[:HAS_STEP]->(:PathwayStep)<-[:REALISES]-(:Episode)<-[:HAS_EPISODE]-(c:Client)
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL AND $pathway IS NULL THEN [true] ELSE [] END AS everyone
  CALL () { MATCH (c:Client) RETURN c }
  RETURN c
}
MATCH (c)-[:LIVES_IN]->(reg:Region)
WHERE ($region IS NULL OR reg.id = $region)
  AND ($pathway IS NULL OR EXISTS {
    (c)-[:HAS_EPISODE]->(:Episode)-[:REALISES]->(:PathwayStep)<-[:HAS_STEP]-(:CarePathway {id: $pathway})
  })
MATCH (c)-[:HAS_HANDOFF]->(h:Handoff)
WHERE h.status IN ['accepted', 'completed'] AND h.decided <= $as_of
  AND h.decided >= $as_of - duration({days: $lookback_days})
  AND (h.completed IS NULL OR h.completed > $as_of)
WITH c, reg, h, duration.inDays(h.decided, $as_of).days AS waited
WHERE waited > $handoff_complete_days
OPTIONAL MATCH (h)-[:FROM_ORG]->(a:Organisation)
OPTIONAL MATCH (h)-[:TO_ORG]->(b:Organisation)
RETURN 'handoff-stale' AS rule, 'Handoff' AS subject_type, h.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Handoff', id: h.id},
   {type: 'HAS_HANDOFF', from: c.id, to: h.id},
   {label: 'Organisation', id: a.id}, {type: 'FROM_ORG', from: h.id, to: a.id},
   {label: 'Organisation', id: b.id}, {type: 'TO_ORG', from: h.id, to: b.id}] AS evidence,
  {client: c.name, from_org: a.name, to_org: b.name, accepted: h.decided, days: waited} AS facts
