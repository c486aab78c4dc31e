"""Writing the graph back out in the exchange format (``docs/model.md``).

Records come out in :data:`~graphsvc.model.LOAD_ORDER`, by id within a type
and organisations parents first, so every reference points backwards. A
``.jsonl`` export declares a batch every :data:`BATCH_RECORDS` records, which
the importer then loads in bounded memory; a ``.json`` export is one document.
Loading an export into an empty database reproduces the graph.

A whole-graph export streams type by type in pages. A region export collects
the ids of what belongs to the region (``cypher/export/region.cypher``) and
then, until nothing is missing, whatever those records reference elsewhere,
so the file loads on its own; it holds the region's records in memory.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from neo4j.time import Date

from graphsvc.database import Database
from graphsvc.errors import BadInput, NotFound
from graphsvc.model import (
    BATCH_RECORDS,
    FORMAT,
    LOAD_ORDER,
    SPECS,
    Kind,
    Record,
    parents_first,
)

PAGE = 5000


@dataclass(frozen=True)
class ExportReport:
    path: Path
    records: Mapping[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        total = sum(self.records.values())
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.records.items()) or "no records"
        return f"{self.path}: exported {total} records ({kinds})"


def to_record(kind: str, row: Mapping[str, Any]) -> Record:
    """A query row (node properties and references) as a record of the exchange format."""
    spec = SPECS[kind]
    props = row["props"]
    record: Record = {"type": kind, "id": props["id"]}
    for f in spec.fields:
        value = row.get(f.name) if f.is_reference or not f.on_node else props.get(f.name)
        if isinstance(value, Date):
            value = value.iso_format()
        if f.kind is Kind.REFS:
            value = sorted(value or [])
        if f.kind is Kind.SETTINGS and isinstance(value, str):
            value = json.loads(value)
        if value is not None and value != []:
            record[f.name] = value
    return record


async def export(db: Database, path: Path, *, region: str | None = None) -> ExportReport:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl"):
        raise BadInput(f"{path}: expected a .json or .jsonl file name", field="output")
    records = _all(db) if region is None else _region(db, region)
    counts: dict[str, int] = {}
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as stream:
            writer = _JsonLines(stream) if suffix == ".jsonl" else _JsonDocument(stream)
            async for record in records:
                writer.write(record)
                counts[record["type"]] = counts.get(record["type"], 0) + 1
            writer.close()
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return ExportReport(path, counts)


def records(db: Database, *, region: str | None = None) -> AsyncIterator[Record]:
    """The records an export writes, in its order (for other formats, such as FHIR)."""
    return _all(db) if region is None else _region(db, region)


async def _all(db: Database) -> AsyncIterator[Record]:
    for kind in LOAD_ORDER:
        if kind == "organisation":
            organisations = [r async for r in _pages(db, kind)]
            for record in parents_first(organisations):
                yield record
            continue
        async for record in _pages(db, kind):
            yield record


async def _pages(db: Database, kind: str) -> AsyncIterator[Record]:
    after = ""
    while True:
        rows = await db.read("export", kind, after=after, limit=PAGE)
        for row in rows:
            yield to_record(kind, row)
        if len(rows) < PAGE:
            return
        after = rows[-1]["props"]["id"]


async def _region(db: Database, region: str) -> AsyncIterator[Record]:
    members = await db.read("export", "region-members", region=region)
    if not members:
        raise NotFound(f"no region with id {region!r}", field="region")
    wanted: dict[str, set[str]] = {kind: set(members[0][kind]) for kind in LOAD_ORDER}
    fetched: dict[str, dict[str, Record]] = {kind: {} for kind in LOAD_ORDER}
    while any(wanted.values()):
        for kind in LOAD_ORDER:
            ids = sorted(wanted[kind] - fetched[kind].keys())
            wanted[kind] = set()
            for start in range(0, len(ids), PAGE):
                rows = await db.read("export", f"{kind}-by-id", ids=ids[start : start + PAGE])
                for row in rows:
                    record = to_record(kind, row)
                    fetched[kind][record["id"]] = record
                    for target, ident in references(record):
                        if ident not in fetched[target]:
                            wanted[target].add(ident)
    for kind in LOAD_ORDER:
        chosen = [fetched[kind][ident] for ident in sorted(fetched[kind])]
        for record in parents_first(chosen) if kind == "organisation" else chosen:
            yield record


def references(record: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for f in SPECS[record["type"]].references:
        assert f.target is not None
        value = record.get(f.name)
        for ident in value if isinstance(value, list) else [] if value is None else [value]:
            yield f.target, ident


class _JsonLines:
    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.written = 0
        self.batch = 0
        stream.write(json.dumps({"format": FORMAT}) + "\n")

    def write(self, record: Record) -> None:
        if self.written % BATCH_RECORDS == 0:
            self.batch += 1
            self.stream.write(json.dumps({"batch": f"{self.batch}"}) + "\n")
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.written += 1

    def close(self) -> None:
        pass


class _JsonDocument:
    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.first = True
        stream.write(f'{{"format": "{FORMAT}", "records": [\n')

    def write(self, record: Record) -> None:
        self.stream.write(
            ("  " if self.first else ",\n  ") + json.dumps(record, ensure_ascii=False)
        )
        self.first = False

    def close(self) -> None:
        self.stream.write("\n]}\n")
