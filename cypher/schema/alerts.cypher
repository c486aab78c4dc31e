// The live alerts' change feed (graphsvc/alerts): one counter, the events in
// sequence order, the last evaluated gaps per client, and the daily lease.

// name: alert-feed-name-unique
// params:
CREATE CONSTRAINT alert_feed_name IF NOT EXISTS FOR (n:AlertFeed) REQUIRE n.name IS UNIQUE

// name: alert-lease-name-unique
// params:
CREATE CONSTRAINT alert_lease_name IF NOT EXISTS FOR (n:AlertLease) REQUIRE n.name IS UNIQUE

// name: gap-state-client-unique
// params:
CREATE CONSTRAINT gap_state_client IF NOT EXISTS FOR (n:GapState) REQUIRE n.client IS UNIQUE

// name: gap-event-seq
// params:
CREATE RANGE INDEX gap_event_seq IF NOT EXISTS FOR (n:GapEvent) ON (n.seq)

// name: gap-event-at
// params:
CREATE RANGE INDEX gap_event_at IF NOT EXISTS FOR (n:GapEvent) ON (n.at)
