// name: delete-everything
// Empties the database in batches (auto-commit). Tests and `load --replace` use it.
// params:
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS

// name: count-graph
// Node and relationship counts, for load reports and idempotency checks.
// params:
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
