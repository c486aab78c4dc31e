"""Every reference's relationship is declared once, in the model, and everything
that reads or writes it agrees with the declaration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphsvc.api import types
from graphsvc.api.relations import RELATIONS, SCOPE_HOPS
from graphsvc.model import LABELS, SPECS, Field
from graphsvc.queries import catalogue
from graphsvc.store import Direction

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = [(spec.type, f) for spec in SPECS.values() for f in spec.references]


def _ids(reference: tuple[str, Field]) -> str:
    kind, field = reference
    return f"{kind}.{field.name}"


@pytest.mark.parametrize("reference", REFERENCES, ids=_ids)
def test_the_load_query_creates_the_declared_relationship(reference: tuple[str, Field]) -> None:
    kind, field = reference
    assert field.rel is not None and field.target is not None
    load = "\n".join(q.text for q in catalogue().area("load") if q.name.startswith(kind))
    target = LABELS[field.target]
    rel = field.rel
    arrow = f"CREATE (x)-[:{rel}" if field.incoming else f"CREATE (n)-[:{rel}"
    lines = [line for line in load.splitlines() if f"(x:{target} {{id: " in line and arrow in line]
    assert any(f"row.{field.name}" in line or "ref" in line for line in lines), load


@pytest.mark.parametrize("reference", REFERENCES, ids=_ids)
def test_the_export_query_reads_the_declared_relationship(reference: tuple[str, Field]) -> None:
    kind, field = reference
    assert field.target is not None
    export = "\n".join(q.text for q in catalogue().area("export") if q.name.startswith(kind))
    target = LABELS[field.target]
    rel = field.rel
    if field.incoming:
        assert f"(x:{target})-[:{rel}]->(n)" in export
    else:
        assert f"(n)-[:{rel}]->(x:{target})" in export


@pytest.mark.parametrize("reference", REFERENCES, ids=_ids)
def test_docs_model_draws_the_declared_relationship(reference: tuple[str, Field]) -> None:
    kind, field = reference
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(f"| `{kind}` |"))
    rel = field.rel
    assert field.target is not None
    label, target = LABELS[kind], LABELS[field.target]
    if kind == "handoff" and not field.incoming:
        assert f"`{rel}`" in row  # the row names the handoff's relationships in a list
        return
    if field.incoming:
        assert re.search(rf"\(:{target}\)-\[:{rel}\]->\(:{label}[ )]", row), row
    else:
        assert f"-[:{rel}" in row, row


def test_every_api_relation_is_a_field_of_its_type_and_ends_at_its_target() -> None:
    for (label, name), hop in RELATIONS.items():
        cls = types.TYPES[label]
        definition = cls.__strawberry_definition__
        fields = {f.python_name: f for f in definition.fields}
        assert name in fields, (label, name)
        annotation = str(
            fields[name].type_annotation.annotation if fields[name].type_annotation else ""
        )
        if name not in ("staff", "employments", "members"):
            assert hop.label in annotation or hop.label in repr(fields[name].type), (label, name)


def test_the_api_reads_relations_in_the_direction_the_load_writes_them() -> None:
    # worked out by hand from docs/model.md
    assert RELATIONS[("Client", "episodes")].direction is Direction.OUT
    assert RELATIONS[("Client", "episodes")].type == "HAS_EPISODE"
    assert RELATIONS[("Episode", "client")].direction is Direction.IN
    assert RELATIONS[("Region", "organisations")].direction is Direction.IN
    assert RELATIONS[("Region", "organisations")].label == "Organisation"
    assert RELATIONS[("Organisation", "units")].direction is Direction.IN
    assert RELATIONS[("Organisation", "parent")].direction is Direction.OUT
    assert RELATIONS[("Professional", "responsibilities")].direction is Direction.OUT
    assert RELATIONS[("Responsibility", "professional")].type == "HOLDS"
    assert {h.label for h in SCOPE_HOPS.values()} == {"Client", "Episode", "Plan", "PathwayStep"}
    assert {h.type for h in SCOPE_HOPS.values()} == {"FOR"}
