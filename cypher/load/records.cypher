// Nodes and the relationships of their references, two queries per record
// type, run in dependency order with chunks of validated rows inside one
// transaction. A row is {id, props, <reference fields>, <relationship
// properties>}: `props` is the node's complete property map (an absent
// optional value removes the property), a missing reference is null (or an
// empty list).
//
// `<type>-new` takes rows whose ids the importer found absent in the same
// transaction: CREATE throughout, the cheap path of a first load. `<type>`
// takes stored ones: it merges the node, deletes the relationships the record
// owns and creates them afresh, so a re-import moves a changed reference and
// loading the same rows twice leaves the same graph. Both ends of every
// relationship exist: validation checked them and types load in order.
// An organisation's PART_OF is created by organisation-part-of after all
// organisations of the batch exist.


// name: region-new
// params: rows
UNWIND $rows AS row
CREATE (n:Region)
SET n = row.props, n.version = 1

// name: region
// params: rows
UNWIND $rows AS row
MERGE (n:Region {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END

// name: family-new
// params: rows
UNWIND $rows AS row
CREATE (n:Family)
SET n = row.props, n.version = 1

// name: family
// params: rows
UNWIND $rows AS row
MERGE (n:Family {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END

// name: organisation-new
// params: rows
UNWIND $rows AS row
CREATE (n:Organisation)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Region {id: row.region}) CREATE (n)-[:IN_REGION]->(x) }

// name: organisation
// params: rows
UNWIND $rows AS row
MERGE (n:Organisation {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:IN_REGION|PART_OF]->() DELETE old }
CALL (n, row) { MATCH (x:Region {id: row.region}) CREATE (n)-[:IN_REGION]->(x) }

// name: organisation-part-of
// params: rows
UNWIND $rows AS row
MATCH (n:Organisation {id: row.id})
CALL (n, row) { MATCH (x:Organisation {id: row.part_of}) CREATE (n)-[:PART_OF]->(x) }

// name: professional-new
// params: rows
UNWIND $rows AS row
CREATE (n:Professional)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Organisation {id: row.organisation}) CREATE (n)-[:WORKS_IN {valid_from: row.valid_from, valid_to: row.valid_to}]->(x) }

// name: professional
// params: rows
UNWIND $rows AS row
MERGE (n:Professional {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:WORKS_IN]->() DELETE old }
CALL (n, row) { MATCH (x:Organisation {id: row.organisation}) CREATE (n)-[:WORKS_IN {valid_from: row.valid_from, valid_to: row.valid_to}]->(x) }

// name: service-new
// params: rows
UNWIND $rows AS row
CREATE (n:Service)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Organisation {id: row.provider}) CREATE (n)-[:PROVIDED_BY]->(x) }

// name: service
// params: rows
UNWIND $rows AS row
MERGE (n:Service {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:PROVIDED_BY]->() DELETE old }
CALL (n, row) { MATCH (x:Organisation {id: row.provider}) CREATE (n)-[:PROVIDED_BY]->(x) }

// name: pathway-new
// params: rows
UNWIND $rows AS row
CREATE (n:CarePathway)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Region {id: row.region}) CREATE (n)-[:IN_REGION]->(x) }

// name: pathway
// params: rows
UNWIND $rows AS row
MERGE (n:CarePathway {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:IN_REGION]->() DELETE old }
CALL (n, row) { MATCH (x:Region {id: row.region}) CREATE (n)-[:IN_REGION]->(x) }

// name: step-new
// params: rows
UNWIND $rows AS row
CREATE (n:PathwayStep)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:CarePathway {id: row.pathway}) CREATE (x)-[:HAS_STEP]->(n) }
CALL (n, row) { MATCH (x:Organisation {id: row.organisation}) CREATE (n)-[:RESPONSIBLE_ORG]->(x) }
CALL (n, row) { MATCH (x:Service {id: row.service}) CREATE (n)-[:USES_SERVICE]->(x) }

// name: step
// params: rows
UNWIND $rows AS row
MERGE (n:PathwayStep {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:RESPONSIBLE_ORG|USES_SERVICE]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_STEP]-() DELETE old }
CALL (n, row) { MATCH (x:CarePathway {id: row.pathway}) CREATE (x)-[:HAS_STEP]->(n) }
CALL (n, row) { MATCH (x:Organisation {id: row.organisation}) CREATE (n)-[:RESPONSIBLE_ORG]->(x) }
CALL (n, row) { MATCH (x:Service {id: row.service}) CREATE (n)-[:USES_SERVICE]->(x) }

// name: client-new
// params: rows
UNWIND $rows AS row
CREATE (n:Client)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Region {id: row.region}) CREATE (n)-[:LIVES_IN]->(x) }
CALL (n, row) { MATCH (x:Family {id: row.family}) CREATE (n)-[:MEMBER_OF {role: row.family_role}]->(x) }

// name: client
// params: rows
UNWIND $rows AS row
MERGE (n:Client {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:LIVES_IN|MEMBER_OF]->() DELETE old }
CALL (n, row) { MATCH (x:Region {id: row.region}) CREATE (n)-[:LIVES_IN]->(x) }
CALL (n, row) { MATCH (x:Family {id: row.family}) CREATE (n)-[:MEMBER_OF {role: row.family_role}]->(x) }

// name: episode-new
// params: rows
UNWIND $rows AS row
CREATE (n:Episode)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_EPISODE]->(n) }
CALL (n, row) { MATCH (x:Service {id: row.service}) CREATE (n)-[:OF_SERVICE]->(x) }
CALL (n, row) { MATCH (x:PathwayStep {id: row.step}) CREATE (n)-[:REALISES]->(x) }

// name: episode
// params: rows
UNWIND $rows AS row
MERGE (n:Episode {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:OF_SERVICE|REALISES]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_EPISODE]-() DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_EPISODE]->(n) }
CALL (n, row) { MATCH (x:Service {id: row.service}) CREATE (n)-[:OF_SERVICE]->(x) }
CALL (n, row) { MATCH (x:PathwayStep {id: row.step}) CREATE (n)-[:REALISES]->(x) }

// name: plan-new
// params: rows
UNWIND $rows AS row
CREATE (n:Plan)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_PLAN]->(n) }
CALL (n, row) { MATCH (x:Professional {id: row.owner}) CREATE (n)-[:OWNED_BY]->(x) }
CALL (n, row) { UNWIND row.participants AS ref MATCH (x:Professional {id: ref}) CREATE (n)-[:PARTICIPANT]->(x) }
CALL (n, row) { UNWIND row.services AS ref MATCH (x:Service {id: ref}) CREATE (n)-[:COVERS]->(x) }

// name: plan
// params: rows
UNWIND $rows AS row
MERGE (n:Plan {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:COVERS|OWNED_BY|PARTICIPANT]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_PLAN]-() DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_PLAN]->(n) }
CALL (n, row) { MATCH (x:Professional {id: row.owner}) CREATE (n)-[:OWNED_BY]->(x) }
CALL (n, row) { UNWIND row.participants AS ref MATCH (x:Professional {id: ref}) CREATE (n)-[:PARTICIPANT]->(x) }
CALL (n, row) { UNWIND row.services AS ref MATCH (x:Service {id: ref}) CREATE (n)-[:COVERS]->(x) }

// name: goal-new
// params: rows
UNWIND $rows AS row
CREATE (n:Goal)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Plan {id: row.plan}) CREATE (x)-[:HAS_GOAL]->(n) }

// name: goal
// params: rows
UNWIND $rows AS row
MERGE (n:Goal {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)<-[old:HAS_GOAL]-() DELETE old }
CALL (n, row) { MATCH (x:Plan {id: row.plan}) CREATE (x)-[:HAS_GOAL]->(n) }

// name: consent-new
// params: rows
UNWIND $rows AS row
CREATE (n:Consent)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:GAVE_CONSENT]->(n) }
CALL (n, row) { MATCH (x:Organisation {id: row.from_org}) CREATE (n)-[:FROM_ORG]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.to_org}) CREATE (n)-[:TO_ORG]->(x) }

// name: consent
// params: rows
UNWIND $rows AS row
MERGE (n:Consent {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:FROM_ORG|TO_ORG]->() DELETE old }
CALL (n) { MATCH (n)<-[old:GAVE_CONSENT]-() DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:GAVE_CONSENT]->(n) }
CALL (n, row) { MATCH (x:Organisation {id: row.from_org}) CREATE (n)-[:FROM_ORG]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.to_org}) CREATE (n)-[:TO_ORG]->(x) }

// name: responsibility-new
// params: rows
UNWIND $rows AS row
CREATE (n:Responsibility)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Professional {id: row.professional}) CREATE (x)-[:HOLDS]->(n) }
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.episode}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Plan {id: row.plan}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:PathwayStep {id: row.step}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Family {id: row.family}) CREATE (n)-[:FOR]->(x) }

// name: responsibility
// params: rows
UNWIND $rows AS row
MERGE (n:Responsibility {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:FOR]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HOLDS]-() DELETE old }
CALL (n, row) { MATCH (x:Professional {id: row.professional}) CREATE (x)-[:HOLDS]->(n) }
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.episode}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Plan {id: row.plan}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:PathwayStep {id: row.step}) CREATE (n)-[:FOR]->(x) }
CALL (n, row) { MATCH (x:Family {id: row.family}) CREATE (n)-[:FOR]->(x) }

// name: transition-new
// params: rows
UNWIND $rows AS row
CREATE (n:Transition)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_TRANSITION]->(n) }
CALL (n, row) { MATCH (x:Episode {id: row.from_episode}) CREATE (n)-[:FROM_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.to_episode}) CREATE (n)-[:TO_EPISODE]->(x) }

// name: transition
// params: rows
UNWIND $rows AS row
MERGE (n:Transition {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:FROM_EPISODE|TO_EPISODE]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_TRANSITION]-() DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_TRANSITION]->(n) }
CALL (n, row) { MATCH (x:Episode {id: row.from_episode}) CREATE (n)-[:FROM_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.to_episode}) CREATE (n)-[:TO_EPISODE]->(x) }

// name: handoff-new
// params: rows
UNWIND $rows AS row
CREATE (n:Handoff)
SET n = row.props, n.version = 1
WITH n, row
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_HANDOFF]->(n) }
CALL (n, row) { MATCH (x:Transition {id: row.transition}) CREATE (n)-[:AT]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.from_episode}) CREATE (n)-[:FROM_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.to_episode}) CREATE (n)-[:TO_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Professional {id: row.from_professional}) CREATE (n)-[:FROM_PROFESSIONAL]->(x) }
CALL (n, row) { MATCH (x:Professional {id: row.to_professional}) CREATE (n)-[:TO_PROFESSIONAL]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.from_org}) CREATE (n)-[:FROM_ORG]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.to_org}) CREATE (n)-[:TO_ORG]->(x) }
CALL (n, row) { MATCH (x:Consent {id: row.consent}) CREATE (n)-[:RELIES_ON]->(x) }

// name: handoff
// params: rows
UNWIND $rows AS row
MERGE (n:Handoff {id: row.id})
WITH n, row, n {.*} AS was
SET n = row.props, n.version = coalesce(was.version, 0) + CASE
  WHEN size([k IN keys(was) WHERE k <> 'version']) = size(keys(row.props))
   AND all(k IN keys(row.props) WHERE was[k] = row.props[k]) THEN 0 ELSE 1 END
WITH n, row
CALL (n) { MATCH (n)-[old:AT|FROM_EPISODE|FROM_ORG|FROM_PROFESSIONAL|RELIES_ON|TO_EPISODE|TO_ORG|TO_PROFESSIONAL]->() DELETE old }
CALL (n) { MATCH (n)<-[old:HAS_HANDOFF]-() DELETE old }
CALL (n, row) { MATCH (x:Client {id: row.client}) CREATE (x)-[:HAS_HANDOFF]->(n) }
CALL (n, row) { MATCH (x:Transition {id: row.transition}) CREATE (n)-[:AT]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.from_episode}) CREATE (n)-[:FROM_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Episode {id: row.to_episode}) CREATE (n)-[:TO_EPISODE]->(x) }
CALL (n, row) { MATCH (x:Professional {id: row.from_professional}) CREATE (n)-[:FROM_PROFESSIONAL]->(x) }
CALL (n, row) { MATCH (x:Professional {id: row.to_professional}) CREATE (n)-[:TO_PROFESSIONAL]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.from_org}) CREATE (n)-[:FROM_ORG]->(x) }
CALL (n, row) { MATCH (x:Organisation {id: row.to_org}) CREATE (n)-[:TO_ORG]->(x) }
CALL (n, row) { MATCH (x:Consent {id: row.consent}) CREATE (n)-[:RELIES_ON]->(x) }
