// Records back out of the graph, one query pair per record type: `<type>` pages
// through all nodes by id, `<type>-by-id` fetches the named ones. Each returns
// the node's properties and its references (lists for list fields, otherwise
// the first, or null), as graphsvc/exporter.py turns them into records.


// name: region
// params: after, limit
MATCH (n:Region)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props

// name: region-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Region {id: id})
RETURN n {.*} AS props

// name: family
// params: after, limit
MATCH (n:Family)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props

// name: family-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Family {id: id})
RETURN n {.*} AS props

// name: organisation
// params: after, limit
MATCH (n:Organisation)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(n)-[:IN_REGION]->(x:Region) | x.id]) AS region,
       head([(n)-[:PART_OF]->(x:Organisation) | x.id]) AS part_of

// name: organisation-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Organisation {id: id})
RETURN n {.*} AS props,
       head([(n)-[:IN_REGION]->(x:Region) | x.id]) AS region,
       head([(n)-[:PART_OF]->(x:Organisation) | x.id]) AS part_of

// name: professional
// params: after, limit
MATCH (n:Professional)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(n)-[:WORKS_IN]->(x:Organisation) | x.id]) AS organisation,
       head([(n)-[w:WORKS_IN]->(:Organisation) | w.valid_from]) AS valid_from,
       head([(n)-[w:WORKS_IN]->(:Organisation) | w.valid_to]) AS valid_to

// name: professional-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Professional {id: id})
RETURN n {.*} AS props,
       head([(n)-[:WORKS_IN]->(x:Organisation) | x.id]) AS organisation,
       head([(n)-[w:WORKS_IN]->(:Organisation) | w.valid_from]) AS valid_from,
       head([(n)-[w:WORKS_IN]->(:Organisation) | w.valid_to]) AS valid_to

// name: service
// params: after, limit
MATCH (n:Service)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(n)-[:PROVIDED_BY]->(x:Organisation) | x.id]) AS provider

// name: service-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Service {id: id})
RETURN n {.*} AS props,
       head([(n)-[:PROVIDED_BY]->(x:Organisation) | x.id]) AS provider

// name: pathway
// params: after, limit
MATCH (n:CarePathway)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(n)-[:IN_REGION]->(x:Region) | x.id]) AS region

// name: pathway-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:CarePathway {id: id})
RETURN n {.*} AS props,
       head([(n)-[:IN_REGION]->(x:Region) | x.id]) AS region

// name: step
// params: after, limit
MATCH (n:PathwayStep)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:CarePathway)-[:HAS_STEP]->(n) | x.id]) AS pathway,
       head([(n)-[:RESPONSIBLE_ORG]->(x:Organisation) | x.id]) AS organisation,
       head([(n)-[:USES_SERVICE]->(x:Service) | x.id]) AS service

// name: step-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:PathwayStep {id: id})
RETURN n {.*} AS props,
       head([(x:CarePathway)-[:HAS_STEP]->(n) | x.id]) AS pathway,
       head([(n)-[:RESPONSIBLE_ORG]->(x:Organisation) | x.id]) AS organisation,
       head([(n)-[:USES_SERVICE]->(x:Service) | x.id]) AS service

// name: client
// params: after, limit
MATCH (n:Client)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(n)-[:LIVES_IN]->(x:Region) | x.id]) AS region,
       head([(n)-[:MEMBER_OF]->(x:Family) | x.id]) AS family,
       head([(n)-[m:MEMBER_OF]->(:Family) | m.role]) AS family_role

// name: client-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Client {id: id})
RETURN n {.*} AS props,
       head([(n)-[:LIVES_IN]->(x:Region) | x.id]) AS region,
       head([(n)-[:MEMBER_OF]->(x:Family) | x.id]) AS family,
       head([(n)-[m:MEMBER_OF]->(:Family) | m.role]) AS family_role

// name: episode
// params: after, limit
MATCH (n:Episode)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_EPISODE]->(n) | x.id]) AS client,
       head([(n)-[:OF_SERVICE]->(x:Service) | x.id]) AS service,
       head([(n)-[:REALISES]->(x:PathwayStep) | x.id]) AS step

// name: episode-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Episode {id: id})
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_EPISODE]->(n) | x.id]) AS client,
       head([(n)-[:OF_SERVICE]->(x:Service) | x.id]) AS service,
       head([(n)-[:REALISES]->(x:PathwayStep) | x.id]) AS step

// name: plan
// params: after, limit
MATCH (n:Plan)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_PLAN]->(n) | x.id]) AS client,
       head([(n)-[:OWNED_BY]->(x:Professional) | x.id]) AS owner,
       [(n)-[:PARTICIPANT]->(x:Professional) | x.id] AS participants,
       [(n)-[:COVERS]->(x:Service) | x.id] AS services

// name: plan-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Plan {id: id})
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_PLAN]->(n) | x.id]) AS client,
       head([(n)-[:OWNED_BY]->(x:Professional) | x.id]) AS owner,
       [(n)-[:PARTICIPANT]->(x:Professional) | x.id] AS participants,
       [(n)-[:COVERS]->(x:Service) | x.id] AS services

// name: goal
// params: after, limit
MATCH (n:Goal)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:Plan)-[:HAS_GOAL]->(n) | x.id]) AS plan

// name: goal-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Goal {id: id})
RETURN n {.*} AS props,
       head([(x:Plan)-[:HAS_GOAL]->(n) | x.id]) AS plan

// name: consent
// params: after, limit
MATCH (n:Consent)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:Client)-[:GAVE_CONSENT]->(n) | x.id]) AS client,
       head([(n)-[:FROM_ORG]->(x:Organisation) | x.id]) AS from_org,
       head([(n)-[:TO_ORG]->(x:Organisation) | x.id]) AS to_org

// name: consent-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Consent {id: id})
RETURN n {.*} AS props,
       head([(x:Client)-[:GAVE_CONSENT]->(n) | x.id]) AS client,
       head([(n)-[:FROM_ORG]->(x:Organisation) | x.id]) AS from_org,
       head([(n)-[:TO_ORG]->(x:Organisation) | x.id]) AS to_org

// name: responsibility
// params: after, limit
MATCH (n:Responsibility)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:Professional)-[:HOLDS]->(n) | x.id]) AS professional,
       head([(n)-[:FOR]->(x:Client) | x.id]) AS client,
       head([(n)-[:FOR]->(x:Episode) | x.id]) AS episode,
       head([(n)-[:FOR]->(x:Plan) | x.id]) AS plan,
       head([(n)-[:FOR]->(x:PathwayStep) | x.id]) AS step,
       head([(n)-[:FOR]->(x:Family) | x.id]) AS family

// name: responsibility-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Responsibility {id: id})
RETURN n {.*} AS props,
       head([(x:Professional)-[:HOLDS]->(n) | x.id]) AS professional,
       head([(n)-[:FOR]->(x:Client) | x.id]) AS client,
       head([(n)-[:FOR]->(x:Episode) | x.id]) AS episode,
       head([(n)-[:FOR]->(x:Plan) | x.id]) AS plan,
       head([(n)-[:FOR]->(x:PathwayStep) | x.id]) AS step,
       head([(n)-[:FOR]->(x:Family) | x.id]) AS family

// name: transition
// params: after, limit
MATCH (n:Transition)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_TRANSITION]->(n) | x.id]) AS client,
       head([(n)-[:FROM_EPISODE]->(x:Episode) | x.id]) AS from_episode,
       head([(n)-[:TO_EPISODE]->(x:Episode) | x.id]) AS to_episode

// name: transition-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Transition {id: id})
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_TRANSITION]->(n) | x.id]) AS client,
       head([(n)-[:FROM_EPISODE]->(x:Episode) | x.id]) AS from_episode,
       head([(n)-[:TO_EPISODE]->(x:Episode) | x.id]) AS to_episode

// name: handoff
// params: after, limit
MATCH (n:Handoff)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_HANDOFF]->(n) | x.id]) AS client,
       head([(n)-[:AT]->(x:Transition) | x.id]) AS transition,
       head([(n)-[:FROM_EPISODE]->(x:Episode) | x.id]) AS from_episode,
       head([(n)-[:TO_EPISODE]->(x:Episode) | x.id]) AS to_episode,
       head([(n)-[:FROM_PROFESSIONAL]->(x:Professional) | x.id]) AS from_professional,
       head([(n)-[:TO_PROFESSIONAL]->(x:Professional) | x.id]) AS to_professional,
       head([(n)-[:FROM_ORG]->(x:Organisation) | x.id]) AS from_org,
       head([(n)-[:TO_ORG]->(x:Organisation) | x.id]) AS to_org,
       head([(n)-[:RELIES_ON]->(x:Consent) | x.id]) AS consent

// name: handoff-by-id
// params: ids
UNWIND $ids AS id
MATCH (n:Handoff {id: id})
RETURN n {.*} AS props,
       head([(x:Client)-[:HAS_HANDOFF]->(n) | x.id]) AS client,
       head([(n)-[:AT]->(x:Transition) | x.id]) AS transition,
       head([(n)-[:FROM_EPISODE]->(x:Episode) | x.id]) AS from_episode,
       head([(n)-[:TO_EPISODE]->(x:Episode) | x.id]) AS to_episode,
       head([(n)-[:FROM_PROFESSIONAL]->(x:Professional) | x.id]) AS from_professional,
       head([(n)-[:TO_PROFESSIONAL]->(x:Professional) | x.id]) AS to_professional,
       head([(n)-[:FROM_ORG]->(x:Organisation) | x.id]) AS from_org,
       head([(n)-[:TO_ORG]->(x:Organisation) | x.id]) AS to_org,
       head([(n)-[:RELIES_ON]->(x:Consent) | x.id]) AS consent
