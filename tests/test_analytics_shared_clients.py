"""Shared clients on a hand-built region, and the seed 002 figure on a generated one."""

from __future__ import annotations

import random

import pytest

from graphsvc.analytics import Options, Pseudonyms, run_analysis
from graphsvc.analytics.report import SUPPRESSED
from graphsvc.database import Database
from graphsvc.errors import BadInput
from graphsvc.importing import load_records
from graphsvc.settings import DEV_PSEUDONYM_KEY
from tests.analytics_records import AS_OF, Record, client, episode, org, region, service

pytestmark = pytest.mark.anyio
PSEUDONYMS = Pseudonyms(DEV_PSEUDONYM_KEY)


def hand_built() -> list[Record]:
    records = [
        region("r1"),
        region("r2"),
        org("ls"),
        org("nupsy"),
        org("other", region="r2"),
        service("sij", "foster_care", "ls"),
        service("psy", "youth_psychiatry", "nupsy"),
    ]
    # Ten placed children aged 10, six of them also in youth psychiatry.
    for n in range(10):
        records += [
            client(f"a{n}", "2016-06-01"),
            episode(f"a{n}-sij", f"a{n}", "sij", "2026-01-01"),
        ]
        if n < 6:
            records.append(episode(f"a{n}-psy", f"a{n}", "psy", "2026-03-01"))
    # Five placed aged 15, two of them in psychiatry; seven aged 15 in psychiatry only.
    for n in range(5):
        records += [
            client(f"b{n}", "2011-05-05"),
            episode(f"b{n}-sij", f"b{n}", "sij", "2026-01-01"),
        ]
        if n < 2:
            records.append(episode(f"b{n}-psy", f"b{n}", "psy", "2026-01-01"))
    for n in range(7):
        records += [
            client(f"c{n}", "2011-05-05"),
            episode(f"c{n}-psy", f"c{n}", "psy", "2025-01-01"),
        ]
    # Turns 13 on the day: placed, in the 13-17 band.
    records += [client("d", "2013-11-22"), episode("d-sij", "d", "sij", "2026-01-01")]
    # Not counted: psychiatry ended before the day, cancelled, or a client of another region.
    records += [
        client("e", "2016-01-01"),
        episode("e-sij", "e", "sij", "2026-01-01"),
        episode("e-psy", "e", "psy", "2025-01-01", "2026-11-21"),
    ]
    records += [
        client("f", "2016-01-01"),
        episode("f-sij", "f", "sij", "2026-01-01"),
        {**episode("f-psy", "f", "psy", "2026-01-01"), "status": "cancelled"},
    ]
    records += [
        client("g", "2016-01-01", region="r2"),
        episode("g-sij", "g", "sij", "2026-01-01"),
        episode("g-psy", "g", "psy", "2026-01-01"),
    ]
    return records


async def test_pairs_by_age_band_count_clients_of_both_and_suppress_small_cells(
    db: Database,
) -> None:
    await load_records(db, hand_built())
    options = Options("r1", AS_OF, params={"kinds": ["foster_care", "youth_psychiatry"]})
    report = await run_analysis(db, "shared-clients", options, PSEUDONYMS)
    rows = {row["band"]: row for row in report.table("pairs").records()}
    # 0-12: the ten aged 10 plus e and f (placed, psychiatry ended / cancelled).
    assert rows["0-12"] == {
        "band": "0-12",
        "side_a": "foster_care",
        "side_b": "youth_psychiatry",
        "clients_a": 12,
        "clients_b": 6,
        "both": 6,
        "share_of_a": 0.5,
        "share_of_b": 1.0,
    }
    # 13-17: five aged 15 and d; psychiatry 2 + 7; both 2, which must not show.
    assert rows["13-17"]["clients_a"] == 6
    assert rows["13-17"]["clients_b"] == 9
    assert rows["13-17"]["both"] == SUPPRESSED
    assert rows["13-17"]["share_of_a"] == SUPPRESSED
    assert rows["13-17"]["share_of_b"] == SUPPRESSED
    assert rows["all"]["clients_a"] == 18 and rows["all"]["both"] == 8
    assert rows["all"]["share_of_a"] == round(8 / 18, 3)
    assert rows["all"]["share_of_b"] == round(8 / 15, 3)
    assert rows["18-29"]["clients_a"] == 0 and rows["18-29"]["share_of_a"] is None


async def test_named_sides_group_kinds_and_bands_are_configurable(db: Database) -> None:
    await load_records(db, hand_built())
    options = Options(
        "r1",
        AS_OF,
        params={
            "sides": {"placed": ["foster_care"], "psychiatry": ["youth_psychiatry", "x"]},
            "bands": [0, 13],
        },
    )
    report = await run_analysis(db, "shared-clients", options, PSEUDONYMS)
    rows = {row["band"]: row for row in report.table("pairs").records()}
    assert set(rows) == {"all", "0-12", "13+"}
    assert (rows["0-12"]["side_a"], rows["0-12"]["side_b"]) == ("placed", "psychiatry")
    assert rows["13+"]["clients_b"] == 9


async def test_bad_bands_are_refused_with_the_parameter_named(db: Database) -> None:
    with pytest.raises(BadInput, match="parameter bands"):
        await run_analysis(
            db, "shared-clients", Options("r1", AS_OF, params={"bands": [13, 0]}), PSEUDONYMS
        )


def seed_002_region(seed: int = 2) -> list[Record]:
    """A region built to have the LAPE theses' shares (seed 002): of placed children,
    35 % of those under 13 and 54 % of those aged 13-17 also in child or youth psychiatry,
    drawn client by client, with other children and services around them."""
    rng = random.Random(seed)
    records = [
        region("r1"),
        org("ls"),
        org("lpsy"),
        org("nupsy"),
        org("neuvola"),
        service("sij", "foster_care", "ls"),
        service("lpsy", "child_psychiatry", "lpsy"),
        service("npsy", "youth_psychiatry", "nupsy"),
        service("neu", "child_health_clinic", "neuvola"),
    ]
    for n in range(1500):
        age = rng.randrange(0, 18)
        born = f"{AS_OF.year - age - 1}-{rng.randrange(1, 13):02d}-15"
        id = f"k{n}"
        records.append(client(id, born))
        placed = rng.random() < 0.4
        if placed:
            records.append(episode(f"{id}-sij", id, "sij", "2026-02-01"))
        true_age = AS_OF.year - int(born[:4]) - (1 if born[5:] > AS_OF.strftime("%m-%d") else 0)
        chance = (0.35 if true_age < 13 else 0.54) if placed else 0.08
        if rng.random() < chance:
            kind = "lpsy" if true_age < 13 else "npsy"
            records.append(episode(f"{id}-psy", id, kind, "2026-03-01"))
        if rng.random() < 0.3:
            records.append(episode(f"{id}-neu", id, "neu", "2026-01-10"))
    return records


async def test_seed_002_shares_reproduced_on_a_region_built_for_them(db: Database) -> None:
    await load_records(db, seed_002_region())
    options = Options(
        "r1",
        AS_OF,
        params={
            "sides": {
                "placed": ["foster_care"],
                "psychiatry": ["child_psychiatry", "youth_psychiatry"],
            },
            "bands": [0, 13, 18],
        },
    )
    report = await run_analysis(db, "shared-clients", options, PSEUDONYMS)
    rows = {row["band"]: row for row in report.table("pairs").records()}
    assert rows["0-12"]["clients_a"] > 300 and rows["13-17"]["clients_a"] > 150
    assert rows["0-12"]["share_of_a"] == pytest.approx(0.35, abs=0.04)
    assert rows["13-17"]["share_of_a"] == pytest.approx(0.54, abs=0.05)
