// The API's reads of :Client nodes: by id, their relationships and (for
// top-level lists) one page of a filtered, sorted list.

// name: client-by-ids
// params: ids
MATCH (n:Client) WHERE n.id IN $ids AND /*acl n*/ true
RETURN n {.*} AS node

// name: client-out
// Outgoing relationships of one type from many nodes at once (a DataLoader batch):
// the target's properties, label and the relationship's own properties.
// params: ids, type
MATCH (n:Client)-[r]->(m) WHERE n.id IN $ids AND type(r) = $type AND /*acl n*/ true AND /*acl m*/ true
RETURN n.id AS source, labels(m)[0] AS label, m {.*} AS node, properties(r) AS rel
ORDER BY source, m.id

// name: client-in
// Incoming relationships of one type to many nodes at once (a DataLoader batch).
// params: ids, type
MATCH (n:Client)<-[r]-(m) WHERE n.id IN $ids AND type(r) = $type AND /*acl n*/ true AND /*acl m*/ true
RETURN n.id AS source, labels(m)[0] AS label, m {.*} AS node, properties(r) AS rel
ORDER BY source, m.id

// name: client-page
// Clients, optionally of one region (LIVES_IN).
// $where is a filter in disjunctive normal form: a list of conjunctions, each a
// list of atoms {field, op, value, negate} with op one of eq, in, contains,
// gte, lte (graphsvc/api/filters.py builds it); [[]] matches everything.
// Sorted by $sort (a property name) then id; $skip and $limit cut the page.
// params: region, where, sort, descending, skip, limit
MATCH (n:Client)
WHERE ($region IS NULL OR EXISTS { (n)-[:LIVES_IN]->(:Region {id: $region}) })
  AND /*acl n*/ true
  AND any(conjunction IN $where WHERE all(a IN conjunction WHERE
    a.negate XOR coalesce(
      CASE a.op
        WHEN 'eq' THEN n[a.field] = a.value
        WHEN 'in' THEN n[a.field] IN a.value
        WHEN 'contains' THEN toLower(n[a.field]) CONTAINS toLower(a.value)
        WHEN 'gte' THEN n[a.field] >= a.value
        WHEN 'lte' THEN n[a.field] <= a.value
      END, false)))
WITH n
ORDER BY
  CASE WHEN $descending THEN null ELSE n[$sort] END ASC,
  CASE WHEN $descending THEN n[$sort] END DESC,
  n.id ASC
WITH collect(n) AS matched
RETURN size(matched) AS total, [m IN matched[$skip..$skip + $limit] | m {.*}] AS nodes

// name: client-withheld
// How many of each client's episodes, plans and responsibilities (for the client or its
// episodes and plans) the caller may not see: the answer says parts were withheld
// without saying which. The markers take the caller's predicates for an episode e, a
// plan p and a responsibility r (one label each: a short text, planned quickly).
// params: ids
MATCH (c:Client) WHERE c.id IN $ids
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_EPISODE]->(e:Episode) WHERE NOT (/*acl e*/ true)
  RETURN count(e) AS episodes
}
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_PLAN]->(p:Plan) WHERE NOT (/*acl p*/ true)
  RETURN count(p) AS plans
}
CALL (c) {
  // from the client and its episodes and plans outwards (never every :Responsibility)
  UNWIND [c] + [(c)-[:HAS_EPISODE|HAS_PLAN]->(x) | x] AS s
  OPTIONAL MATCH (r:Responsibility)-[:FOR]->(s) WHERE NOT (/*acl r*/ true)
  RETURN count(DISTINCT r) AS responsibilities
}
WITH c, episodes, plans, responsibilities
WHERE episodes + plans + responsibilities > 0
RETURN c.id AS client, episodes, plans, responsibilities
ORDER BY client
