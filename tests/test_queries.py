from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc import queries
from graphsvc.errors import ConfigError


def test_every_catalogue_file_loads_and_declares_exactly_the_parameters_it_uses() -> None:
    catalogue = queries.load()
    files = sorted(queries.cypher_root().rglob("*.cypher"))
    assert files, "the catalogue has no files"
    assert {Path(q.source) for q in catalogue} == set(files)
    for query in catalogue:
        assert query.params == queries.used_params(query.text), query.qualified_name


def test_areas_follow_folders_and_names_are_looked_up(tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "a.cypher").write_text(
        "// name: by-id\n// One person.\n// params: id\nMATCH (p:Person {id: $id}) RETURN p\n"
        "\n// name: all\n// params:\nMATCH (p:Person) RETURN p\n"
    )
    catalogue = queries.load(tmp_path)
    query = catalogue("people", "by-id")
    assert query.params == {"id"}
    assert query.doc == "One person."
    assert query.text == "MATCH (p:Person {id: $id}) RETURN p"
    assert [q.name for q in catalogue.area("people")] == ["by-id", "all"]


def test_parameters_inside_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "q.cypher").write_text(
        "// name: q\n// params: a\nRETURN $a, '$b' AS s, \"$c\" AS t // $d\n"
    )
    assert queries.load(tmp_path)("x", "q").params == {"a"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("// name: q\n// params:\nRETURN $x\n", "uses undeclared $x"),
        ("// name: q\n// params: x, y\nRETURN $x\n", "declares unused y"),
        ("// name: q\nRETURN 1\n", "no '// params:' line"),
        ("// name: q\n// params:\n", "has no body"),
        ("RETURN 1\n", "before the first '// name:' header"),
        ("// name: q\n// params:\nRETURN 1\n// name: q\n// params:\nRETURN 2\n", "used twice"),
    ],
    ids=[
        "a parameter used but not declared is refused",
        "a parameter declared but not used is refused",
        "a query without a params line is refused",
        "a header without a query is refused",
        "Cypher outside any header is refused",
        "a name used twice in one area is refused",
    ],
)
def test_loading_fails_on_a_bad_file(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.cypher").write_text(text)
    with pytest.raises(ConfigError, match=message.replace("$", r"\$")) as error:
        queries.load(tmp_path)
    assert "bad.cypher" in str(error.value)
