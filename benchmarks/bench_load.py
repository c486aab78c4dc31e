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

from benchmarks.common import bench_database
from graphsvc import devdb
from graphsvc.settings import Settings

SIZES = tuple(int(n) for n in os.environ.get("BENCH_LOAD_CLIENTS", "10000,100000").split(","))
SEED = 7
GRAPHSVC = (sys.executable, "-m", "graphsvc")
_REPORT = re.compile(r"wrote (\d+) records .*nodes \+(\d+), relationships \+(\d+) in ([\d.]+) s")


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
                print(f"{clients:,} clients: {measure(settings, path)}")
            path.unlink()


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
