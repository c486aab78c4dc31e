// Rule "handoff-without-consent": a handoff (not rejected) requested within the
// $lookback_days days up to the as-of date that moves information from one
// organisation to another, with no consent of the client valid on the request
// date from that organisation (or one it is part of) to the other (or one it is
// part of). Any consent purpose counts; direction matters.

// name: handoff-without-consent
// params: clients, as_of, lookback_days
UNWIND $clients AS id
MATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)
MATCH (c)-[:HAS_HANDOFF]->(h:Handoff)-[:FROM_ORG]->(a:Organisation),
  (h)-[:TO_ORG]->(b:Organisation)
WHERE a <> b AND h.status <> 'rejected'
  AND h.requested <= $as_of AND h.requested >= $as_of - duration({days: $lookback_days})
  AND NOT EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(k:Consent)-[:FROM_ORG]->(ka:Organisation),
      (k)-[:TO_ORG]->(kb:Organisation)
    WHERE k.valid_from <= h.requested
      AND (k.valid_to IS NULL OR k.valid_to >= h.requested)
      AND (k.withdrawn IS NULL OR k.withdrawn > h.requested)
      AND EXISTS { (a)-[:PART_OF*0..]->(ka) }
      AND EXISTS { (b)-[:PART_OF*0..]->(kb) }
  }
OPTIONAL MATCH (h)-[:RELIES_ON]->(k:Consent)
RETURN 'handoff-without-consent' AS rule, 'Handoff' AS subject_type, h.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Handoff', id: h.id},
   {type: 'HAS_HANDOFF', from: c.id, to: h.id},
   {label: 'Organisation', id: a.id}, {type: 'FROM_ORG', from: h.id, to: a.id},
   {label: 'Organisation', id: b.id}, {type: 'TO_ORG', from: h.id, to: b.id},
   {label: 'Consent', id: k.id}, {type: 'RELIES_ON', from: h.id, to: k.id}] AS evidence,
  {client: c.name, from_org: a.name, to_org: b.name, date: h.requested} AS facts
