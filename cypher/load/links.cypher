// The relationships of each reference field, one query per (record type,
// field), run after the nodes of that type with pairs {from, to} where `from`
// is the record's id and `to` the referenced id (and `props` where the
// relationship carries properties). CREATE is safe: the node query has
// deleted the relationships the record owned, and validation has made sure
// both ends exist.


// name: organisation-region
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Organisation {id: pair.from})
MATCH (x:Region {id: pair.to})
CREATE (n)-[:IN_REGION]->(x)

// name: organisation-part_of
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Organisation {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[:PART_OF]->(x)

// name: professional-organisation
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Professional {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[r:WORKS_IN]->(x) SET r = pair.props

// name: service-provider
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Service {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[:PROVIDED_BY]->(x)

// name: pathway-region
// params: pairs
UNWIND $pairs AS pair
MATCH (n:CarePathway {id: pair.from})
MATCH (x:Region {id: pair.to})
CREATE (n)-[:IN_REGION]->(x)

// name: step-pathway
// params: pairs
UNWIND $pairs AS pair
MATCH (n:PathwayStep {id: pair.from})
MATCH (x:CarePathway {id: pair.to})
CREATE (x)-[:HAS_STEP]->(n)

// name: step-organisation
// params: pairs
UNWIND $pairs AS pair
MATCH (n:PathwayStep {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[:RESPONSIBLE_ORG]->(x)

// name: step-service
// params: pairs
UNWIND $pairs AS pair
MATCH (n:PathwayStep {id: pair.from})
MATCH (x:Service {id: pair.to})
CREATE (n)-[:USES_SERVICE]->(x)

// name: client-region
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Client {id: pair.from})
MATCH (x:Region {id: pair.to})
CREATE (n)-[:LIVES_IN]->(x)

// name: client-family
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Client {id: pair.from})
MATCH (x:Family {id: pair.to})
CREATE (n)-[r:MEMBER_OF]->(x) SET r = pair.props

// name: episode-client
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Episode {id: pair.from})
MATCH (x:Client {id: pair.to})
CREATE (x)-[:HAS_EPISODE]->(n)

// name: episode-service
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Episode {id: pair.from})
MATCH (x:Service {id: pair.to})
CREATE (n)-[:OF_SERVICE]->(x)

// name: episode-step
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Episode {id: pair.from})
MATCH (x:PathwayStep {id: pair.to})
CREATE (n)-[:REALISES]->(x)

// name: plan-client
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Plan {id: pair.from})
MATCH (x:Client {id: pair.to})
CREATE (x)-[:HAS_PLAN]->(n)

// name: plan-owner
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Plan {id: pair.from})
MATCH (x:Professional {id: pair.to})
CREATE (n)-[:OWNED_BY]->(x)

// name: plan-participants
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Plan {id: pair.from})
MATCH (x:Professional {id: pair.to})
CREATE (n)-[:PARTICIPANT]->(x)

// name: plan-services
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Plan {id: pair.from})
MATCH (x:Service {id: pair.to})
CREATE (n)-[:COVERS]->(x)

// name: goal-plan
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Goal {id: pair.from})
MATCH (x:Plan {id: pair.to})
CREATE (x)-[:HAS_GOAL]->(n)

// name: consent-client
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Consent {id: pair.from})
MATCH (x:Client {id: pair.to})
CREATE (x)-[:GAVE_CONSENT]->(n)

// name: consent-from_org
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Consent {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[:FROM_ORG]->(x)

// name: consent-to_org
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Consent {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[:TO_ORG]->(x)

// name: responsibility-professional
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Responsibility {id: pair.from})
MATCH (x:Professional {id: pair.to})
CREATE (x)-[:HOLDS]->(n)

// name: responsibility-client
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Responsibility {id: pair.from})
MATCH (x:Client {id: pair.to})
CREATE (n)-[:FOR]->(x)

// name: responsibility-episode
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Responsibility {id: pair.from})
MATCH (x:Episode {id: pair.to})
CREATE (n)-[:FOR]->(x)

// name: responsibility-plan
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Responsibility {id: pair.from})
MATCH (x:Plan {id: pair.to})
CREATE (n)-[:FOR]->(x)

// name: responsibility-step
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Responsibility {id: pair.from})
MATCH (x:PathwayStep {id: pair.to})
CREATE (n)-[:FOR]->(x)

// name: transition-client
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Transition {id: pair.from})
MATCH (x:Client {id: pair.to})
CREATE (x)-[:HAS_TRANSITION]->(n)

// name: transition-from_episode
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Transition {id: pair.from})
MATCH (x:Episode {id: pair.to})
CREATE (n)-[:FROM_EPISODE]->(x)

// name: transition-to_episode
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Transition {id: pair.from})
MATCH (x:Episode {id: pair.to})
CREATE (n)-[:TO_EPISODE]->(x)

// name: handoff-client
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Client {id: pair.to})
CREATE (x)-[:HAS_HANDOFF]->(n)

// name: handoff-transition
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Transition {id: pair.to})
CREATE (n)-[:AT]->(x)

// name: handoff-from_episode
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Episode {id: pair.to})
CREATE (n)-[:FROM_EPISODE]->(x)

// name: handoff-to_episode
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Episode {id: pair.to})
CREATE (n)-[:TO_EPISODE]->(x)

// name: handoff-from_professional
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Professional {id: pair.to})
CREATE (n)-[:FROM_PROFESSIONAL]->(x)

// name: handoff-to_professional
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Professional {id: pair.to})
CREATE (n)-[:TO_PROFESSIONAL]->(x)

// name: handoff-from_org
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[:FROM_ORG]->(x)

// name: handoff-to_org
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Organisation {id: pair.to})
CREATE (n)-[:TO_ORG]->(x)

// name: handoff-consent
// params: pairs
UNWIND $pairs AS pair
MATCH (n:Handoff {id: pair.from})
MATCH (x:Consent {id: pair.to})
CREATE (n)-[:RELIES_ON]->(x)
