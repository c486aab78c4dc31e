// Small queries the test suite uses to probe transactions and errors.

// name: create-marker
// params: id
CREATE (:Region {id: $id, name: 'marker'})

// name: count-markers
// params:
MATCH (r:Region {name: 'marker'}) RETURN count(r) AS n

// name: fail
// Raises an arithmetic error inside the transaction.
// params:
RETURN 1 / 0 AS boom

// name: audit-unique-request
// Tests only: makes a second audit event of one request fail, to show a failed audit
// write refuses the answer.
// params:
CREATE CONSTRAINT audit_unique_request IF NOT EXISTS FOR (e:AuditEvent) REQUIRE e.request_id IS UNIQUE

// name: audit-drop-unique-request
// params:
DROP CONSTRAINT audit_unique_request IF EXISTS

// name: exhaust-transaction-memory
// Collects more numbers than Neo4j lets one transaction hold in memory
// (dbms.memory.transaction.total.max), to show how that refusal reads.
// params: n
UNWIND range(1, $n) AS i
WITH collect(i) AS numbers
RETURN size(numbers) AS n
