"""Run benchmarks by name (all when none is given) and print their figures."""

from __future__ import annotations

import argparse
import importlib
import os
import platform

BENCHMARKS = {
    "alerts": "benchmarks.bench_alerts",
    "analytics": "benchmarks.bench_analytics",
    "api": "benchmarks.bench_api",
    "devdb": "benchmarks.bench_devdb",
    "gaps": "benchmarks.bench_gaps",
    "generate": "benchmarks.bench_generate",
    "load": "benchmarks.bench_load",
    "load-shapes": "benchmarks.bench_load_shapes",
    "maps": "benchmarks.bench_maps",
    "overhead": "benchmarks.bench_overhead",
    "peer": "benchmarks.bench_peer",
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument(
        "names",
        nargs="*",
        choices=[*BENCHMARKS, []],
        metavar="NAME",
        help=f"any of {', '.join(BENCHMARKS)}",
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    for name in args.names or BENCHMARKS:
        print(f"\n== {name}")
        importlib.import_module(BENCHMARKS[name]).run()


main()
