"""First loads at bulk speed: ``graphsvc load --bulk`` through Neo4j's offline importer.

The files are read and validated batch by batch exactly as ``load`` does
(the importer's per-record checks, ids unique, references resolved in the
files), and written as CSV for ``neo4j-admin database import full``; only
when every batch is good is the local database stopped, its empty store
replaced by the imported one, and started again with the schema migrations
applied. Neo4j's importer writes the store files directly, without
transactions, which is why it needs an empty, stopped database on this
machine: a remote server (``NEO4J_URI``) or a database holding anything is
refused before any work.

Large inputs are checked in parts side by side, one process per core: each part
is a run of whole batches (files, or spans of a JSON Lines file cut at batch
lines), checked against the records of its own earlier batches, with references
it cannot resolve noted and resolved afterwards against the parts before it.
When any part finds a problem, or parts disagree (an id in two parts, a
reference to a later part, a step order taken twice), the files are checked
again in one process, so the error is the one a single pass names.

The relationships each record field makes are those of ``cypher/load/records.cypher``
(:data:`RELATIONSHIPS`); a test loads the same files both ways and compares
the graphs, so the two cannot drift apart.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import gc
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from graphsvc import devdb
from graphsvc.database import Database, Transaction
from graphsvc.errors import BadInput, ConfigError, Conflict, ImportFailed, Unavailable
from graphsvc.importing.batch import Batch
from graphsvc.importing.reading import Span, batch_spans, read_json, read_jsonl
from graphsvc.migrate import migrate
from graphsvc.model import LABELS, LOAD_ORDER, SPECS, Kind
from graphsvc.settings import Settings

OUT, IN = "out", "in"
RELATIONSHIPS: dict[tuple[str, str], tuple[str, str]] = {
    ("organisation", "region"): ("IN_REGION", OUT),
    ("organisation", "part_of"): ("PART_OF", OUT),
    ("professional", "organisation"): ("WORKS_IN", OUT),
    ("service", "provider"): ("PROVIDED_BY", OUT),
    ("pathway", "region"): ("IN_REGION", OUT),
    ("step", "pathway"): ("HAS_STEP", IN),
    ("step", "organisation"): ("RESPONSIBLE_ORG", OUT),
    ("step", "service"): ("USES_SERVICE", OUT),
    ("client", "region"): ("LIVES_IN", OUT),
    ("client", "family"): ("MEMBER_OF", OUT),
    ("episode", "client"): ("HAS_EPISODE", IN),
    ("episode", "service"): ("OF_SERVICE", OUT),
    ("episode", "step"): ("REALISES", OUT),
    ("plan", "client"): ("HAS_PLAN", IN),
    ("plan", "owner"): ("OWNED_BY", OUT),
    ("plan", "participants"): ("PARTICIPANT", OUT),
    ("plan", "services"): ("COVERS", OUT),
    ("goal", "plan"): ("HAS_GOAL", IN),
    ("consent", "client"): ("GAVE_CONSENT", IN),
    ("consent", "from_org"): ("FROM_ORG", OUT),
    ("consent", "to_org"): ("TO_ORG", OUT),
    ("responsibility", "professional"): ("HOLDS", IN),
    ("responsibility", "client"): ("FOR", OUT),
    ("responsibility", "episode"): ("FOR", OUT),
    ("responsibility", "plan"): ("FOR", OUT),
    ("responsibility", "step"): ("FOR", OUT),
    ("transition", "client"): ("HAS_TRANSITION", IN),
    ("transition", "from_episode"): ("FROM_EPISODE", OUT),
    ("transition", "to_episode"): ("TO_EPISODE", OUT),
    ("handoff", "client"): ("HAS_HANDOFF", IN),
    ("handoff", "transition"): ("AT", OUT),
    ("handoff", "from_episode"): ("FROM_EPISODE", OUT),
    ("handoff", "to_episode"): ("TO_EPISODE", OUT),
    ("handoff", "from_professional"): ("FROM_PROFESSIONAL", OUT),
    ("handoff", "to_professional"): ("TO_PROFESSIONAL", OUT),
    ("handoff", "from_org"): ("FROM_ORG", OUT),
    ("handoff", "to_org"): ("TO_ORG", OUT),
    ("handoff", "consent"): ("RELIES_ON", OUT),
}
"""(record type, reference field) -> (relationship type, direction from the record's node)."""

REL_PROPERTIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("professional", "organisation"): ("valid_from", "valid_to"),
    ("client", "family"): ("family_role",),
}
"""Fields stored on a reference's relationship (``family_role`` as ``role``)."""

_CSV_TYPE = {Kind.DATE: ":date", Kind.BOOL: ":boolean", Kind.POSITIVE_INT: ":long"}


def _relationship(kind: str, f: Any) -> tuple[str, str]:
    """The field's relationship type and direction: from the model when it declares them
    (``rel``, ``incoming``), else from :data:`RELATIONSHIPS`."""
    rel = getattr(f, "rel", None)
    if isinstance(rel, str):
        return rel, IN if getattr(f, "incoming", False) else OUT
    return RELATIONSHIPS[(kind, f.name)]


@dataclass
class BulkReport:
    records: dict[str, int] = field(default_factory=dict)
    nodes: int = 0
    relationships: int = 0
    validate_seconds: float = 0.0
    import_seconds: float = 0.0
    start_seconds: float = 0.0
    schema_seconds: float = 0.0
    seconds: float = 0.0
    store_bytes: int = 0
    processes: int = 1

    def __str__(self) -> str:
        rate = self.relationships / self.seconds if self.seconds else 0.0
        return (
            f"bulk-loaded {sum(self.records.values())} records: {self.nodes} nodes, "
            f"{self.relationships} relationships in {self.seconds:.1f} s "
            f"({rate:,.0f} rel/s; validation and CSV {self.validate_seconds:.1f} s "
            f"in {self.processes} process{'es' if self.processes != 1 else ''}, "
            f"neo4j-admin import {self.import_seconds:.1f} s, Neo4j start "
            f"{self.start_seconds:.1f} s, schema and indexes {self.schema_seconds:.1f} s); "
            f"store {self.store_bytes / 1e6:.0f} MB"
        )


def _breaks(text: str) -> bool:
    return "\n" in text or "\r" in text


def _cell(value: Any) -> str:
    """A property value as neo4j-admin reads it. Values come from the importer's
    :class:`Rows`, which already turned settings objects into their stored JSON text;
    a structured value reaching here would be written as Python text, so it is refused."""
    if type(value) is str:
        return value
    if isinstance(value, dict | list):
        raise TypeError(f"a {type(value).__name__} is not a CSV property value")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _CsvFiles:
    """One node file per record type and one relationship file per reference field, in
    ``directory``, without header rows (:func:`_admin_files` writes those once for all
    parts)."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.streams: list[IO[str]] = []
        self.nodes = {kind: self._open(directory / f"{kind}.csv") for kind in LOAD_ORDER}
        self.rels = {
            (kind, f.name): self._open(directory / f"{kind}-{f.name}.csv")
            for kind in LOAD_ORDER
            for f in SPECS[kind].references
        }
        self.multiline = False
        self.node_count = 0
        self.rel_count = 0

    def _open(self, path: Path) -> Any:
        stream = path.open("w", encoding="utf-8", newline="")
        self.streams.append(stream)
        return csv.writer(stream)

    def add(self, batch: Batch) -> None:
        """Write the batch's rows: one pass over each type's rows, cells built from
        per-type column lists (this runs once a record, so it is kept lean)."""
        rows = batch.rows()
        for kind in LOAD_ORDER:
            spec = SPECS[kind]
            names = [f.name for f in spec.properties]
            texts = [i + 1 for i, f in enumerate(spec.properties) if f.kind is Kind.TEXT]
            links = []
            for f in spec.references:
                extras = REL_PROPERTIES.get((kind, f.name), ())
                out = _relationship(kind, f)[1] == OUT
                links.append((f.name, out, extras, self.rels[(kind, f.name)].writerow))
            node_rows = []
            for row in rows.nodes[kind]:
                props = row["props"]
                ident = row["id"]
                cells = [ident, *(_cell(props.get(name)) for name in names)]
                if not self.multiline and any(_breaks(cells[i]) for i in texts):
                    self.multiline = True
                node_rows.append(cells)
                for name, out, extras, write in links:
                    value = row[name]
                    if value is None or value == []:
                        continue
                    extra = [_cell(row[p]) for p in extras]
                    for target in value if isinstance(value, list) else (value,):
                        write([ident, target, *extra] if out else [target, ident, *extra])
                        self.rel_count += 1
            self.nodes[kind].writerows(node_rows)
            self.node_count += len(node_rows)

    def close(self) -> None:
        for stream in self.streams:
            stream.close()


def _admin_files(work: Path, parts: Sequence[Path]) -> list[str]:
    """neo4j-admin's ``--nodes`` and ``--relationships`` arguments: for each CSV a header
    file, written here, then that CSV of every part in order (read as one file)."""

    def files(name: str, header: list[str]) -> str:
        path = work / f"header-{name}"
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerow(header)
        return ",".join(str(each) for each in [path, *(part / name for part in parts)])

    nodes, relationships = [], []
    for kind in LOAD_ORDER:
        spec = SPECS[kind]
        header = [f"id:ID({spec.label})"] + [
            f.name + _CSV_TYPE.get(f.kind, "") for f in spec.properties
        ]
        nodes.append(f"--nodes={spec.label}={files(f'{kind}.csv', header)}")
        for f in spec.references:
            assert f.target is not None
            rel_type, direction = _relationship(kind, f)
            own, other = spec.label, LABELS[f.target]
            start, end = (own, other) if direction == OUT else (other, own)
            props = REL_PROPERTIES.get((kind, f.name), ())
            header = [f":START_ID({start})", f":END_ID({end})"] + [
                "role" if p == "family_role" else f"{p}:date" for p in props
            ]
            csv_file = files(f"{kind}-{f.name}.csv", header)
            relationships.append(f"--relationships={rel_type}={csv_file}")
    return nodes + relationships


Piece = tuple[Path, Span | None]
"""A file, or a span of whole batches of a JSON Lines file."""


def _batches(pieces: Iterable[Piece]) -> Iterator[Batch]:
    for path, span in pieces:
        suffix = path.suffix.lower()
        if suffix == ".json":
            yield read_json(path, str(path))
        elif suffix == ".jsonl":
            yield from read_jsonl(path, str(path), span=span)
        else:
            raise BadInput(f"{path}: expected a .json or .jsonl file", field="path")


@dataclass
class _OfflineStore:
    """The database's side of the batch checks while the database is empty: what the
    batches checked before would have stored, so the checks run without a server.

    ``declared`` holds every (type, id) so far and ``steps`` every step's pathway and
    order. A chain of ``part_of`` cannot reach a later batch (its references must
    resolve first), so the stored chains the cycle check asks for are none. With
    ``assume``, a reference to no record seen so far is taken to be stored and noted in
    ``assumed``: a part of the files checked on its own resolves those against the parts
    before it."""

    assume: bool = False
    declared: set[tuple[str, str]] = field(default_factory=set)
    steps: list[dict[str, Any]] = field(default_factory=list)
    assumed: set[tuple[str, str]] = field(default_factory=set)

    async def run(self, area: str, name: str, **parameters: Any) -> list[dict[str, Any]]:
        if name == "existing":
            if not self.assume:
                return []
            asked = {(kind, ident) for kind, ids in parameters.items() for ident in ids}
            unknown = asked - self.declared
            self.assumed |= unknown
            return [{"type": kind, "id": ident} for kind, ident in sorted(unknown)]
        if name == "stored-step-orders":
            pathways = set(parameters["pathways"])
            return [row for row in self.steps if row["pathway"] in pathways]
        if name == "stored-part-of":
            return []
        raise LookupError(f"the offline checks have no answer for {area}/{name}")

    def settle(self, batch: Batch) -> None:
        """Keep what later batches are checked against from a batch that passed."""
        self.steps += [
            {"pathway": r.values["pathway"], "order": r.values["order"], "step": r.id}
            for r in batch.records
            if r.type == "step"
        ]


async def _validate_into(
    batches: Iterable[Batch], files: _CsvFiles, store: _OfflineStore
) -> dict[str, int]:
    """Check every batch as ``load`` would, against the records before it; write its CSV."""
    counts: dict[str, int] = {}
    try:
        for batch in batches:
            batch.check_ids_unique()
            for record in batch.records:
                if (record.type, record.id) in store.declared:
                    batch.problem(
                        record,
                        "id",
                        f"{record.id!r} is also the id of a {record.type} in an earlier "
                        "batch; load --bulk takes each record once (use load to update records)",
                    )
            store.declared |= batch.declared
            batch.declared = store.declared
            await batch.check_against(cast(Transaction, store))
            if batch.problems:
                what = (
                    batch.source
                    if batch.name is None
                    else f"batch {batch.name!r} of {batch.source}"
                )
                count = len(batch.problems)
                raise ImportFailed(
                    f"{what}: {count} problem{'s' if count != 1 else ''}; nothing was loaded",
                    [str(problem) for problem in batch.problems],
                )
            store.settle(batch)
            files.add(batch)
            for kind, n in batch.counts().items():
                counts[kind] = counts.get(kind, 0) + n
            # What stays from a batch (its ids) stays to the end: out of the cycle
            # collector's sight, whose full passes over all of it made validation grow
            # faster than the files (47 against 38 us a record at 300k clients, 64 at
            # 1M) and never found a cycle to collect.
            gc.freeze()
    finally:
        gc.unfreeze()
    return counts


PARALLEL_MIN_BYTES = 8_000_000
"""Below this much input one process checks it all: starting another costs more."""


@dataclass
class _Checked:
    """What checking some of the files gave: counts for the report, and what the parts
    must agree on (ids, references resolved elsewhere, step orders)."""

    records: dict[str, int] = field(default_factory=dict)
    nodes: int = 0
    relationships: int = 0
    multiline: bool = False
    failed: bool = False
    store: _OfflineStore = field(default_factory=_OfflineStore)


async def _check(pieces: Sequence[Piece], directory: Path, store: _OfflineStore) -> _Checked:
    files = _CsvFiles(directory)
    try:
        records = await _validate_into(_batches(pieces), files, store)
    finally:
        files.close()
    return _Checked(records, files.node_count, files.rel_count, files.multiline, store=store)


def _check_part(pieces: Sequence[Piece], directory: Path) -> _Checked:
    """One part, in a process of its own; a problem is only flagged (the files are then
    checked again in one pass, which names it as ``load`` would)."""
    try:
        return asyncio.run(_check(pieces, directory, _OfflineStore(assume=True)))
    except (ImportFailed, BadInput):
        return _Checked(failed=True)


def _parts(paths: Sequence[Path], processes: int) -> list[list[Piece]]:
    """The files cut into up to ``processes`` runs of whole batches of about equal size."""
    try:
        sizes = [path.stat().st_size for path in paths]
    except OSError:  # a single pass names the file that cannot be read
        sizes = []
    total = sum(sizes)
    whole: list[list[Piece]] = [[(path, None) for path in paths]]
    known = all(path.suffix.lower() in (".json", ".jsonl") for path in paths)
    if processes < 2 or not sizes or not known or total < PARALLEL_MIN_BYTES:
        return whole
    pieces: list[tuple[Piece, int]] = []
    for path, size in zip(paths, sizes, strict=True):
        if path.suffix.lower() == ".jsonl":
            pieces += [
                ((path, span), span.end - span.start) for span in batch_spans(path, processes)
            ]
        else:
            pieces.append(((path, None), size))
    parts: list[list[Piece]] = [[]]
    done = 0
    for piece, size in pieces:
        if done >= total * len(parts) / processes and parts[-1]:
            parts.append([])
        parts[-1].append(piece)
        done += size
    return parts


def _agree(parts: Sequence[_Checked]) -> bool:
    """Whether parts checked apart pass together: no id in two parts, every reference a
    part took on trust declared in a part before it, no pathway order held twice."""
    declared: set[tuple[str, str]] = set()
    orders: set[tuple[str, int]] = set()
    for part in parts:
        store = part.store
        if part.failed or not store.assumed <= declared or store.declared & declared:
            return False
        own = {(row["pathway"], row["order"]) for row in store.steps}
        if own & orders:
            return False
        declared |= store.declared
        orders |= own
    return True


async def _validate(
    paths: Sequence[Path], work: Path, processes: int
) -> tuple[_Checked, list[Path]]:
    """Check the files and write their CSV into part directories of ``work``, in
    ``processes`` processes when the input is large enough; return the sum and the parts."""
    parts = _parts(paths, processes)
    if len(parts) > 1:
        dirs = [work / f"part-{number}" for number in range(len(parts))]
        loop = asyncio.get_running_loop()
        spawn = multiprocessing.get_context("spawn")  # not a fork of a process with threads
        with ProcessPoolExecutor(len(parts), mp_context=spawn) as pool:
            checked = await asyncio.gather(
                *(
                    loop.run_in_executor(pool, _check_part, *job)
                    for job in zip(parts, dirs, strict=True)
                )
            )
        if _agree(checked):
            total = _Checked()
            for part in checked:
                for kind, n in part.records.items():
                    total.records[kind] = total.records.get(kind, 0) + n
                total.nodes += part.nodes
                total.relationships += part.relationships
                total.multiline |= part.multiline
            return total, dirs
        for directory in dirs:
            shutil.rmtree(directory, ignore_errors=True)
    one = work / "part-all"
    return await _check([(path, None) for path in paths], one, _OfflineStore()), [one]


async def _refuse_if_not_empty(settings: Settings) -> None:
    db = Database(settings)
    try:
        counted = (await db.read("admin", "count-graph"))[0]
    finally:
        await db.close()
    if counted["nodes"] or counted["relationships"]:
        raise Conflict(
            f"the local database {settings.neo4j_database!r} is not empty "
            f"({counted['nodes']} nodes, {counted['relationships']} relationships); "
            "load --bulk only fills an empty database",
            hint="use graphsvc load to add to it, or load into a fresh GRAPHSVC_DEVDB_HOME",
        )


def _work_dir(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    return home


def _store_bytes(home: Path, database: str) -> int:
    total = 0
    for part in ("databases", "transactions"):
        for root, _dirs, names in os.walk(home / "data" / part / database):
            total += sum((Path(root) / name).stat().st_size for name in names)
    return total


async def bulk_load(
    settings: Settings, paths: Sequence[Path], *, processes: int | None = None
) -> BulkReport:
    """Fill the empty local database from ``paths``; validation runs in ``processes``
    processes when the input is large (default: one per core this process may use)."""
    if settings.neo4j_uri is not None:
        raise ConfigError(
            "load --bulk writes the store files of the local database offline; "
            f"NEO4J_URI names a server ({settings.neo4j_uri})",
            hint="use graphsvc load (transactional) for a remote database",
        )
    started = time.perf_counter()
    report = BulkReport()
    local = settings.devdb
    was_running = devdb.status(local).running
    stored = (local.home / "data" / "databases" / settings.neo4j_database).exists()
    work = Path(tempfile.mkdtemp(prefix="bulk-", dir=_work_dir(local.home)))
    try:
        if stored:  # only the server can say whether a store holds anything
            devdb.start(local)
            await _refuse_if_not_empty(settings)
        cores = len(os.sched_getaffinity(0))
        checked, parts = await _validate(paths, work, processes or cores)
        report.records, report.processes = checked.records, len(parts)
        report.nodes, report.relationships = checked.nodes, checked.relationships
        report.validate_seconds = time.perf_counter() - started
        devdb.stop(local)
        step = time.perf_counter()
        _admin_import(settings, work, _admin_files(work, parts), multiline=checked.multiline)
        report.import_seconds, step = time.perf_counter() - step, time.perf_counter()
        devdb.start(local)
        report.start_seconds, step = time.perf_counter() - step, time.perf_counter()
        db = Database(settings)
        try:
            await migrate(db)
        finally:
            await db.close()
        report.schema_seconds = time.perf_counter() - step
        report.seconds = time.perf_counter() - started
        report.store_bytes = _store_bytes(local.home, settings.neo4j_database)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not was_running:
            devdb.stop(local)
    return report


def _admin_import(settings: Settings, work: Path, files: list[str], *, multiline: bool) -> None:
    local = settings.devdb
    built = devdb.build()
    classpath = (built / "classpath.txt").read_text().strip()
    conf = work / "conf"
    conf.mkdir()
    (conf / "neo4j.conf").write_text("")
    java = shutil.which("java")
    if java is None:
        raise ConfigError("Java 17+ (java) is not on PATH; load --bulk needs it")
    command = [
        java,
        f"-Xmx{local.heap_mb}m",
        "-cp",
        classpath,
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        settings.neo4j_database,  # before --nodes, which take every file after them
        "--overwrite-destination=true",
        "--ignore-empty-strings=true",
        f"--max-off-heap-memory={os.environ.get('GRAPHSVC_BULK_OFFHEAP_MB', '1024')}m",
        f"--report-file={work / 'import.report'}",
        *(["--multiline-fields=true"] if multiline else []),
        *files,
    ]
    env = dict(os.environ, NEO4J_HOME=str(local.home.resolve()), NEO4J_CONF=str(conf))
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if run.returncode != 0:
        lines = (run.stdout + run.stderr).strip().splitlines()
        said = [line for line in lines if not line.startswith(("\tat ", "\t... "))][-8:]
        raise Unavailable("neo4j-admin database import failed: " + " | ".join(said))
