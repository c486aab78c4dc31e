from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from graph_dump import dump, nodes
from model_records import Records, world

from graphsvc.database import Database
from graphsvc.errors import NotFound
from graphsvc.exporter import BATCH_RECORDS, export, parents_first
from graphsvc.importing import load_file, load_records

pytestmark = pytest.mark.anyio


def other_region() -> Records:
    """A second region's client who uses a service of the south and has a north-only plan."""
    return [
        {
            "type": "organisation",
            "id": "o-north-unit",
            "name": "Pohjoisen yksikkö",
            "kind": "unit",
            "region": "r-north",
            "part_of": "o-kela",
        },
        {
            "type": "client",
            "id": "c-north",
            "name": "Pekka Pohjola",
            "birth_date": "1990-01-01",
            "region": "r-north",
        },
        {
            "type": "episode",
            "id": "e-north",
            "client": "c-north",
            "service": "s-physio",
            "start": "2024-01-01",
            "status": "active",
        },
        {
            "type": "pathway",
            "id": "pw-north",
            "name": "Pohjoinen polku",
            "need": "mielenterveys",
            "region": "r-north",
        },
    ]


@pytest.mark.parametrize("suffix", [".json", ".jsonl"], ids=["as a JSON document", "as JSON Lines"])
async def test_export_then_load_into_an_empty_database_reproduces_the_graph(
    db: Database, tmp_path: Path, suffix: str
) -> None:
    await load_records(db, [*world(), *other_region()])
    original = await dump(db)
    path = tmp_path / f"export{suffix}"
    report = await export(db, path)
    assert sum(report.records.values()) == 30
    await db.run_auto_commit("admin", "delete-everything")
    await load_file(db, path)
    assert await dump(db) == original


async def test_a_jsonl_export_declares_batches_that_load_one_after_another(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graphsvc.exporter.BATCH_RECORDS", 4)
    await load_records(db, [*world(), *other_region()])
    original = await dump(db)
    path = tmp_path / "export.jsonl"
    await export(db, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {"format": "graphsvc/1"}
    assert sum(1 for line in lines if "batch" in line) == 8  # 30 records, 4 per batch
    await db.run_auto_commit("admin", "delete-everything")
    report = await load_file(db, path)
    assert report.batches == 8
    assert await dump(db) == original
    assert BATCH_RECORDS > 4


async def test_a_region_export_holds_the_region_and_what_it_references_and_loads_alone(
    db: Database, tmp_path: Path
) -> None:
    await load_records(db, [*world(), *other_region()])
    path = tmp_path / "north.json"
    await export(db, path, region="r-north")
    records = json.loads(path.read_text(encoding="utf-8"))["records"]
    exported = {(r["type"], r["id"]) for r in records}
    # the north's own records
    assert {
        ("region", "r-north"),
        ("organisation", "o-kela"),
        ("organisation", "o-north-unit"),
        ("professional", "p-ben"),
        ("service", "s-rehab"),
        ("client", "c-north"),
        ("episode", "e-north"),
        ("pathway", "pw-north"),
    } <= exported
    # referenced from the north: the physiotherapy service, its provider and that one's chain
    assert {
        ("service", "s-physio"),
        ("organisation", "o-sote"),
        ("organisation", "o-county"),
        ("region", "r-south"),
    } <= exported
    # the south's clients and everything about them stay out
    assert not {("client", "c-matias"), ("client", "c-liisa"), ("plan", "pl-1")} & exported
    await db.run_auto_commit("admin", "delete-everything")
    await load_file(db, path)
    assert ("Client", "c-north") in await nodes(db)


async def test_a_region_export_of_a_southern_client_includes_their_whole_network(
    db: Database, tmp_path: Path
) -> None:
    await load_records(db, [*world(), *other_region()])
    path = tmp_path / "south.jsonl"
    await export(db, path, region="r-south")
    exported = {
        (r["type"], r["id"])
        for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if "type" in r
    }
    south = {(r["type"], r["id"]) for r in world()}
    assert exported == south  # the north's client, episode, unit and pathway stay out


async def test_exporting_an_unknown_region_fails_and_writes_no_file(
    db: Database, tmp_path: Path
) -> None:
    with pytest.raises(NotFound, match="no region with id 'r-atlantis'"):
        await export(db, tmp_path / "x.json", region="r-atlantis")
    assert list(tmp_path.iterdir()) == []


def test_organisations_are_written_after_the_one_they_are_part_of() -> None:
    def org(ident: str, parent: str | None = None) -> dict[str, Any]:
        return {"type": "organisation", "id": ident, **({"part_of": parent} if parent else {})}

    ordered = parents_first([org("a", "c"), org("b"), org("c", "d"), org("d")])
    assert [o["id"] for o in ordered] == ["d", "c", "a", "b"]
