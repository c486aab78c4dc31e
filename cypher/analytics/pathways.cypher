// Pathway conformance: defined steps against clients' actual episodes.

// name: pathway-steps
// The region's care pathways and their defined steps in order.
// params: region
MATCH (p:CarePathway)-[:IN_REGION]->(:Region {id: $region})
MATCH (p)-[:HAS_STEP]->(s:PathwayStep)
WITH p, s ORDER BY s.order
RETURN p.id AS pathway, p.name AS name, collect(s.order) AS steps

// name: pathway-episodes
// For each pathway of the region and each client with an episode realising one
// of its steps that started on or before $as_of: the realised step orders with
// the episodes' start and end dates, in order of start. No client id leaves.
// params: region, as_of
MATCH (p:CarePathway)-[:IN_REGION]->(:Region {id: $region})
MATCH (p)-[:HAS_STEP]->(s:PathwayStep)<-[:REALISES]-(e:Episode)<-[:HAS_EPISODE]-(c:Client)
WHERE e.start <= $as_of AND e.status <> 'cancelled'
WITH p, c, s, e ORDER BY e.start, s.order
WITH p, c, collect({step: s.order, start: e.start, end: e.end}) AS episodes
RETURN p.id AS pathway, episodes
