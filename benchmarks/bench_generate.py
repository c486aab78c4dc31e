"""graphsvc generate: seconds, file size and the generator's peak memory at 10k and 100k clients.

Each size runs in its own process, so its peak resident set size is its own;
equal peaks at both sizes show the generator streams.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10_000, 100_000)
MEASURE = (
    "import resource, sys; from pathlib import Path; "
    "from graphsvc.generate import GenerateParams, write; "
    "print(write(GenerateParams(clients=int(sys.argv[1]), seed=1), Path(sys.argv[2]))); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as tmp:
        for clients in SIZES:
            path = Path(tmp) / f"region-{clients}.jsonl"
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", MEASURE, str(clients), str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds = time.perf_counter() - started
            summary, peak_kb = done.stdout.strip().splitlines()
            records = int(summary.split(" records")[0].rsplit(" ", 1)[1])
            print(
                f"generate --clients {clients}: {seconds:.1f} s, "
                f"{path.stat().st_size / 1e6:.1f} MB, {records} records "
                f"({records / seconds:,.0f}/s), peak RSS {int(peak_kb) / 1024:.0f} MB"
            )
