"""Every gap rule finds its true case and leaves its near miss alone.

Each case loads a small base region plus the records that make the case, runs
one rule over the whole database as of 2026-11-22 and compares the subjects
found with the ones a reader of docs/model.md and graphsvc/gaps/rules.py
expects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.importing import load_records
from graphsvc.model import Record

pytestmark = pytest.mark.anyio

AS_OF = dt.date(2026, 11, 22)

BASE: list[Record] = [
    {"type": "region", "id": "r1", "name": "Pohjoinen"},
    {"type": "region", "id": "r2", "name": "Etelä"},
    {
        "type": "organisation",
        "id": "county",
        "name": "Hyvinvointialue",
        "kind": "wellbeing_county",
        "region": "r1",
    },
    {
        "type": "organisation",
        "id": "unit",
        "name": "Perhekeskus",
        "kind": "family_centre",
        "region": "r1",
        "part_of": "county",
    },
    {
        "type": "organisation",
        "id": "sote",
        "name": "Sote-keskus",
        "kind": "sote_centre",
        "region": "r1",
    },
    {
        "type": "organisation",
        "id": "hospital",
        "name": "Keskussairaala",
        "kind": "hospital",
        "region": "r1",
    },
    {
        "type": "organisation",
        "id": "ward",
        "name": "Kuntoutusosasto",
        "kind": "unit",
        "region": "r1",
        "part_of": "hospital",
    },
    {
        "type": "organisation",
        "id": "school",
        "name": "Opetustoimi",
        "kind": "education",
        "region": "r1",
    },
    *[
        {
            "type": "service",
            "id": id,
            "name": name,
            "kind": kind,
            "level": "basic",
            "sector": sector,
            "provider": provider,
        }
        for id, name, kind, sector, provider in [
            ("physio-sote", "Fysioterapia", "physiotherapy", "health", "sote"),
            ("physio-hospital", "Sairaalan fysioterapia", "physiotherapy", "health", "hospital"),
            ("speech", "Puheterapia", "speech_therapy", "health", "sote"),
            ("neuro", "Lastenneurologia", "child_neurology", "health", "hospital"),
            ("school-support", "Tehostettu tuki", "school_support", "education", "school"),
            ("youth-psych", "Nuorisopsykiatria", "youth_psychiatry", "health", "hospital"),
            ("adult-psych", "Aikuispsykiatria", "adult_psychiatry", "health", "hospital"),
            ("welfare", "Lastensuojelu", "child_welfare", "social", "county"),
            ("ece", "Varhaiskasvatus", "early_childhood_education", "education", "school"),
            ("family-work", "Perhetyö", "family_work", "social", "unit"),
            ("physio-ward", "Osaston fysioterapia", "physiotherapy", "health", "ward"),
            ("misc", "Muu tuki", "other", "social", "sote"),
            ("youth-psych-fi", "Nuorisopsykiatrian pkl", "Nuorisopsykiatria", "health", "hospital"),
            ("physio-sv", "Fysioterapi", "fysioterapi", "health", "hospital"),
        ]
    ],
    *[
        {
            "type": "professional",
            "id": id,
            "name": name,
            "profession": "sosiaalityöntekijä",
            "organisation": org,
            **extra,
        }
        for id, name, org, extra in [
            ("anna", "Anna", "sote", {}),
            ("bert", "Bert", "sote", {}),
            ("cecilia", "Cecilia", "hospital", {}),
            ("dan", "Dan", "school", {}),
            ("eeva", "Eeva", "unit", {}),
            ("left", "Lauri", "sote", {"valid_from": "2020-01-01", "valid_to": "2025-12-31"}),
        ]
    ],
]


def client(id: str, born: str = "1990-05-05", region: str = "r1", **extra: Any) -> Record:
    return {
        "type": "client",
        "id": id,
        "name": id.title(),
        "birth_date": born,
        "region": region,
        **extra,
    }


def episode(
    id: str,
    client: str,
    service: str,
    start: str = "2026-01-01",
    end: str | None = None,
    **extra: Any,
) -> Record:
    record = {
        "type": "episode",
        "id": id,
        "client": client,
        "service": service,
        "start": start,
        "status": "active" if end is None else "ended",
        **extra,
    }
    if end is not None:
        record["end"] = end
    return record


def resp(
    id: str,
    professional: str,
    role: str,
    scope: str,
    target: str,
    start: str = "2026-01-01",
    end: str | None = None,
    **extra: Any,
) -> Record:
    record = {
        "type": "responsibility",
        "id": id,
        "professional": professional,
        "role": role,
        scope: target,
        "valid_from": start,
        **extra,
    }
    if end is not None:
        record["valid_to"] = end
    return record


def plan(
    id: str,
    client: str,
    kind: str = "client_plan",
    start: str = "2026-01-01",
    end: str | None = None,
    **extra: Any,
) -> Record:
    record = {
        "type": "plan",
        "id": id,
        "client": client,
        "kind": kind,
        "valid_from": start,
        "mode": "group_meeting",
        "client_participated": True,
        "owner": "anna",
        **extra,
    }
    if end is not None:
        record["valid_to"] = end
    return record


def goal(id: str, plan: str, direction: str, status: str = "open") -> Record:
    return {
        "type": "goal",
        "id": id,
        "plan": plan,
        "text": f"Tavoite {id}",
        "direction": direction,
        "status": status,
    }


def pathway(steps: list[dict[str, Any]], region: str = "r1") -> list[Record]:
    records: list[Record] = [
        {
            "type": "pathway",
            "id": "pw",
            "name": "Lasten neurologia",
            "need": "neurologiset",
            "region": region,
        }
    ]
    for order, extra in enumerate(steps, start=1):
        records.append(
            {
                "type": "step",
                "id": f"step{order}",
                "pathway": "pw",
                "order": order,
                "name": f"Vaihe {order}",
                **extra,
            }
        )
    return records


def handoff(
    id: str,
    client: str,
    status: str = "accepted",
    requested: str = "2026-08-01",
    decided: str | None = "2026-08-20",
    **extra: Any,
) -> Record:
    record = {
        "type": "handoff",
        "id": id,
        "client": client,
        "status": status,
        "requested": requested,
        "from_org": "hospital",
        "to_org": "hospital",
        **extra,
    }
    if decided is not None and status != "requested":
        record["decided"] = decided
    return record


def consent(
    id: str, client: str, from_org: str, to_org: str, start: str = "2026-01-01", **extra: Any
) -> Record:
    return {
        "type": "consent",
        "id": id,
        "client": client,
        "from_org": from_org,
        "to_org": to_org,
        "purpose": "information_sharing",
        "valid_from": start,
        **extra,
    }


@dataclass(frozen=True)
class Case:
    rule: str
    records: list[Record]
    expected: set[str]
    """Subject ids the rule must report; empty for a near miss."""
    parameters: dict[str, Any] = field(default_factory=dict)


TWO_ORGS = [
    client("aino"),
    episode("e-physio", "aino", "physio-sote"),
    episode("e-school", "aino", "school-support"),
]
PSYCH_MOVE = [
    client("ville", born="2008-09-01"),
    episode("e-youth", "ville", "youth-psych", start="2024-01-01", end="2026-08-31"),
    episode("e-adult", "ville", "adult-psych", start="2026-09-01"),
    {
        "type": "transition",
        "id": "t-18",
        "client": "ville",
        "kind": "child_to_adult_services",
        "due_date": "2026-09-01",
        "from_episode": "e-youth",
        "to_episode": "e-adult",
    },
]
SUCCESSION = [
    client("ville", born="2008-09-01"),
    episode("e-youth", "ville", "youth-psych", start="2024-01-01", end="2026-09-30"),
    episode("e-adult", "ville", "adult-psych", start="2026-10-15"),
]
STEP_MOVE = [
    *pathway([{"organisation": "hospital", "handoff": "lähete"}, {"organisation": "unit"}]),
    client("emma", born="2019-02-02"),
    episode("e-step1", "emma", "neuro", start="2026-01-01", end="2026-06-30", step="step1"),
    episode("e-step2", "emma", "family-work", start="2026-07-01", step="step2"),
]
UPCOMING = [
    client("iida", born="2010-01-01"),
    episode("e-now", "iida", "welfare", start="2020-01-01"),
    episode("e-next", "iida", "family-work", start="2027-01-15"),
    {
        "type": "transition",
        "id": "t-next",
        "client": "iida",
        "kind": "hospital_to_home",
        "due_date": "2027-01-15",
        "from_episode": "e-now",
        "to_episode": "e-next",
    },
]
HANDOVER = [
    client("olli"),
    handoff(
        "h",
        "olli",
        from_org="sote",
        to_org="hospital",
        requested="2026-10-01",
        decided="2026-10-02",
    ),
]
CHURN = [client("kalle", born="2012-01-01")]
CASELOAD = [client(f"k{n:02}") for n in range(31)]

CASES = {
    # no owner
    "two organisations and no coordinator is a gap": Case("no-coordinator", TWO_ORGS, {"aino"}),
    "a named responsible worker coordinates the two organisations": Case(
        "no-coordinator",
        [*TWO_ORGS, resp("r", "anna", "responsible_worker", "client", "aino")],
        set(),
    ),
    "a coordinator whose responsibility ended no longer counts": Case(
        "no-coordinator",
        [*TWO_ORGS, resp("r", "anna", "coordinator", "client", "aino", end="2026-06-30")],
        {"aino"},
    ),
    "an own worker is not a coordinating role": Case(
        "no-coordinator", [*TWO_ORGS, resp("r", "anna", "own_worker", "client", "aino")], {"aino"}
    ),
    "services in one organisation need no coordinator": Case(
        "no-coordinator",
        [client("aino"), episode("e1", "aino", "physio-sote"), episode("e2", "aino", "speech")],
        set(),
    ),
    "an episode with nobody responsible is a gap": Case(
        "episode-without-responsible", [client("aino"), episode("e1", "aino", "speech")], {"e1"}
    ),
    "the client's own worker in the providing organisation covers the episode": Case(
        "episode-without-responsible",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r", "anna", "own_worker", "client", "aino"),
        ],
        set(),
    ),
    "a worker responsible for the client elsewhere does not cover the episode": Case(
        "episode-without-responsible",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r", "dan", "own_worker", "client", "aino"),
        ],
        {"e1"},
    ),
    "a worker of a unit covers an episode of that unit's county": Case(
        "episode-without-responsible",
        [
            client("aino"),
            episode("e1", "aino", "welfare"),
            resp("r", "eeva", "own_worker", "client", "aino"),
        ],
        set(),
    ),
    "an ended episode needs nobody": Case(
        "episode-without-responsible",
        [client("aino"), episode("e1", "aino", "speech", end="2026-10-31")],
        set(),
    ),
    "a plan whose owner has left the organisation has nobody responsible": Case(
        "plan-without-owner", [client("aino"), plan("p", "aino", owner="left")], {"p"}
    ),
    "a plan with no owner at all has nobody responsible": Case(
        "plan-without-owner", [client("aino"), {**plan("p", "aino"), "owner": None}], {"p"}
    ),
    "a plan naming no owner is kept by the client's own worker": Case(
        "plan-without-owner",
        [
            client("aino"),
            {**plan("p", "aino"), "owner": None},
            resp("r", "bert", "own_worker", "client", "aino"),
        ],
        set(),
    ),
    "a plan naming an owner who left is not kept by the own worker": Case(
        "plan-without-owner",
        [
            client("aino"),
            plan("p", "aino", owner="left"),
            resp("r", "bert", "own_worker", "client", "aino"),
        ],
        {"p"},
    ),
    "a plan whose owner still works is owned": Case(
        "plan-without-owner", [client("aino"), plan("p", "aino")], set()
    ),
    "a plan author responsibility stands in for a departed owner": Case(
        "plan-without-owner",
        [
            client("aino"),
            plan("p", "aino", owner="left"),
            resp("r", "bert", "plan_author", "plan", "p"),
        ],
        set(),
    ),
    "a plan past its review date is overdue": Case(
        "plan-review-overdue", [client("aino"), plan("p", "aino", review_date="2026-10-01")], {"p"}
    ),
    "a plan due for review today is not yet overdue": Case(
        "plan-review-overdue", [client("aino"), plan("p", "aino", review_date="2026-11-22")], set()
    ),
    "a plan no longer in force is not reviewed": Case(
        "plan-review-overdue",
        [client("aino"), plan("p", "aino", end="2026-10-31", review_date="2026-10-01")],
        set(),
    ),
    "long-term illness without a treating physician is a gap": Case(
        "no-treating-physician",
        [client("aino", long_term_illness=True), episode("e1", "aino", "speech")],
        {"aino"},
    ),
    "long-term illness with a treating physician is covered": Case(
        "no-treating-physician",
        [
            client("aino", long_term_illness=True),
            episode("e1", "aino", "speech"),
            resp("r", "cecilia", "treating_physician", "client", "aino"),
        ],
        set(),
    ),
    "three concurrent health services without a treating physician is a gap": Case(
        "no-treating-physician",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            episode("e2", "aino", "neuro"),
            episode("e3", "aino", "physio-sote"),
        ],
        {"aino"},
    ),
    "two health services and no long-term illness are not several": Case(
        "no-treating-physician",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            episode("e2", "aino", "neuro"),
            episode("e3", "aino", "school-support"),
        ],
        set(),
    ),
    "a client being served with no contact person is a gap": Case(
        "no-contact-person", [client("aino"), episode("e1", "aino", "speech")], {"aino"}
    ),
    "a client with a contact person knows whom to call": Case(
        "no-contact-person",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r", "anna", "contact_person", "client", "aino"),
        ],
        set(),
    ),
    "a child whose parent has a contact person is covered through the family": Case(
        "no-contact-person",
        [
            {"type": "family", "id": "fam", "name": "Perhe"},
            client("parent", family="fam", family_role="parent"),
            client("child", born="2018-01-01", family="fam", family_role="child"),
            episode("e1", "child", "speech"),
            resp("r", "eeva", "contact_person", "client", "parent"),
        ],
        set(),
    ),
    "an adult is not covered by a family member's contact person": Case(
        "no-contact-person",
        [
            {"type": "family", "id": "fam", "name": "Perhe"},
            client("parent", family="fam", family_role="parent"),
            client("grown", born="2000-01-01", family="fam", family_role="child"),
            episode("e1", "grown", "speech"),
            resp("r", "eeva", "contact_person", "client", "parent"),
        ],
        {"grown"},
    ),
    "a pathway step with no responsible organisation is a gap": Case(
        "step-without-organisation",
        pathway([{"organisation": "hospital", "handoff": "lähete"}, {}]),
        {"step2"},
    ),
    "pathway steps that name their organisations are covered": Case(
        "step-without-organisation",
        pathway([{"organisation": "hospital", "handoff": "lähete"}, {"organisation": "unit"}]),
        set(),
    ),
    "a pathway step whose organisation is in another region is a gap": Case(
        "step-without-organisation",
        [
            {
                "type": "organisation",
                "id": "far",
                "name": "Etelän sairaala",
                "kind": "hospital",
                "region": "r2",
            },
            *pathway([{"organisation": "hospital", "handoff": "lähete"}, {"organisation": "far"}]),
        ],
        {"step2"},
    ),
    "a pathway step in use with nobody responsible is a gap": Case(
        "step-without-owner",
        [
            *pathway([{"organisation": "hospital", "handoff": "lähete"}]),
            client("aino"),
            episode("e1", "aino", "neuro", step="step1"),
        ],
        {"step1"},
    ),
    "a pathway step in use with a step owner is covered": Case(
        "step-without-owner",
        [
            *pathway([{"organisation": "hospital", "handoff": "lähete"}]),
            client("aino"),
            episode("e1", "aino", "neuro", step="step1"),
            resp("r", "cecilia", "step_owner", "step", "step1"),
        ],
        set(),
    ),
    "a pathway step nobody is on needs no owner yet": Case(
        "step-without-owner", pathway([{"organisation": "hospital", "handoff": "lähete"}]), set()
    ),
    # duplicated roles
    "two own workers for one client without a division is a duplicate": Case(
        "duplicated-role",
        [
            client("aino"),
            resp("r1", "anna", "own_worker", "client", "aino"),
            resp("r2", "bert", "own_worker", "client", "aino"),
        ],
        {"aino"},
    ),
    "two professionals with the same role but different scopes are not a duplicate": Case(
        "duplicated-role",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r1", "anna", "own_worker", "client", "aino"),
            resp("r2", "bert", "own_worker", "episode", "e1"),
        ],
        set(),
    ),
    "two own workers who both record a division are not a duplicate": Case(
        "duplicated-role",
        [
            client("aino"),
            resp("r1", "anna", "own_worker", "client", "aino", division="koulu"),
            resp("r2", "bert", "own_worker", "client", "aino", division="koti"),
        ],
        set(),
    ),
    "a division recorded by one of two own workers only is still a duplicate": Case(
        "duplicated-role",
        [
            client("aino"),
            resp("r1", "anna", "own_worker", "client", "aino", division="koulu"),
            resp("r2", "bert", "own_worker", "client", "aino"),
        ],
        {"aino"},
    ),
    "two own workers one after the other are not a duplicate": Case(
        "duplicated-role",
        [
            client("aino"),
            resp("r1", "anna", "own_worker", "client", "aino", end="2026-05-31"),
            resp("r2", "bert", "own_worker", "client", "aino", start="2026-06-01"),
        ],
        set(),
    ),
    "two plan authors are allowed, the role is not exclusive": Case(
        "duplicated-role",
        [
            client("aino"),
            plan("p", "aino"),
            resp("r1", "anna", "plan_author", "plan", "p"),
            resp("r2", "bert", "plan_author", "plan", "p"),
        ],
        set(),
    ),
    "two own workers for one episode without a division is a duplicate": Case(
        "duplicated-role",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r1", "anna", "own_worker", "episode", "e1"),
            resp("r2", "bert", "own_worker", "episode", "e1"),
        ],
        {"e1"},
    ),
    "physiotherapy from two providers at once overlaps": Case(
        "overlapping-services",
        [
            client("aino"),
            episode("e1", "aino", "physio-sote"),
            episode("e2", "aino", "physio-hospital"),
        ],
        {"aino"},
    ),
    "physiotherapy from two providers one after the other does not overlap": Case(
        "overlapping-services",
        [
            client("aino"),
            episode("e1", "aino", "physio-sote", end="2026-05-31"),
            episode("e2", "aino", "physio-hospital", start="2026-06-01"),
        ],
        set(),
    ),
    "different kinds of service from two providers do not overlap": Case(
        "overlapping-services",
        [client("aino"), episode("e1", "aino", "physio-sote"), episode("e2", "aino", "neuro")],
        set(),
    ),
    "a plan aiming at work and another at disability pension conflict": Case(
        "conflicting-plan-goals",
        [
            client("aino"),
            plan("p1", "aino", kind="employment_plan"),
            goal("g1", "p1", "work"),
            plan("p2", "aino", kind="rehabilitation_plan"),
            goal("g2", "p2", "pension"),
        ],
        {"aino"},
    ),
    "plans aiming at work and at education pull the same way": Case(
        "conflicting-plan-goals",
        [
            client("aino"),
            plan("p1", "aino", kind="employment_plan"),
            goal("g1", "p1", "work"),
            plan("p2", "aino", kind="rehabilitation_plan"),
            goal("g2", "p2", "education"),
        ],
        set(),
    ),
    "a conflicting goal already dropped no longer pulls": Case(
        "conflicting-plan-goals",
        [
            client("aino"),
            plan("p1", "aino", kind="employment_plan"),
            goal("g1", "p1", "work"),
            plan("p2", "aino", kind="rehabilitation_plan"),
            goal("g2", "p2", "pension", status="dropped"),
        ],
        set(),
    ),
    "a service outside the client's plan is not covered": Case(
        "service-not-in-plan",
        [
            client("aino"),
            episode("e1", "aino", "physio-sote"),
            episode("e2", "aino", "speech"),
            plan("p", "aino", services=["physio-sote"]),
        ],
        {"aino"},
    ),
    "a plan listing no services says nothing about coverage": Case(
        "service-not-in-plan",
        [
            client("aino"),
            episode("e1", "aino", "physio-sote"),
            plan("p", "aino", mode=None, client_participated=None),
        ],
        set(),
    ),
    "a plan covering every active service leaves nothing out": Case(
        "service-not-in-plan",
        [
            client("aino"),
            episode("e1", "aino", "physio-sote"),
            episode("e2", "aino", "speech"),
            plan("p", "aino", services=["physio-sote", "speech"]),
        ],
        set(),
    ),
    # missing handoff
    "an episode ending and the next starting without a handoff is a gap": Case(
        "handoff-missing", PSYCH_MOVE, {"t-18"}
    ),
    "an ended episode followed by a new one with an accepted handoff is covered": Case(
        "handoff-missing", [*PSYCH_MOVE, handoff("h", "ville", transition="t-18")], set()
    ),
    "a handoff only requested has not been accepted": Case(
        "handoff-missing",
        [*PSYCH_MOVE, handoff("h", "ville", status="requested", transition="t-18")],
        {"t-18"},
    ),
    "moving to the next pathway step without a handoff is a gap": Case(
        "handoff-missing", STEP_MOVE, {"e-step2"}
    ),
    "moving to the next pathway step with an accepted handoff is covered": Case(
        "handoff-missing",
        [
            *STEP_MOVE,
            handoff(
                "h",
                "emma",
                from_episode="e-step1",
                to_episode="e-step2",
                requested="2026-06-20",
                decided="2026-06-25",
            ),
        ],
        set(),
    ),
    "a transition due within the horizon with no receiver is a gap": Case(
        "transition-without-receiver", UPCOMING, {"t-next"}
    ),
    "a worker responsible for the receiving episode from the due date receives": Case(
        "transition-without-receiver",
        [*UPCOMING, resp("r", "eeva", "own_worker", "episode", "e-next", start="2027-01-15")],
        set(),
    ),
    "a plan covering the receiving service counts as a receiving plan": Case(
        "transition-without-receiver",
        [*UPCOMING, plan("p", "iida", services=["family-work"])],
        set(),
    ),
    "turning 18 in youth psychiatry within the horizon is a gap": Case(
        "transition-without-receiver",
        [client("ville", born="2009-03-01"), episode("e1", "ville", "youth-psych")],
        {"e1"},
    ),
    "turning 18 in youth psychiatry beyond the horizon is not yet a gap": Case(
        "transition-without-receiver",
        [client("ville", born="2009-12-01"), episode("e1", "ville", "youth-psych")],
        set(),
    ),
    "turning 18 in youth psychiatry with an accepted handoff is prepared": Case(
        "transition-without-receiver",
        [
            client("ville", born="2009-03-01"),
            episode("e1", "ville", "youth-psych"),
            handoff("h", "ville", from_episode="e1", requested="2026-11-01", decided="2026-11-10"),
        ],
        set(),
    ),
    "information handed over under a consent for other organisations is a gap": Case(
        "handoff-without-consent", [*HANDOVER, consent("k", "olli", "sote", "school")], {"h"}
    ),
    "a consent that covers exactly the organisations in question allows the handoff": Case(
        "handoff-without-consent", [*HANDOVER, consent("k", "olli", "sote", "hospital")], set()
    ),
    "a consent withdrawn before the handoff does not cover it": Case(
        "handoff-without-consent",
        [*HANDOVER, consent("k", "olli", "sote", "hospital", withdrawn="2026-09-01")],
        {"h"},
    ),
    "a consent for the opposite direction does not cover the handoff": Case(
        "handoff-without-consent", [*HANDOVER, consent("k", "olli", "hospital", "sote")], {"h"}
    ),
    "a consent naming the county covers its unit": Case(
        "handoff-without-consent",
        [
            client("olli"),
            handoff(
                "h",
                "olli",
                from_org="unit",
                to_org="hospital",
                requested="2026-10-01",
                decided="2026-10-02",
            ),
            consent("k", "olli", "county", "hospital"),
        ],
        set(),
    ),
    "a pathway step with no handoff to the next is a gap": Case(
        "step-without-handoff",
        pathway([{"organisation": "hospital"}, {"organisation": "unit"}]),
        {"step1"},
    ),
    "the last pathway step needs no handoff": Case(
        "step-without-handoff",
        pathway([{"organisation": "hospital", "handoff": "lähete"}, {"organisation": "unit"}]),
        set(),
    ),
    # signals
    "a worker responsible for 31 clients is over the threshold of 30": Case(
        "caseload-over-threshold",
        [
            *CASELOAD,
            *(resp(f"r{n}", "anna", "own_worker", "client", f"k{n:02}") for n in range(31)),
        ],
        {"anna"},
    ),
    "a worker responsible for 30 clients is at the threshold, not over": Case(
        "caseload-over-threshold",
        [
            *CASELOAD,
            *(resp(f"r{n}", "anna", "own_worker", "client", f"k{n:02}") for n in range(30)),
        ],
        set(),
    ),
    "three own workers in a year are two changes of worker": Case(
        "worker-churn",
        [
            *CHURN,
            resp("r1", "anna", "own_worker", "client", "kalle", end="2026-03-31"),
            resp(
                "r2", "bert", "own_worker", "client", "kalle", start="2026-04-01", end="2026-07-31"
            ),
            resp("r3", "eeva", "own_worker", "client", "kalle", start="2026-08-01"),
        ],
        {"kalle"},
    ),
    "one change of worker in a year is within reason": Case(
        "worker-churn",
        [
            *CHURN,
            resp("r1", "anna", "own_worker", "client", "kalle", end="2026-03-31"),
            resp("r2", "bert", "own_worker", "client", "kalle", start="2026-04-01"),
        ],
        set(),
    ),
    "changes of worker before the window do not count": Case(
        "worker-churn",
        [
            *CHURN,
            resp(
                "r1", "anna", "own_worker", "client", "kalle", start="2024-01-01", end="2024-12-31"
            ),
            resp(
                "r2", "bert", "own_worker", "client", "kalle", start="2025-01-01", end="2025-06-30"
            ),
            resp("r3", "eeva", "own_worker", "client", "kalle", start="2025-07-01"),
        ],
        set(),
    ),
    "a plan made without the client is a signal": Case(
        "client-not-participating",
        [client("aino"), plan("p", "aino", client_participated=False)],
        {"p"},
    ),
    "mediated planning with the client's consent is not a signal": Case(
        "client-not-participating",
        [
            client("aino"),
            plan("p", "aino", client_participated=False, mode="mediated"),
            {**consent("k", "aino", "sote", "school"), "purpose": "joint_planning"},
        ],
        set(),
    ),
    "mediated planning without consent is a signal": Case(
        "client-not-participating",
        [client("aino"), plan("p", "aino", client_participated=False, mode="mediated")],
        {"p"},
    ),
    "a new plan with no feedback on the previous plan's goals is a signal": Case(
        "no-goal-feedback",
        [
            client("aino"),
            plan("old", "aino", kind="care_plan", start="2025-01-01", end="2025-12-31"),
            plan("new", "aino", kind="care_plan"),
        ],
        {"new"},
    ),
    "a new plan recording feedback on the previous goals is fine": Case(
        "no-goal-feedback",
        [
            client("aino"),
            plan("old", "aino", kind="care_plan", start="2025-01-01", end="2025-12-31"),
            plan("new", "aino", kind="care_plan", previous_goals_feedback="partly_met"),
        ],
        set(),
    ),
    "a first plan of its kind has no previous goals": Case(
        "no-goal-feedback",
        [
            client("aino"),
            plan("old", "aino", kind="ece_plan", start="2025-01-01", end="2025-12-31"),
            plan("new", "aino", kind="care_plan"),
        ],
        set(),
    ),
    "adult psychiatry after youth psychiatry with no transition recorded is a move": Case(
        "handoff-missing", SUCCESSION, {"e-adult"}
    ),
    "a handoff accepted from the youth psychiatry episode settles that move": Case(
        "handoff-missing",
        [
            *SUCCESSION,
            handoff(
                "h", "ville", requested="2026-09-01", decided="2026-09-10", from_episode="e-youth"
            ),
        ],
        set(),
    ),
    "physiotherapy after youth psychiatry is not a move between them": Case(
        "handoff-missing",
        [
            client("ville", born="2008-09-01"),
            episode("e-youth", "ville", "youth-psych", start="2024-01-01", end="2026-09-30"),
            episode("e-physio", "ville", "physio-sote", start="2026-10-15"),
        ],
        set(),
    ),
    # --- handoff lifecycle: a handoff, with or without a Transition ---------------
    "a handoff never accepted whose sending episode has ended is a gap": Case(
        "handoff-not-accepted",
        [
            client("olli"),
            episode("e-out", "olli", "physio-sote", start="2026-01-01", end="2026-10-15"),
            handoff(
                "h",
                "olli",
                status="requested",
                requested="2026-10-01",
                from_episode="e-out",
                from_org="sote",
                to_org="hospital",
            ),
        ],
        {"h"},
    ),
    "a handoff waiting longer than the days to accept is a gap while the sender serves": Case(
        "handoff-not-accepted",
        [
            client("olli"),
            episode("e-out", "olli", "physio-sote"),
            handoff("h", "olli", status="requested", requested="2026-10-20", from_episode="e-out"),
        ],
        {"h"},
    ),
    "a handoff requested last week with the sender still serving is within its days": Case(
        "handoff-not-accepted",
        [
            client("olli"),
            episode("e-out", "olli", "physio-sote"),
            handoff("h", "olli", status="requested", requested="2026-11-15", from_episode="e-out"),
        ],
        set(),
    ),
    "a handoff accepted before the sending episode ended is not pending": Case(
        "handoff-not-accepted",
        [
            client("olli"),
            episode("e-out", "olli", "physio-sote", start="2026-01-01", end="2026-10-15"),
            handoff(
                "h",
                "olli",
                status="completed",
                requested="2026-10-01",
                decided="2026-10-05",
                completed="2026-10-12",
                from_episode="e-out",
            ),
        ],
        set(),
    ),
    "an accepted handoff not completed after two months is stale": Case(
        "handoff-stale",
        [
            client("olli"),
            handoff("h", "olli", requested="2026-09-01", decided="2026-09-10"),
        ],
        {"h"},
    ),
    "an accepted handoff within its days to complete is not stale": Case(
        "handoff-stale",
        [client("olli"), handoff("h", "olli", requested="2026-11-01", decided="2026-11-10")],
        set(),
    ),
    "a completed handoff is not stale": Case(
        "handoff-stale",
        [
            client("olli"),
            handoff(
                "h",
                "olli",
                status="completed",
                requested="2026-09-01",
                decided="2026-09-10",
                completed="2026-09-20",
            ),
        ],
        set(),
    ),
    # --- precision: who counts as the contact, coordinator, organisation -----------
    "an own worker is the client's contact unless the record says otherwise": Case(
        "no-contact-person",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r", "anna", "own_worker", "client", "aino"),
        ],
        set(),
    ),
    "a responsible worker recorded as not the contact leaves the client without one": Case(
        "no-contact-person",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r", "anna", "responsible_worker", "client", "aino", contact=False),
        ],
        {"aino"},
    ),
    "a contact person for the family counts for each member, adults too": Case(
        "no-contact-person",
        [
            {"type": "family", "id": "fam", "name": "Perhe"},
            client("parent", family="fam", family_role="parent"),
            client("grown", born="2000-01-01", family="fam", family_role="child"),
            episode("e1", "grown", "speech"),
            resp("r", "eeva", "contact_person", "family", "fam"),
        ],
        set(),
    ),
    "a family coordinator coordinates each member's services": Case(
        "no-coordinator",
        [
            {"type": "family", "id": "fam", "name": "Perhe"},
            client("aino", family="fam", family_role="child"),
            episode("e-physio", "aino", "physio-sote"),
            episode("e-school", "aino", "school-support"),
            resp("r", "eeva", "coordinator", "family", "fam"),
        ],
        set(),
    ),
    "a coordinator of another family does not coordinate this one": Case(
        "no-coordinator",
        [
            {"type": "family", "id": "fam", "name": "Perhe"},
            {"type": "family", "id": "other", "name": "Toinen"},
            client("aino", family="fam", family_role="child"),
            episode("e-physio", "aino", "physio-sote"),
            episode("e-school", "aino", "school-support"),
            resp("r", "eeva", "coordinator", "family", "other"),
        ],
        {"aino"},
    ),
    "a hospital and its ward are one organisation and need no coordinator": Case(
        "no-coordinator",
        [
            client("aino"),
            episode("e-neuro", "aino", "neuro"),
            episode("e-ward", "aino", "physio-ward"),
        ],
        set(),
    ),
    "a family centre and a hospital of one county are two organisations": Case(
        "no-coordinator",
        [
            client("aino"),
            episode("e-neuro", "aino", "neuro"),
            episode("e-family", "aino", "family-work"),
        ],
        {"aino"},
    ),
    "a coordinator in another organisation covers the episode": Case(
        "episode-without-responsible",
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            resp("r", "cecilia", "coordinator", "client", "aino"),
        ],
        set(),
    ),
    "a worker of the hospital covers an episode of its ward": Case(
        "episode-without-responsible",
        [
            client("aino"),
            episode("e1", "aino", "physio-ward"),
            resp("r", "cecilia", "own_worker", "client", "aino"),
        ],
        set(),
    ),
    "physiotherapy from a hospital and its ward does not overlap": Case(
        "overlapping-services",
        [
            client("aino"),
            episode("e1", "aino", "physio-hospital"),
            episode("e2", "aino", "physio-ward"),
        ],
        set(),
    ),
    # --- optional plan fields and data quality --------------------------------------
    "a plan recording only a review date is not a plan made without the client": Case(
        "client-not-participating",
        [client("aino"), plan("p", "aino", mode=None, client_participated=None)],
        set(),
    ),
    "a plan that does not record participation is a data-quality finding": Case(
        "plan-participation-unknown",
        [
            client("aino"),
            plan("p", "aino", mode=None, client_participated=None, review_date="2027-03-01"),
        ],
        {"p"},
    ),
    "a plan recording participation has nothing unknown": Case(
        "plan-participation-unknown", [client("aino"), plan("p", "aino")], set()
    ),
    "a service of kind other cannot be checked by kind": Case(
        "service-kind-unknown", [client("aino"), episode("e1", "aino", "misc")], {"e1"}
    ),
    "a service with a vocabulary kind is checked by kind": Case(
        "service-kind-unknown", [client("aino"), episode("e1", "aino", "speech")], set()
    ),
    "a Finnish service name counts as its kind: nuorisopsykiatria at 18": Case(
        "transition-without-receiver",
        [client("ville", born="2009-03-01"), episode("e1", "ville", "youth-psych-fi")],
        {"e1"},
    ),
    "a Swedish name counts too: fysioterapi and physiotherapy overlap": Case(
        "overlapping-services",
        [
            client("aino"),
            episode("e1", "aino", "physio-sote"),
            episode("e2", "aino", "physio-sv"),
        ],
        {"aino"},
    ),
    # --- horizons per transition kind ----------------------------------------------
    "a child starting school next August is flagged in November": Case(
        "transition-without-receiver",
        [client("pia", born="2020-03-01"), episode("e1", "pia", "ece", start="2023-08-01")],
        {"e1"},
    ),
    "a child starting school the August after next is not yet flagged": Case(
        "transition-without-receiver",
        [client("pia", born="2021-03-01"), episode("e1", "pia", "ece", start="2023-08-01")],
        set(),
    ),
    "a hospital discharge beyond its horizon is not yet flagged": Case(
        "transition-without-receiver",
        UPCOMING,
        set(),
        {"horizon_days_by_kind": {}, "horizon_days": 30},
    ),
    # --- caseload per profession -----------------------------------------------------
    "a profession's own threshold applies to its workers": Case(
        "caseload-over-threshold",
        [
            *CASELOAD,
            *(resp(f"r{n}", "anna", "own_worker", "client", f"k{n:02}") for n in range(25)),
        ],
        {"anna"},
        {"caseload_threshold_by_profession": {"sosiaalityöntekijä": 20}},
    ),
    "another profession's threshold does not apply": Case(
        "caseload-over-threshold",
        [
            *CASELOAD,
            *(resp(f"r{n}", "anna", "own_worker", "client", f"k{n:02}") for n in range(25)),
        ],
        set(),
        {"caseload_threshold_by_profession": {"terveydenhoitaja": 20}},
    ),
    "a family responsibility counts each member in the caseload": Case(
        "caseload-over-threshold",
        [
            {"type": "family", "id": "fam", "name": "Perhe"},
            *(client(f"m{n}", family="fam", family_role="child") for n in range(3)),
            resp("r", "anna", "own_worker", "family", "fam"),
        ],
        {"anna"},
        {"caseload_threshold": 2},
    ),
}


def _clean(records: list[Record]) -> list[Record]:
    """Drop keys set to None (a way to write 'this optional field is absent')."""
    return [{k: v for k, v in r.items() if v is not None} for r in records]


async def load(db: Database, records: list[Record]) -> None:
    await load_records(db, _clean([*BASE, *records]), source="test case")


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_rule_case(db: Database, case: Case) -> None:
    await load(db, case.records)
    findings = await find_gaps(db, rules=[case.rule], as_of=AS_OF, parameters=case.parameters)
    assert {f.subject_id for f in findings} == case.expected
    assert all(f.rule_id == case.rule for f in findings)
    for finding in findings:  # every slot of the texts is filled from the facts
        for lang in ("fi", "en"):
            assert "{" not in finding.explanation(lang) + finding.remedy(lang)


def test_every_rule_has_a_true_case_and_a_near_miss() -> None:
    from graphsvc.gaps import RULES

    for r in RULES:
        cases = [c for c in CASES.values() if c.rule == r.id]
        assert any(c.expected for c in cases), f"{r.id} has no true case"
        assert any(not c.expected for c in cases), f"{r.id} has no near miss"


@pytest.mark.parametrize(
    "scope, target, named",
    [
        ("client", "aino", "asiakas Aino"),
        ("episode", "e1", "palvelujakso Puheterapia"),
        ("plan", "p", "suunnitelma asiakassuunnitelma"),
    ],
    ids=["a client by name", "an episode by its service", "a plan by its kind"],
)
async def test_a_duplicated_role_names_its_scope_in_words(
    db: Database, scope: str, target: str, named: str
) -> None:
    await load(
        db,
        [
            client("aino"),
            episode("e1", "aino", "speech"),
            plan("p", "aino"),
            resp("r1", "anna", "responsible_worker", scope, target),
            resp("r2", "bert", "responsible_worker", scope, target),
        ],
    )
    (finding,) = await find_gaps(db, rules=["duplicated-role"], as_of=AS_OF)
    assert finding.subject_id == target
    assert f"samalle kohteelle ({named})" in finding.explanation("fi")
