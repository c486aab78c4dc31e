// The API's reads of :Professional nodes: by id, their relationships and (for
// top-level lists) one page of a filtered, sorted list.

// name: professional-by-ids
// params: ids
MATCH (n:Professional) WHERE n.id IN $ids AND /*acl n*/ true
RETURN n {.*} AS node

// name: professional-out
// Outgoing relationships of one type from many nodes at once (a DataLoader batch):
// the target's properties, label and the relationship's own properties.
// params: ids, type
MATCH (n:Professional)-[r]->(m) WHERE n.id IN $ids AND type(r) = $type AND /*acl n*/ true AND /*acl m*/ true
RETURN n.id AS source, labels(m)[0] AS label, m {.*} AS node, properties(r) AS rel
ORDER BY source, m.id

// name: professional-in
// Incoming relationships of one type to many nodes at once (a DataLoader batch).
// params: ids, type
MATCH (n:Professional)<-[r]-(m) WHERE n.id IN $ids AND type(r) = $type AND /*acl n*/ true AND /*acl m*/ true
RETURN n.id AS source, labels(m)[0] AS label, m {.*} AS node, properties(r) AS rel
ORDER BY source, m.id

// name: professional-page
// Professionals, optionally of one organisation (WORKS_IN, any period).
// $where is a filter in disjunctive normal form: a list of conjunctions, each a
// list of atoms {field, op, value, negate} with op one of eq, in, contains,
// gte, lte (graphsvc/api/filters.py builds it); [[]] matches everything.
// Sorted by $sort (a property name) then id; $skip and $limit cut the page.
// params: organisation, where, sort, descending, skip, limit
MATCH (n:Professional)
WHERE ($organisation IS NULL OR EXISTS { (n)-[:WORKS_IN]->(:Organisation {id: $organisation}) })
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
