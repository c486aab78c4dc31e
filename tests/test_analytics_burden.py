"""Coordination burden index on hand-built families."""

from __future__ import annotations

import datetime as dt

import pytest

from graphsvc.analytics import Options, Pseudonyms, run_analysis
from graphsvc.analytics.burden import burden, points
from graphsvc.analytics.report import SUPPRESSED
from graphsvc.database import Database
from graphsvc.importing import load_records
from graphsvc.settings import DEV_PSEUDONYM_KEY
from tests.analytics_records import (
    AS_OF,
    Record,
    client,
    episode,
    org,
    professional,
    region,
    responsibility,
    service,
)

pytestmark = pytest.mark.anyio


def plan(id: str, client: str, services: list[str]) -> Record:
    return {
        "type": "plan",
        "id": id,
        "client": client,
        "kind": "client_plan",
        "participants": [],
        "services": services,
        "mode": "group_meeting",
        "client_participated": True,
        "valid_from": "2026-01-01",
    }


def hand_built() -> list[Record]:
    records = [
        region(),
        org("SA", kind="service_area"),
        org("A", part_of="SA"),
        org("B", part_of="SA"),
        org("C", kind="municipality"),
        service("s1", "physiotherapy", "A"),
        service("s2", "speech_therapy", "A"),
        service("s3", "child_psychiatry", "B"),
        service("s4", "family_work", "C"),
        professional("w1", "A"),
        professional("w2", "B"),
        {"type": "family", "id": "F1", "name": "Perhe"},
    ]
    # F1: the child has s1, s2, s3 and a responsible worker; the parent has s4, uncovered.
    # S = 4, O = 3, P = 1, U = 1: burden 3 + 2 + 0 + 2 = 7.
    records += [
        client("child", "2015-01-01", family="F1", family_role="child"),
        client("parent", "1985-01-01", family="F1", family_role="parent"),
        episode("e1", "child", "s1", "2026-01-01"),
        episode("e2", "child", "s2", "2026-01-01"),
        episode("e3", "child", "s3", "2026-01-01"),
        episode("e4", "parent", "s4", "2026-01-01"),
        responsibility("rw", "w1", "responsible_worker", client="child"),
    ]
    # G0..G4: one service from one organisation, one own worker, a plan covering it: 0.
    for n in range(5):
        records += [
            client(f"g{n}", "1970-01-01"),
            episode(f"g{n}-e", f"g{n}", "s1", "2026-01-01"),
            responsibility(f"g{n}-r", "w1", "own_worker", episode=f"g{n}-e"),
            plan(f"g{n}-p", f"g{n}", ["s1"]),
        ]
    # H: s1 (planned) and s3 (not), two own workers, no coordinator: 1 + 1 + 0.5 + 2 = 4.5.
    records += [
        client("h", "1960-01-01"),
        episode("h1", "h", "s1", "2026-01-01"),
        episode("h3", "h", "s3", "2026-01-01"),
        responsibility("h-r1", "w1", "own_worker", episode="h1"),
        responsibility("h-r3", "w2", "own_worker", episode="h3"),
        plan("h-p", "h", ["s1"]),
    ]
    # No service on the day (one a year before): left out.
    records += [client("x", "1960-01-01"), episode("x1", "x", "s1", "2025-01-01", "2025-12-31")]
    return records


def test_formula() -> None:
    assert burden(services=1, organisations=1, professionals=1, uncovered=0) == 0
    assert burden(services=4, organisations=3, professionals=1, uncovered=1) == 7
    assert burden(services=2, organisations=2, professionals=2, uncovered=1) == 4.5


async def test_distribution_areas_and_trend_by_hand(db: Database) -> None:
    await load_records(db, hand_built())
    report = await run_analysis(
        db, "coordination-burden", Options("r1", AS_OF), Pseudonyms(DEV_PSEUDONYM_KEY)
    )
    assert {r["burden"]: r["families"] for r in report.table("distribution").records()} == {
        "0": 5,
        "0.5-2": 0,
        "2.5-5": SUPPRESSED,
        "5.5-10": SUPPRESSED,
        ">10": 0,
    }
    areas = {r["service_area"]: r for r in report.table("by_service_area").records()}
    # Values 7, 0, 0, 0, 0, 0, 4.5: median 0, p90 (7th of 7) 7, mean 11.5 / 7.
    assert areas["Org SA"] == {
        "service_area": "Org SA",
        "families": 7,
        "median": 0.0,
        "p90": 7.0,
        "mean": round(11.5 / 7, 3),
    }
    assert areas["Org C"]["families"] == SUPPRESSED and areas["Org C"]["mean"] == SUPPRESSED
    trend = report.table("over_time").records()
    assert [t["date"] for t in trend] == ["2025-11-22", "2026-11-22"]
    # A year before, only x (one service, no worker, no plan: burden 2) had a service.
    assert trend[0]["families"] == SUPPRESSED and trend[0]["median"] == SUPPRESSED
    assert trend[1]["families"] == 7 and trend[1]["p90"] == 7.0


@pytest.mark.parametrize(
    ("as_of", "period", "expected"),
    [
        ("2026-11-22", None, ["2025-11-22", "2026-11-22"]),
        ("2024-02-29", None, ["2023-02-28", "2024-02-29"]),
        (
            "2026-11-22",
            ("2026-01-31", "2026-11-22"),
            ["2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31", "2026-11-22"],
        ),
    ],
    ids=["a year ago and now", "a leap day a year on", "every three months to the end"],
)
def test_trend_points(as_of: str, period: tuple[str, str] | None, expected: list[str]) -> None:
    day = dt.date.fromisoformat
    span = None if period is None else (day(period[0]), day(period[1]))
    assert [str(p) for p in points(Options("r1", day(as_of), span), 3)] == expected
