"""The gap engine: as-of dates, parameters, scopes and the rule catalogue's contract."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_gaps_rules import AS_OF, TWO_ORGS, client, episode, handoff, load, plan, resp

from graphsvc.database import Database
from graphsvc.errors import BadInput, NotFound
from graphsvc.gaps import RULES, default_parameters, find_gaps, merged_parameters, rule
from graphsvc.gaps.engine import CLIENT_LIST
from graphsvc.gaps.rules import SCOPE_PARAMETERS
from graphsvc.queries import catalogue

pytestmark = pytest.mark.anyio

LAST_YEAR = dt.date(2025, 11, 22)


# --- as of a date -------------------------------------------------------------------

FIXED_SINCE: dict[str, tuple[str, list[dict[str, Any]], str]] = {
    "a coordinator named this spring": (
        "no-coordinator",
        [
            client("aino"),
            episode("e1", "aino", "physio-sote", start="2025-01-01"),
            episode("e2", "aino", "school-support", start="2025-01-01"),
            resp("r", "anna", "coordinator", "client", "aino", start="2026-03-01"),
        ],
        "aino",
    ),
    "an overdue plan replaced by a new one in January": (
        "plan-review-overdue",
        [
            client("aino"),
            plan("old", "aino", start="2025-01-01", end="2025-12-31", review_date="2025-10-01"),
            plan(
                "new",
                "aino",
                start="2026-01-01",
                review_date="2027-01-01",
                previous_goals_feedback="met",
            ),
        ],
        "old",
    ),
    "a handoff accepted after the move": (
        "handoff-missing",
        [
            client("ville", born="2007-11-01"),
            episode("e-youth", "ville", "youth-psych", start="2023-01-01", end="2025-10-31"),
            episode("e-adult", "ville", "adult-psych", start="2025-11-01"),
            {
                "type": "transition",
                "id": "t-18",
                "client": "ville",
                "kind": "child_to_adult_services",
                "due_date": "2025-11-01",
                "from_episode": "e-youth",
                "to_episode": "e-adult",
            },
            handoff("h", "ville", transition="t-18", requested="2025-11-20", decided="2026-01-10"),
        ],
        "t-18",
    ),
}


@pytest.mark.parametrize("rule_id, records, subject", FIXED_SINCE.values(), ids=FIXED_SINCE)
async def test_a_gap_fixed_since_last_year_is_found_last_year_not_today(
    db: Database, rule_id: str, records: list[dict[str, Any]], subject: str
) -> None:
    await load(db, records)
    then = await find_gaps(db, rules=[rule_id], as_of=LAST_YEAR)
    now = await find_gaps(db, rules=[rule_id], as_of=AS_OF)
    assert [f.subject_id for f in then] == [subject]
    assert now == []


# --- parameters ---------------------------------------------------------------------

YOUTHS = [
    client("north", born="2009-03-01", region="r1"),
    episode("e-north", "north", "youth-psych"),
    client("south", born="2009-03-01", region="r2"),
    episode("e-south", "south", "youth-psych"),
]

PARAMETER_CASES: dict[str, tuple[str, list[dict[str, Any]], dict[str, Any], set[str], set[str]]] = {
    "requiring three organisations spares a client of two": (
        "no-coordinator",
        TWO_ORGS,
        {"min_organisations": 3},
        {"aino"},
        set(),
    ),
    "a region whose youth psychiatry runs to 23 has no transition at 18": (
        "transition-without-receiver",
        YOUTHS,
        {"youth_psychiatry_upper_age_by_region": {"r1": 23}},
        {"e-north", "e-south"},
        {"e-south"},
    ),
    "a school-start horizon of 180 days leaves next August out of view": (
        "transition-without-receiver",
        [client("pikku", born="2020-03-01"), episode("e-ece", "pikku", "ece")],
        {"horizon_days_by_kind": {"daycare_to_school": 180}},
        {"e-ece"},
        set(),
    ),
    "a lower caseload threshold flags a worker of three clients": (
        "caseload-over-threshold",
        [
            *(client(f"k{n}") for n in range(3)),
            *(resp(f"r{n}", "anna", "own_worker", "client", f"k{n}") for n in range(3)),
        ],
        {"caseload_threshold": 2},
        set(),
        {"anna"},
    ),
    "a grace period of sixty days forgives a review fifty days late": (
        "plan-review-overdue",
        [client("aino"), plan("p", "aino", review_date="2026-10-03")],
        {"grace_days": 60},
        {"p"},
        set(),
    ),
    "counting only three changes as churn spares two": (
        "worker-churn",
        [
            client("kalle"),
            resp("r1", "anna", "own_worker", "client", "kalle", end="2026-03-31"),
            resp(
                "r2", "bert", "own_worker", "client", "kalle", start="2026-04-01", end="2026-07-31"
            ),
            resp("r3", "eeva", "own_worker", "client", "kalle", start="2026-08-01"),
        ],
        {"churn_changes": 3},
        {"kalle"},
        set(),
    ),
    "two health services count as several when the threshold is two": (
        "no-treating-physician",
        [client("aino"), episode("e1", "aino", "speech"), episode("e2", "aino", "neuro")],
        {"min_health_contacts": 2},
        set(),
        {"aino"},
    ),
}


@pytest.mark.parametrize(
    "rule_id, records, parameters, by_default, changed",
    PARAMETER_CASES.values(),
    ids=PARAMETER_CASES,
)
async def test_changing_a_parameter_changes_the_findings_as_documented(
    db: Database,
    rule_id: str,
    records: list[dict[str, Any]],
    parameters: dict[str, Any],
    by_default: set[str],
    changed: set[str],
) -> None:
    await load(db, records)
    default = await find_gaps(db, rules=[rule_id], as_of=AS_OF)
    other = await find_gaps(db, rules=[rule_id], as_of=AS_OF, parameters=parameters)
    assert {f.subject_id for f in default} == by_default
    assert {f.subject_id for f in other} == changed


@pytest.mark.parametrize(
    "parameters, field",
    [
        ({"caseload_treshold": 20}, "caseload_treshold"),
        ({"horizon_days": "90"}, "horizon_days"),
        ({"horizon_days": True}, "horizon_days"),
        (
            {"youth_psychiatry_upper_age_by_region": {"r1": "23"}},
            "youth_psychiatry_upper_age_by_region",
        ),
    ],
    ids=["a misspelt name", "a number as text", "a boolean for a number", "a map of text"],
)
def test_a_bad_parameter_is_refused_by_name(parameters: dict[str, Any], field: str) -> None:
    with pytest.raises(BadInput) as error:
        merged_parameters(parameters)
    assert error.value.field == field


def test_an_unknown_rule_is_refused_with_the_known_ones() -> None:
    with pytest.raises(BadInput, match="no gap rule 'no-owner'") as error:
        rule("no-owner")
    assert error.value.hint is not None and "no-coordinator" in error.value.hint


# --- scopes -------------------------------------------------------------------------

SCOPED = [
    client("north", region="r1"),
    episode("e-n", "north", "speech"),
    client("south", region="r2"),
    episode("e-s", "south", "speech"),
    {"type": "pathway", "id": "pw", "name": "Polku", "need": "tarve", "region": "r1"},
    {"type": "step", "id": "lonely", "pathway": "pw", "order": 1, "name": "Vaihe"},
]


async def test_a_region_scan_covers_that_region_only_with_progress(db: Database) -> None:
    await load(db, SCOPED)
    seen: list[tuple[int, int]] = []
    rules = ["no-contact-person", "step-without-organisation"]
    north = await find_gaps(
        db, region="r1", rules=rules, as_of=AS_OF, progress=lambda d, t: seen.append((d, t))
    )
    assert {(f.rule_id, f.subject_id) for f in north} == {
        ("no-contact-person", "north"),
        ("step-without-organisation", "lonely"),
    }
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)  # one step per rule
    south = await find_gaps(db, region="r2", rules=rules, as_of=AS_OF)
    assert [f.subject_id for f in south] == ["south"]


async def test_a_client_scope_leaves_pathway_rules_out(db: Database) -> None:
    await load(db, SCOPED)
    found = await find_gaps(
        db, clients=["north"], as_of=AS_OF, rules=["no-contact-person", "step-without-organisation"]
    )
    assert [(f.rule_id, f.subject_id) for f in found] == [("no-contact-person", "north")]


async def test_a_pathway_scope_covers_its_steps_and_the_clients_on_it(db: Database) -> None:
    await load(db, [*SCOPED, episode("e-on", "south", "neuro", step="lonely")])
    found = await find_gaps(
        db, pathway="pw", as_of=AS_OF, rules=["no-contact-person", "step-without-organisation"]
    )
    assert {f.subject_id for f in found} == {"south", "lonely"}


# --- the catalogue ------------------------------------------------------------------


def test_every_rule_is_one_query_taking_the_scope_and_its_own_parameters() -> None:
    queries = {q.name: q for q in catalogue().area("gaps")}
    for r in RULES:
        query = queries[r.id]
        assert set(r.parameters) <= query.params, r.id
        assert query.params <= SCOPE_PARAMETERS | set(r.parameters), r.id
        assert "clients" in query.params, r.id
        if r.subject == "client":  # so that a region scan can walk to its clients instead
            assert query.text.startswith(CLIENT_LIST), r.id


def test_every_rule_text_is_complete_in_both_languages() -> None:
    for r in RULES:
        for lang in ("fi", "en"):
            assert r.title(lang) and r.explanation(lang) and r.remedy(lang), (r.id, lang)
        assert r.seed and all(s in {"000", "001", "002", "003", "004"} for s in r.seed)
        assert r.explanation_fi != r.explanation_en


def test_parameter_names_mean_one_thing_across_rules() -> None:
    seen: dict[str, Any] = {}
    for r in RULES:
        for name, value in r.parameters.items():
            assert seen.setdefault(name, value) == value, name
    assert default_parameters()["youth_psychiatry_upper_age"] == 18
    assert default_parameters()["aftercare_upper_age"] == 23
    assert default_parameters()["school_start_age"] == 7


@pytest.mark.parametrize(
    "scope, field",
    [
        ({"clients": ["north", "nobody"]}, "clients"),
        ({"region": "r9"}, "region"),
        ({"pathway": "pw9"}, "pathway"),
    ],
    ids=["a client that does not exist", "an unknown region", "an unknown pathway"],
)
async def test_a_scope_naming_nothing_is_not_found(
    db: Database, scope: dict[str, Any], field: str
) -> None:
    await load(db, SCOPED)
    with pytest.raises(NotFound) as error:
        await find_gaps(db, as_of=AS_OF, **scope)
    assert error.value.field == field
