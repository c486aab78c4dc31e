// The regional map: handoff flows between the organisations of a region.

// name: region
// params: id
MATCH (rg:Region {id: $id})
RETURN rg {.id, .name} AS region

// name: region-organisations
// The region's organisations with the one each is part of.
// params: id
MATCH (o:Organisation)-[:IN_REGION]->(:Region {id: $id})
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
RETURN o {.id, .name, .kind} AS organisation, parent.id AS parent
ORDER BY o.id

// name: region-flows
// Handoffs from the region's organisations requested in the window up to
// $as_of, counted per pair of organisations and status (the receiving side
// may lie outside the region).
// params: id, as_of, lookback_days
MATCH (a:Organisation)-[:IN_REGION]->(:Region {id: $id})
MATCH (a)<-[:FROM_ORG]-(h:Handoff)-[:TO_ORG]->(b:Organisation)
WHERE h.requested <= $as_of AND h.requested >= $as_of - duration({days: $lookback_days})
RETURN a.id AS source, b {.id, .name, .kind} AS target, h.status AS status, count(h) AS handoffs
ORDER BY source, target.id, status
