"""The Cypher catalogue: every query graphsvc runs, loaded from ``cypher/``.

A file ``cypher/<area>/<file>.cypher`` holds one or more queries, each under a
header of ``//`` comment lines::

    // name: client-by-id
    // One client by external id, with its family.
    // params: id, as_of
    MATCH (c:Client {id: $id}) ...

``name`` is unique within its area, ``params`` lists every ``$parameter`` the
body uses (``params:`` with nothing after it means none), and the other header
lines document the query. Loading fails when a name repeats or when the
declared parameters differ from those used, so a mistake surfaces at start-up,
not at the first request. Labels and relationship types cannot be parameters
in Cypher, so they stay literal in these files; values never do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graphsvc.errors import ConfigError

_HEADER = re.compile(r"^//\s*(name|params):\s*(.*?)\s*$")
_STRING_OR_COMMENT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Query:
    area: str
    name: str
    doc: str
    params: frozenset[str]
    text: str
    source: str

    @property
    def qualified_name(self) -> str:
        return f"{self.area}/{self.name}"


class Catalogue:
    """Queries by area and name, in file order within an area."""

    def __init__(self, queries: list[Query]):
        self._by_area: dict[str, dict[str, Query]] = {}
        for query in queries:
            area = self._by_area.setdefault(query.area, {})
            if query.name in area:
                raise ConfigError(
                    f"{query.source}: query name {query.qualified_name!r} is used twice "
                    f"(also in {area[query.name].source})"
                )
            area[query.name] = query

    def __call__(self, area: str, name: str) -> Query:
        try:
            return self._by_area[area][name]
        except KeyError:
            raise ConfigError(f"no Cypher query {area}/{name} in the catalogue") from None

    def area(self, area: str) -> list[Query]:
        return list(self._by_area.get(area, {}).values())

    def areas(self) -> list[str]:
        return sorted(self._by_area)

    def __iter__(self) -> Iterator[Query]:
        for area in self.areas():
            yield from self._by_area[area].values()

    def __len__(self) -> int:
        return sum(len(a) for a in self._by_area.values())


@dataclass
class _Draft:
    name: str
    params: list[str] | None = None
    doc: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def parse_file(path: Path, area: str) -> list[Query]:
    """Split one ``.cypher`` file into its queries and check each header."""
    drafts: list[_Draft] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        header = _HEADER.match(stripped)
        if header and header.group(1) == "name":
            drafts.append(_Draft(header.group(2)))
        elif not drafts:
            if stripped and not stripped.startswith("//"):
                raise ConfigError(f"{path}: Cypher before the first '// name:' header")
        elif header and not drafts[-1].body:
            drafts[-1].params = [p.strip() for p in header.group(2).split(",") if p.strip()]
        elif stripped.startswith("//") and not drafts[-1].body:
            drafts[-1].doc.append(stripped[2:].strip())
        else:
            drafts[-1].body.append(line)
    return [_finish(draft, path, area) for draft in drafts]


def _finish(draft: _Draft, path: Path, area: str) -> Query:
    where = f"{path}: query {area}/{draft.name}"
    body = "\n".join(draft.body).strip()
    if not body:
        raise ConfigError(f"{where} has no body")
    if draft.params is None:
        raise ConfigError(f"{where} has no '// params:' line", hint="write '// params:' for none")
    declared = frozenset(draft.params)
    used = used_params(body)
    problems = []
    if used - declared:
        problems.append("uses undeclared " + ", ".join("$" + p for p in sorted(used - declared)))
    if declared - used:
        problems.append("declares unused " + ", ".join(sorted(declared - used)))
    if problems:
        raise ConfigError(f"{where} {'; '.join(problems)}")
    return Query(area, draft.name, "\n".join(draft.doc), declared, body, str(path))


def used_params(body: str) -> frozenset[str]:
    return frozenset(_PARAM.findall(_STRING_OR_COMMENT.sub(" ", body)))


def cypher_root() -> Path:
    """``cypher/`` beside the package in a checkout, or the copy inside a wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "cypher", here / "_cypher"):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"the Cypher catalogue is missing (looked in {here.parent / 'cypher'})")


def load(root: Path | None = None) -> Catalogue:
    root = cypher_root() if root is None else root
    queries: list[Query] = []
    for path in sorted(root.rglob("*.cypher")):
        area = path.parent.relative_to(root).as_posix()
        queries.extend(parse_file(path, area))
    return Catalogue(queries)


@cache
def catalogue() -> Catalogue:
    """The catalogue of this installation, loaded and checked once."""
    return load()
