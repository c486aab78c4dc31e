// One query per record type, run with chunks of validated rows in dependency
// order inside one transaction. Each row is {id, props, <reference fields>}:
// `props` is the node's complete property map (so an absent optional value
// removes the property), and every outgoing reference is first cleared when it
// points elsewhere, then merged, so a re-import moves a changed reference and
// loading the same rows twice changes nothing.

// name: region
// (:Region {id, name})
// params: rows
UNWIND $rows AS row
MERGE (n:Region {id: row.id})
SET n = row.props

// name: family
// (:Family {id, name})
// params: rows
UNWIND $rows AS row
MERGE (n:Family {id: row.id})
SET n = row.props

// name: organisation
// (:Organisation)-[:IN_REGION]->(:Region); PART_OF follows in organisation-part-of
// params: rows
UNWIND $rows AS row
MERGE (n:Organisation {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)-[old:IN_REGION]->(x) WHERE x.id <> row.region DELETE old }
CALL (n, row) { MATCH (x:Region {id: row.region}) MERGE (n)-[:IN_REGION]->(x) }

// name: organisation-part-of
// Run after every organisation row of the batch is merged, so a parent may come later in the file.
// params: rows
UNWIND $rows AS row
MATCH (n:Organisation {id: row.id})
CALL (n, row) { MATCH (n)-[old:PART_OF]->(x) WHERE row.part_of IS NULL OR x.id <> row.part_of DELETE old }
CALL (n, row) { MATCH (x:Organisation {id: row.part_of}) MERGE (n)-[:PART_OF]->(x) }

// name: professional
// (:Professional)-[:WORKS_IN {valid_from, valid_to}]->(:Organisation)
// params: rows
UNWIND $rows AS row
MERGE (n:Professional {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)-[old:WORKS_IN]->(x) WHERE x.id <> row.organisation DELETE old }
CALL (n, row) { MATCH (x:Organisation {id: row.organisation}) MERGE (n)-[r:WORKS_IN]->(x) SET r.valid_from = row.valid_from, r.valid_to = row.valid_to }

// name: service
// (:Service)-[:PROVIDED_BY]->(:Organisation)
// params: rows
UNWIND $rows AS row
MERGE (n:Service {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)-[old:PROVIDED_BY]->(x) WHERE x.id <> row.provider DELETE old }
CALL (n, row) { MATCH (x:Organisation {id: row.provider}) MERGE (n)-[:PROVIDED_BY]->(x) }

// name: pathway
// (:CarePathway)-[:IN_REGION]->(:Region)
// params: rows
UNWIND $rows AS row
MERGE (n:CarePathway {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)-[old:IN_REGION]->(x) WHERE x.id <> row.region DELETE old }
CALL (n, row) { MATCH (x:Region {id: row.region}) MERGE (n)-[:IN_REGION]->(x) }

// name: step
// (:CarePathway)-[:HAS_STEP]->(:PathwayStep)-[:RESPONSIBLE_ORG]->(:Organisation), -[:USES_SERVICE]->(:Service)
// params: rows
UNWIND $rows AS row
MERGE (n:PathwayStep {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:HAS_STEP]-(x) WHERE x.id <> row.pathway DELETE old }
CALL (n, row) { MATCH (n)-[old:RESPONSIBLE_ORG]->(x) WHERE row.organisation IS NULL OR x.id <> row.organisation DELETE old }
CALL (n, row) { MATCH (n)-[old:USES_SERVICE]->(x) WHERE row.service IS NULL OR x.id <> row.service DELETE old }
CALL (n, row) { MATCH (x:CarePathway {id: row.pathway}) MERGE (x)-[:HAS_STEP]->(n) }
CALL (n, row) { MATCH (x:Organisation {id: row.organisation}) MERGE (n)-[:RESPONSIBLE_ORG]->(x) }
CALL (n, row) { MATCH (x:Service {id: row.service}) MERGE (n)-[:USES_SERVICE]->(x) }

// name: client
// (:Client)-[:LIVES_IN]->(:Region), -[:MEMBER_OF {role}]->(:Family)
// params: rows
UNWIND $rows AS row
MERGE (n:Client {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)-[old:LIVES_IN]->(x) WHERE x.id <> row.region DELETE old }
CALL (n, row) { MATCH (n)-[old:MEMBER_OF]->(x) WHERE row.family IS NULL OR x.id <> row.family DELETE old }
CALL (n, row) { MATCH (x:Region {id: row.region}) MERGE (n)-[:LIVES_IN]->(x) }
CALL (n, row) { MATCH (x:Family {id: row.family}) MERGE (n)-[r:MEMBER_OF]->(x) SET r.role = row.family_role }

// name: episode
// (:Client)-[:HAS_EPISODE]->(:Episode)-[:OF_SERVICE]->(:Service), -[:REALISES]->(:PathwayStep)
// params: rows
UNWIND $rows AS row
MERGE (n:Episode {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:HAS_EPISODE]-(x) WHERE x.id <> row.client DELETE old }
CALL (n, row) { MATCH (n)-[old:OF_SERVICE]->(x) WHERE x.id <> row.service DELETE old }
CALL (n, row) { MATCH (n)-[old:REALISES]->(x) WHERE row.step IS NULL OR x.id <> row.step DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) MERGE (x)-[:HAS_EPISODE]->(n) }
CALL (n, row) { MATCH (x:Service {id: row.service}) MERGE (n)-[:OF_SERVICE]->(x) }
CALL (n, row) { MATCH (x:PathwayStep {id: row.step}) MERGE (n)-[:REALISES]->(x) }

// name: plan
// (:Client)-[:HAS_PLAN]->(:Plan)-[:OWNED_BY|PARTICIPANT]->(:Professional), -[:COVERS]->(:Service)
// params: rows
UNWIND $rows AS row
MERGE (n:Plan {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:HAS_PLAN]-(x) WHERE x.id <> row.client DELETE old }
CALL (n, row) { MATCH (n)-[old:OWNED_BY]->(x) WHERE row.owner IS NULL OR x.id <> row.owner DELETE old }
CALL (n, row) { MATCH (n)-[old:PARTICIPANT]->(x) WHERE NOT x.id IN row.participants DELETE old }
CALL (n, row) { MATCH (n)-[old:COVERS]->(x) WHERE NOT x.id IN row.services DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) MERGE (x)-[:HAS_PLAN]->(n) }
CALL (n, row) { MATCH (x:Professional {id: row.owner}) MERGE (n)-[:OWNED_BY]->(x) }
CALL (n, row) { UNWIND row.participants AS ref MATCH (x:Professional {id: ref}) MERGE (n)-[:PARTICIPANT]->(x) }
CALL (n, row) { UNWIND row.services AS ref MATCH (x:Service {id: ref}) MERGE (n)-[:COVERS]->(x) }

// name: goal
// (:Plan)-[:HAS_GOAL]->(:Goal)
// params: rows
UNWIND $rows AS row
MERGE (n:Goal {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:HAS_GOAL]-(x) WHERE x.id <> row.plan DELETE old }
CALL (n, row) { MATCH (x:Plan {id: row.plan}) MERGE (x)-[:HAS_GOAL]->(n) }

// name: consent
// (:Client)-[:GAVE_CONSENT]->(:Consent)-[:FROM_ORG|TO_ORG]->(:Organisation)
// params: rows
UNWIND $rows AS row
MERGE (n:Consent {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:GAVE_CONSENT]-(x) WHERE x.id <> row.client DELETE old }
CALL (n, row) { MATCH (n)-[old:FROM_ORG]->(x) WHERE x.id <> row.from_org DELETE old }
CALL (n, row) { MATCH (n)-[old:TO_ORG]->(x) WHERE x.id <> row.to_org DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) MERGE (x)-[:GAVE_CONSENT]->(n) }
CALL (n, row) { MATCH (x:Organisation {id: row.from_org}) MERGE (n)-[:FROM_ORG]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.to_org}) MERGE (n)-[:TO_ORG]->(x) }

// name: responsibility
// (:Professional)-[:HOLDS]->(:Responsibility)-[:FOR]->(scope); row.scope_label and
// row.scope_id name the one scope so a FOR to anything else is removed.
// params: rows
UNWIND $rows AS row
MERGE (n:Responsibility {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:HOLDS]-(x) WHERE x.id <> row.professional DELETE old }
CALL (n, row) { MATCH (n)-[old:FOR]->(x) WHERE NOT (x.id = row.scope_id AND row.scope_label IN labels(x)) DELETE old }
CALL (n, row) { MATCH (x:Professional {id: row.professional}) MERGE (x)-[:HOLDS]->(n) }
CALL (n, row) { MATCH (x:Client {id: row.client}) MERGE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.episode}) MERGE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Plan {id: row.plan}) MERGE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:PathwayStep {id: row.step}) MERGE (n)-[:FOR]->(x) }

// name: transition
// (:Client)-[:HAS_TRANSITION]->(:Transition)-[:FROM_EPISODE|TO_EPISODE]->(:Episode)
// params: rows
UNWIND $rows AS row
MERGE (n:Transition {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:HAS_TRANSITION]-(x) WHERE x.id <> row.client DELETE old }
CALL (n, row) { MATCH (n)-[old:FROM_EPISODE]->(x) WHERE row.from_episode IS NULL OR x.id <> row.from_episode DELETE old }
CALL (n, row) { MATCH (n)-[old:TO_EPISODE]->(x) WHERE row.to_episode IS NULL OR x.id <> row.to_episode DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) MERGE (x)-[:HAS_TRANSITION]->(n) }
CALL (n, row) { MATCH (x:Episode {id: row.from_episode}) MERGE (n)-[:FROM_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.to_episode}) MERGE (n)-[:TO_EPISODE]->(x) }

// name: handoff
// (:Client)-[:HAS_HANDOFF]->(:Handoff) and one relationship per reference
// params: rows
UNWIND $rows AS row
MERGE (n:Handoff {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) { MATCH (n)<-[old:HAS_HANDOFF]-(x) WHERE x.id <> row.client DELETE old }
CALL (n, row) { MATCH (n)-[old:AT]->(x) WHERE row.transition IS NULL OR x.id <> row.transition DELETE old }
CALL (n, row) { MATCH (n)-[old:FROM_EPISODE]->(x) WHERE row.from_episode IS NULL OR x.id <> row.from_episode DELETE old }
CALL (n, row) { MATCH (n)-[old:TO_EPISODE]->(x) WHERE row.to_episode IS NULL OR x.id <> row.to_episode DELETE old }
CALL (n, row) { MATCH (n)-[old:FROM_PROFESSIONAL]->(x) WHERE row.from_professional IS NULL OR x.id <> row.from_professional DELETE old }
CALL (n, row) { MATCH (n)-[old:TO_PROFESSIONAL]->(x) WHERE row.to_professional IS NULL OR x.id <> row.to_professional DELETE old }
CALL (n, row) { MATCH (n)-[old:FROM_ORG]->(x) WHERE x.id <> row.from_org DELETE old }
CALL (n, row) { MATCH (n)-[old:TO_ORG]->(x) WHERE x.id <> row.to_org DELETE old }
CALL (n, row) { MATCH (n)-[old:RELIES_ON]->(x) WHERE row.consent IS NULL OR x.id <> row.consent DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) MERGE (x)-[:HAS_HANDOFF]->(n) }
CALL (n, row) { MATCH (x:Transition {id: row.transition}) MERGE (n)-[:AT]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.from_episode}) MERGE (n)-[:FROM_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.to_episode}) MERGE (n)-[:TO_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Professional {id: row.from_professional}) MERGE (n)-[:FROM_PROFESSIONAL]->(x) }
CALL (n, row) { MATCH (x:Professional {id: row.to_professional}) MERGE (n)-[:TO_PROFESSIONAL]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.from_org}) MERGE (n)-[:FROM_ORG]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.to_org}) MERGE (n)-[:TO_ORG]->(x) }
CALL (n, row) { MATCH (x:Consent {id: row.consent}) MERGE (n)-[:RELIES_ON]->(x) }
