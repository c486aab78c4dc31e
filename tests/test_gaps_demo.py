"""The demo region yields exactly the findings graphsvc/data/demo/README.md designs.

The expected list below is written from that README's table (files 00-60) and
from the cases of 90-gap-cases.json (a worker with 31 clients against one with
30; a youth turning 18 in youth psychiatry in April 2027 against one turning 18
in September 2027, beyond the 180-day horizon), not from the engine's output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.importing import load_file

pytestmark = pytest.mark.anyio

DEMO = Path(__file__).resolve().parent.parent / "graphsvc" / "data" / "demo"
REFERENCE = dt.date(2026, 11, 22)

DESIGNED = sorted(
    [
        ("no-coordinator", "cli-eetu-virtanen"),
        ("episode-without-responsible", "ep-eetu-kotipalvelu"),
        ("plan-without-owner", "plan-eetu-kuntoutus"),
        ("step-without-organisation", "step-nm-3"),
        ("step-without-owner", "step-ln-3"),
        ("plan-review-overdue", "plan-jenna-hoito-ja-kasvatus"),
        ("no-treating-physician", "cli-pekka-jarvinen"),
        ("no-contact-person", "cli-eetu-virtanen"),
        ("duplicated-role", "cli-pekka-jarvinen"),
        ("overlapping-services", "cli-pekka-jarvinen"),
        # once per work goal against the pension goal
        ("conflicting-plan-goals", "cli-pekka-jarvinen"),
        ("conflicting-plan-goals", "cli-pekka-jarvinen"),
        ("service-not-in-plan", "cli-eetu-virtanen"),
        ("handoff-missing", "tr-aune-kotiutus"),
        ("transition-without-receiver", "tr-jenna-aikuisten-psykiatria"),
        ("transition-without-receiver", "tr-jenna-jalkihuolto"),
        ("handoff-without-consent", "ho-jenna-nuorisopsykiatriaan"),
        ("step-without-handoff", "step-ln-2"),
        ("worker-churn", "cli-jenna-makinen"),
        ("client-not-participating", "plan-jenna-asiakassuunnitelma"),
        ("no-goal-feedback", "plan-eetu-vasu-2026"),
        # 90-gap-cases.json
        ("caseload-over-threshold", "pro-gap-kuormitettu"),
        ("transition-without-receiver", "ep-gap-nuori-huhtikuu-psykiatria"),
    ]
)


@pytest.fixture
async def demo(db: Database) -> Database:
    for path in sorted(DEMO.glob("*.json")):
        await load_file(db, path)
    return db


async def test_the_demo_yields_exactly_its_designed_findings(demo: Database) -> None:
    findings = await find_gaps(demo, as_of=REFERENCE)
    assert sorted((f.rule_id, f.subject_id) for f in findings) == DESIGNED
    # every client of the demo lives in Järvimaa: its scan finds the same
    assert await find_gaps(demo, region="reg-jarvimaa", as_of=REFERENCE) == findings

    conflicts = [f for f in findings if f.rule_id == "conflicting-plan-goals"]
    plan_pairs = {
        frozenset(e["id"] for e in f.evidence if e.get("label") == "Plan") for f in conflicts
    }
    assert plan_pairs == {
        frozenset({"plan-pekka-tyollistyminen", "plan-pekka-sote"}),
        frozenset({"plan-pekka-tyoterveys", "plan-pekka-sote"}),
    }
    (uncovered,) = [f for f in findings if f.rule_id == "service-not-in-plan"]
    assert {e["id"] for e in uncovered.evidence if e.get("label") == "Episode"} == {
        "ep-eetu-vertaistuki"
    }

    eetu = await find_gaps(demo, clients=["cli-eetu-virtanen"], as_of=REFERENCE)
    assert eetu == [f for f in findings if f.client_id == "cli-eetu-virtanen"]
    assert {f.rule_id for f in eetu} == {
        "no-coordinator",
        "episode-without-responsible",
        "plan-without-owner",
        "no-contact-person",
        "service-not-in-plan",
        "no-goal-feedback",
    }


async def test_liisa_lacked_a_coordinator_last_year_and_has_one_now(demo: Database) -> None:
    last_year = await find_gaps(
        demo,
        clients=["cli-liisa-hamalainen"],
        rules=["no-coordinator"],
        as_of=dt.date(2025, 11, 22),
    )
    today = await find_gaps(
        demo, clients=["cli-liisa-hamalainen"], rules=["no-coordinator"], as_of=REFERENCE
    )
    assert [f.subject_id for f in last_year] == ["cli-liisa-hamalainen"]
    assert today == []
