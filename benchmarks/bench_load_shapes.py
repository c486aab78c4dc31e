"""Which batch shape ``graphsvc load`` writes fastest: rows per UNWIND statement.

A generated region (``BENCH_SHAPE_CLIENTS``, default 10,000 clients, JSON Lines
with the generator's 1,000-client batches) is loaded into an emptied local Neo4j
once per shape, in-process, with validation of the next batch overlapping the
write of this one as ``load`` does. Each shape runs twice, the second round in reverse order, and
the better run counts (the machine is shared). The importer's
``CHUNK_ROWS`` is the shape it uses.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import bench_database
from graphsvc.database import Database
from graphsvc.importing import batch, load_file
from graphsvc.migrate import migrate
from graphsvc.settings import Settings

CLIENTS = int(os.environ.get("BENCH_SHAPE_CLIENTS", "10000"))
SHAPES = (2_000, 10_000, 50_000)


async def _measure(settings: Settings, path: Path) -> None:
    db = Database(settings)
    best: dict[int, float] = {}
    relationships = 0
    try:
        # the second round in reverse order, so a machine growing busier or quieter
        # during the run does not favour one shape
        for order in (SHAPES, SHAPES[::-1]):
            for shape in order:
                await db.run_auto_commit("admin", "delete-everything")
                await migrate(db)
                batch.CHUNK_ROWS = shape
                started = time.perf_counter()
                report = await load_file(db, path)
                seconds = time.perf_counter() - started
                relationships = report.relationships_added
                best[shape] = min(seconds, best.get(shape, seconds))
                print(
                    f"  {shape:>6,} rows per UNWIND: {seconds:6.1f} s, "
                    f"{relationships / seconds:,.0f} relationships/s"
                )
    finally:
        await db.close()
    fastest = min(best, key=best.__getitem__)
    for shape, seconds in best.items():
        print(
            f"{shape:>6,} rows per UNWIND: best {seconds:.1f} s, "
            f"{relationships / seconds:,.0f} relationships/s, "
            f"{seconds / best[fastest]:.2f}x the fastest"
        )
    print(f"fastest: {fastest:,} (importer's CHUNK_ROWS)")


def run() -> None:
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-shapes-") as tmp:
        path = Path(tmp) / "region.jsonl"
        generate = ["generate", "--clients", str(CLIENTS), "--seed", "7", "-o", str(path)]
        subprocess.run([sys.executable, "-m", "graphsvc", *generate], check=True)
        with bench_database() as settings:
            asyncio.run(_measure(settings, path))
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
