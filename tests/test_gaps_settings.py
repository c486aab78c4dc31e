"""Settings kept in the graph: a region stores its gap rule parameters, the
importer checks them, and the engine, GraphQL and the maps use them; a call's
``parameters`` still override them for a what-if run.

The case throughout: Ville, 17, in youth psychiatry, turns 18 on 2027-03-01,
99 days after the as-of date. Where youth psychiatry ends at 18 (the default)
that is an approaching transition with no receiver; in a region whose youth
psychiatry runs to 22 it is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from graphsvc.auth.roles import Role
from graphsvc.database import Database
from graphsvc.errors import BadInput, ImportFailed
from graphsvc.exporter import to_record
from graphsvc.gaps import find_gaps
from graphsvc.gaps.engine import store_settings, stored_settings
from graphsvc.importing import load_records
from tests.api_client import Api, serve_app

pytestmark = pytest.mark.anyio

AS_OF = dt.date(2026, 11, 22)
RULE = "transition-without-receiver"


def records(settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    region: dict[str, Any] = {"type": "region", "id": "r1", "name": "Pohjoinen"}
    if settings is not None:
        region["settings"] = settings
    return [
        region,
        {"type": "region", "id": "r2", "name": "Etelä"},
        *(
            {"type": "organisation", "id": f"h{r}", "name": "Sairaala", "kind": "hospital",
             "region": r}
            for r in ("r1", "r2")
        ),
        *(
            {"type": "service", "id": f"yp{r}", "name": "Nuorisopsykiatria",
             "kind": "youth_psychiatry", "level": "special", "sector": "health",
             "provider": f"h{r}"}
            for r in ("r1", "r2")
        ),
        *(
            {"type": "client", "id": name, "name": name.title(), "birth_date": "2009-03-01",
             "region": r}
            for name, r in (("ville", "r1"), ("sami", "r2"))
        ),
        *(
            {"type": "episode", "id": f"e-{name}", "client": name, "service": f"yp{r}",
             "start": "2025-01-01", "status": "active"}
            for name, r in (("ville", "r1"), ("sami", "r2"))
        ),
    ]  # fmt: skip


async def subjects(db: Database, **scope: Any) -> set[str]:
    return {f.subject_id for f in await find_gaps(db, rules=[RULE], as_of=AS_OF, **scope)}


async def test_a_region_storing_youth_psychiatry_to_22_has_no_transition_at_18(
    db: Database,
) -> None:
    await load_records(db, records({"youth_psychiatry_upper_age": 22}), source="test")
    assert await subjects(db, clients=["ville", "sami"]) == {"e-sami"}
    assert await subjects(db, region="r1") == set()
    assert await subjects(db, region="r2") == {"e-sami"}
    assert await subjects(db) == {"e-sami"}  # the whole database: each region its own


async def test_clients_asked_for_one_at_a_time_each_get_their_own_regions_settings(
    db: Database,
) -> None:
    # A client's gaps run with the settings the last client's region stored, checked in
    # the same query: alternating between the regions must never carry one over.
    await load_records(db, records({"youth_psychiatry_upper_age": 22}), source="test")
    for client, expected in [("sami", {"e-sami"}), ("ville", set()), ("sami", {"e-sami"})] * 2:
        assert await subjects(db, clients=[client]) == expected, client
    await store_settings(db, "r1", {})
    assert await subjects(db, clients=["ville"]) == {"e-ville"}  # now to 18 like r2


async def test_a_parameter_given_with_the_call_overrides_the_stored_setting(
    db: Database,
) -> None:
    await load_records(db, records({"youth_psychiatry_upper_age": 22}), source="test")
    found = await subjects(db, clients=["ville"], parameters={"youth_psychiatry_upper_age": 18})
    assert found == {"e-ville"}


async def test_settings_are_stored_replaced_and_removed(db: Database) -> None:
    await load_records(db, records(), source="test")
    assert await stored_settings(db, "r1") == {}
    assert await subjects(db, region="r1") == {"e-ville"}
    await store_settings(db, "r1", {"youth_psychiatry_upper_age": 22})
    assert await stored_settings(db, "r1") == {"youth_psychiatry_upper_age": 22}
    assert await subjects(db, region="r1") == set()
    await store_settings(db, "r1", {})
    assert await subjects(db, region="r1") == {"e-ville"}


async def test_bad_settings_are_refused_naming_the_record_and_field(db: Database) -> None:
    with pytest.raises(ImportFailed) as error:
        await load_records(db, records({"youth_psychiatry_age": 22}), source="regions.json")
    (problem,) = error.value.problems
    assert "region r1" in problem and "settings" in problem
    assert "youth_psychiatry_age" in problem and "youth_psychiatry_upper_age" in problem
    with pytest.raises(ImportFailed) as error:
        await load_records(db, records({"horizon_days": "soon"}), source="regions.json")
    assert "horizon_days" in error.value.problems[0]
    await load_records(db, records(), source="test")
    with pytest.raises(BadInput):
        await store_settings(db, "r1", {"caseload_threshold": -1})
    assert await stored_settings(db, "r1") == {}  # nothing written


async def test_stored_settings_survive_export_and_import(db: Database) -> None:
    settings = {"caseload_threshold_by_profession": {"sosiaalityöntekijä": 25}}
    await load_records(db, records(settings), source="test")
    (row,) = await db.read("export", "region-by-id", ids=["r1"])
    assert to_record("region", row)["settings"] == settings


# --- through GraphQL and the maps -------------------------------------------------------

CLIENT_GAPS = """
query($id: ID!, $asOf: Date) { client(id: $id) { gaps(asOf: $asOf) { rule subjectId } } }
"""
UPDATE = """
mutation($region: ID!, $settings: JSON!) {
  updateRegionGapSettings(region: $region, settings: $settings) {
    region stored settings { name value default stored }
  }
}
"""
READ = """
query($region: ID!) { regionGapSettings(region: $region) { stored
  settings { name value default stored } } }
"""


@pytest.fixture
async def api(db: Database) -> AsyncIterator[Api]:
    await load_records(db, records(), source="test")
    async with serve_app(db) as served:
        yield served


async def test_a_setting_updated_through_graphql_changes_the_client_gaps(api: Api) -> None:
    before = await api.data(CLIENT_GAPS, id="ville", asOf="2026-11-22")
    assert {g["rule"] for g in before["client"]["gaps"]} >= {RULE}

    changed = await api.data(UPDATE, region="r1", settings={"youth_psychiatry_upper_age": 22})
    answer = changed["updateRegionGapSettings"]
    assert answer["stored"] == {"youth_psychiatry_upper_age": 22}
    (age,) = [s for s in answer["settings"] if s["name"] == "youth_psychiatry_upper_age"]
    assert age == {"name": "youth_psychiatry_upper_age", "value": 22, "default": 18, "stored": True}

    after = await api.data(CLIENT_GAPS, id="ville", asOf="2026-11-22")
    assert RULE not in {g["rule"] for g in after["client"]["gaps"]}
    read = await api.data(READ, region="r1")
    assert read["regionGapSettings"]["stored"] == {"youth_psychiatry_upper_age": 22}
    other = await api.data(CLIENT_GAPS, id="sami", asOf="2026-11-22")
    assert RULE in {g["rule"] for g in other["client"]["gaps"]}


async def test_a_bad_setting_through_graphql_is_bad_input_and_changes_nothing(api: Api) -> None:
    error = await api.error(UPDATE, region="r1", settings={"youth_psychiatry_upper_age": "22"})
    assert error["extensions"]["code"] == "BAD_INPUT"
    read = await api.data(READ, region="r1")
    assert read["regionGapSettings"]["stored"] == {}
    missing = await api.error(UPDATE, region="r9", settings={})
    assert missing["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PLANNER])
async def test_only_an_admin_changes_a_regions_settings(db: Database, role: Role) -> None:
    await load_records(db, records(), source="test")
    worker = "pr-1" if role is Role.COORDINATOR else None  # a coordinator is a professional
    async with serve_app(db, role=role, professional=worker) as api:
        refused = await api.error(UPDATE, region="r1", settings={"youth_psychiatry_upper_age": 22})
    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert await stored_settings(db, "r1") == {}


async def test_the_client_map_draws_the_gaps_of_the_stored_settings(db: Database) -> None:
    await load_records(db, records(), source="test")
    params = {"lang": "en", "as_of": "2026-11-22"}
    async with serve_app(db) as api:
        before = await api.http.get("/maps/clients/ville", params=params)
        await store_settings(db, "r1", {"youth_psychiatry_upper_age": 22})
        after = await api.http.get("/maps/clients/ville", params=params)
    title = "Approaching transition with no receiving owner"
    assert title in before.text
    assert title not in after.text
