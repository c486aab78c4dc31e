"""FHIR R4 import and export against the real database (docs/fhir.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_dump import dump

from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.fhir.exchange import export_fhir, import_files

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    "bundle", [False, True], ids=["as Bulk Data NDJSON", "as a collection Bundle"]
)
async def test_the_demo_region_through_fhir_into_an_empty_database_is_the_same_graph(
    db: Database, tmp_path: Path, bundle: bool
) -> None:
    await load_demo(db)
    original = await dump(db)
    report = await export_fhir(db, tmp_path, region="reg-jarvimaa", bundle=bundle)
    await db.run_auto_commit("admin", "delete-everything")
    files = sorted(tmp_path.glob("*.ndjson")) if not bundle else [tmp_path / "bundle.json"]
    await import_files(db, files)
    assert await dump(db) == original
    assert report.resources["Patient"] == sum(1 for key in original[0] if key[0] == "Client")
