// Rule "no-contact-person": a client with active episodes and nobody the client
// can call: no active responsibility in one of $contact_roles (a contact person,
// an own worker or anyone coordinating, who is the contact unless
// the responsibility records contact: false) for the client, for the client's
// family, or, for a child (younger than $adult_age), for any member of the
// family. Workers of single episodes do not count: a family with six services
// and six own workers still has nobody who keeps everyone up to date (000).

// name: no-contact-person
// params: clients, region, pathway, as_of, adult_age, contact_roles
CALL () {
  UNWIND $clients AS id
  MATCH (c:Client {id: id})
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL THEN [$region] ELSE [] END AS region_id
  MATCH (c:Client)-[:LIVES_IN]->(:Region {id: region_id})
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL THEN [$pathway] ELSE [] END AS pathway_id
  MATCH (:CarePathway {id: pathway_id})-[:HAS_STEP]->(:PathwayStep)<-[:REALISES]-(:Episode)<-[:HAS_EPISODE]-(c:Client)
  RETURN c
  UNION
  UNWIND CASE WHEN $clients IS NULL AND $region IS NULL AND $pathway IS NULL THEN [true] ELSE [] END AS everyone
  CALL () { MATCH (c:Client) RETURN c }
  RETURN c
}
MATCH (c)-[:LIVES_IN]->(reg:Region)
WHERE ($region IS NULL OR reg.id = $region)
  AND ($pathway IS NULL OR EXISTS {
    (c)-[:HAS_EPISODE]->(:Episode)-[:REALISES]->(:PathwayStep)<-[:HAS_STEP]-(:CarePathway {id: $pathway})
  })
CALL (c) {
  MATCH (c)-[:HAS_EPISODE]->(e:Episode)
  WHERE e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) AND e.status <> 'cancelled'
  RETURN count(e) AS services
}
WITH c, reg, services
WHERE services > 0
  AND NOT EXISTS {
    MATCH (c)-[:MEMBER_OF*0..1]->()<-[:FOR]-(r:Responsibility)
    WHERE (r.role = 'contact_person' OR (r.role IN $contact_roles AND coalesce(r.contact, true)))
      AND r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
  }
  AND NOT (
    c.birth_date + duration({years: $adult_age}) > $as_of
    AND EXISTS {
      MATCH (c)-[:MEMBER_OF]->(:Family)<-[:MEMBER_OF]-(:Client)<-[:FOR]-(r:Responsibility)
      WHERE (r.role = 'contact_person' OR (r.role IN $contact_roles AND coalesce(r.contact, true)))
        AND r.valid_from <= $as_of AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
    }
  )
OPTIONAL MATCH (c)-[:MEMBER_OF]->(f:Family)
RETURN 'no-contact-person' AS rule, 'Client' AS subject_type, c.id AS subject_id,
  c.id AS client_id, reg.id AS region_id,
  [{label: 'Client', id: c.id}, {label: 'Family', id: f.id},
   {type: 'MEMBER_OF', from: c.id, to: f.id}] AS evidence,
  {client: c.name, services: services} AS facts
