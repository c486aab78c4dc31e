// Indexes the queries filter and sort on. Idempotent like the constraints.

// name: client-name-fulltext
// The coordinator page finds clients by any part of their name.
// params:
CREATE FULLTEXT INDEX client_name IF NOT EXISTS FOR (c:Client) ON EACH [c.name]

// name: episode-status
// params:
CREATE INDEX episode_status IF NOT EXISTS FOR (e:Episode) ON (e.status)

// name: responsibility-role
// params:
CREATE INDEX responsibility_role IF NOT EXISTS FOR (r:Responsibility) ON (r.role)

// name: client-birth-date
// Age bands and upcoming transitions (turning 18, starting school).
// params:
CREATE INDEX client_birth_date IF NOT EXISTS FOR (c:Client) ON (c.birth_date)

// name: audit-event-client
// A client's own access log ("who has looked at my data") and the admins' trail by client.
// params:
CREATE INDEX audit_event_client IF NOT EXISTS FOR (e:AuditEvent) ON (e.client, e.recorded)

// name: audit-event-recorded
// params:
CREATE INDEX audit_event_recorded IF NOT EXISTS FOR (e:AuditEvent) ON (e.recorded)
