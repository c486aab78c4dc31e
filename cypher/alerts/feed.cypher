// The change feed of gaps opened and closed (graphsvc/alerts/feed.py).
// Writers lock the one :AlertFeed node first (a SET takes its write lock), so
// events get their sequence numbers in commit order and a reader that has
// seen sequence n never later sees a smaller one appear.

// name: lock-feed
// Takes the feed's write lock (creating the feed on first use); then reads it.
// params: at
MERGE (f:AlertFeed {name: 'gaps'})
ON CREATE SET f.seq = 0
SET f.locked_at = $at
RETURN f.seq AS seq, f.evaluated AS evaluated

// name: states
// The gaps last recorded for these clients (as JSON findings).
// params: clients
MATCH (s:GapState) WHERE s.client IN $clients
RETURN s.client AS client, s.findings AS findings

// name: state-clients
// Every client with recorded gaps (for the whole-database re-evaluation).
// params:
MATCH (s:GapState) RETURN s.client AS client

// name: append
// Writes the events (numbered by the caller under the feed's lock) and the
// clients' new states (an empty list removes the state), then moves the counter.
// params: events, states, seq, at, evaluated
MATCH (f:AlertFeed {name: 'gaps'})
SET f.seq = $seq, f.evaluated = coalesce($evaluated, f.evaluated)
WITH f
CALL (f) {
  UNWIND $events AS e
  CREATE (:GapEvent {
    seq: e.seq, at: $at, change: e.change, cause: e.cause, client: e.client,
    region: e.region, rule: e.rule, as_of: e.as_of, finding: e.finding
  })
}
CALL (f) {
  UNWIND $states AS s
  MERGE (g:GapState {client: s.client})
  SET g.findings = s.findings, g.as_of = s.as_of
  WITH g, s WHERE size(s.findings) = 0
  DELETE g
}
RETURN f.seq AS seq

// name: latest
// The last sequence number written (0 before any).
// params:
OPTIONAL MATCH (f:AlertFeed {name: 'gaps'})
RETURN coalesce(f.seq, 0) AS seq

// name: after
// Events after a sequence number, oldest first.
// params: after, limit
MATCH (e:GapEvent) WHERE e.seq > $after
RETURN e {.*} AS event
ORDER BY e.seq
LIMIT $limit

// name: prune
// Deletes up to $limit events older than $before; answers how many.
// params: before, limit
MATCH (e:GapEvent) WHERE e.at < $before
WITH e LIMIT $limit
DELETE e
RETURN count(*) AS deleted

// name: lock-lease
// Takes the lease node's write lock (creating it on first use); then reads it.
// params: lease, now
MERGE (l:AlertLease {name: $lease})
SET l.locked_at = $now
RETURN l.holder AS holder, l.until AS until, l.done AS done

// name: take-lease
// params: lease, holder, until
MATCH (l:AlertLease {name: $lease})
SET l.holder = $holder, l.until = $until
RETURN l.holder AS holder

// name: finish-lease
// The holder's run for $day is done: the lease is free and the day marked.
// params: lease, holder, day
MATCH (l:AlertLease {name: $lease}) WHERE l.holder = $holder
SET l.done = $day, l.until = null
RETURN l.done AS done

// name: evaluated
// The date of the last re-evaluation (null before the first).
// params:
OPTIONAL MATCH (f:AlertFeed {name: 'gaps'})
RETURN f.evaluated AS evaluated

// name: lease
// The lease as it stands.
// params: lease
MATCH (l:AlertLease {name: $lease})
RETURN l.holder AS holder, l.until AS until, l.done AS done
