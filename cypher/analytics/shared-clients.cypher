// Shared clients (yhteisasiakkaat): what the overlap of services is counted from.

// name: active-services-by-client
// For each client living in the region with at least one episode active on
// $as_of: the client's age in whole years on that day and the distinct kinds
// (or, with $by = 'service', the service ids) of their active episodes. No id,
// name or birth date leaves the query.
// params: region, as_of, by
MATCH (c:Client)-[:LIVES_IN]->(:Region {id: $region})
MATCH (c)-[:HAS_EPISODE]->(e:Episode)-[:OF_SERVICE]->(s:Service)
WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
WITH c, collect(DISTINCT CASE WHEN $by = 'service' THEN s.id ELSE s.kind END) AS services
RETURN duration.between(c.birth_date, $as_of).years AS age, services
