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
