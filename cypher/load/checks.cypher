// Look-ups the importer makes before writing: which referenced ids the
// database already holds, and the stored facts that cross-record rules need.
// One query per label because labels cannot be parameters.

// name: existing-region
// params: ids
UNWIND $ids AS id MATCH (n:Region {id: id}) RETURN n.id AS id

// name: existing-family
// params: ids
UNWIND $ids AS id MATCH (n:Family {id: id}) RETURN n.id AS id

// name: existing-organisation
// params: ids
UNWIND $ids AS id MATCH (n:Organisation {id: id}) RETURN n.id AS id

// name: existing-professional
// params: ids
UNWIND $ids AS id MATCH (n:Professional {id: id}) RETURN n.id AS id

// name: existing-service
// params: ids
UNWIND $ids AS id MATCH (n:Service {id: id}) RETURN n.id AS id

// name: existing-pathway
// params: ids
UNWIND $ids AS id MATCH (n:CarePathway {id: id}) RETURN n.id AS id

// name: existing-step
// params: ids
UNWIND $ids AS id MATCH (n:PathwayStep {id: id}) RETURN n.id AS id

// name: existing-client
// params: ids
UNWIND $ids AS id MATCH (n:Client {id: id}) RETURN n.id AS id

// name: existing-episode
// params: ids
UNWIND $ids AS id MATCH (n:Episode {id: id}) RETURN n.id AS id

// name: existing-plan
// params: ids
UNWIND $ids AS id MATCH (n:Plan {id: id}) RETURN n.id AS id

// name: existing-goal
// params: ids
UNWIND $ids AS id MATCH (n:Goal {id: id}) RETURN n.id AS id

// name: existing-consent
// params: ids
UNWIND $ids AS id MATCH (n:Consent {id: id}) RETURN n.id AS id

// name: existing-responsibility
// params: ids
UNWIND $ids AS id MATCH (n:Responsibility {id: id}) RETURN n.id AS id

// name: existing-transition
// params: ids
UNWIND $ids AS id MATCH (n:Transition {id: id}) RETURN n.id AS id

// name: existing-handoff
// params: ids
UNWIND $ids AS id MATCH (n:Handoff {id: id}) RETURN n.id AS id

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
