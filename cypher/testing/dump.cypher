// The whole graph as plain rows, for tests that compare two databases
// (export then load reproduces the graph) or one database before and after.

// name: dump-nodes
// params:
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props

// name: dump-relationships
// params:
MATCH (a)-[r]->(b)
RETURN labels(a) AS from_labels, a.id AS from, type(r) AS type, properties(r) AS props,
       labels(b) AS to_labels, b.id AS to
