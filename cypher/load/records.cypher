// Nodes, two queries per record type, run in dependency order with chunks of
// validated rows {id, props} inside one transaction. `props` is the node's
// complete property map, so an absent optional value removes the property.
// `<type>-new` creates nodes whose ids the importer found absent in the same
// transaction (the cheap path of a first load); `<type>` updates existing
// ones and deletes the relationships the record owns (its references, see
// links.cypher), which are then created afresh: a re-import moves a changed
// reference, and loading the same rows twice leaves the same graph.


// name: region-new
// params: rows
UNWIND $rows AS row
CREATE (n:Region)
SET n = row.props

// name: region
// params: rows
UNWIND $rows AS row
MERGE (n:Region {id: row.id})
SET n = row.props

// name: family-new
// params: rows
UNWIND $rows AS row
CREATE (n:Family)
SET n = row.props

// name: family
// params: rows
UNWIND $rows AS row
MERGE (n:Family {id: row.id})
SET n = row.props

// name: organisation-new
// params: rows
UNWIND $rows AS row
CREATE (n:Organisation)
SET n = row.props

// name: organisation
// params: rows
UNWIND $rows AS row
MERGE (n:Organisation {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:IN_REGION|PART_OF]->() DELETE old }

// name: professional-new
// params: rows
UNWIND $rows AS row
CREATE (n:Professional)
SET n = row.props

// name: professional
// params: rows
UNWIND $rows AS row
MERGE (n:Professional {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:WORKS_IN]->() DELETE old }

// name: service-new
// params: rows
UNWIND $rows AS row
CREATE (n:Service)
SET n = row.props

// name: service
// params: rows
UNWIND $rows AS row
MERGE (n:Service {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:PROVIDED_BY]->() DELETE old }

// name: pathway-new
// params: rows
UNWIND $rows AS row
CREATE (n:CarePathway)
SET n = row.props

// name: pathway
// params: rows
UNWIND $rows AS row
MERGE (n:CarePathway {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:IN_REGION]->() DELETE old }

// name: step-new
// params: rows
UNWIND $rows AS row
CREATE (n:PathwayStep)
SET n = row.props

// name: step
// params: rows
UNWIND $rows AS row
MERGE (n:PathwayStep {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:RESPONSIBLE_ORG|USES_SERVICE]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_STEP]-() DELETE old }

// name: client-new
// params: rows
UNWIND $rows AS row
CREATE (n:Client)
SET n = row.props

// name: client
// params: rows
UNWIND $rows AS row
MERGE (n:Client {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:LIVES_IN|MEMBER_OF]->() DELETE old }

// name: episode-new
// params: rows
UNWIND $rows AS row
CREATE (n:Episode)
SET n = row.props

// name: episode
// params: rows
UNWIND $rows AS row
MERGE (n:Episode {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:OF_SERVICE|REALISES]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_EPISODE]-() DELETE old }

// name: plan-new
// params: rows
UNWIND $rows AS row
CREATE (n:Plan)
SET n = row.props

// name: plan
// params: rows
UNWIND $rows AS row
MERGE (n:Plan {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:COVERS|OWNED_BY|PARTICIPANT]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_PLAN]-() DELETE old }

// name: goal-new
// params: rows
UNWIND $rows AS row
CREATE (n:Goal)
SET n = row.props

// name: goal
// params: rows
UNWIND $rows AS row
MERGE (n:Goal {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)<-[old:HAS_GOAL]-() DELETE old }

// name: consent-new
// params: rows
UNWIND $rows AS row
CREATE (n:Consent)
SET n = row.props

// name: consent
// params: rows
UNWIND $rows AS row
MERGE (n:Consent {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:FROM_ORG|TO_ORG]->() DELETE old }
CALL (n) { MATCH (n)<-[old:GAVE_CONSENT]-() DELETE old }

// name: responsibility-new
// params: rows
UNWIND $rows AS row
CREATE (n:Responsibility)
SET n = row.props

// name: responsibility
// params: rows
UNWIND $rows AS row
MERGE (n:Responsibility {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:FOR]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HOLDS]-() DELETE old }

// name: transition-new
// params: rows
UNWIND $rows AS row
CREATE (n:Transition)
SET n = row.props

// name: transition
// params: rows
UNWIND $rows AS row
MERGE (n:Transition {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:FROM_EPISODE|TO_EPISODE]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_TRANSITION]-() DELETE old }

// name: handoff-new
// params: rows
UNWIND $rows AS row
CREATE (n:Handoff)
SET n = row.props

// name: handoff
// params: rows
UNWIND $rows AS row
MERGE (n:Handoff {id: row.id})
SET n = row.props
WITH n
CALL (n) { MATCH (n)-[old:AT|FROM_EPISODE|FROM_ORG|FROM_PROFESSIONAL|RELIES_ON|TO_EPISODE|TO_ORG|TO_PROFESSIONAL]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_HANDOFF]-() DELETE old }
