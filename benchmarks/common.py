"""Helpers the benchmarks share: a throwaway local Neo4j and percentile figures."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from graphsvc import devdb
from graphsvc.auth.tokens import sha256_hex
from graphsvc.bulk import bulk_load
from graphsvc.database import Database
from graphsvc.importing import load_file
from graphsvc.migrate import migrate
from graphsvc.settings import Settings

BENCH_TOKEN = "gsvc-bench-" + secrets.token_urlsafe(24)
"""The token of the admin service account a benchmarked server is started with."""


def production_env() -> dict[str, str]:
    """A production server's environment as a benchmark starts it: an issuer (never
    contacted: the load generator sends the service account's token), a session secret,
    an admin service account stored hashed, and no rate limit (the load generator is one
    caller at full speed: the limiter would measure itself; its own cost stays)."""
    return {
        "GRAPHSVC_ENV": "production",
        "GRAPHSVC_OIDC_ISSUER": "https://issuer.invalid/realms/bench",
        "GRAPHSVC_OIDC_AUDIENCE": "graphsvc",
        "GRAPHSVC_SESSION_SECRET": secrets.token_urlsafe(32),
        "GRAPHSVC_SERVICE_TOKENS": f"bench:admin:{sha256_hex(BENCH_TOKEN)}",
        "GRAPHSVC_RATE_LIMIT": "10000000",
    }


def database_env(settings: Settings) -> dict[str, str]:
    """What a server process started by a benchmark needs to reach the benchmark's local
    Neo4j (nothing when NEO4J_URI names a server: the process reads it too)."""
    if settings.neo4j_uri is not None:
        return {}
    return {
        "GRAPHSVC_DEVDB_PORT": str(settings.devdb.port),
        "GRAPHSVC_DEVDB_HOME": str(settings.devdb.home),
    }


AUTHORIZATION = {"authorization": f"Bearer {BENCH_TOKEN}"}
"""The header of that service account."""


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process and its living children (a server's
    workers) have used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                total += cpu_seconds(int(child))
            except OSError:  # ended meanwhile
                continue
    return total


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    command: list[str],
    port: int,
    env: Mapping[str, str],
    *,
    seconds: float = 120,
    stderr: int | None = subprocess.DEVNULL,
) -> Iterator[tuple[str, int]]:
    """A server process listening on 127.0.0.1:``port``, once its ``/readyz`` answers 200
    (its url and pid); terminated after. It plans its reads before it is ready, which
    takes long on a busy machine: ``seconds`` is how long that may take."""
    server = subprocess.Popen(command, env=dict(env), stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"{' '.join(command[1:4])} did not become ready")
            time.sleep(0.2)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)


@contextmanager
def variant_server(factory: str, env: Mapping[str, str]) -> Iterator[tuple[str, int]]:
    """One build of the app from :mod:`benchmarks.variants`, served by uvicorn as
    ``graphsvc serve`` serves it (uvloop, httptools, no access log)."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", f"benchmarks.variants:{factory}", "--factory"]
    command += ["--port", str(port), "--loop", "uvloop", "--http", "httptools"]
    command += ["--no-access-log", "--log-level", "warning"]
    with serving(command, port, {**os.environ, **env}, seconds=300, stderr=None) as started:
        yield started


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


async def region_clients(db: Database, region: str) -> list[str]:
    """The ids of a region's clients, in id order (the gap engine's scope query)."""
    (found,) = await db.read("gaps", "clients-in-scope", region=region, pathway=None)
    return list(found["ids"])


def percentiles(samples_ms: list[float]) -> str:
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return f"p50 {cuts[49]:.2f} ms, p99 {cuts[98]:.2f} ms, max {max(samples_ms):.2f} ms"


def _generate(home: Path, clients: int, seed: int) -> Path:
    source = home / f"region-{clients}-{seed}.jsonl"
    started = time.perf_counter()
    generate = ["generate", "--clients", str(clients), "--seed", str(seed), "-o", str(source)]
    subprocess.run([sys.executable, "-m", "graphsvc", *generate], check=True)
    print(f"generated in {time.perf_counter() - started:.1f} s")
    return source


async def _load_on_server(settings: Settings, home: Path, clients: int, seed: int) -> None:
    """Empty NEO4J_URI's database and load the region with transactions (the only way
    to a server this machine does not own)."""
    source = _generate(home, clients, seed)
    db = Database(settings)
    try:
        await db.run_auto_commit("admin", "delete-everything")
        await migrate(db)
        started = time.perf_counter()
        report = await load_file(db, source, progress=True)
        print(f"loaded {report.total} records in {time.perf_counter() - started:.1f} s")
    finally:
        await db.close()


def _bulk_load_local(settings: Settings, home: Path, clients: int, seed: int) -> None:
    """Replace the local store under ``home`` with the region, loaded offline by
    ``load --bulk`` (the same graph as a transactional load, minutes sooner at 100k)."""
    source = _generate(home, clients, seed)
    for part in ("databases", "transactions"):
        shutil.rmtree(home / "data" / part / settings.neo4j_database, ignore_errors=True)
    report = asyncio.run(bulk_load(settings, [source]))
    print(f"bulk-loaded: {report}")


def run_on_store(
    home: Path, clients: int, seed: int, bench: Callable[[Settings], Coroutine[Any, Any, None]]
) -> None:
    """Run ``bench`` on a generated region of ``clients``, in NEO4J_URI's server or in a
    local Neo4j whose store stays in ``home`` between runs. The region is loaded once and
    reused while the marker in ``home`` names the same region. The local Neo4j has a
    2 GiB heap and GRAPHSVC_BENCH_PAGECACHE_MB of page cache (2048 by default; a 100k
    region's store is about 3 GB)."""
    home.mkdir(parents=True, exist_ok=True)
    marker = home / "loaded.json"
    wanted = {"clients": clients, "seed": seed}
    loaded = marker.exists() and json.loads(marker.read_text()) == wanted
    if loaded:
        print(f"reusing the loaded store ({marker})")
    settings = Settings.from_env()
    if settings.neo4j_uri is not None:
        if not loaded:
            asyncio.run(_load_on_server(settings, home, clients, seed))
            marker.write_text(json.dumps(wanted))
        asyncio.run(bench(settings))
        return
    pagecache_mb = int(os.environ.get("GRAPHSVC_BENCH_PAGECACHE_MB", "2048"))
    own = replace(
        settings.devdb,
        home=home,
        port=free_port(),
        heap_mb=2048,
        pagecache_mb=pagecache_mb,
        password=None,
    )
    local = replace(settings, devdb=own)
    if not loaded:
        marker.unlink(missing_ok=True)
        _bulk_load_local(local, home, clients, seed)
        marker.write_text(json.dumps(wanted))
    started = time.perf_counter()
    devdb.start(own)
    print(f"store {home} started in {time.perf_counter() - started:.1f} s")
    try:
        asyncio.run(bench(local))
    finally:
        devdb.stop(own)
