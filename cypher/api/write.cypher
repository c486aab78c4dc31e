// The write side of the API's mutations. `lock-<type>` takes the node's write
// lock inside the mutation's transaction (setting and removing a marker
// property locks the node until commit, so a second writer waits) and answers
// its version; the mutation then reads, checks and writes under that lock.
// `version-<type>` sets the version the mutation's write reaches.

// name: lock-region
// params: id
MATCH (n:Region {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-region
// params: id, version
MATCH (n:Region {id: $id})
SET n.version = $version

// name: lock-family
// params: id
MATCH (n:Family {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-family
// params: id, version
MATCH (n:Family {id: $id})
SET n.version = $version

// name: lock-organisation
// params: id
MATCH (n:Organisation {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-organisation
// params: id, version
MATCH (n:Organisation {id: $id})
SET n.version = $version

// name: lock-professional
// params: id
MATCH (n:Professional {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-professional
// params: id, version
MATCH (n:Professional {id: $id})
SET n.version = $version

// name: lock-service
// params: id
MATCH (n:Service {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-service
// params: id, version
MATCH (n:Service {id: $id})
SET n.version = $version

// name: lock-pathway
// params: id
MATCH (n:CarePathway {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-pathway
// params: id, version
MATCH (n:CarePathway {id: $id})
SET n.version = $version

// name: lock-step
// params: id
MATCH (n:PathwayStep {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-step
// params: id, version
MATCH (n:PathwayStep {id: $id})
SET n.version = $version

// name: lock-client
// params: id
MATCH (n:Client {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-client
// params: id, version
MATCH (n:Client {id: $id})
SET n.version = $version

// name: lock-episode
// params: id
MATCH (n:Episode {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-episode
// params: id, version
MATCH (n:Episode {id: $id})
SET n.version = $version

// name: lock-plan
// params: id
MATCH (n:Plan {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-plan
// params: id, version
MATCH (n:Plan {id: $id})
SET n.version = $version

// name: lock-goal
// params: id
MATCH (n:Goal {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-goal
// params: id, version
MATCH (n:Goal {id: $id})
SET n.version = $version

// name: lock-consent
// params: id
MATCH (n:Consent {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-consent
// params: id, version
MATCH (n:Consent {id: $id})
SET n.version = $version

// name: lock-responsibility
// params: id
MATCH (n:Responsibility {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-responsibility
// params: id, version
MATCH (n:Responsibility {id: $id})
SET n.version = $version

// name: lock-transition
// params: id
MATCH (n:Transition {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-transition
// params: id, version
MATCH (n:Transition {id: $id})
SET n.version = $version

// name: lock-handoff
// params: id
MATCH (n:Handoff {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN coalesce(n.version, 0) AS version

// name: version-handoff
// params: id, version
MATCH (n:Handoff {id: $id})
SET n.version = $version
