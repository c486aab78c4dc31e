"""HAPI FHIR's validator (from Maven Central) finds no error in what graphsvc exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fhir_examples import ETELA

from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.fhir import hapi
from graphsvc.fhir.exchange import export_fhir
from graphsvc.fhir.from_fhir import MAPPED
from graphsvc.importing import load_records

pytestmark = pytest.mark.anyio


async def test_hapi_finds_no_error_in_any_exported_resource_type(
    db: Database, tmp_path: Path
) -> None:
    await load_demo(db)
    await load_records(db, ETELA)  # region settings, a family-scoped CareTeam, contact flags
    await export_fhir(db, tmp_path / "export")
    exported = sorted((tmp_path / "export").glob("*.ndjson"))
    assert {path.stem for path in exported} == set(MAPPED)
    # A resource missing Task.status, which R4 requires, shows the validator is awake.
    broken = tmp_path / "broken.ndjson"
    broken.write_text(
        json.dumps({"resourceType": "Task", "id": "t-1", "intent": "order"}) + "\n",
        encoding="utf-8",
    )
    messages = hapi.validate([*exported, broken])
    errors = [str(m) for m in messages if m.is_error]
    assert [e for e in errors if "broken.ndjson" not in e] == []
    assert any("broken.ndjson:1" in e and "Task.status" in e for e in errors), errors
