"""graphsvc records -> FHIR R4 resources (``docs/fhir.md``).

:class:`Resources` takes the records of an export (all types, any order) and
builds one resource per record, except that a professional becomes a
Practitioner and a PractitionerRole of the same id, and pathway steps become
the actions of their pathway's PlanDefinition. Some facts FHIR keeps on the
other end of a link (a Group lists its members, a CarePlan its goals), so the
records are collected first. Each resource is built through its
``fhir.resources`` R4B model, which checks its shape.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from graphsvc import vocab
from graphsvc.fhir import codes as c
from graphsvc.model import Record

Json = dict[str, Any]

RESOURCE_TYPES = {
    "region": "Organization",
    "organisation": "Organization",
    "family": "Group",
    "professional": "Practitioner",
    "service": "HealthcareService",
    "pathway": "PlanDefinition",
    "client": "Patient",
    "episode": "EpisodeOfCare",
    "plan": "CarePlan",
    "goal": "Goal",
    "consent": "Consent",
    "responsibility": "CareTeam",
    "transition": "Basic",
    "handoff": "Task",
}
"""The resource type a record type's references point to (steps live in PlanDefinitions)."""


def ref(record_type: str, ident: str) -> Json:
    return {"reference": f"{RESOURCE_TYPES[record_type]}/{c.fhir_id(ident)}"}


def ext_ref(url: str, record_type: str, ident: str | None) -> list[Json]:
    return [] if ident is None else [{"url": url, "valueReference": ref(record_type, ident)}]


def ext_value(url: str, kind: str, value: Any) -> list[Json]:
    return [] if value is None else [{"url": url, f"value{kind}": value}]


def period(start: str | None, end: str | None) -> Json | None:
    out = {k: v for k, v in (("start", start), ("end", end)) if v is not None}
    return out or None


def clean(resource: Json) -> Json:
    """Drop empty values so the resource has no empty elements (FHIR forbids them)."""
    return {k: v for k, v in resource.items() if v is not None and v != [] and v != {}}


class Resources:
    def __init__(self, records: Iterable[Record]):
        self.by_type: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            self.by_type[record["type"]].append(record)
        self.members: dict[str, list[Record]] = defaultdict(list)
        for client in self.by_type["client"]:
            if "family" in client:
                self.members[client["family"]].append(client)
        self.goals: dict[str, list[str]] = defaultdict(list)
        for goal in self.by_type["goal"]:
            self.goals[goal["plan"]].append(goal["id"])
        self.plan_client = {plan["id"]: plan["client"] for plan in self.by_type["plan"]}
        self.steps: dict[str, list[Record]] = defaultdict(list)
        for step in self.by_type["step"]:
            self.steps[step["pathway"]].append(step)

    def __iter__(self) -> Iterator[Json]:
        """Every resource as JSON, checked by its fhir.resources model."""
        for resource in self._build():
            model = get_fhir_model_class(resource["resourceType"]).model_validate(resource)
            yield model.model_dump(mode="json", exclude_none=True)

    def _build(self) -> Iterator[Json]:
        for record in self.by_type["region"]:
            yield self.region(record)
        for record in self.by_type["organisation"]:
            yield self.organisation(record)
        for record in self.by_type["professional"]:
            yield from self.professional(record)
        for record in self.by_type["service"]:
            yield self.service(record)
        for record in self.by_type["pathway"]:
            yield self.pathway(record)
        for record in self.by_type["client"]:
            yield self.client(record)
        for record in self.by_type["family"]:
            yield self.family(record)
        builders = {
            "episode": self.episode,
            "plan": self.plan,
            "goal": self.goal,
            "consent": self.consent,
            "responsibility": self.responsibility,
            "transition": self.transition,
            "handoff": self.handoff,
        }
        for kind, build in builders.items():
            for record in self.by_type[kind]:
                yield build(record)

    def region(self, r: Record) -> Json:
        kind = {"system": c.system(vocab.OrganisationKind), "code": c.REGION_CODE}
        kind["display"] = "region"
        settings = r.get("settings")
        return clean(
            {
                "resourceType": "Organization",
                "id": c.fhir_id(r["id"]),
                "extension": ext_value(
                    c.EXT_REGION_SETTINGS,
                    "String",
                    None
                    if settings is None
                    else json.dumps(settings, sort_keys=True, ensure_ascii=False),
                ),
                "name": r["name"],
                "type": [{"coding": [kind]}],
            }
        )

    def organisation(self, r: Record) -> Json:
        return clean(
            {
                "resourceType": "Organization",
                "id": c.fhir_id(r["id"]),
                "extension": ext_ref(c.EXT_REGION, "region", r["region"]),
                "name": r["name"],
                "type": [{"coding": [c.coding(r["kind"], vocab.OrganisationKind)]}],
                "partOf": ref("organisation", r["part_of"]) if "part_of" in r else None,
            }
        )

    def professional(self, r: Record) -> Iterator[Json]:
        yield {
            "resourceType": "Practitioner",
            "id": c.fhir_id(r["id"]),
            "name": [{"text": r["name"]}],
        }
        yield clean(
            {
                "resourceType": "PractitionerRole",
                "id": c.fhir_id(r["id"]),
                "period": period(r.get("valid_from"), r.get("valid_to")),
                "practitioner": ref("professional", r["id"]),
                "organization": ref("organisation", r["organisation"]),
                "code": [{"text": r["profession"]}],
            }
        )

    def service(self, r: Record) -> Json:
        return {
            "resourceType": "HealthcareService",
            "id": c.fhir_id(r["id"]),
            "providedBy": ref("organisation", r["provider"]),
            "category": [{"coding": [c.coding(r["sector"], vocab.Sector)]}],
            "type": [{"coding": [c.coding(r["kind"], vocab.ServiceKind)]}],
            "name": r["name"],
            "characteristic": [{"coding": [c.coding(r["level"], vocab.ServiceLevel)]}],
        }

    def pathway(self, r: Record) -> Json:
        steps = sorted(self.steps[r["id"]], key=lambda s: int(s["order"]))
        actions = []
        for before, step in zip([None, *steps], steps, strict=False):
            action = clean(
                {
                    "id": step["id"],
                    "extension": ext_ref(
                        c.EXT_ORGANISATION, "organisation", step.get("organisation")
                    )
                    + ext_ref(c.EXT_SERVICE, "service", step.get("service")),
                    "prefix": str(step["order"]),
                    "title": step["name"],
                    "description": step.get("handoff"),
                    "relatedAction": (
                        None
                        if before is None
                        else [{"actionId": before["id"], "relationship": "after-end"}]
                    ),
                }
            )
            actions.append(action)
        return clean(
            {
                "resourceType": "PlanDefinition",
                "id": c.fhir_id(r["id"]),
                "extension": ext_ref(c.EXT_REGION, "region", r["region"]),
                "title": r["name"],
                "status": "active",
                "purpose": r["need"],
                "action": actions,
            }
        )

    def client(self, r: Record) -> Json:
        return clean(
            {
                "resourceType": "Patient",
                "id": c.fhir_id(r["id"]),
                "extension": ext_ref(c.EXT_REGION, "region", r["region"])
                + ext_value(c.EXT_LONG_TERM_ILLNESS, "Boolean", r.get("long_term_illness")),
                "name": [{"text": r["name"]}],
                "birthDate": r["birth_date"],
                "address": ([{"city": r["municipality"]}] if "municipality" in r else None),
            }
        )

    def family(self, r: Record) -> Json:
        members = [
            {
                "extension": [
                    {
                        "url": c.EXT_FAMILY_ROLE,
                        "valueCoding": c.coding(client["family_role"], vocab.FamilyRole),
                    }
                ],
                "entity": ref("client", client["id"]),
            }
            for client in sorted(self.members[r["id"]], key=lambda m: str(m["id"]))
        ]
        return clean(
            {
                "resourceType": "Group",
                "id": c.fhir_id(r["id"]),
                "type": "person",
                "actual": True,
                "name": r["name"],
                "member": members,
            }
        )

    def episode(self, r: Record) -> Json:
        return clean(
            {
                "resourceType": "EpisodeOfCare",
                "id": c.fhir_id(r["id"]),
                "extension": ext_ref(c.EXT_SERVICE, "service", r["service"])
                + ext_value(c.EXT_STEP, "String", r.get("step")),
                "status": c.EPISODE_STATUS[r["status"]],
                "patient": ref("client", r["client"]),
                "period": period(r["start"], r.get("end")),
            }
        )

    def plan(self, r: Record) -> Json:
        feedback = r.get("previous_goals_feedback")
        return clean(
            {
                "resourceType": "CarePlan",
                "id": c.fhir_id(r["id"]),
                "extension": ext_value(c.EXT_REVIEW_DATE, "Date", r.get("review_date"))
                + ext_value(c.EXT_PLANNING_MODE, "Coding", c.coding(r["mode"], vocab.PlanningMode))
                + ext_value(c.EXT_CLIENT_PARTICIPATED, "Boolean", r["client_participated"])
                + ext_value(
                    c.EXT_GOALS_FEEDBACK,
                    "Coding",
                    None if feedback is None else c.coding(feedback, vocab.GoalFeedback),
                ),
                "status": "active" if "valid_to" not in r else "completed",
                "intent": "plan",
                "category": [{"coding": [c.coding(r["kind"], vocab.PlanKind)]}],
                "subject": ref("client", r["client"]),
                "period": period(r["valid_from"], r.get("valid_to")),
                "author": ref("professional", r["owner"]) if "owner" in r else None,
                "contributor": [ref("professional", p) for p in r.get("participants", [])],
                "goal": [ref("goal", g) for g in sorted(self.goals[r["id"]])],
                "activity": [
                    {"detail": {"status": "unknown", "performer": [ref("service", s)]}}
                    for s in r.get("services", [])
                ],
            }
        )

    def goal(self, r: Record) -> Json:
        return {
            "resourceType": "Goal",
            "id": c.fhir_id(r["id"]),
            "lifecycleStatus": c.GOAL_STATUS[r["status"]],
            "category": [{"coding": [c.coding(r["direction"], vocab.GoalDirection)]}],
            "description": {"text": r["text"]},
            "subject": ref("client", self.plan_client[r["plan"]]),
        }

    def consent(self, r: Record) -> Json:
        ended = "withdrawn" in r
        return clean(
            {
                "resourceType": "Consent",
                "id": c.fhir_id(r["id"]),
                "extension": ext_value(c.EXT_WITHDRAWN, "Date", r.get("withdrawn")),
                "status": "inactive" if ended else "active",
                "scope": {"coding": [c.CONSENT_SCOPE]},
                "category": [{"coding": [c.CONSENT_CATEGORY]}],
                "patient": ref("client", r["client"]),
                "policyRule": {"coding": [c.CONSENT_POLICY]},
                "provision": {
                    "type": "permit",
                    "period": period(r["valid_from"], r.get("valid_to")),
                    "actor": [
                        {
                            "role": {"coding": [c.CONSENT_FROM]},
                            "reference": ref("organisation", r["from_org"]),
                        },
                        {
                            "role": {"coding": [c.CONSENT_TO]},
                            "reference": ref("organisation", r["to_org"]),
                        },
                    ],
                    "purpose": [c.coding(r["purpose"], vocab.ConsentPurpose)],
                },
            }
        )

    def responsibility(self, r: Record) -> Json:
        scope: list[Json] = []
        for field in ("episode", "plan"):
            scope += ext_ref(c.EXT_SCOPE, field, r.get(field))
        return clean(
            {
                "resourceType": "CareTeam",
                "id": c.fhir_id(r["id"]),
                "extension": scope
                + ext_value(c.EXT_STEP, "String", r.get("step"))
                + ext_value(c.EXT_DIVISION, "String", r.get("division"))
                + ext_value(c.EXT_CONTACT, "Boolean", r.get("contact")),
                "status": "active" if "valid_to" not in r else "inactive",
                # R4 CareTeam.subject is Reference(Patient | Group): a family scope is its Group
                "subject": (
                    ref("client", r["client"])
                    if "client" in r
                    else ref("family", r["family"])
                    if "family" in r
                    else None
                ),
                "participant": [
                    {
                        "role": [{"coding": [c.coding(r["role"], vocab.Role)]}],
                        "member": ref("professional", r["professional"]),
                        "period": period(r["valid_from"], r.get("valid_to")),
                    }
                ],
            }
        )

    def transition(self, r: Record) -> Json:
        return clean(
            {
                "resourceType": "Basic",
                "id": c.fhir_id(r["id"]),
                "extension": ext_value(c.EXT_DUE_DATE, "Date", r["due_date"])
                + ext_ref(c.EXT_FROM_EPISODE, "episode", r.get("from_episode"))
                + ext_ref(c.EXT_TO_EPISODE, "episode", r.get("to_episode")),
                "code": {"coding": [c.coding(r["kind"], vocab.TransitionKind)]},
                "subject": ref("client", r["client"]),
            }
        )

    def handoff(self, r: Record) -> Json:
        return clean(
            {
                "resourceType": "Task",
                "id": c.fhir_id(r["id"]),
                "extension": ext_ref(c.EXT_FROM_EPISODE, "episode", r.get("from_episode"))
                + ext_ref(c.EXT_TO_EPISODE, "episode", r.get("to_episode"))
                + ext_ref(c.EXT_FROM_PROFESSIONAL, "professional", r.get("from_professional"))
                + ext_ref(c.EXT_TO_PROFESSIONAL, "professional", r.get("to_professional"))
                + ext_value(c.EXT_DECIDED, "Date", r.get("decided"))
                + ext_ref(c.EXT_CONSENT, "consent", r.get("consent")),
                "status": c.HANDOFF_STATUS[r["status"]],
                "intent": "order",
                "focus": ref("transition", r["transition"]) if "transition" in r else None,
                "for": ref("client", r["client"]),
                "executionPeriod": period(None, r.get("completed")),
                "authoredOn": r["requested"],
                "requester": ref("organisation", r["from_org"]),
                "owner": ref("organisation", r["to_org"]),
            }
        )
