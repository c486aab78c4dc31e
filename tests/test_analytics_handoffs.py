"""Handoff flows on a hand-built region: states, time to acceptance, broken pairs."""

from __future__ import annotations

import datetime as dt

import pytest

from graphsvc.analytics import Options, Pseudonyms, run_analysis
from graphsvc.analytics.report import SUPPRESSED
from graphsvc.database import Database
from graphsvc.importing import load_records
from graphsvc.settings import DEV_PSEUDONYM_KEY
from tests.analytics_records import AS_OF, Record, client, org, region

pytestmark = pytest.mark.anyio
PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def handoff(
    n: int,
    source: str,
    target: str,
    status: str,
    requested: str,
    decided: str | None = None,
    completed: str | None = None,
) -> Record:
    record: Record = {
        "type": "handoff",
        "id": f"h{n}",
        "client": "c",
        "from_org": source,
        "to_org": target,
        "status": status,
        "requested": requested,
    }
    if decided:
        record["decided"] = decided
    if completed:
        record["completed"] = completed
    return record


def hand_built() -> list[Record]:
    records = [region(), org("A"), org("B"), org("C"), client("c", "2010-01-01")]
    flows = [
        # A -> B: three completed after 2, 10 and 20 days, two accepted after 4 and 8, one rejected.
        ("A", "B", "completed", "2026-02-01", "2026-02-03", "2026-03-01"),
        ("A", "B", "completed", "2026-02-01", "2026-02-11", "2026-03-01"),
        ("A", "B", "completed", "2026-02-01", "2026-02-21", "2026-03-01"),
        ("A", "B", "accepted", "2026-03-01", "2026-03-05", None),
        ("A", "B", "accepted", "2026-03-01", "2026-03-09", None),
        ("A", "B", "rejected", "2026-04-01", "2026-04-02", None),
        # A -> C: five rejected; one undecided for 29 days on 30 June (stale), one for 5 days.
        *[("A", "C", "rejected", "2026-05-01", "2026-05-02", None)] * 5,
        ("A", "C", "requested", "2026-06-01", None, None),
        ("A", "C", "requested", "2026-06-25", None, None),
        # B -> C: accepted after 30 days.
        ("B", "C", "accepted", "2026-05-01", "2026-05-31", None),
        # Requested before the period: not counted.
        ("A", "C", "rejected", "2025-12-31", "2026-01-02", None),
    ]
    return records + [handoff(n, *flow) for n, flow in enumerate(flows)]


async def test_states_times_and_the_pairs_where_handoffs_break(db: Database) -> None:
    await load_records(db, hand_built())
    options = Options("r1", AS_OF, period=PERIOD)
    report = await run_analysis(db, "handoff-flows", options, Pseudonyms(DEV_PSEUDONYM_KEY))
    states = {row["state"]: row["handoffs"] for row in report.table("states").records()}
    # requested 1, accepted 3, completed 3, stale 1: all under five.
    assert states == {
        "requested": SUPPRESSED,
        "accepted": SUPPRESSED,
        "rejected": 6,
        "completed": SUPPRESSED,
        "stale": SUPPRESSED,
    }
    # Waits of the six accepted or completed: 2, 4, 8, 10, 20, 30 days.
    assert report.table("time_to_acceptance").records() == [
        {"accepted": 6, "median_days": 9.0, "p90_days": 30.0}
    ]
    pairs = report.table("pairs").records()
    assert [(p["from_org"], p["to_org"]) for p in pairs] == [
        ("Org A", "Org C"),
        ("Org A", "Org B"),
        ("Org B", "Org C"),
    ]
    assert pairs[0] == {
        "from_org": "Org A",
        "to_org": "Org C",
        "handoffs": 7,
        "accepted": 0,
        "broken": 6,
        "broken_share": round(6 / 7, 3),
        "median_days_to_acceptance": None,
    }
    assert pairs[1]["handoffs"] == 6 and pairs[1]["accepted"] == 5
    assert pairs[1]["broken"] == SUPPRESSED and pairs[1]["broken_share"] == SUPPRESSED
    assert pairs[1]["median_days_to_acceptance"] == 8.0
    assert pairs[2]["handoffs"] == SUPPRESSED
    assert pairs[2]["median_days_to_acceptance"] == SUPPRESSED


async def test_a_shorter_stale_limit_makes_the_open_request_stale(db: Database) -> None:
    await load_records(db, hand_built())
    options = Options("r1", AS_OF, period=PERIOD, params={"stale_days": 4})
    report = await run_analysis(db, "handoff-flows", options, Pseudonyms(DEV_PSEUDONYM_KEY))
    states = {row["state"]: row["handoffs"] for row in report.table("states").records()}
    assert states["requested"] == 0
