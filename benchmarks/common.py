"""Helpers the benchmarks share: a throwaway local Neo4j and percentile figures."""

from __future__ import annotations

import socket
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from graphsvc import devdb
from graphsvc.settings import Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def bench_database(heap_mb: int = 2048, pagecache_mb: int = 2048) -> Iterator[Settings]:
    """Settings for a fresh local Neo4j of the benchmark's own (or NEO4J_URI's server)."""
    settings = Settings.from_env()
    if settings.neo4j_uri is not None:
        yield settings
        return
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as home:
        own = replace(
            settings.devdb,
            home=Path(home),
            port=free_port(),
            heap_mb=heap_mb,
            pagecache_mb=pagecache_mb,
            password=None,
        )
        devdb.start(own)
        try:
            yield replace(settings, devdb=own)
        finally:
            devdb.stop(own)


def percentiles(samples_ms: list[float]) -> str:
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return f"p50 {cuts[49]:.2f} ms, p99 {cuts[98]:.2f} ms, max {max(samples_ms):.2f} ms"
