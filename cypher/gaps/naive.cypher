// The benchmark's naive comparison (benchmarks/bench_gaps.py): the whole stored
// region pulled out of Neo4j as plain rows, to check gaps in Python instead.

// name: naive-nodes
// params:
MATCH (n)
RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS properties

// name: naive-relationships
// params:
MATCH (a)-[r]->(b)
RETURN labels(a)[0] AS from_label, a.id AS from_id, type(r) AS type,
  labels(b)[0] AS to_label, b.id AS to_id, properties(r) AS properties

// name: bench-region
// The region with the most clients and how many it has.
// params:
MATCH (r:Region)<-[:LIVES_IN]-(c:Client)
RETURN r.id AS region, count(c) AS clients
ORDER BY clients DESC
LIMIT 1
