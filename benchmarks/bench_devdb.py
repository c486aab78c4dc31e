"""Local Neo4j: cold start (new home, artifacts cached), warm start, RETURN 1 latency."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from benchmarks.common import free_port, percentiles
from graphsvc import devdb
from graphsvc.database import Database
from graphsvc.settings import DevdbSettings, Settings

CALLS = 1000


def run() -> None:
    devdb.build()
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as home:
        settings = DevdbSettings(home=Path(home), port=free_port())
        started = time.perf_counter()
        devdb.start(settings)
        print(f"cold start (new store): {time.perf_counter() - started:.2f} s")
        devdb.stop(settings)
        started = time.perf_counter()
        devdb.start(settings)
        print(f"warm start (existing store): {time.perf_counter() - started:.2f} s")
        try:
            print(f"RETURN 1 over {CALLS} calls: {asyncio.run(_latency(settings))}")
        finally:
            started = time.perf_counter()
            devdb.stop(settings)
            print(f"stop: {time.perf_counter() - started:.2f} s")


async def _latency(settings: DevdbSettings) -> str:
    db = Database(Settings(devdb=settings))
    try:
        for _ in range(50):
            await db.read("health", "ping")
        samples = []
        for _ in range(CALLS):
            started = time.perf_counter()
            await db.read("health", "ping")
            samples.append((time.perf_counter() - started) * 1000)
        return percentiles(samples)
    finally:
        await db.close()
