"""Each planner's analysis on a generated region (100k clients by default).

Figures per analysis: wall seconds, the seconds spent in its Cypher queries
(the raw-Cypher limit: no analysis can be faster than its reads) and their
ratio, and the peak memory Python allocated for it (tracemalloc; Neo4j's own
heap is the store's), for the first run (cold cache) and the best of
GRAPHSVC_BENCH_ANALYTICS_RUNS (default 2). The peak is taken in one more run of
its own: tracing every allocation made the Python part of an analysis up to
seven times slower, so the timed runs go untraced. The region is the gap benchmark's:
the same seed and the same cached store under /tmp (GRAPHSVC_BENCH_GAPS_HOME),
so the long load happens once for both. Environment:
GRAPHSVC_BENCH_ANALYTICS_CLIENTS (default 100000).
"""

from __future__ import annotations

import datetime as dt
import os
import time
import tracemalloc
from pathlib import Path

from benchmarks.common import run_on_store
from graphsvc.analytics import ANALYSES, Options, Pseudonyms, run_analysis
from graphsvc.database import Database
from graphsvc.queries import Query
from graphsvc.settings import DEV_PSEUDONYM_KEY, Settings

CLIENTS = int(os.environ.get("GRAPHSVC_BENCH_ANALYTICS_CLIENTS", "100000"))
SEED = 7
"""The gap benchmark's seed, so both share one loaded store."""
AS_OF = dt.date(2026, 11, 22)
PERIOD = (dt.date(2026, 1, 1), AS_OF)
HOME = Path(os.environ.get("GRAPHSVC_BENCH_GAPS_HOME", f"/tmp/graphsvc-bench-gaps-{CLIENTS}"))
TARGET_SECONDS = 20.0
RUNS = int(os.environ.get("GRAPHSVC_BENCH_ANALYTICS_RUNS", "2"))


def run() -> None:
    run_on_store(HOME, CLIENTS, SEED, _bench)


async def _bench(settings: Settings) -> None:
    db = Database(settings)
    cypher = [0.0]

    def observe(query: Query, seconds: float) -> None:
        cypher[0] += seconds

    db.observers.append(observe)
    try:
        (info,) = await db.read("gaps", "bench-region")
        region = info["region"]
        print(
            f"region {region}: {info['clients']} clients, as of {AS_OF}, "
            f"period {PERIOD[0]} - {PERIOD[1]}; each analysis run {RUNS} times "
            "(the first on a cold cache)"
        )
        print(
            f"{'analysis':22} {'first s':>8} {'best s':>7} {'cypher s':>9} {'ratio':>6} "
            f"{'peak MiB':>9}  target"
        )
        pseudonyms = Pseudonyms(DEV_PSEUDONYM_KEY)
        for name in ANALYSES:
            period = PERIOD if name in ("handoff-flows", "coordination-burden") else None
            options = Options(region, AS_OF, period)
            runs: list[tuple[float, float]] = []
            for _ in range(RUNS):
                cypher[0] = 0.0
                started = time.perf_counter()
                report = await run_analysis(db, name, options, pseudonyms)
                runs.append((time.perf_counter() - started, cypher[0]))
            tracemalloc.start()
            await run_analysis(db, name, options, pseudonyms)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            best, best_cypher = min(runs)
            verdict = "ok" if best <= TARGET_SECONDS else "OVER"
            print(
                f"{name:22} {runs[0][0]:8.2f} {best:7.2f} {best_cypher:9.2f} "
                f"{best / max(best_cypher, 1e-9):6.2f} {peak:9.1f}  <= {TARGET_SECONDS:.0f} s "
                f"{verdict} ({sum(len(t.rows) for t in report.tables)} rows, "
                f"{report.suppressed} suppressed)"
            )
    finally:
        db.observers.remove(observe)
        await db.close()
