// Rule "worker-churn": for one of $churn_roles, the number of distinct
// professionals who held it for the client at some time in the
// $churn_window_days days up to the as-of date, less one (the changes of
// worker), is at least $churn_changes.

// name: worker-churn
// params: clients, as_of, churn_window_days, churn_changes, churn_roles
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)<-[:FOR]-(r:Responsibility)<-[:HOLDS]-(pr:Professional)
WHERE r.role IN $churn_roles
  AND r.valid_from <= $as_of
  AND (r.valid_to IS NULL OR r.valid_to >= $as_of - duration({days: $churn_window_days}))
WITH c, reg, r, pr
ORDER BY r.valid_from
WITH c, reg, r.role AS role, collect({r: r, pr: pr}) AS holdings, collect(DISTINCT pr) AS workers
WHERE size(workers) - 1 >= $churn_changes
RETURN 'worker-churn' AS rule, 'Client' AS subject_type, c.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}]
    + reduce(acc = [], x IN holdings | acc + [
        {label: 'Responsibility', id: x.r.id}, {label: 'Professional', id: x.pr.id},
        {type: 'HOLDS', from: x.pr.id, to: x.r.id}, {type: 'FOR', from: x.r.id, to: c.id}
      ]) AS evidence,
  {client: c.name, role: role, changes: size(workers) - 1, workers: [p IN workers | p.name],
   window_days: $churn_window_days} AS facts
