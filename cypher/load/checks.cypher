// Look-ups the importer makes before writing: which of the batch's ids and
// referenced ids the database already holds, and the stored facts that
// cross-record rules need. Labels cannot be parameters, so `existing` names
// each label and takes one list of ids per record type.

// name: existing
// Which of the given ids of each record type the database holds, in one round trip.
// params: region, family, organisation, professional, service, pathway, step, client, episode, plan, goal, consent, responsibility, transition, handoff
CALL () {
  UNWIND $region AS id MATCH (n:Region {id: id}) RETURN 'region' AS type, n.id AS id
  UNION ALL
  UNWIND $family AS id MATCH (n:Family {id: id}) RETURN 'family' AS type, n.id AS id
  UNION ALL
  UNWIND $organisation AS id MATCH (n:Organisation {id: id}) RETURN 'organisation' AS type, n.id AS id
  UNION ALL
  UNWIND $professional AS id MATCH (n:Professional {id: id}) RETURN 'professional' AS type, n.id AS id
  UNION ALL
  UNWIND $service AS id MATCH (n:Service {id: id}) RETURN 'service' AS type, n.id AS id
  UNION ALL
  UNWIND $pathway AS id MATCH (n:CarePathway {id: id}) RETURN 'pathway' AS type, n.id AS id
  UNION ALL
  UNWIND $step AS id MATCH (n:PathwayStep {id: id}) RETURN 'step' AS type, n.id AS id
  UNION ALL
  UNWIND $client AS id MATCH (n:Client {id: id}) RETURN 'client' AS type, n.id AS id
  UNION ALL
  UNWIND $episode AS id MATCH (n:Episode {id: id}) RETURN 'episode' AS type, n.id AS id
  UNION ALL
  UNWIND $plan AS id MATCH (n:Plan {id: id}) RETURN 'plan' AS type, n.id AS id
  UNION ALL
  UNWIND $goal AS id MATCH (n:Goal {id: id}) RETURN 'goal' AS type, n.id AS id
  UNION ALL
  UNWIND $consent AS id MATCH (n:Consent {id: id}) RETURN 'consent' AS type, n.id AS id
  UNION ALL
  UNWIND $responsibility AS id MATCH (n:Responsibility {id: id}) RETURN 'responsibility' AS type, n.id AS id
  UNION ALL
  UNWIND $transition AS id MATCH (n:Transition {id: id}) RETURN 'transition' AS type, n.id AS id
  UNION ALL
  UNWIND $handoff AS id MATCH (n:Handoff {id: id}) RETURN 'handoff' AS type, n.id AS id
}
RETURN type, id

// name: stored-step-orders
// The steps already stored for these pathways, so `order` stays unique per pathway.
// params: pathways
UNWIND $pathways AS pathway
MATCH (:CarePathway {id: pathway})-[:HAS_STEP]->(s:PathwayStep)
RETURN pathway, s.id AS step, s.order AS order

// name: stored-part-of
// The stored PART_OF links above these organisations, so a new link cannot close a cycle.
// params: ids
UNWIND $ids AS id
MATCH (:Organisation {id: id})-[:PART_OF*0..]->(child:Organisation)-[:PART_OF]->(parent:Organisation)
RETURN DISTINCT child.id AS child, parent.id AS parent
