"""Pathway conformance on a hand-built pathway of three steps."""

from __future__ import annotations

import datetime as dt

import pytest

from graphsvc.analytics import Options, Pseudonyms, run_analysis
from graphsvc.analytics.pathways import classify
from graphsvc.analytics.report import SUPPRESSED
from graphsvc.database import Database
from graphsvc.importing import load_records
from graphsvc.settings import DEV_PSEUDONYM_KEY
from tests.analytics_records import AS_OF, Record, client, episode, org, region, service

pytestmark = pytest.mark.anyio


def day(text: str, plus: int = 0) -> str:
    return (dt.date.fromisoformat(text) + dt.timedelta(days=plus)).isoformat()


def hand_built() -> list[Record]:
    records = [
        region(),
        org("o"),
        service("s", "child_neurology", "o"),
        {"type": "pathway", "id": "pw", "name": "Polku", "need": "x", "region": "r1"},
    ]
    records += [
        {"type": "step", "id": f"st{n}", "pathway": "pw", "order": n, "name": f"V{n}"}
        for n in (1, 2, 3)
    ]
    sequences: list[list[tuple[int, str, str | None]]] = []
    for k in range(5):  # completed; waits 1->2 of 10..14 days, 2->3 of 30
        second = day("2026-01-31", 10 + k)
        sequences.append(
            [
                (1, "2026-01-01", "2026-01-31"),
                (2, second, "2026-03-31"),
                (3, "2026-04-30", "2026-06-30"),
            ]
        )
    sequences.append([(1, "2026-01-01", "2026-01-31"), (2, "2026-02-05", None)])  # in progress
    sequences += [[(1, "2026-01-01", "2026-03-01")]] * 2  # dropped out
    sequences.append([(1, "2026-01-01", "2026-01-31"), (3, "2026-03-01", None)])  # skipped 2
    sequences.append([(2, "2026-01-01", "2026-01-31"), (1, "2026-02-10", None)])  # reordered
    sequences.append([(2, "2026-01-01", None)])  # started at 2: skipped 1
    sequences.append([(1, "2026-12-01", None)])  # starts after the day: not counted
    for n, sequence in enumerate(sequences):
        records.append(client(f"c{n}", "2000-01-01"))
        for m, (step, start, end) in enumerate(sequence):
            records.append(episode(f"e{n}-{m}", f"c{n}", "s", start, end, step=f"st{step}"))
    return records


async def test_outcomes_share_following_and_waits_by_hand(db: Database) -> None:
    await load_records(db, hand_built())
    report = await run_analysis(
        db, "pathway-conformance", Options("r1", AS_OF), Pseudonyms(DEV_PSEUDONYM_KEY)
    )
    assert report.table("conformance").records() == [
        {
            "pathway": "Polku",
            "steps": 3,
            "clients": 11,
            "completed": 5,
            "in_progress": SUPPRESSED,
            "dropped_out": SUPPRESSED,
            "skipped": SUPPRESSED,
            "reordered": SUPPRESSED,
            "following": 6,
            "share_following": round(6 / 11, 3),
        }
    ]
    waits = {(w["from_step"], w["to_step"]): w for w in report.table("waits").records()}
    # 1 -> 2: 10, 11, 12, 13, 14 and 5 (in progress): median 11.5, p90 (6th of 6) 14.
    assert waits[1, 2]["clients"] == 6
    assert (waits[1, 2]["median_days"], waits[1, 2]["p90_days"]) == (11.5, 14.0)
    assert (waits[2, 3]["clients"], waits[2, 3]["median_days"]) == (5, 30.0)


@pytest.mark.parametrize(
    ("orders", "last_open", "outcome"),
    [
        ([1, 2, 3], False, "completed"),
        ([1, 1, 2], True, "in_progress"),
        ([1, 2], False, "dropped_out"),
        ([1, 3], True, "skipped"),
        ([2, 3], True, "skipped"),
        ([1, 3, 2], True, "reordered"),
    ],
    ids=[
        "all steps in order",
        "a repeated step is one",
        "ended below the last step",
        "a missing middle step",
        "a missing first step",
        "a step before a lower one",
    ],
)
def test_classify_a_sequence(orders: list[int], last_open: bool, outcome: str) -> None:
    assert classify(orders, [1, 2, 3], last_open) == outcome
