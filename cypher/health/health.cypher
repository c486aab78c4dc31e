// name: ping
// The cheapest round trip: readiness checks and the driver latency benchmark.
// params:
RETURN 1 AS ok
