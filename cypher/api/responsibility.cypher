// The API's reads of :Responsibility nodes: by id, their relationships and (for
// top-level lists) one page of a filtered, sorted list.

// name: responsibility-by-ids
// params: ids
MATCH (n:Responsibility) WHERE n.id IN $ids AND /*acl n*/ true
RETURN n {.*} AS node

// name: responsibility-out
// Outgoing relationships of one type from many nodes at once (a DataLoader batch):
// the target's properties, label and the relationship's own properties.
// params: ids, type
MATCH (n:Responsibility)-[r]->(m) WHERE n.id IN $ids AND type(r) = $type AND /*acl n*/ true AND /*acl m*/ true
RETURN n.id AS source, labels(m)[0] AS label, m {.*} AS node, properties(r) AS rel
ORDER BY source, m.id

// name: responsibility-in
// Incoming relationships of one type to many nodes at once (a DataLoader batch).
// params: ids, type
MATCH (n:Responsibility)<-[r]-(m) WHERE n.id IN $ids AND type(r) = $type AND /*acl n*/ true AND /*acl m*/ true
RETURN n.id AS source, labels(m)[0] AS label, m {.*} AS node, properties(r) AS rel
ORDER BY source, m.id
