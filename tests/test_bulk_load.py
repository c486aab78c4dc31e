"""``graphsvc load --bulk``: the offline importer fills an empty local database with
the same graph a transactional load makes, and refuses a database holding data."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from graphsvc import devdb
from graphsvc.bulk import bulk_load
from graphsvc.database import Database
from graphsvc.demo import demo_files, load_demo
from graphsvc.errors import ConfigError, Conflict, ImportFailed
from graphsvc.importing import load_file
from graphsvc.settings import Settings
from tests.conftest import free_port
from tests.graph_dump import dump

pytestmark = pytest.mark.anyio


@pytest.fixture
def own_devdb(neo4j_settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    """A local database of its own (the bulk load stops and restarts it)."""
    local = replace(neo4j_settings.devdb, home=tmp_path / "bulk-db", port=free_port())
    settings = replace(neo4j_settings, neo4j_uri=None, devdb=local)
    yield settings
    devdb.stop(local)


@pytest.fixture
async def own_db(own_devdb: Settings) -> AsyncIterator[Database]:
    devdb.start(own_devdb.devdb)
    database = Database(own_devdb)
    try:
        yield database
    finally:
        await database.close()


async def test_a_bulk_load_of_the_demo_is_the_graph_a_transactional_load_makes(
    db: Database, own_devdb: Settings, own_db: Database
) -> None:
    await load_demo(db)
    transactional = await dump(db)
    report = await bulk_load(own_devdb, demo_files())
    assert await dump(own_db) == transactional
    assert report.relationships == len(transactional[1])
    constraints = await own_db.read("testing", "dump-nodes")
    assert constraints  # the database answers after the restart


REGION_WITH_SETTINGS = {
    "format": "graphsvc/1",
    "records": [
        {
            "type": "region",
            "id": "reg-etela",
            "name": "Etelä",
            # a nested object, a quote, a comma and a non-ASCII key: CSV must carry them intact
            "settings": {
                "youth_psychiatry_upper_age": 22,
                "horizon_days_by_kind": {"daycare_to_school": 240},
                "caseload_threshold_by_profession": {"sosiaalityöntekijä": 25},
            },
        },
        {"type": "region", "id": "reg-pohjoinen", "name": 'Pohjoinen "P", Lappi'},
        {
            "type": "client",
            "id": "cli-1",
            "name": "Aino",
            "birth_date": "2015-04-01",
            "region": "reg-etela",
        },
    ],
}


async def test_a_region_with_stored_gap_settings_bulk_loads_into_the_same_graph(
    db: Database, own_devdb: Settings, tmp_path: Path
) -> None:
    region = tmp_path / "region.json"
    region.write_text(json.dumps(REGION_WITH_SETTINGS, ensure_ascii=False), encoding="utf-8")
    await load_file(db, region)
    transactional = await dump(db)
    # into a database never started (no store yet): the bulk load starts it at the end
    await bulk_load(own_devdb, [region])
    devdb.start(own_devdb.devdb)
    own_db = Database(own_devdb)
    try:
        bulk = await dump(own_db)
    finally:
        await own_db.close()
    assert bulk == transactional
    stored = bulk[0][("Region", "reg-etela")]["settings"]
    assert json.loads(stored) == REGION_WITH_SETTINGS["records"][0]["settings"]  # type: ignore[index]
    assert bulk[0][("Region", "reg-pohjoinen")]["name"] == 'Pohjoinen "P", Lappi'


async def test_bulk_load_refuses_a_database_that_is_not_empty(
    own_devdb: Settings, own_db: Database
) -> None:
    await load_demo(own_db)
    before = await dump(own_db)
    with pytest.raises(Conflict, match="is not empty"):
        await bulk_load(own_devdb, demo_files())
    assert await dump(own_db) == before


async def test_bulk_load_refuses_a_remote_database(neo4j_settings: Settings) -> None:
    remote = replace(neo4j_settings, neo4j_uri="neo4j+s://example.databases.neo4j.io")
    with pytest.raises(ConfigError, match="NEO4J_URI names a server"):
        await bulk_load(remote, demo_files())


async def test_bulk_load_validates_first_and_loads_nothing_from_bad_files(
    own_devdb: Settings, own_db: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "graphsvc/1", "records": [{"type": "client", "id": "c-1", "name": "A",'
        ' "birth_date": "2024-13-01", "region": "r-nowhere"}]}',
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failure:
        await bulk_load(own_devdb, [bad])
    assert any("field birth_date" in p for p in failure.value.problems)
    assert any("r-nowhere" in p for p in failure.value.problems) or len(failure.value.problems) == 1
    assert (await dump(own_db)) == ({}, [])


def test_a_bulk_load_cannot_be_resumed() -> None:
    # a bulk load writes into an empty database: nothing of it can have been committed
    done = subprocess.run(
        [sys.executable, "-m", "graphsvc", "load", "--bulk", "--resume", "region.jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "--resume: not allowed with argument --bulk" in done.stderr
