"""My work over GraphQL on the demo region, as of its date 2026-11-22.

Expected values are read by hand from ``graphsvc/data/demo/`` and the designed
findings in its README: Pirjo Seppälä (home care) is Aune's and Liisa's own
worker, and Aune's discharge handoff to home care waits with no receiver
named; Tommi Heino is Jenna's own worker in foster care and owns her care and
upbringing plan, whose review (2026-10-31) is overdue.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from graphsvc.database import Database
from graphsvc.settings import Settings
from tests.api_client import Api, serve_app
from tests.live_server import load_fresh_demo

pytestmark = pytest.mark.anyio

AS_OF = "2026-11-22"
MY_WORK = """query($p: ID!, $asOf: Date, $days: Int) {
  myWork(professional: $p, asOf: $asOf, reviewWithinDays: $days) {
    professional { name }
    clients { client { id name } worstSeverity gaps { rule severity title(lang: EN) } }
    incomingHandoffs { id status requested client { name } }
    plansDueForReview { id kind reviewDate }
  }
}"""


@pytest.fixture(scope="module")
def demo_loaded(neo4j_settings: Settings) -> Settings:
    load_fresh_demo(neo4j_settings)
    return neo4j_settings


@pytest.fixture
async def api(demo_loaded: Settings) -> AsyncIterator[Api]:
    db = Database(demo_loaded)
    try:
        async with serve_app(db) as api:
            yield api
    finally:
        await db.close()


async def my_work(api: Api, professional: str, days: int | None = None) -> dict[str, Any]:
    variables: dict[str, Any] = {"p": professional, "asOf": AS_OF}
    if days is not None:
        variables["days"] = days
    data = await api.data(MY_WORK, **variables)
    work: dict[str, Any] = data["myWork"]
    return work


async def test_home_care_nurse_sees_the_discharge_waiting_for_her_unit(api: Api) -> None:
    work = await my_work(api, "pro-pirjo-seppala")
    assert work["professional"] == {"name": "Pirjo Seppälä"}
    # Liisa (well coordinated) has no gaps; Aune's discharge handoff is only requested
    assert work["clients"] == [
        {
            "client": {"id": "cli-aune-lehtonen", "name": "Aune Lehtonen"},
            "worstSeverity": "HIGH",
            "gaps": [
                {
                    "rule": "handoff-missing",
                    "severity": "HIGH",
                    "title": work["clients"][0]["gaps"][0]["title"],
                }
            ],
        }
    ]
    assert work["clients"][0]["gaps"][0]["title"]
    assert work["incomingHandoffs"] == [
        {
            "id": "ho-aune-kotiutus",
            "status": "REQUESTED",
            "requested": "2026-11-10",
            "client": {"name": "Aune Lehtonen"},
        }
    ]
    # she owns no plan and holds no responsibility for one (Liisa's she only takes part in)
    assert work["plansDueForReview"] == []
    assert (await my_work(api, "pro-pirjo-seppala", days=365))["plansDueForReview"] == []


async def test_foster_care_worker_sees_jennas_gaps_worst_first_and_the_overdue_review(
    api: Api,
) -> None:
    work = await my_work(api, "pro-tommi-heino")
    assert [c["client"]["id"] for c in work["clients"]] == ["cli-jenna-makinen"]
    jenna = work["clients"][0]
    assert jenna["worstSeverity"] == "HIGH"
    # the README's designed findings for Jenna: turning 18 twice, the handoff without
    # consent, the overdue review, worker churn and the plan made without her
    assert sorted(g["rule"] for g in jenna["gaps"]) == sorted(
        [
            "transition-without-receiver",
            "transition-without-receiver",
            "handoff-without-consent",
            "plan-review-overdue",
            "worker-churn",
            "client-not-participating",
        ]
    )
    assert [g["severity"] for g in jenna["gaps"]] == [
        "HIGH",
        "HIGH",
        "HIGH",
        "MEDIUM",
        "MEDIUM",
        "LOW",
    ]
    assert work["incomingHandoffs"] == []
    assert work["plansDueForReview"] == [
        {
            "id": "plan-jenna-hoito-ja-kasvatus",
            "kind": "CARE_AND_UPBRINGING_PLAN",
            "reviewDate": "2026-10-31",
        }
    ]


async def test_plans_due_follow_the_window(api: Api) -> None:
    """Kaisa Lindholm owns Eetu's ECE plan, reviewed on 2027-05-31 (190 days on)."""
    assert (await my_work(api, "pro-kaisa-lindholm"))["plansDueForReview"] == []
    assert (await my_work(api, "pro-kaisa-lindholm", days=189))["plansDueForReview"] == []
    due = (await my_work(api, "pro-kaisa-lindholm", days=190))["plansDueForReview"]
    assert [p["id"] for p in due] == ["plan-eetu-vasu-2026"]
    eetu = (await my_work(api, "pro-kaisa-lindholm"))["clients"]
    assert [c["client"]["id"] for c in eetu] == ["cli-eetu-virtanen"]
    assert eetu[0]["worstSeverity"] == "HIGH"
    assert eetu[0]["gaps"][0]["severity"] == "HIGH"


async def test_unknown_professional_has_no_work(api: Api) -> None:
    data = await api.data(MY_WORK, p="pro-nobody", asOf=AS_OF)
    assert data["myWork"] is None
