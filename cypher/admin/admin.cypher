// name: delete-everything
// Empties the database in batches (auto-commit; tests and benchmarks use it).
// Relationships go first, so a dense node (a region with 100k clients) is not
// detached in one transaction, which would exceed the transaction memory pool.
// params:
MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS relationships
MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
RETURN relationships, count(*) AS nodes

// name: count-graph
// Node and relationship counts, for load reports and idempotency checks (the audit
// trail is not part of the graph it counts).
// params:
CALL () { MATCH (n) WHERE NOT n:AuditEvent RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships

// name: await-indexes
// Wait until every index is online. A fresh index on a full store (after a bulk
// load, or a new index in an upgrade) is populated in the background, and until
// then the queries that need it scan labels instead.
// params:
CALL db.awaitIndexes(900)
