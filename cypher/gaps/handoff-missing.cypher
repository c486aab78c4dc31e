// Rule "handoff-missing": responsibility moved without a handoff accepted by a
// receiving owner (status accepted or completed, decided on or before the as-of
// date). Two kinds of move, both within the $lookback_days days up to the as-of
// date: a recorded transition that has fallen due (a handoff AT it, or from its
// from-episode to its to-episode, settles it), and a client's episode of one
// pathway step that has ended followed by their episode of the next step, and
// an episode of an age-limited kind that has ended followed, within
// $successor_days days, by an episode of a kind that takes over from it
// ($successor_kinds: youth psychiatry -> adult psychiatry, child welfare ->
// aftercare, ...), recorded without a Transition as practitioners usually do.
// For these an accepted handoff from the ended episode or to the new one
// settles it.

// name: handoff-missing
// params: clients, region, pathway, as_of, lookback_days, successor_kinds, successor_days
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
CALL (c) {
  MATCH (c)-[:HAS_TRANSITION]->(t:Transition)
  WHERE t.due_date <= $as_of AND t.due_date >= $as_of - duration({days: $lookback_days})
  OPTIONAL MATCH (t)-[:FROM_EPISODE]->(e1:Episode)
  OPTIONAL MATCH (t)-[:TO_EPISODE]->(e2:Episode)
  RETURN t, e1, e2, t.due_date AS date
  UNION
  MATCH (c)-[:HAS_EPISODE]->(e1:Episode)-[:REALISES]->(s1:PathwayStep)<-[:HAS_STEP]-(:CarePathway)
    -[:HAS_STEP]->(s2:PathwayStep)<-[:REALISES]-(e2:Episode)<-[:HAS_EPISODE]-(c)
  WHERE s2.order = s1.order + 1
    AND e1.status <> 'cancelled' AND e2.status <> 'cancelled'
    AND e1.end IS NOT NULL AND e1.end <= $as_of
    AND e2.start <= $as_of AND e2.start >= $as_of - duration({days: $lookback_days})
    AND NOT EXISTS {
      MATCH (c)-[:HAS_TRANSITION]->(t:Transition)-[:FROM_EPISODE]->(e1)
      WHERE EXISTS { (t)-[:TO_EPISODE]->(e2) }
    }
  RETURN null AS t, e1, e2, e2.start AS date
  UNION
  MATCH (c)-[:HAS_EPISODE]->(e1:Episode)-[:OF_SERVICE]->(s1:Service)
  WHERE e1.status <> 'cancelled' AND e1.end IS NOT NULL AND e1.end <= $as_of
    AND s1.kind IN keys($successor_kinds)
  MATCH (c)-[:HAS_EPISODE]->(e2:Episode)-[:OF_SERVICE]->(s2:Service)
  WHERE e2.status <> 'cancelled' AND s2.kind IN $successor_kinds[s1.kind]
    AND e2.start > e1.start AND e2.start <= e1.end + duration({days: $successor_days})
    AND e2.start <= $as_of AND e2.start >= $as_of - duration({days: $lookback_days})
    AND NOT EXISTS { MATCH (c)-[:HAS_TRANSITION]->(:Transition)-[:FROM_EPISODE|TO_EPISODE]->(e1) }
    AND NOT EXISTS { MATCH (c)-[:HAS_TRANSITION]->(:Transition)-[:TO_EPISODE]->(e2) }
  RETURN null AS t, e1, e2, e2.start AS date
}
WITH c, reg, t, e1, e2, date
WHERE NOT EXISTS {
  MATCH (c)-[:HAS_HANDOFF]->(h:Handoff)
  WHERE h.status IN ['accepted', 'completed'] AND h.decided <= $as_of
    AND (EXISTS { (h)-[:AT]->(t) }
      OR (EXISTS { (h)-[:FROM_EPISODE]->(e1) } AND EXISTS { (h)-[:TO_EPISODE]->(e2) })
      OR (t IS NULL AND (EXISTS { (h)-[:FROM_EPISODE]->(e1) } OR EXISTS { (h)-[:TO_EPISODE]->(e2) })))
}
OPTIONAL MATCH (e1)-[:OF_SERVICE]->(from:Service)
OPTIONAL MATCH (e2)-[:OF_SERVICE]->(to:Service)
RETURN 'handoff-missing' AS rule,
  CASE WHEN t IS NULL THEN 'Episode' ELSE 'Transition' END AS subject_type,
  coalesce(t.id, e2.id) AS subject_id, c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Transition', id: t.id},
   {type: 'HAS_TRANSITION', from: c.id, to: t.id},
   {label: 'Episode', id: e1.id}, {label: 'Service', id: from.id},
   {type: 'HAS_EPISODE', from: c.id, to: e1.id}, {type: 'OF_SERVICE', from: e1.id, to: from.id},
   {label: 'Episode', id: e2.id}, {label: 'Service', id: to.id},
   {type: 'HAS_EPISODE', from: c.id, to: e2.id}, {type: 'OF_SERVICE', from: e2.id, to: to.id}]
    AS evidence,
  {client: c.name, transition_kind: t.kind, date: date, from_service: from.name,
   to_service: to.name} AS facts
