"""Bottlenecks on a hand-built region: betweenness on the projection, caseloads."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from graphsvc.analytics import Options, Pseudonyms, run_analysis
from graphsvc.analytics.report import SUPPRESSED
from graphsvc.database import Database
from graphsvc.importing import load_records
from graphsvc.settings import DEV_PSEUDONYM_KEY
from tests.analytics_records import (
    AS_OF,
    Record,
    client,
    org,
    professional,
    region,
    responsibility,
)

pytestmark = pytest.mark.anyio


def pseudonym(id: str) -> str:
    digest = hmac.new(DEV_PSEUDONYM_KEY.encode(), f"Professional:{id}".encode(), hashlib.sha256)
    return "P-" + digest.hexdigest()[:16]


def hand_built() -> list[Record]:
    records = [
        region(),
        org("U1"),
        org("U2"),
        org("U3"),
        professional("h", "U1"),
        *(professional(f"p{n}", "U1") for n in range(1, 5)),
        professional("q1", "U2", "sairaanhoitaja"),
        professional("q2", "U2", "sairaanhoitaja"),
        professional("r1", "U3", "psykologi"),
        *(client(f"c{n}", "1990-01-01") for n in range(1, 10)),
        {"type": "pathway", "id": "pw", "name": "Polku", "need": "x", "region": "r1"},
        {
            "type": "step",
            "id": "st",
            "pathway": "pw",
            "order": 1,
            "name": "Vaihe",
            "organisation": "U3",
        },
    ]
    # h is responsible for c1..c8; p1..p4 share c1, c2, c5, c6 with h, q1 and q2 share c3, c4;
    # q1 and r1 share c9. The professionals' projection: a star round h plus q1 - r1.
    held = [("h", f"c{n}") for n in range(1, 9)] + [
        ("p1", "c1"),
        ("p2", "c2"),
        ("p3", "c5"),
        ("p4", "c6"),
        ("q1", "c3"),
        ("q2", "c4"),
        ("q1", "c9"),
        ("r1", "c9"),
    ]
    records += [responsibility(f"r-{p}-{c}", p, "own_worker", client=c) for p, c in held]
    records += [
        responsibility("r-h-st", "h", "step_owner", step="st"),
        responsibility("r-old", "p1", "own_worker", client="c7", valid_to="2026-02-01"),
    ]
    return records


async def test_betweenness_caseloads_and_steps_by_hand(db: Database) -> None:
    await load_records(db, hand_built())
    options = Options("r1", AS_OF, params={"threshold": 5})
    report = await run_analysis(db, "bottlenecks", options, Pseudonyms(DEV_PSEUDONYM_KEY))
    people = report.table("professionals").records()
    # h lies between every pair of the other seven but q1 - r1: 21 - 1 = 20 pairs;
    # q1 lies between r1 and each of the other six.
    assert people[0] == {
        "professional": pseudonym("h"),
        "profession": "sosiaalityöntekijä",
        "unit": "Org U1",
        "clients": 8,
        "steps": 1,
        "betweenness": 20.0,
    }
    assert people[1]["professional"] == pseudonym("q1")
    assert people[1]["betweenness"] == 6.0 and people[1]["clients"] == SUPPRESSED
    assert all(p["betweenness"] == 0.0 for p in people[2:])
    assert len(people) == 8
    units = {u["unit"]: u for u in report.table("units").records()}
    # Units: U1 - U2 (c3, c4) and U2 - U3 (c9): U2 lies between U1 and U3.
    assert units["Org U2"]["betweenness"] == 1.0
    assert units["Org U1"] == {
        "unit": "Org U1",
        "professionals": 5,
        "clients": 8,
        "steps": 0,
        "betweenness": 0.0,
    }
    assert units["Org U3"]["steps"] == 1 and units["Org U3"]["clients"] == SUPPRESSED
    caseloads = {c["profession"]: c for c in report.table("caseloads").records()}
    # sosiaalityöntekijä: 8, 1, 1, 1, 1 (p1's c7 ended) -> median 1, p90 8, one over 5.
    assert caseloads["sosiaalityöntekijä"] == {
        "profession": "sosiaalityöntekijä",
        "professionals": 5,
        "median_caseload": 1.0,
        "p90_caseload": 8.0,
        "over_threshold": SUPPRESSED,
        "share_over": SUPPRESSED,
    }
    assert caseloads["sairaanhoitaja"]["professionals"] == SUPPRESSED
    assert caseloads["sairaanhoitaja"]["median_caseload"] == SUPPRESSED


async def test_sampled_betweenness_above_the_exact_limit_still_finds_the_hub(db: Database) -> None:
    await load_records(db, hand_built())
    options = Options("r1", AS_OF, params={"exact_limit": 3, "samples": 8})
    report = await run_analysis(db, "bottlenecks", options, Pseudonyms(DEV_PSEUDONYM_KEY))
    assert report.table("professionals").records()[0]["professional"] == pseudonym("h")
    assert any("estimated" in note for note in report.notes)
