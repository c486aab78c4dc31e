// Rule "caseload-over-threshold": a professional responsible, on the as-of date,
// for more than the threshold of their profession in
// $caseload_threshold_by_profession (else $caseload_threshold) distinct clients
// (responsibilities for a client, one of a client's episodes or plans, or a
// family, which counts each member). Scope: professionals
// responsible for the given clients; working in the region; responsible for a
// step of the pathway or an episode realising one; or everyone.

// name: caseload-over-threshold
// params: clients, region, pathway, as_of, caseload_threshold, caseload_threshold_by_profession
CALL () {
  UNWIND $clients AS id
  MATCH (:Client {id: id})-[:HAS_EPISODE|HAS_PLAN*0..1]->()<-[:FOR]-(:Responsibility)<-[:HOLDS]-(pr:Professional)
  RETURN pr
  UNION
  UNWIND CASE WHEN $clients IS NULL THEN [$region] ELSE [] END AS region_id
  MATCH (pr:Professional)-[:WORKS_IN]->(:Organisation)-[:IN_REGION]->(:Region {id: region_id})
  RETURN pr
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL THEN [$pathway] ELSE [] END AS pathway_id
  MATCH (:CarePathway {id: pathway_id})-[:HAS_STEP]->(:PathwayStep)<-[:REALISES*0..1]-()<-[:FOR]-(:Responsibility)<-[:HOLDS]-(pr:Professional)
  RETURN pr
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL AND $pathway IS NULL THEN [true] ELSE [] END AS everyone
  CALL () { MATCH (pr:Professional) RETURN pr }
  RETURN pr
}
CALL (pr) {
  MATCH (pr)-[:HOLDS]->(r:Responsibility)-[:FOR]->(target)
  WHERE r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  CALL (target) { // a client is its own; asking a client node for owners reads all its links
    WITH target WHERE target:Client
    RETURN target AS client
    UNION
    WITH target WHERE NOT target:Client
    MATCH (client:Client)-[:HAS_EPISODE|HAS_PLAN|MEMBER_OF]->(target)
    RETURN client
  }
  RETURN collect(DISTINCT client) AS clients
}
WITH pr, clients,
  coalesce($caseload_threshold_by_profession[pr.profession], $caseload_threshold) AS threshold
WHERE size(clients) > threshold
OPTIONAL MATCH (pr)-[w:WORKS_IN]->(o:Organisation)-[:IN_REGION]->(reg:Region)
WHERE (w.valid_from IS NULL OR w.valid_from <= $as_of) AND (w.valid_to IS NULL OR w.valid_to >= $as_of)
WITH pr, clients, threshold, collect(o)[0] AS o, collect(reg)[0] AS reg
RETURN 'caseload-over-threshold' AS rule, 'Professional' AS subject_type, pr.id AS subject_id,
  null AS client_id, reg.id AS region_id,
  [{label: 'Professional', id: pr.id}, {label: 'Organisation', id: o.id},
   {type: 'WORKS_IN', from: pr.id, to: o.id}]
    + [cl IN clients | {label: 'Client', id: cl.id}] AS evidence,
  {professional: pr.name, organisation: o.name, caseload: size(clients),
   threshold: threshold} AS facts
