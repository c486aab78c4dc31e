// Rule "transition-without-receiver": a transition due after the as-of date and
// within the horizon of its kind ($horizon_days_by_kind, else $horizon_days
// days), with no receiving owner or plan. Two sources:
// - a recorded transition, unless a handoff AT it has been accepted by the as-of
//   date, someone is responsible for its to-episode on the due date, or a plan of
//   the client valid on the due date covers the to-episode's service;
// - an age limit the client reaches while in an age-limited service (kinds in
//   the *_kinds parameters): youth psychiatry ends at the region's age in
//   $youth_psychiatry_upper_age_by_region (else $youth_psychiatry_upper_age),
//   child welfare turns into aftercare at $child_welfare_upper_age, aftercare
//   ends at $aftercare_upper_age, and day care ends on 1 August of the year the
//   child turns $school_start_age. Left to the first source when a transition of
//   that kind is recorded for the client, and settled by an accepted handoff from
//   the episode.

// name: transition-without-receiver
// params: clients, region, pathway, as_of, horizon_days, horizon_days_by_kind, youth_psychiatry_upper_age, youth_psychiatry_upper_age_by_region, child_welfare_upper_age, aftercare_upper_age, school_start_age, youth_psychiatry_kinds, child_welfare_kinds, aftercare_kinds, early_childhood_kinds
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
CALL (c, reg) {
  MATCH (c)-[:HAS_TRANSITION]->(t:Transition)
  WHERE t.due_date > $as_of
    AND t.due_date <= $as_of + duration({days: coalesce($horizon_days_by_kind[t.kind], $horizon_days)})
  OPTIONAL MATCH (t)-[:FROM_EPISODE]->(e1:Episode)
  OPTIONAL MATCH (t)-[:TO_EPISODE]->(e2:Episode)
  WITH t, e1, e2
  WHERE NOT EXISTS {
      MATCH (c)-[:HAS_HANDOFF]->(h:Handoff)-[:AT]->(t)
      WHERE h.status IN ['accepted', 'completed'] AND h.decided <= $as_of
    }
    AND NOT EXISTS {
      MATCH (e2)<-[:FOR]-(r:Responsibility)
      WHERE r.valid_from <= t.due_date AND (r.valid_to IS NULL OR r.valid_to >= t.due_date)
    }
    AND NOT EXISTS {
      MATCH (e2)-[:OF_SERVICE]->(:Service)<-[:COVERS]-(p:Plan)<-[:HAS_PLAN]-(c)
      WHERE p.valid_from <= t.due_date AND (p.valid_to IS NULL OR p.valid_to >= t.due_date)
    }
  RETURN t, t.kind AS kind, t.due_date AS due, e1
  UNION
  MATCH (c)-[:HAS_EPISODE]->(e1:Episode)-[:OF_SERVICE]->(s:Service)
  WHERE e1.start <= $as_of AND (e1.end IS NULL OR e1.end >= $as_of) AND e1.status <> 'cancelled'
  WITH e1, CASE
      WHEN s.kind IN $youth_psychiatry_kinds THEN 'child_to_adult_services'
      WHEN s.kind IN $child_welfare_kinds THEN 'child_welfare_to_aftercare'
      WHEN s.kind IN $aftercare_kinds THEN 'aftercare_end'
      WHEN s.kind IN $early_childhood_kinds THEN 'daycare_to_school'
    END AS kind
  WHERE kind IS NOT NULL
  WITH e1, kind, CASE kind
      WHEN 'child_to_adult_services' THEN c.birth_date + duration({years: coalesce(
        $youth_psychiatry_upper_age_by_region[reg.id], $youth_psychiatry_upper_age)})
      WHEN 'child_welfare_to_aftercare' THEN c.birth_date + duration({years: $child_welfare_upper_age})
      WHEN 'aftercare_end' THEN c.birth_date + duration({years: $aftercare_upper_age})
      ELSE date({year: c.birth_date.year + $school_start_age, month: 8, day: 1})
    END AS due
  WHERE due > $as_of
    AND due <= $as_of + duration({days: coalesce($horizon_days_by_kind[kind], $horizon_days)})
    AND NOT EXISTS { MATCH (c)-[:HAS_TRANSITION]->(:Transition {kind: kind}) }
    AND NOT EXISTS {
      MATCH (c)-[:HAS_HANDOFF]->(h:Handoff)-[:FROM_EPISODE]->(e1)
      WHERE h.status IN ['accepted', 'completed'] AND h.decided <= $as_of
    }
  RETURN null AS t, kind, due, e1
}
OPTIONAL MATCH (e1)-[:OF_SERVICE]->(from:Service)
RETURN 'transition-without-receiver' AS rule,
  CASE WHEN t IS NULL THEN 'Episode' ELSE 'Transition' END AS subject_type,
  coalesce(t.id, e1.id) AS subject_id, c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Transition', id: t.id},
   {type: 'HAS_TRANSITION', from: c.id, to: t.id},
   {label: 'Episode', id: e1.id}, {label: 'Service', id: from.id},
   {type: 'HAS_EPISODE', from: c.id, to: e1.id}, {type: 'OF_SERVICE', from: e1.id, to: from.id}]
    AS evidence,
  {client: c.name, transition_kind: kind, due_date: due,
   days_left: duration.inDays($as_of, due).days, from_service: from.name} AS facts
