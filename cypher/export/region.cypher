// What belongs to a region, for `graphsvc export --region`: the records the
// region owns. The exporter adds whatever these records reference elsewhere
// (a service of another region's provider, and that provider), so the export
// loads into an empty database on its own.

// name: region-members
// Ids per record type of everything belonging to the region: the region, its
// organisations with their services and staff, its pathways with their steps,
// the clients living there with their families, episodes, plans, goals,
// consents, transitions and handoffs, and the responsibilities for any of these.
// params: region
MATCH (r:Region {id: $region})
CALL (r) {
  OPTIONAL MATCH (o:Organisation)-[:IN_REGION]->(r)
  RETURN collect(o.id) AS organisation
}
CALL (r) {
  OPTIONAL MATCH (s:Service)-[:PROVIDED_BY]->(:Organisation)-[:IN_REGION]->(r)
  RETURN collect(s.id) AS service
}
CALL (r) {
  OPTIONAL MATCH (p:Professional)-[:WORKS_IN]->(:Organisation)-[:IN_REGION]->(r)
  RETURN collect(p.id) AS professional
}
CALL (r) {
  OPTIONAL MATCH (pw:CarePathway)-[:IN_REGION]->(r)
  OPTIONAL MATCH (pw)-[:HAS_STEP]->(st:PathwayStep)
  RETURN collect(DISTINCT pw.id) AS pathway, collect(st.id) AS step
}
CALL (r) {
  OPTIONAL MATCH (c:Client)-[:LIVES_IN]->(r)
  OPTIONAL MATCH (c)-[:MEMBER_OF]->(f:Family)
  RETURN collect(c.id) AS client, collect(DISTINCT f.id) AS family
}
CALL (r) {
  OPTIONAL MATCH (c:Client)-[:LIVES_IN]->(r)
  OPTIONAL MATCH (c)-[:HAS_EPISODE]->(e:Episode)
  RETURN collect(e.id) AS episode
}
CALL (r) {
  OPTIONAL MATCH (c:Client)-[:LIVES_IN]->(r)
  OPTIONAL MATCH (c)-[:HAS_PLAN]->(pl:Plan)
  OPTIONAL MATCH (pl)-[:HAS_GOAL]->(g:Goal)
  RETURN collect(DISTINCT pl.id) AS plan, collect(g.id) AS goal
}
CALL (r) {
  OPTIONAL MATCH (c:Client)-[:LIVES_IN]->(r)
  OPTIONAL MATCH (c)-[:GAVE_CONSENT]->(cs:Consent)
  RETURN collect(cs.id) AS consent
}
CALL (r) {
  OPTIONAL MATCH (c:Client)-[:LIVES_IN]->(r)
  OPTIONAL MATCH (c)-[:HAS_TRANSITION]->(t:Transition)
  RETURN collect(t.id) AS transition
}
CALL (r) {
  OPTIONAL MATCH (c:Client)-[:LIVES_IN]->(r)
  OPTIONAL MATCH (c)-[:HAS_HANDOFF]->(h:Handoff)
  RETURN collect(h.id) AS handoff
}
CALL (r) {
  OPTIONAL MATCH (c:Client)-[:LIVES_IN]->(r)
  OPTIONAL MATCH (c)-[:HAS_EPISODE|HAS_PLAN|MEMBER_OF]->(scope)
  WITH collect(DISTINCT c) + collect(scope) AS scopes
  UNWIND scopes AS scope
  OPTIONAL MATCH (rs:Responsibility)-[:FOR]->(scope)
  RETURN collect(DISTINCT rs.id) AS client_responsibility
}
CALL (r) {
  OPTIONAL MATCH (r)<-[:IN_REGION]-(:CarePathway)-[:HAS_STEP]->(:PathwayStep)<-[:FOR]-(rs:Responsibility)
  RETURN collect(DISTINCT rs.id) AS step_responsibility
}
RETURN [r.id] AS region, family, organisation, professional, service, pathway, step,
       client, episode, plan, goal, consent, transition, handoff,
       client_responsibility + step_responsibility AS responsibility
