// Handoff flows between organisations.

// name: handoffs-in-period
// Handoffs of clients living in the region requested between $from and $to
// (inclusive): their status, dates, and the organisations at either end.
// params: region, from, to
MATCH (c:Client)-[:LIVES_IN]->(:Region {id: $region})
MATCH (c)-[:HAS_HANDOFF]->(h:Handoff)
WHERE h.requested >= $from AND h.requested <= $to
MATCH (h)-[:FROM_ORG]->(fo:Organisation)
MATCH (h)-[:TO_ORG]->(to:Organisation)
RETURN h.status AS status, h.requested AS requested, h.decided AS decided,
  h.completed AS completed, fo.id AS from_org, fo.name AS from_name,
  to.id AS to_org, to.name AS to_name
