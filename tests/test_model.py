"""The record specs in graphsvc/model.py against the contract in docs/model.md and the Cypher."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from graphsvc.model import LOAD_ORDER, SCOPES, SPECS, Kind
from graphsvc.queries import catalogue

DOC = (REPO / "docs" / "model.md").read_text(encoding="utf-8")


def doc_rows() -> dict[str, str]:
    """The fields column of each row of the records table, by record type."""
    rows = {}
    for line in DOC.splitlines():
        found = re.match(r"\| `(\w+)` \| (.*?) \| .* \|$", line)
        if found:
            rows[found.group(1)] = found.group(2)
    return rows


def doc_diagram() -> set[tuple[str, str, str]]:
    """(from label, relationship type, to label) of every arrow in the Mermaid diagram."""
    arrows = set()
    for line in DOC.splitlines():
        found = re.match(r'\s+(\w+) -- "?(\w+)[^>]*--> (.+)$', line)
        if found:
            for target in found.group(3).split("&"):
                arrows.add((found.group(1), found.group(2), target.strip()))
    return arrows


def test_the_specs_cover_exactly_the_record_types_of_the_documented_table() -> None:
    assert set(doc_rows()) == set(SPECS)


@pytest.mark.parametrize("kind", list(SPECS), ids=[f"every {k} field is documented" for k in SPECS])
def test_every_field_of_a_spec_is_in_the_documented_row_with_the_same_optionality(
    kind: str,
) -> None:
    row = doc_rows()[kind]
    for field in SPECS[kind].fields:
        assert f"`{field.name}" in row, field.name
        documented_optional = f"`{field.name}?`" in row
        # responsibility scopes are "exactly one of", lists default to empty
        implied = kind == "responsibility" and field.name in SCOPES
        if not implied and field.kind is not Kind.REFS:
            assert documented_optional == (not field.required), field.name


def test_every_reference_points_to_a_type_loaded_earlier() -> None:
    for position, kind in enumerate(LOAD_ORDER):
        for field in SPECS[kind].references:
            assert field.target is not None
            earlier = LOAD_ORDER.index(field.target) < position
            assert earlier or (kind, field.name) == ("organisation", "part_of"), (kind, field.name)


def test_every_coded_field_names_its_vocabulary() -> None:
    coded = [f for spec in SPECS.values() for f in spec.fields if f.kind is Kind.CODE]
    assert coded and all(f.vocab is not None for f in coded)


@pytest.mark.parametrize(
    "kind", list(SPECS), ids=[f"every {k} has its load and export queries" for k in SPECS]
)
def test_every_record_type_has_its_queries(kind: str) -> None:
    queries = catalogue()
    names = [("load", kind), ("load", f"{kind}-new")]
    names += [("export", kind), ("export", f"{kind}-by-id")]
    for area, name in names:
        assert queries(area, name).area == area


def test_the_existence_check_takes_the_ids_of_every_record_type() -> None:
    assert catalogue()("load", "existing").params == set(SPECS)


def test_every_label_has_a_uniqueness_constraint_on_id() -> None:
    schema = " ".join(q.text for q in catalogue().area("schema"))
    for spec in SPECS.values():
        assert f"FOR (n:{spec.label}) REQUIRE n.id IS UNIQUE" in schema, spec.label


def test_the_relationships_the_loader_creates_are_those_of_the_documented_diagram() -> None:
    created = set()
    for spec in SPECS.values():
        names = [f"{spec.type}-new"] + (
            ["organisation-part-of"] if spec.type == "organisation" else []
        )
        for name in names:
            text = catalogue()("load", name).text
            pattern = r"MATCH \(x:(\w+) \{id: [^}]*\}\) CREATE \((\w)\)-\[:(\w+)[^\]]*\]->\((\w)\)"
            for target, start, kind, end in re.findall(pattern, text):
                labels = {"n": spec.label, "x": target}
                created.add((labels[start], kind, labels[end]))
    assert created == doc_diagram()


def test_a_fresh_load_and_a_reload_create_the_same_relationships() -> None:
    for kind in SPECS:
        new, stored = (catalogue()("load", name).text for name in (f"{kind}-new", kind))
        creates = [line for line in new.splitlines() if line.startswith("CALL (n, row)")]
        assert creates == [line for line in stored.splitlines() if line.startswith("CALL (n, row)")]
