"""Loading generated regions: relationships written per second and the loader's peak memory.

For each size (clients; ``BENCH_LOAD_CLIENTS=10000,100000`` by default) it
generates a region with ``graphsvc generate`` (JSON Lines with batches), starts
a fresh local Neo4j, and runs ``graphsvc load`` on the file in a subprocess, so
the peak resident memory (``ru_maxrss``) is the loader's alone. Relationships
per second is the loader's own count of relationships added over its load
time (migrations and interpreter start excluded; the wall time is shown too).
CPU seconds of the loader and of the Neo4j process are printed as well: on a
shared machine they say more about the loader's cost than the wall clock.
Target: at least 70,000 relationships/s, and a peak that does not grow with
the file.

The same file then goes through ``graphsvc load --bulk`` (validation, CSV,
``neo4j-admin database import full``, restart and migrations) into an empty
local Neo4j of its own; its rate is relationships over the command's whole wall
time. Its peak RSS is that of the process tree: the loader, the import JVM
and the local Neo4j it stops and starts. For sizes in ``BENCH_FHIR_CLIENTS``
(default 10000) the loaded region is exported as FHIR Bulk Data NDJSON and
imported into an empty database, resources per second each way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import bench_database, free_port
from graphsvc import devdb
from graphsvc.settings import Settings

SIZES = tuple(int(n) for n in os.environ.get("BENCH_LOAD_CLIENTS", "10000,100000").split(","))
FHIR_SIZES = tuple(int(n) for n in os.environ.get("BENCH_FHIR_CLIENTS", "10000").split(",") if n)
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
            f"in {self.seconds:.1f} s (wall {self.wall:.1f} s): {rate:,.0f} relationships/s, "
            f"{self.records / self.seconds:,.0f} records/s; loader peak RSS {self.peak_mb:.0f} MB; "
            f"CPU time: loader {self.loader_cpu:.1f} s{neo4j} (machine load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-load-") as tmp:
        for clients in SIZES:
            path = Path(tmp) / f"region-{clients}.jsonl"
            started = time.perf_counter()
            generated = subprocess.run(
                [*GRAPHSVC, "generate", "--clients", str(clients), "--seed", str(SEED), "-o", path],
                capture_output=True,
                text=True,
            )
            if generated.returncode != 0:
                print(f"{clients:,} clients: graphsvc generate failed: {generated.stderr.strip()}")
                continue
            size_mb = path.stat().st_size / 2**20
            print(
                f"{clients:,} clients: generated {size_mb:.0f} MB "
                f"in {time.perf_counter() - started:.1f} s"
            )
            with bench_database() as settings:
                print(f"{clients:,} clients, load: {measure(settings, path)}")
                if clients in FHIR_SIZES:
                    fhir(settings, Path(tmp) / f"fhir-{clients}", clients)
            print(f"{clients:,} clients, load --bulk: {measure_bulk(path, Path(tmp))}")
            path.unlink()


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


def measure_bulk(path: Path, tmp: Path) -> str:
    """``graphsvc load --bulk`` into an empty local Neo4j of its own."""
    home = tmp / "bulk-home"
    env = dict(
        os.environ,
        GRAPHSVC_DEVDB_HOME=str(home),
        GRAPHSVC_DEVDB_PORT=str(free_port()),
        GRAPHSVC_DEVDB_HEAP_MB="2048",
        GRAPHSVC_DEVDB_PAGECACHE_MB="2048",
    )
    env.pop("NEO4J_URI", None)
    printed, wall, peak, cpu = _child(["load", "--bulk", str(path)], env)
    found = _BULK.search(printed)
    if found is None:
        raise RuntimeError(f"graphsvc load --bulk printed no report: {printed!r}")
    records, nodes, relationships = (int(n) for n in found.groups()[:3])
    store = sum(f.stat().st_size for f in (home / "data").rglob("*") if f.is_file())
    subprocess.run(["rm", "-rf", str(home)], check=False)
    return (
        f"{records:,} records, {nodes:,} nodes, {relationships:,} relationships "
        f"in wall {wall:.1f} s: {relationships / wall:,.0f} relationships/s "
        f"(target 70,000); process tree peak RSS {peak:.0f} MB, CPU {cpu:.1f} s; "
        f"store {store / 2**20:.0f} MB ({printed.strip()}; machine load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
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
    with bench_database() as empty:
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
    """User and system CPU seconds a process has used so far (Linux ``/proc``)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
