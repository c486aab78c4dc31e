// Uniqueness of every entity's external id. Each statement is idempotent
// (IF NOT EXISTS), so `graphsvc migrate` can run at every start.

// name: region-id-unique
// params:
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE

// name: organisation-id-unique
// params:
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE

// name: family-id-unique
// params:
CREATE CONSTRAINT family_id IF NOT EXISTS FOR (n:Family) REQUIRE n.id IS UNIQUE

// name: client-id-unique
// params:
CREATE CONSTRAINT client_id IF NOT EXISTS FOR (n:Client) REQUIRE n.id IS UNIQUE

// name: professional-id-unique
// params:
CREATE CONSTRAINT professional_id IF NOT EXISTS FOR (n:Professional) REQUIRE n.id IS UNIQUE

// name: service-id-unique
// params:
CREATE CONSTRAINT service_id IF NOT EXISTS FOR (n:Service) REQUIRE n.id IS UNIQUE

// name: episode-id-unique
// params:
CREATE CONSTRAINT episode_id IF NOT EXISTS FOR (n:Episode) REQUIRE n.id IS UNIQUE

// name: responsibility-id-unique
// params:
CREATE CONSTRAINT responsibility_id IF NOT EXISTS FOR (n:Responsibility) REQUIRE n.id IS UNIQUE

// name: plan-id-unique
// params:
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE

// name: goal-id-unique
// params:
CREATE CONSTRAINT goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.id IS UNIQUE

// name: consent-id-unique
// params:
CREATE CONSTRAINT consent_id IF NOT EXISTS FOR (n:Consent) REQUIRE n.id IS UNIQUE

// name: care-pathway-id-unique
// params:
CREATE CONSTRAINT care_pathway_id IF NOT EXISTS FOR (n:CarePathway) REQUIRE n.id IS UNIQUE

// name: pathway-step-id-unique
// params:
CREATE CONSTRAINT pathway_step_id IF NOT EXISTS FOR (n:PathwayStep) REQUIRE n.id IS UNIQUE

// name: transition-id-unique
// params:
CREATE CONSTRAINT transition_id IF NOT EXISTS FOR (n:Transition) REQUIRE n.id IS UNIQUE

// name: handoff-id-unique
// params:
CREATE CONSTRAINT handoff_id IF NOT EXISTS FOR (n:Handoff) REQUIRE n.id IS UNIQUE
