"""Loading generated regions: relationships per second, peak memory, and national scale.

For each size (clients; ``BENCH_LOAD_CLIENTS``, default 10000,100000) it generates a
region with ``graphsvc generate`` (JSON Lines, 1,000-client batches) and

- loads it with the transactional ``graphsvc load`` into a fresh local Neo4j,
  in a subprocess, so the peak resident memory (``ru_maxrss``) is the loader's
  alone; relationships per second over the loader's own load time, with the
  command's wall time (interpreter start, validation, migrations) shown too;
- for sizes in ``BENCH_FHIR_CLIENTS`` (default 10000; add 100000 to run it
  there too), exports the loaded region as FHIR Bulk Data NDJSON and imports it
  into an empty database, resources per second each way over the commands' wall
  time. The NDJSON files of one import are one unit, checked whole and
  written in transactions of 20,000 records (docs/fhir.md); the database's
  heap is ``BENCH_FHIR_HEAP_MB`` (default 2048);
- bulk-loads it with ``graphsvc load --bulk`` into an empty local Neo4j of its
  own (validation and CSV in one process per core, ``neo4j-admin database import
  full``, start, migrations):
  relationships over the command's whole wall time (target 70,000/s). Its peak is
  the largest resident set among the loader and the processes it waited for
  (its checking processes, the import JVM, the local Neo4j it starts and stops).

National scale (``BENCH_LOAD_NATIONAL`` clients, default 1000000; 0 skips): a
generated region of that size bulk-loaded the same way (target at most 10
minutes wall), its store size, then on that store the gap rules for one client
(p50/p99 over 1,000 random clients) and a full region scan, cold and warm
(each given ``BENCH_LOAD_SCAN_TIMEOUT`` seconds, default 900).
The machine's load average is printed before and after: on a shared machine
the figures are only as good as it was quiet.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.common import bench_database, cpu_seconds, free_port, percentiles, region_clients
from graphsvc import devdb
from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.settings import Settings

SIZES = tuple(int(n) for n in os.environ.get("BENCH_LOAD_CLIENTS", "10000,100000").split(",") if n)
FHIR_SIZES = tuple(int(n) for n in os.environ.get("BENCH_FHIR_CLIENTS", "10000").split(",") if n)
FHIR_HEAP_MB = int(os.environ.get("BENCH_FHIR_HEAP_MB", "2048"))
"""Heap of the Neo4j a FHIR import goes into."""
NATIONAL = int(os.environ.get("BENCH_LOAD_NATIONAL", "1000000"))
AS_OF = dt.date(2026, 11, 22)
SCAN_TIMEOUT = float(os.environ.get("BENCH_LOAD_SCAN_TIMEOUT", "900"))
"""Seconds a region scan may take before the national simulation stops waiting."""
SEED = 7
GRAPHSVC = (sys.executable, "-m", "graphsvc")
_REPORT = re.compile(r"wrote (\d+) records .*nodes \+(\d+), relationships \+(\d+) in ([\d.]+) s")
_BULK = re.compile(r"bulk-loaded (\d+) records: (\d+) nodes, (\d+) relationships in ([\d.]+) s")
_FHIR_OUT = re.compile(r"exported (\d+) resources")
_FHIR_IN = re.compile(r": (\d+) resources -> ")


@dataclass(frozen=True)
class Measured:
    records: int
    nodes: int
    relationships: int
    seconds: float
    wall: float
    peak_mb: float
    loader_cpu: float
    neo4j_cpu: float | None

    def __str__(self) -> str:
        rate = self.relationships / self.seconds if self.seconds else 0.0
        neo4j = "" if self.neo4j_cpu is None else f", Neo4j {self.neo4j_cpu:.1f} s"
        return (
            f"{self.records:,} records, {self.nodes:,} nodes, {self.relationships:,} relationships "
            f"in {self.seconds:.1f} s: {rate:,.0f} relationships/s (over the command's wall "
            f"{self.wall:.1f} s: {self.relationships / self.wall:,.0f}/s), "
            f"{self.records / self.seconds:,.0f} records/s; loader peak RSS {self.peak_mb:.0f} MB; "
            f"CPU time: loader {self.loader_cpu:.1f} s{neo4j} (machine load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )


def _machine() -> str:
    return f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def _generate(clients: int, path: Path) -> bool:
    started = time.perf_counter()
    generated = subprocess.run(
        [*GRAPHSVC, "generate", "--clients", str(clients), "--seed", str(SEED), "-o", path],
        capture_output=True,
        text=True,
    )
    if generated.returncode != 0:
        print(f"{clients:,} clients: graphsvc generate failed: {generated.stderr.strip()}")
        return False
    print(
        f"{clients:,} clients: generated {path.stat().st_size / 2**20:.0f} MB "
        f"in {time.perf_counter() - started:.1f} s ({generated.stdout.strip()})"
    )
    return True


def run() -> None:
    print(f"before: {_machine()}")
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-load-") as tmp:
        for clients in SIZES:
            path = Path(tmp) / f"region-{clients}.jsonl"
            if not _generate(clients, path):
                continue
            with bench_database() as settings:
                print(f"{clients:,} clients, load: {measure(settings, path)}")
                if clients in FHIR_SIZES:
                    try:
                        fhir(settings, Path(tmp) / f"fhir-{clients}", clients)
                    except RuntimeError as failed:
                        print(f"{clients:,} clients, fhir: {failed}")
            home = Path(tmp) / "bulk-home"
            print(f"{clients:,} clients, load --bulk: {measure_bulk(path, home)}")
            subprocess.run(["rm", "-rf", str(home)], check=False)
            path.unlink()
        if NATIONAL:
            national(NATIONAL, Path(tmp))
    print(f"after: {_machine()}")


def national(clients: int, tmp: Path) -> None:
    """Bulk-load a generated region of ``clients``, then read gaps on it."""
    path = tmp / f"region-{clients}.jsonl"
    if not _generate(clients, path):
        return
    home = tmp / "national-home"
    print(f"{clients:,} clients, load --bulk (target <= 600 s wall): {measure_bulk(path, home)}")
    path.unlink()
    local = replace(
        Settings.from_env().devdb,
        home=home,
        port=free_port(),
        heap_mb=2048,
        pagecache_mb=4096,
        password=None,
    )
    devdb.start(local)
    try:
        settings = replace(Settings.from_env(), neo4j_uri=None, devdb=local)
        asyncio.run(_gaps(settings, clients))
    finally:
        devdb.stop(local)
        subprocess.run(["rm", "-rf", str(home)], check=False)


async def _gaps(settings: Settings, clients: int) -> None:
    db = Database(settings)
    try:
        (info,) = await db.read("gaps", "bench-region")
        region = info["region"]
        ids = await region_clients(db, region)
        sample = random.Random(SEED).sample(ids, min(1000, len(ids)))
        for client in sample[:50]:
            await find_gaps(db, clients=[client], as_of=AS_OF)
        samples, found = [], 0
        for client in sample:
            started = time.perf_counter()
            found += len(await find_gaps(db, clients=[client], as_of=AS_OF))
            samples.append((time.perf_counter() - started) * 1000)
        print(
            f"{clients:,} clients, one client's gaps, all rules, {len(sample)} random clients: "
            f"{percentiles(samples)}; {found} findings ({_machine()})"
        )
        for run in ("cold", "warm"):
            started = time.perf_counter()
            try:
                findings = await asyncio.wait_for(
                    find_gaps(db, region=region, as_of=AS_OF), SCAN_TIMEOUT
                )
            except TimeoutError:
                print(
                    f"{clients:,} clients, region scan, all rules, {run}: not done after "
                    f"{SCAN_TIMEOUT:.0f} s (BENCH_LOAD_SCAN_TIMEOUT), stopped ({_machine()})"
                )
                return
            print(
                f"{clients:,} clients, region scan, all rules, {run}: "
                f"{time.perf_counter() - started:.1f} s, {len(findings):,} findings ({_machine()})"
            )
    finally:
        await db.close()


def _child(command: list[str], env: dict[str, str]) -> tuple[str, float, float, float]:
    """Run a graphsvc command; its output, wall seconds, peak RSS (MB) and CPU seconds."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([*GRAPHSVC, *command], env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        printed, complaints = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"graphsvc {command[0]} failed: {complaints[-2000:]}")
    return printed, wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure_bulk(path: Path, home: Path) -> str:
    """``graphsvc load --bulk`` into an empty local Neo4j of its own under ``home``."""
    env = dict(
        os.environ,
        GRAPHSVC_DEVDB_HOME=str(home),
        GRAPHSVC_DEVDB_PORT=str(free_port()),
        GRAPHSVC_DEVDB_HEAP_MB="2048",
        GRAPHSVC_DEVDB_PAGECACHE_MB="2048",
        GRAPHSVC_BULK_OFFHEAP_MB=os.environ.get("GRAPHSVC_BULK_OFFHEAP_MB", "2048"),
    )
    env.pop("NEO4J_URI", None)
    printed, wall, peak, cpu = _child(["load", "--bulk", str(path)], env)
    found = _BULK.search(printed)
    if found is None:
        raise RuntimeError(f"graphsvc load --bulk printed no report: {printed!r}")
    records, nodes, relationships = (int(n) for n in found.groups()[:3])
    store = sum(f.stat().st_size for f in (home / "data").rglob("*") if f.is_file())
    return (
        f"{records:,} records, {nodes:,} nodes, {relationships:,} relationships "
        f"in wall {wall:.1f} s: {relationships / wall:,.0f} relationships/s "
        f"(target 70,000); peak RSS {peak:.0f} MB (largest process), CPU {cpu:.1f} s; "
        f"data directory {store / 2**20:,.0f} MB ({printed.strip()}; {_machine()})"
    )


def fhir(settings: Settings, directory: Path, clients: int) -> None:
    """Export the loaded region as FHIR NDJSON, then import it into an empty database."""
    env = dict(os.environ, NEO4J_URI=settings.uri)
    printed, wall, peak, _ = _child(["fhir", "export", "-o", str(directory)], env)
    found = _FHIR_OUT.search(printed)
    resources = int(found.group(1)) if found else 0
    print(
        f"{clients:,} clients, fhir export: {resources:,} resources in {wall:.1f} s: "
        f"{resources / wall:,.0f} resources/s, peak RSS {peak:.0f} MB"
    )
    with bench_database(heap_mb=FHIR_HEAP_MB) as empty:
        env = dict(os.environ, NEO4J_URI=empty.uri)
        files = [str(p) for p in sorted(directory.glob("*.ndjson"))]
        printed, wall, peak, _ = _child(["fhir", "import", *files], env)
    found = _FHIR_IN.search(printed)
    resources = int(found.group(1)) if found else 0
    print(
        f"{clients:,} clients, fhir import: {resources:,} resources in {wall:.1f} s: "
        f"{resources / wall:,.0f} resources/s, peak RSS {peak:.0f} MB"
    )


def measure(settings: Settings, path: Path) -> Measured:
    """Load ``path`` with ``graphsvc load`` in a child process and measure it."""
    env = dict(os.environ, NEO4J_URI=settings.uri)
    if settings.password is not None:
        env["NEO4J_PASSWORD"] = settings.password
    server = None if settings.neo4j_uri is not None else devdb.status(settings.devdb).pid
    neo4j_before = _cpu_seconds(server)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [*GRAPHSVC, "load", "--no-progress", str(path)],
            env=env,
            stdout=out,
            stderr=err,
        )
        # wait4 gives this one child's resource use; its ru_maxrss is the peak in KiB
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        neo4j_after = _cpu_seconds(server)
        out.seek(0)
        err.seek(0)
        printed, complaints = out.read(), err.read()
    if child.returncode != 0:
        raise RuntimeError(f"graphsvc load failed ({child.returncode}): {complaints[:2000]}")
    found = _REPORT.search(printed)
    if found is None:
        raise RuntimeError(f"graphsvc load printed no report: {printed!r}")
    records, nodes, relationships, seconds = found.groups()
    return Measured(
        int(records),
        int(nodes),
        int(relationships),
        float(seconds),
        wall,
        peak_mb=usage.ru_maxrss / 1024,
        loader_cpu=usage.ru_utime + usage.ru_stime,
        neo4j_cpu=None
        if neo4j_before is None or neo4j_after is None
        else neo4j_after - neo4j_before,
    )


def _cpu_seconds(pid: int | None) -> float | None:
    """CPU seconds Neo4j has used so far, None when its process is not known."""
    if pid is None:
        return None
    try:
        return cpu_seconds(pid)
    except OSError:
        return None
