"""Validated, all-or-nothing, idempotent loading of the exchange format (``docs/model.md``).

Every record of a batch (a JSON document, a JSON Lines file, or one declared
batch of it) is checked before anything is written; when any record is bad,
:class:`~graphsvc.errors.ImportFailed` lists every problem and nothing of the
batch is written. Good batches are written in one transaction with
``UNWIND ... MERGE`` on external ids (``cypher/load/``), so loading twice
changes nothing and a re-import moves a changed reference.

This module is the public face; its submodules are the pieces: problems,
record validation, file reading, writing batches.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from graphsvc.database import Database, Transaction
from graphsvc.errors import BadInput, Conflict, GraphsvcError, ImportFailed
from graphsvc.importing.batch import Batch, Rows, write_rows
from graphsvc.importing.problems import Problem
from graphsvc.importing.reading import read_json, read_jsonl
from graphsvc.importing.validation import Checked, check_record
from graphsvc.model import LOAD_ORDER, parents_first

__all__ = [
    "LoadReport",
    "Problem",
    "load_file",
    "load_records",
    "validate_record",
    "write_record",
]

PROGRESS_MIN_RECORDS = 20_000
"""A JSON document with at least this many records shows a progress bar while written."""


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote. Node and relationship figures are the net change of the
    database's counts over the load (so loading the same file again reports zero;
    other writers at the same time would count too)."""

    source: str
    records: Mapping[str, int] = field(default_factory=dict)
    """Records written per type, in load order."""
    nodes_added: int = 0
    relationships_added: int = 0
    batches: int = 0
    seconds: float = 0.0
    skipped: int = 0
    """Batches not written because ``resume`` found all their records stored."""

    @property
    def total(self) -> int:
        return sum(self.records.values())

    def __add__(self, other: LoadReport) -> LoadReport:
        records = {
            kind: self.records.get(kind, 0) + other.records.get(kind, 0)
            for kind in LOAD_ORDER
            if kind in self.records or kind in other.records
        }
        return LoadReport(
            self.source,
            records,
            self.nodes_added + other.nodes_added,
            self.relationships_added + other.relationships_added,
            self.batches + other.batches,
            self.seconds + other.seconds,
            self.skipped + other.skipped,
        )

    def __str__(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.records.items()) or "no records"
        batches = "" if self.batches <= 1 else f" in {self.batches} batches"
        if self.skipped:
            batches += f", skipped {self.skipped} batches already stored"
        return (
            f"{self.source}: wrote {self.total} records ({kinds}){batches}; "
            f"nodes {self.nodes_added:+d}, relationships {self.relationships_added:+d} "
            f"in {self.seconds:.1f} s"
        )


def validate_record(
    record: Mapping[str, Any], *, source: str = "<record>", position: str | None = None
) -> list[Problem]:
    """The problems of one record on its own: JSON types, required fields, vocabulary
    codes, date order and the rules within a record. References are not resolved."""
    problems, _ = check_record(record, source=source, position=position)
    return problems


async def load_records(
    db: Database,
    records: Iterable[Mapping[str, Any]],
    *,
    source: str = "<records>",
    batch_records: int | None = None,
) -> LoadReport:
    """Validate all records, then write them in one transaction; raises ImportFailed.

    With ``batch_records``, more records than that are still checked together
    before anything is written (each record, ids, references, pathway step
    orders and ``part_of`` cycles, against the database), then written in
    :data:`~graphsvc.model.LOAD_ORDER`, organisations parents first, in
    transactions of that many records, each referring only to what is written
    before it, so no transaction has to hold a whole region. Should the database
    go away or change midway, the error names the batches committed before it;
    loading the same records again completes the load (loading is idempotent).
    """
    batch = Batch(source)
    for number, raw in enumerate(records, start=1):
        batch.add(raw, f"record {number}")
    async with _counted(db) as change:
        if batch_records is not None and len(batch.records) > batch_records:
            report = await _load_in_batches(db, batch, batch_records)
        else:
            report = await _load_batch(db, batch)
    return change.applied_to(report)


async def _load_in_batches(db: Database, whole: Batch, size: int) -> LoadReport:
    whole.check_ids_unique()
    await db.read_tx(whole.check_against)
    _raise_if_bad(whole)
    ordered = _in_load_order(whole.records)
    count = -(-len(ordered) // size)
    report = LoadReport(whole.source)
    for number, start in enumerate(range(0, len(ordered), size), start=1):
        part = ordered[start : start + size]
        batch = Batch(whole.source, f"{number} of {count}", part)
        batch.declared = {(record.type, record.id) for record in part}
        try:
            report += await _load_batch(db, batch)
        except GraphsvcError as cut:
            done = (
                f"committed before it: {report.batches} batches, {report.total} records; "
                "loading the same input again completes it"
                if report.batches
                else "no batch was committed"
            )
            if not isinstance(cut, ImportFailed):
                cut.message = f"{whole.source}: batch {batch.name} not written: {cut.message}"
            cut.message += f"; {done}"
            raise
    return report


def _in_load_order(records: list[Checked]) -> list[Checked]:
    """Records by :data:`LOAD_ORDER`, in their given order within a type, and
    organisations parents first: written in this order, every reference points back."""
    by_type: dict[str, list[Checked]] = {kind: [] for kind in LOAD_ORDER}
    for record in records:
        by_type[record.type].append(record)
    organisations = {record.id: record for record in by_type["organisation"]}
    by_type["organisation"] = [
        organisations[o["id"]]
        for o in parents_first(
            [{"id": r.id, "part_of": r.values.get("part_of")} for r in organisations.values()]
        )
    ]
    return [record for kind in LOAD_ORDER for record in by_type[kind]]


async def load_file(
    db: Database, path: Path, *, progress: bool = False, resume: bool = False
) -> LoadReport:
    """Load a ``.json`` document or a ``.jsonl`` file, batch by batch.

    A JSON Lines file with declared batches writes each good batch in its own
    transaction, in file order; the first bad one raises ImportFailed naming
    the batches already written (they stay) and listing the bad batch's
    problems; later batches are not loaded. When the database goes away
    midway, the error names the batches committed before it. ``resume`` skips
    a batch whose records are all stored already (a load cut off earlier).
    """
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl"):
        raise BadInput(f"{source}: expected a .json or .jsonl file", field="path")
    async with _counted(db) as change:
        if suffix == ".json":
            report = await _load_batch(
                db, read_json(path, source), progress=progress, resume=resume
            )
        else:
            report = await _load_batches(db, path, source, progress, resume)
    return change.applied_to(report)


async def _load_batches(
    db: Database, path: Path, source: str, progress: bool, resume: bool
) -> LoadReport:
    report = LoadReport(source)
    committed: list[str] = []
    batches = read_jsonl(path, source, progress=progress)
    # Read and check the next batch in a thread while this one is written, so
    # parsing and validation overlap the database's work; two batches at most
    # are in memory.
    upcoming = asyncio.create_task(asyncio.to_thread(_prepare, batches))
    while (prepared := await upcoming) is not None:
        batch, rows = prepared
        upcoming = asyncio.create_task(asyncio.to_thread(_prepare, batches))
        try:
            report += await _load_batch(db, batch, rows, resume=resume)
            committed.append(repr(batch.name) if batch.name else f"#{len(committed) + 1}")
        except ImportFailed as failure:
            if report.batches:
                done = f"{report.batches} batch{'es' if report.batches > 1 else ''}"
                failure.message += (
                    f"; written before it: {done}, {report.total} records; "
                    "the rest of the file was not loaded"
                )
            upcoming.cancel()
            raise
        except GraphsvcError as cut:
            upcoming.cancel()
            where = f"batch {batch.name!r}" if batch.name else f"batch #{len(committed) + 1}"
            cut.message = f"{source}: {where} not written: {cut.message}; " + (
                f"committed before it: {len(committed)} batches ({', '.join(committed)}), "
                f"{report.total} records; `graphsvc load --resume` skips them"
                if committed
                else "no batch of the file was committed"
            )
            raise
    return report


@dataclass
class _Change:
    nodes: int = 0
    relationships: int = 0

    def applied_to(self, report: LoadReport) -> LoadReport:
        return replace(report, nodes_added=self.nodes, relationships_added=self.relationships)


@asynccontextmanager
async def _counted(db: Database) -> AsyncIterator[_Change]:
    """The net change of the graph's node and relationship counts over a load.

    Counted outside the load's transactions: inside, a count walks the
    transaction's own changes, which cost a tenth of the time of large batches.
    """
    change = _Change()
    before = (await db.read("admin", "count-graph"))[0]
    yield change
    after = (await db.read("admin", "count-graph"))[0]
    change.nodes = after["nodes"] - before["nodes"]
    change.relationships = after["relationships"] - before["relationships"]


def _prepare(batches: Iterator[Batch]) -> tuple[Batch, Rows] | None:
    batch = next(batches, None)
    if batch is None:
        return None
    batch.check_ids_unique()
    return batch, batch.rows()


async def _load_batch(
    db: Database,
    batch: Batch,
    rows: Rows | None = None,
    *,
    progress: bool = False,
    resume: bool = False,
) -> LoadReport:
    started = time.perf_counter()
    if rows is None:
        batch.check_ids_unique()
        rows = batch.rows()
    if batch.problems:  # report the cross-record problems of the good records too
        await db.read_tx(batch.check_against)
        _raise_if_bad(batch)
    total = len(batch.records)
    show = progress and total >= PROGRESS_MIN_RECORDS

    async def work(tx: Transaction) -> bool:
        stored = await batch.check_against(tx)
        _raise_if_bad(batch)
        if resume and batch.records and all((r.type, r.id) in stored for r in batch.records):
            return False
        with tqdm(total=total, unit="rec", desc=batch.source, disable=not show) as bar:
            await write_rows(tx, rows, stored, bar.update)
        return True

    if not await db.write_tx(work):
        return LoadReport(batch.source, skipped=1, seconds=time.perf_counter() - started)
    return LoadReport(
        batch.source, batch.counts(), batches=1, seconds=time.perf_counter() - started
    )


def _raise_if_bad(batch: Batch) -> None:
    if not batch.problems:
        return
    what = batch.source if batch.name is None else f"batch {batch.name!r} of {batch.source}"
    count = len(batch.problems)
    raise ImportFailed(
        f"{what}: {count} problem{'s' if count != 1 else ''}; nothing of it was written",
        sorted(batch.problems, key=_in_file_order),
    )


def _in_file_order(problem: Problem) -> int:
    """Problems of a batch sorted by record or line number (file-level ones first)."""
    number = (problem.position or "").rpartition(" ")[2]
    return int(number) if number.isdigit() else 0


async def write_record(tx: Transaction, record: Mapping[str, Any], *, new: bool) -> None:
    """Check one record against the database and write it inside ``tx`` (a mutation's
    transaction). ``new``: the record must not be stored yet (CONFLICT otherwise), and
    it is created with CREATE, so the id's uniqueness constraint refuses a second
    writer of the same id; otherwise it replaces the stored record."""
    batch = Batch("request")
    batch.add(record, None)
    _raise_if_bad(batch)
    rows = batch.rows()
    stored = await batch.check_against(tx)
    _raise_if_bad(batch)
    key = (str(record["type"]), str(record["id"]))
    if new and key in stored:
        raise Conflict(f"{key[0]} {key[1]} exists already", field="id", hint="update it instead")
    await write_rows(tx, rows, stored)
