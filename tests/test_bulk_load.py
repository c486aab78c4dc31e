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

from graphsvc import bulk, devdb, exporter
from graphsvc.bulk import bulk_load
from graphsvc.database import Database
from graphsvc.demo import demo_files, load_demo
from graphsvc.errors import ConfigError, Conflict, ImportFailed
from graphsvc.importing import load_file
from graphsvc.importing.reading import batch_spans, read_jsonl
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


async def test_a_bulk_load_checked_in_two_processes_is_the_graph_a_transactional_load_makes(
    db: Database,
    own_devdb: Settings,
    own_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await load_demo(db)
    transactional = await dump(db)
    monkeypatch.setattr(exporter, "BATCH_RECORDS", 40)  # the demo in many batches
    monkeypatch.setattr(bulk, "PARALLEL_MIN_BYTES", 0)
    region = tmp_path / "demo.jsonl"
    await exporter.export(db, region)
    report = await bulk_load(own_devdb, [region], processes=2)
    assert report.processes == 2
    assert await dump(own_db) == transactional


def _jsonl(path: Path, lines: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


ORG = {"type": "organisation", "id": "o-1", "name": "Org", "kind": "unit", "region": "r-1"}
PATHWAY = {"type": "pathway", "id": "pw", "name": "Polku", "need": "x", "region": "r-1"}


def _step(ident: str, order: int) -> dict[str, object]:
    return {
        "type": "step",
        "id": ident,
        "name": "Vaihe",
        "pathway": "pw",
        "order": order,
        "organisation": "o-1",
    }


# Two batches of about the same size, so two processes take one each; what is wrong
# lies between them, where neither process sees it alone. Lines: 1 format, 2 batch one,
# 3-6 its records, 7 batch two, 8-9 its records.
ACROSS_PARTS = {
    "a reference to a record of a later batch": (
        [{"type": "region", "id": "r-1", "name": "Yksi"}, {**ORG, "region": "r-2"}, PATHWAY],
        [{"type": "region", "id": "r-2", "name": "Kaksi"}, {**ORG, "id": "o-2"}],
        "one",
        'line 4 (organisation o-1): field region: no region with id "r-2" in this file',
    ),
    "an id taken again": (
        [{"type": "region", "id": "r-1", "name": "Yksi"}, ORG, PATHWAY, _step("st-1", 1)],
        [{"type": "region", "id": "r-1", "name": "Kaksi"}, {**ORG, "id": "o-2"}],
        "two",
        "line 8 (region r-1): field id: 'r-1' is also the id of a region in an earlier batch",
    ),
    "a step order taken again": (
        [{"type": "region", "id": "r-1", "name": "Yksi"}, ORG, PATHWAY, _step("st-1", 1)],
        [{**ORG, "id": "o-2"}, _step("st-2", 1)],
        "two",
        'line 9 (step st-2): field order: 1 is also the order of step st-1 in pathway "pw"',
    ),
}


@pytest.mark.parametrize(
    "first, second, batch, expected", ACROSS_PARTS.values(), ids=list(ACROSS_PARTS)
)
async def test_a_problem_between_two_processes_is_named_as_one_process_names_it(
    own_devdb: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: list[dict[str, object]],
    second: list[dict[str, object]],
    batch: str,
    expected: str,
) -> None:
    monkeypatch.setattr(bulk, "PARALLEL_MIN_BYTES", 0)
    path = _jsonl(
        tmp_path / "region.jsonl",
        [{"format": "graphsvc/1"}, {"batch": "one"}, *first, {"batch": "two"}, *second],
    )
    with pytest.raises(ImportFailed) as failure:
        await bulk_load(own_devdb, [path], processes=2)
    assert str(failure.value).startswith(f"batch '{batch}' of {path}: 1 problem; nothing was")
    [problem] = failure.value.problems
    assert problem.startswith(f"{path} {expected}")
    assert not (own_devdb.devdb.home / "data" / "databases").exists()


def test_a_file_cut_for_several_processes_is_cut_at_batch_lines_and_keeps_its_line_numbers(
    tmp_path: Path,
) -> None:
    unnamed = {"type": "region", "name": ""}  # each batch holds one bad record
    path = _jsonl(
        tmp_path / "regions.jsonl",
        [
            {"format": "graphsvc/1"},
            {"batch": "a"},
            {**unnamed, "id": "r-1"},
            {"batch": "b"},
            {**unnamed, "id": "r-2"},
            {"batch": "c"},
            {**unnamed, "id": "r-3"},
        ],
    )
    spans = batch_spans(path, 3)
    assert [span.first_line for span in spans] == [1, 4, 6]
    assert spans[0].start == 0 and spans[-1].end == path.stat().st_size
    read = [list(read_jsonl(path, "regions.jsonl", span=span)) for span in spans]
    assert [[batch.name for batch in batches] for batches in read] == [["a"], ["b"], ["c"]]
    assert [batches[0].problems[0].position for batches in read] == ["line 3", "line 5", "line 7"]


def _graphsvc(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "graphsvc", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_a_bulk_load_cannot_be_resumed() -> None:
    # a bulk load writes into an empty database: nothing of it can have been committed
    done = _graphsvc("load", "--bulk", "--resume", "region.jsonl")
    assert done.returncode == 2
    assert "--resume: not allowed with argument --bulk" in done.stderr


def test_processes_are_refused_for_a_transactional_load() -> None:
    # load writes batch after batch into a live database; only --bulk checks in parts
    done = _graphsvc("load", "--processes", "2", "region.jsonl")
    assert done.returncode == 65  # EX_DATAERR, as for any bad input
    assert "--processes applies to load --bulk only" in done.stderr
