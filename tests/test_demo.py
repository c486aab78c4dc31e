"""The demo region loads idempotently and holds the four cases of the domain brief."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest

from graphsvc import vocab
from graphsvc.database import Database
from graphsvc.demo import REFERENCE_DATE, demo_files, load_demo

pytestmark = pytest.mark.anyio


async def network(db: Database, client: str, as_of: dt.date = REFERENCE_DATE) -> dict[str, Any]:
    rows = await db.read("testing", "demo-client-network", client=client, as_of=as_of)
    assert rows, f"{client} is not in the demo"
    return rows[0]


def roles(row: dict[str, Any]) -> list[str]:
    return sorted(r["role"] for r in row["roles"] if r["role"] is not None)


def test_the_demo_has_one_file_per_case() -> None:
    names = [path.name for path in demo_files()]
    for case in (
        "00-region.json",
        "10-family-special-needs.json",
        "20-matias.json",
        "30-youth-turning-18.json",
        "40-working-age.json",
        "50-well-coordinated.json",
    ):
        assert case in names


async def test_loading_the_demo_twice_changes_no_counts(db: Database) -> None:
    first = await load_demo(db)
    counts = (await db.read("admin", "count-graph"))[0]
    second = await load_demo(db)
    assert (await db.read("admin", "count-graph"))[0] == counts
    assert first.nodes_added == counts["nodes"] > 300
    assert second.nodes_added == 0 and second.relationships_added == 0
    assert second.total == first.total


@pytest.fixture
async def demo(db: Database) -> Database:
    await load_demo(db)
    return db


async def test_the_special_needs_family_has_seven_services_and_nobody_coordinating(
    demo: Database,
) -> None:
    eetu = await network(demo, "cli-eetu-virtanen")
    assert len(eetu["services"]) == 7
    assert len(eetu["organisations"]) == 6
    assert not set(roles(eetu)) & set(vocab.COORDINATING_ROLES)
    assert vocab.Role.CONTACT_PERSON not in roles(eetu)
    for member in ("cli-sanna-virtanen", "cli-mikko-virtanen", "cli-aada-virtanen"):
        assert roles(await network(demo, member)) == []


async def test_matias_moved_from_school_to_work_with_every_handoff_accepted(
    demo: Database,
) -> None:
    in_2015 = await network(demo, "cli-matias-leinonen", dt.date(2015, 3, 1))
    assert vocab.Role.WORK_ABILITY_COORDINATOR in roles(in_2015)
    assert len(in_2015["organisations"]) >= 3
    today = await network(demo, "cli-matias-leinonen")
    assert today["services"] == ["svc-tth-sairaanhoito"]
    kinds = {t["kind"]: t for t in today["transitions"]}
    assert set(kinds) == {"school_to_secondary", "work_trial_to_work_or_study"}
    for transition in today["transitions"]:
        assert transition["to_episode"] is not None
        assert transition["handoffs"] == ["completed"]


async def test_the_youth_in_care_turns_18_soon_with_nobody_receiving(demo: Database) -> None:
    jenna = await network(demo, "cli-jenna-makinen")
    birth = jenna["birth_date"].to_native()
    eighteen = birth.replace(year=birth.year + 18)
    assert dt.timedelta(0) < eighteen - REFERENCE_DATE <= dt.timedelta(days=90)
    assert {"svc-nuorisopsykiatria", "svc-sijaishuolto"} <= set(jenna["services"])
    by_kind = {t["kind"]: t for t in jenna["transitions"]}
    assert set(by_kind) == {"child_to_adult_services", "child_welfare_to_aftercare"}
    for transition in by_kind.values():
        assert transition["to_episode"] is None
        assert transition["handoffs"] == []
        assert transition["due_date"].to_native() == eighteen


async def test_the_working_age_client_has_four_plans_that_pull_apart(demo: Database) -> None:
    pekka = await network(demo, "cli-pekka-jarvinen")
    assert len(pekka["organisations"]) == 4
    plans = pekka["plans"]
    assert len(plans) == 4
    assert vocab.PlanKind.SHARED_PLAN not in {p["kind"] for p in plans}
    directions = {d for p in plans for d in p["directions"]}
    assert any(pair <= directions for pair in vocab.CONFLICTING_DIRECTIONS)


async def test_the_well_coordinated_clients_have_coordinators_and_contact_persons(
    demo: Database,
) -> None:
    for client in ("cli-liisa-hamalainen", "cli-ville-koskinen", "cli-aune-lehtonen"):
        row = await network(demo, client)
        assert len(row["organisations"]) >= 2
        assert set(roles(row)) & set(vocab.COORDINATING_ROLES), client
        assert vocab.Role.CONTACT_PERSON in roles(row), client


async def test_liisa_had_no_coordinator_a_year_before_the_reference_date(demo: Database) -> None:
    last_year = await network(demo, "cli-liisa-hamalainen", dt.date(2025, 11, 22))
    assert len(last_year["organisations"]) == 2
    assert not set(roles(last_year)) & set(vocab.COORDINATING_ROLES)


def test_graphsvc_demo_load_only_loads_and_exits(cli_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graphsvc", "demo", "--load-only"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "client" in done.stdout and "wrote" in done.stdout
