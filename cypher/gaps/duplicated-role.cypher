// Rule "duplicated-role": two or more professionals hold the same role of
// $exclusive_roles, active on the as-of date, for the same scope node (the
// client, one of their episodes or one of their plans), and not every one of
// those responsibilities records an agreed division of labour.

// name: duplicated-role
// params: clients, as_of, exclusive_roles
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
CALL (c) {
  CALL (c) {
    MATCH (c)<-[:FOR]-(r:Responsibility)
    RETURN c AS target, r
    UNION
    MATCH (c)-[:HAS_EPISODE|HAS_PLAN]->(target)<-[:FOR]-(r:Responsibility)
    RETURN target, r
  }
  WITH target, r
  WHERE r.role IN $exclusive_roles AND r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  WITH target, r.role AS role, collect(r) AS held
  WHERE size(held) >= 2 // most roles have one holder: their holders are never read
  RETURN target, role, held
}
UNWIND held AS r
MATCH (pr:Professional)-[:HOLDS]->(r)
WITH c, reg, target, role, collect({r: r, pr: pr}) AS holdings, collect(DISTINCT pr) AS holders
WHERE size(holders) >= 2 AND any(x IN holdings WHERE x.r.division IS NULL)
WITH c, reg, target, role, holdings, holders, labels(target)[0] AS scope_label
WITH c, reg, target, role, holdings, holders, scope_label, CASE scope_label
    WHEN 'Client' THEN c.name
    WHEN 'Plan' THEN target.kind
    ELSE COLLECT { MATCH (target)-[:OF_SERVICE]->(s:Service) RETURN s.name }[0]
  END AS scope_name
RETURN 'duplicated-role' AS rule, scope_label AS subject_type, target.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: scope_label, id: target.id}]
    + reduce(acc = [], x IN holdings | acc + [
        {label: 'Responsibility', id: x.r.id}, {label: 'Professional', id: x.pr.id},
        {type: 'HOLDS', from: x.pr.id, to: x.r.id}, {type: 'FOR', from: x.r.id, to: target.id}
      ]) AS evidence,
  {client: c.name, role: role, holders: [p IN holders | p.name], holder_count: size(holders),
   scope_label: scope_label, scope_id: target.id, scope_name: scope_name} AS facts
