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

The relationships each record field makes are those of ``cypher/load/records.cypher``
(:data:`RELATIONSHIPS`); a test loads the same files both ways and compares
the graphs, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from graphsvc import devdb
from graphsvc.database import Database, Transaction
from graphsvc.errors import BadInput, ConfigError, Conflict, ImportFailed, Unavailable
from graphsvc.importing.batch import Batch
from graphsvc.importing.reading import read_json, read_jsonl
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
    seconds: float = 0.0
    store_bytes: int = 0

    def __str__(self) -> str:
        rate = self.relationships / self.seconds if self.seconds else 0.0
        return (
            f"bulk-loaded {sum(self.records.values())} records: {self.nodes} nodes, "
            f"{self.relationships} relationships in {self.seconds:.1f} s "
            f"({rate:,.0f} rel/s; validation and CSV {self.validate_seconds:.1f} s, "
            f"neo4j-admin import {self.import_seconds:.1f} s); "
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
    """One node file per record type and one relationship file per reference field."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.streams: list[IO[str]] = []
        self.nodes: dict[str, Any] = {}
        self.rels: dict[tuple[str, str], Any] = {}
        self.node_args: list[str] = []
        self.rel_args: list[str] = []
        self.multiline = False
        self.node_count = 0
        self.rel_count = 0
        for kind in LOAD_ORDER:
            spec = SPECS[kind]
            path = directory / f"{kind}.csv"
            writer = self._open(path)
            writer.writerow(
                [f"id:ID({spec.label})"]
                + [f.name + _CSV_TYPE.get(f.kind, "") for f in spec.properties]
            )
            self.nodes[kind] = writer
            self.node_args.append(f"--nodes={spec.label}={path}")
            for f in spec.references:
                assert f.target is not None
                rel_type, direction = _relationship(kind, f)
                own, other = spec.label, LABELS[f.target]
                start, end = (own, other) if direction == OUT else (other, own)
                props = REL_PROPERTIES.get((kind, f.name), ())
                header = [f":START_ID({start})", f":END_ID({end})"] + [
                    ("role" if p == "family_role" else p) + ("" if p == "family_role" else ":date")
                    for p in props
                ]
                rel_path = directory / f"{kind}-{f.name}.csv"
                rel_writer = self._open(rel_path)
                rel_writer.writerow(header)
                self.rels[(kind, f.name)] = rel_writer
                self.rel_args.append(f"--relationships={rel_type}={rel_path}")

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


def _batches(paths: Sequence[Path]) -> Any:
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".json":
            yield read_json(path, str(path))
        elif suffix == ".jsonl":
            yield from read_jsonl(path, str(path))
        else:
            raise BadInput(f"{path}: expected a .json or .jsonl file", field="path")


class _EmptyStore:
    """The database's side of the batch checks, for a database known to be empty:
    every stored-fact query (ids, step orders, part_of chains) finds nothing, so the
    checks run without a round trip per batch, and without a running server."""

    async def run(self, area: str, name: str, **parameters: Any) -> list[dict[str, Any]]:
        return []


async def _validate_into(paths: Sequence[Path], files: _CsvFiles) -> dict[str, int]:
    """Check every batch as ``load`` would, against the records before it; write its CSV."""
    declared: set[tuple[str, str]] = set()
    counts: dict[str, int] = {}
    empty = cast(Transaction, _EmptyStore())
    try:
        for batch in _batches(paths):
            batch.check_ids_unique()
            for record in batch.records:
                if (record.type, record.id) in declared:
                    batch.problem(
                        record,
                        "id",
                        f"{record.id!r} is also the id of a {record.type} in an earlier "
                        "batch; load --bulk takes each record once (use load to update records)",
                    )
            declared |= batch.declared
            batch.declared = declared
            await batch.check_against(empty)
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


async def bulk_load(settings: Settings, paths: Sequence[Path]) -> BulkReport:
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
        files = _CsvFiles(work)
        try:
            report.records = await _validate_into(paths, files)
        finally:
            files.close()
        report.nodes, report.relationships = files.node_count, files.rel_count
        report.validate_seconds = time.perf_counter() - started
        devdb.stop(local)
        imported = time.perf_counter()
        _admin_import(settings, files, work)
        report.import_seconds = time.perf_counter() - imported
        devdb.start(local)
        db = Database(settings)
        try:
            await migrate(db)
        finally:
            await db.close()
        report.seconds = time.perf_counter() - started
        report.store_bytes = _store_bytes(local.home, settings.neo4j_database)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not was_running:
            devdb.stop(local)
    return report


def _admin_import(settings: Settings, files: _CsvFiles, work: Path) -> None:
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
        *(["--multiline-fields=true"] if files.multiline else []),
        *files.node_args,
        *files.rel_args,
    ]
    env = dict(os.environ, NEO4J_HOME=str(local.home.resolve()), NEO4J_CONF=str(conf))
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if run.returncode != 0:
        lines = (run.stdout + run.stderr).strip().splitlines()
        said = [line for line in lines if not line.startswith(("\tat ", "\t... "))][-8:]
        raise Unavailable("neo4j-admin database import failed: " + " | ".join(said))
