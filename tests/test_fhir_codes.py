"""graphsvc ids as FHIR ids and back (docs/fhir.md, "Ids")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from graphsvc.fhir.codes import fhir_id, graphsvc_id
from graphsvc.fhir.from_fhir import Entry, parse
from graphsvc.fhir.to_fhir import Resources
from graphsvc.generate import GenerateParams, write

FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("cli-eetu-virtanen", "cli-eetu-virtanen"),
        ("g7-o-area_specialist", "g7-o-area.5fspecialist"),
        ("a.b", "a.2eb"),
        ("ä", ".c3.a4"),
    ],
    ids=[
        "a plain id stays",
        "an underscore is escaped",
        "a dot is escaped",
        "a letter ä is escaped",
    ],
)
def test_an_id_becomes_a_valid_fhir_id_and_comes_back(ours: str, theirs: str) -> None:
    assert fhir_id(ours) == theirs
    assert FHIR_ID.fullmatch(theirs)
    assert graphsvc_id(theirs) == ours


def test_a_generated_region_maps_to_fhir_and_back_to_the_same_records(tmp_path: Path) -> None:
    path = tmp_path / "region.jsonl"
    write(GenerateParams(clients=60, seed=3, batch_clients=1000), path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records = [line for line in lines if "type" in line]
    resources = list(Resources(records))
    assert all(FHIR_ID.fullmatch(resource["id"]) for resource in resources)
    entries = [Entry("region", f"entry {n}", r) for n, r in enumerate(resources)]
    mapped = parse(entries)
    assert mapped.problems == []

    def canonical(items: list[dict[str, Any]]) -> list[str]:
        return sorted(json.dumps(item, sort_keys=True) for item in items)

    assert canonical(mapped.records) == canonical(records)
