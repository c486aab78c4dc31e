// The audit trail, modelled on FHIR AuditEvent: one :AuditEvent per request and
// client whose data the request read or wrote (entity = the client, agent = the
// caller with role and organisations, action R/C/U, recorded = when, source =
// the request id). Only these queries touch :AuditEvent nodes and none of them
// changes or deletes one: the trail is append-only.

// name: record-reads
// The reads of several requests in one transaction (their answers wait for its commit).
// For each entry (event, today, and the ids of the nodes a request returned, by kind)
// it resolves the client of every node and writes one event per client with the kinds
// of data read and the caller's organisations as of today. Returns, per entry by its
// position, the number of events written.
// params: entries
UNWIND range(0, size($entries) - 1) AS position
WITH position, $entries[position] AS entry
CALL (entry) {
  OPTIONAL MATCH (:Professional {id: entry.event.professional})-[w:WORKS_IN]->(o:Organisation)
  WHERE (w.valid_from IS NULL OR w.valid_from <= entry.today)
    AND (w.valid_to IS NULL OR w.valid_to >= entry.today)
  RETURN collect(o.id) AS organisations
}
CALL (entry) {
  MATCH (c:Client) WHERE c.id IN entry.clients RETURN c.id AS client, 'Client' AS kind
  UNION
  MATCH (c:Client)-[:MEMBER_OF]->(x:Family) WHERE x.id IN entry.families RETURN c.id AS client, 'Family' AS kind
  UNION
  MATCH (c:Client)-[:HAS_EPISODE]->(x:Episode) WHERE x.id IN entry.episodes RETURN c.id AS client, 'Episode' AS kind
  UNION
  MATCH (c:Client)-[:HAS_PLAN]->(x:Plan) WHERE x.id IN entry.plans RETURN c.id AS client, 'Plan' AS kind
  UNION
  MATCH (c:Client)-[:HAS_PLAN]->(:Plan)-[:HAS_GOAL]->(x:Goal) WHERE x.id IN entry.goals RETURN c.id AS client, 'Goal' AS kind
  UNION
  MATCH (c:Client)-[:GAVE_CONSENT]->(x:Consent) WHERE x.id IN entry.consents RETURN c.id AS client, 'Consent' AS kind
  UNION
  MATCH (c:Client)-[:HAS_HANDOFF]->(x:Handoff) WHERE x.id IN entry.handoffs RETURN c.id AS client, 'Handoff' AS kind
  UNION
  MATCH (c:Client)-[:HAS_TRANSITION]->(x:Transition) WHERE x.id IN entry.transitions RETURN c.id AS client, 'Transition' AS kind
  UNION
  MATCH (x:Responsibility)-[:FOR]->(c:Client) WHERE x.id IN entry.responsibilities RETURN c.id AS client, 'Responsibility' AS kind
  UNION
  MATCH (x:Responsibility)-[:FOR]->()<-[:HAS_EPISODE|HAS_PLAN]-(c:Client) WHERE x.id IN entry.responsibilities RETURN c.id AS client, 'Responsibility' AS kind
}
WITH position, entry, organisations, client, collect(DISTINCT kind) AS kinds
CREATE (e:AuditEvent {
  id: randomUUID(), action: 'R', recorded: datetime(), request_id: entry.event.request_id,
  agent: entry.event.agent, role: entry.event.role, professional: entry.event.professional,
  organisations: organisations, client: client, kinds: kinds, operation: entry.event.operation
})
RETURN position, count(e) AS written

// name: record-write
// One event for a mutation about to be written (before the write: a failed audit refuses it).
// params: event, today, client, kind, action
CALL () {
  OPTIONAL MATCH (:Professional {id: $event.professional})-[w:WORKS_IN]->(o:Organisation)
  WHERE (w.valid_from IS NULL OR w.valid_from <= $today) AND (w.valid_to IS NULL OR w.valid_to >= $today)
  RETURN collect(o.id) AS organisations
}
CREATE (e:AuditEvent {
  id: randomUUID(), action: $action, recorded: datetime(), request_id: $event.request_id,
  agent: $event.agent, role: $event.role, professional: $event.professional,
  organisations: organisations, client: $client, kinds: [$kind], operation: $event.operation
})
RETURN count(e) AS written

// name: trail
// The events about one client (or all clients when $client is null) from day $from to
// day $to (both included, UTC), oldest first. With $client it is the client's own access
// log: who has looked at their data.
// params: client, from, to
MATCH (e:AuditEvent)
WHERE ($client IS NULL OR e.client = $client)
  AND ($from IS NULL OR e.recorded >= datetime({date: $from}))
  AND ($to IS NULL OR e.recorded < datetime({date: $to}) + duration({days: 1}))
RETURN e {.*} AS event
ORDER BY e.recorded, e.id
