// Rule "handoff-not-accepted": a handoff requested on or before the as-of date
// and, as of that date, neither accepted nor rejected (status requested, or
// decided later), that has waited more than $handoff_accept_days days, or whose
// sending episode has already ended: responsibility has left one owner and
// nobody has taken it. A Transition record is not needed. A handoff AT a
// transition that has fallen due within $lookback_days is left to
// handoff-missing, which reports that transition.

// name: handoff-not-accepted
// params: clients, region, pathway, as_of, handoff_accept_days, lookback_days
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
WHERE h.requested <= $as_of AND h.requested >= $as_of - duration({days: $lookback_days})
  AND (h.status = 'requested' OR h.decided > $as_of)
OPTIONAL MATCH (h)-[:FROM_EPISODE]->(e1:Episode)
WITH c, reg, h, e1,
  e1 IS NOT NULL AND e1.end IS NOT NULL AND e1.end <= $as_of AS sender_ended,
  duration.inDays(h.requested, $as_of).days AS waited
WHERE (waited > $handoff_accept_days OR sender_ended)
  AND NOT EXISTS {
    MATCH (h)-[:AT]->(t:Transition)
    WHERE t.due_date <= $as_of AND t.due_date >= $as_of - duration({days: $lookback_days})
  }
OPTIONAL MATCH (h)-[:FROM_ORG]->(a:Organisation)
OPTIONAL MATCH (h)-[:TO_ORG]->(b:Organisation)
OPTIONAL MATCH (e1)-[:OF_SERVICE]->(from:Service)
RETURN 'handoff-not-accepted' AS rule, 'Handoff' AS subject_type, h.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Handoff', id: h.id},
   {type: 'HAS_HANDOFF', from: c.id, to: h.id},
   {label: 'Organisation', id: a.id}, {type: 'FROM_ORG', from: h.id, to: a.id},
   {label: 'Organisation', id: b.id}, {type: 'TO_ORG', from: h.id, to: b.id},
   {label: 'Episode', id: e1.id}, {type: 'FROM_EPISODE', from: h.id, to: e1.id}] AS evidence,
  {client: c.name, from_org: a.name, to_org: b.name, requested: h.requested, days: waited,
   sender_ended: sender_ended, from_service: from.name, ended: e1.end} AS facts
