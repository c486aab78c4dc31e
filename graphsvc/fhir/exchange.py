"""``graphsvc fhir import`` and ``graphsvc fhir export``.

Import reads transaction, batch or collection Bundles (``.json``) and FHIR
Bulk Data NDJSON (``.ndjson``, one resource a line, one file per resource
type). Each Bundle is one unit; all NDJSON files of a command together are
one unit (a bulk ``$export`` is a set). A unit is mapped to graphsvc records
(:mod:`graphsvc.fhir.from_fhir`), its references resolved within the unit and
against the database, and then handed to the importer's ``load_records``,
which validates it again: any problem and nothing of the unit is written.
A Bundle is written in one transaction. An NDJSON set of more records than
``batch_records`` (a region's first load) is written in load order in
transactions of that many, each referring only to what is written before it,
as one transaction cannot hold a whole region. Imports are idempotent by id,
so a set cut off midway is completed by importing it again. Units load in the
order given, so a later Bundle may refer to an earlier one.

Export turns the exporter's records (all, or one region and what it
references) into resources (:mod:`graphsvc.fhir.to_fhir`) and writes one
``TYPE.ndjson`` per resource type, or with ``bundle=True`` one collection
Bundle ``bundle.json``.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphsvc import exporter
from graphsvc.database import Database
from graphsvc.errors import BadInput, ImportFailed
from graphsvc.fhir.codes import BASE, fhir_id
from graphsvc.fhir.from_fhir import Entry, Mapped, Unreadable, parse
from graphsvc.fhir.to_fhir import RESOURCE_TYPES, Resources
from graphsvc.importing import LoadReport, load_records
from graphsvc.importing.problems import Problem
from graphsvc.model import BATCH_RECORDS, LOAD_ORDER


@dataclass(frozen=True)
class FhirImportReport:
    source: str
    resources: int
    load: LoadReport
    seconds: float

    def __str__(self) -> str:
        return f"{self.source}: {self.resources} resources -> {self.load}"


@dataclass
class FhirExportReport:
    target: Path
    resources: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def __str__(self) -> str:
        total = sum(self.resources.values())
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.resources.items()))
        return f"{self.target}: exported {total} resources ({kinds}) in {self.seconds:.1f} s"


def _fail(source: str, message: str, position: str | None = None) -> ImportFailed:
    problem = Problem(source=source, position=position, message=message)
    return ImportFailed(f"{source}: 1 problem; nothing of it was written", [str(problem)])


def read_bundle(path: Path) -> tuple[list[Entry], dict[str, str]]:
    """The entries of a Bundle, and its fullUrls (``urn:uuid:...``) -> ``Type/id``."""
    source = str(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(source, f"cannot be read: {error}") from None
    except json.JSONDecodeError as error:
        raise _fail(source, f"is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("resourceType") != "Bundle":
        raise _fail(source, "expected a FHIR Bundle (resourceType Bundle)")
    kind = document.get("type")
    if kind not in ("transaction", "batch", "collection"):
        raise _fail(source, f"Bundle.type: expected transaction, batch or collection, got {kind!r}")
    entries: list[Entry] = []
    urls: dict[str, str] = {}
    for number, item in enumerate(document.get("entry") or []):
        position = f"entry {number}"
        resource = item.get("resource") if isinstance(item, dict) else None
        if resource is None:
            raise _fail(source, "Bundle.entry.resource: is required", position)
        if isinstance(resource, dict):
            method = (item.get("request") or {}).get("method")
            if kind != "collection" and method not in ("PUT", "POST"):
                raise _fail(
                    source,
                    f"Bundle.entry[{number}].request.method: expected PUT or POST, got {method!r}",
                    position,
                )
            full = item.get("fullUrl")
            if isinstance(full, str) and isinstance(resource.get("id"), str):
                urls[full] = f"{resource.get('resourceType')}/{resource['id']}"
        entries.append(Entry(source, position, resource))
    return entries, urls


@dataclass(frozen=True)
class NdjsonFiles:
    """The lines of NDJSON files as entries, the files read anew each time it is iterated
    (the mapping reads its input twice and keeps none of it)."""

    paths: Sequence[Path]

    def __iter__(self) -> Iterator[Entry]:
        for path in self.paths:
            yield from read_ndjson(path)


def read_ndjson(path: Path) -> Iterator[Entry]:
    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise _fail(source, f"cannot be read: {error}") from None
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                raw: Any = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                raw = Unreadable(str(error))
            yield Entry(source, f"line {number}", raw)


_ABSOLUTE = re.compile(r"^https?://.*/([A-Za-z]+/[A-Za-z0-9\-.]{1,64})(/_history/.*)?$")


def _resolver(urls: dict[str, str]) -> Any:
    def resolve(text: str) -> str:
        if text in urls:
            return urls[text]
        match = _ABSOLUTE.match(text)
        return match.group(1) if match else text

    return resolve


async def _resolve_references(db: Database, mapped: Mapped) -> None:
    declared = {(r["type"], r["id"]) for r in mapped.records}
    if mapped.problems:  # references to resources of the input that have problems resolve
        declared |= {
            (ref.target, ref.ident)
            for ref in mapped.references
            if f"{RESOURCE_TYPES[ref.target]}/{fhir_id(ref.ident)}" in mapped.declared
        }
    wanted: dict[str, set[str]] = defaultdict(set)
    for ref in mapped.references:
        if (ref.target, ref.ident) not in declared:
            wanted[ref.target].add(ref.ident)
    if not wanted:
        return
    ids = {kind: sorted(wanted.get(kind, ())) for kind in LOAD_ORDER}
    stored = {(row["type"], row["id"]) for row in await db.read("load", "existing", **ids)}
    for ref in mapped.references:
        key = (ref.target, ref.ident)
        if key not in declared and key not in stored:
            mapped.problems.append(
                Problem(
                    source=ref.entry.source,
                    position=ref.entry.position,
                    record=ref.name,
                    field=ref.path,
                    message=f"no {ref.target} with id {ref.ident!r} in the input or the database",
                )
            )


_IMPORTER_PROBLEM = re.compile(
    r"^(?P<source>.*?) record (?P<n>\d+) \((?P<what>[^)]*)\): (?P<rest>.*)$"
)


def _located(failure: ImportFailed, mapped: Mapped, source: str) -> ImportFailed:
    """The importer's problems with ``record N`` replaced by the FHIR entry it came from."""
    problems = []
    for text in failure.problems:
        match = _IMPORTER_PROBLEM.match(text)
        if match and 1 <= int(match["n"]) <= len(mapped.origin):
            entry, name = mapped.origin[int(match["n"]) - 1]
            text = f"{entry.source} {entry.position} ({name}, {match['what']}): {match['rest']}"
        problems.append(text)
    count = len(problems)
    return ImportFailed(
        f"{source}: {count} problem{'s' if count != 1 else ''}; nothing of it was written", problems
    )


def _in_input_order(problem: Problem) -> tuple[str, int]:
    number = (problem.position or "").rpartition(" ")[2]
    return problem.source, int(number) if number.isdigit() else -1


async def import_unit(
    db: Database,
    entries: Iterable[Entry],
    source: str,
    urls: dict[str, str] | None = None,
    *,
    batch_records: int | None = None,
) -> FhirImportReport:
    """One unit: mapped and checked whole, then loaded (see the module's docstring)."""
    started = time.perf_counter()
    mapped = parse(entries, _resolver(urls or {}))
    await _resolve_references(db, mapped)
    if mapped.problems:
        count = len(mapped.problems)
        raise ImportFailed(
            f"{source}: {count} problem{'s' if count != 1 else ''}; nothing of it was written",
            [str(p) for p in sorted(mapped.problems, key=_in_input_order)],
        )
    try:
        load = await load_records(db, mapped.records, source=source, batch_records=batch_records)
    except ImportFailed as failure:
        raise _located(failure, mapped, source) from None
    return FhirImportReport(source, mapped.entries, load, time.perf_counter() - started)


async def import_files(
    db: Database, paths: Sequence[Path], *, batch_records: int | None = BATCH_RECORDS
) -> list[FhirImportReport]:
    """Each Bundle on its own, then all NDJSON files together; stops at the first bad unit.

    An NDJSON set of more than ``batch_records`` records is written in transactions of
    that many (None: one transaction)."""
    reports = []
    bulk = [p for p in paths if p.suffix.lower() == ".ndjson"]
    for path in paths:
        if path.suffix.lower() not in (".json", ".ndjson"):
            raise BadInput(
                f"{path}: expected a Bundle .json or a Bulk Data .ndjson file", field="path"
            )
    for path in paths:
        if path.suffix.lower() == ".json":
            entries, urls = read_bundle(path)
            reports.append(await import_unit(db, entries, str(path), urls))
    if bulk:
        source = ", ".join(str(p) for p in bulk)
        reports.append(
            await import_unit(db, NdjsonFiles(bulk), source, batch_records=batch_records)
        )
    return reports


async def export_fhir(
    db: Database, directory: Path, *, region: str | None = None, bundle: bool = False
) -> FhirExportReport:
    started = time.perf_counter()
    records = [record async for record in exporter.records(db, region=region)]
    directory.mkdir(parents=True, exist_ok=True)
    report = FhirExportReport(directory / "bundle.json" if bundle else directory)
    if bundle:
        entries = []
        for resource in Resources(records):
            kind = resource["resourceType"]
            report.resources[kind] = report.resources.get(kind, 0) + 1
            entries.append({"fullUrl": f"{BASE}/{kind}/{resource['id']}", "resource": resource})
        document = {"resourceType": "Bundle", "type": "collection", "entry": entries}
        _write(report.target, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    else:
        streams: dict[str, list[str]] = defaultdict(list)
        for resource in Resources(records):
            kind = resource["resourceType"]
            streams[kind].append(json.dumps(resource, ensure_ascii=False))
        for kind, lines in streams.items():
            report.resources[kind] = len(lines)
            _write(directory / f"{kind}.ndjson", "\n".join(lines) + "\n")
    report.seconds = time.perf_counter() - started
    return report


def _write(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
