"""GraphQL API: lookup throughput and latency at 32 concurrent clients, a 1,000-client page
with 8 fields, and per-client gaps over GraphQL against the gap engine called directly.

The server (``graphsvc serve``, one uvicorn process), the load generator and Neo4j share
this machine's cores, as the targets ask (>= 500 lookups/s with p99 <= 100 ms; gaps over
GraphQL within 1.5 times the direct call).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from typing import Any

import httpx

from benchmarks.common import (
    AUTHORIZATION,
    bench_database,
    database_env,
    free_port,
    percentiles,
    production_env,
    serving,
)
from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.importing import load_records
from graphsvc.migrate import migrate
from graphsvc.settings import Settings

CLIENTS = 2000
CONCURRENCY = 32
SECONDS = 10.0
PAGE_RUNS = 20
GAP_RUNS = 50

LOOKUP = "query($id: ID!) { client(id: $id) { id name birthDate } }"
PAGE = """{ clients(first: 1000) { nodes { id name birthDate municipality longTermIllness
    region { id } family { id } episodes { id } } } }"""
GAPS = "query($id: ID!) { client(id: $id) { gaps { rule severity subjectId } } }"


def region(clients: int) -> list[dict[str, Any]]:
    """A region whose clients each have two services in two organisations and a worker."""
    records: list[dict[str, Any]] = [
        {"type": "region", "id": "r", "name": "Alue"},
        {"type": "organisation", "id": "o-a", "name": "A", "kind": "sote_centre", "region": "r"},
        {"type": "organisation", "id": "o-b", "name": "B", "kind": "kela", "region": "r"},
        {"type": "family", "id": "f", "name": "Perhe"},
    ]
    for org, kind in (("o-a", "physiotherapy"), ("o-b", "speech_therapy")):
        records.append(
            {
                "type": "service",
                "id": f"s-{org}",
                "name": org,
                "kind": kind,
                "level": "basic",
                "sector": "health",
                "provider": org,
            }
        )
    records += [
        {
            "type": "professional",
            "id": f"p-{p}",
            "name": f"P {p}",
            "profession": "x",
            "organisation": "o-a",
        }
        for p in range(100)
    ]
    for c in range(clients):
        client = f"c-{c:05d}"
        records.append(
            {
                "type": "client",
                "id": client,
                "name": f"Asiakas {c}",
                "birth_date": "1990-01-01",
                "region": "r",
                "municipality": "Espoo",
                "long_term_illness": c % 3 == 0,
            }
            | ({"family": "f", "family_role": "child"} if c % 10 == 0 else {})
        )
        for org in ("o-a", "o-b"):
            records.append(
                {
                    "type": "episode",
                    "id": f"e-{c}-{org}",
                    "client": client,
                    "service": f"s-{org}",
                    "start": "2024-01-01",
                    "status": "active",
                }
            )
        records.append(
            {
                "type": "responsibility",
                "id": f"rs-{c}",
                "professional": f"p-{c % 100}",
                "role": "own_worker",
                "client": client,
                "valid_from": "2024-01-01",
            }
        )
    return records


def run() -> None:
    with bench_database() as settings:
        asyncio.run(_load(settings))
        port = free_port()
        env = dict(os.environ) | production_env()
        env |= database_env(settings)
        command = [sys.executable, "-m", "graphsvc", "serve", "--port", str(port)]
        with serving(command, port, env, seconds=60) as (url, _):
            asyncio.run(_lookups(url))
            asyncio.run(_page(url))
            asyncio.run(_gaps(url, settings))


async def _load(settings: Settings) -> None:
    db = Database(settings)
    try:
        await migrate(db)
        started = time.perf_counter()
        await load_records(db, region(CLIENTS), source="benchmark region")
        print(f"loaded {CLIENTS} clients in {time.perf_counter() - started:.1f} s")
    finally:
        await db.close()


async def _lookups(url: str) -> None:
    samples: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(
        base_url=url, limits=limits, timeout=30, headers=AUTHORIZATION
    ) as http:

        async def worker(n: int, until: float, record: bool) -> None:
            nonlocal errors
            i = n
            while time.perf_counter() < until:
                variables = {"id": f"c-{i % CLIENTS:05d}"}
                started = time.perf_counter()
                response = await http.post(
                    "/graphql", json={"query": LOOKUP, "variables": variables}
                )
                if record:
                    samples.append((time.perf_counter() - started) * 1000)
                    errors += response.status_code != 200 or "errors" in response.json()
                i += CONCURRENCY

        warm = time.perf_counter() + 2
        await asyncio.gather(*(worker(n, warm, False) for n in range(CONCURRENCY)))
        started = time.perf_counter()
        until = started + SECONDS
        await asyncio.gather(*(worker(n, until, True) for n in range(CONCURRENCY)))
        elapsed = time.perf_counter() - started
    print(
        f"lookup by id, {CONCURRENCY} concurrent clients for {elapsed:.0f} s: "
        f"{len(samples) / elapsed:.0f} req/s, {percentiles(samples)}, {errors} errors"
    )


async def _page(url: str) -> None:
    samples = []
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=AUTHORIZATION) as http:
        for run in range(PAGE_RUNS + 2):
            started = time.perf_counter()
            response = await http.post("/graphql", json={"query": PAGE})
            took = (time.perf_counter() - started) * 1000
            assert len(response.json()["data"]["clients"]["nodes"]) == 1000
            if run >= 2:
                samples.append(took)
    print(f"page of 1,000 clients with 8 fields, {PAGE_RUNS} runs: {percentiles(samples)}")


async def _gaps(url: str, settings: Settings) -> None:
    ids = [f"c-{c:05d}" for c in range(0, CLIENTS, CLIENTS // GAP_RUNS)][:GAP_RUNS]
    db = Database(settings)
    over_api: list[float] = []
    direct: list[float] = []
    try:
        async with httpx.AsyncClient(base_url=url, timeout=60, headers=AUTHORIZATION) as http:
            for warm in ids[:5]:
                await http.post("/graphql", json={"query": GAPS, "variables": {"id": warm}})
                await find_gaps(db, clients=[warm])
            for id in ids:
                started = time.perf_counter()
                found = await find_gaps(db, clients=[id])
                direct.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                response = await http.post(
                    "/graphql", json={"query": GAPS, "variables": {"id": id}}
                )
                over_api.append((time.perf_counter() - started) * 1000)
                assert len(response.json()["data"]["client"]["gaps"]) == len(found)
    finally:
        await db.close()
    ratio = statistics.median(over_api) / statistics.median(direct)
    print(f"gaps of one client over GraphQL, {GAP_RUNS} clients: {percentiles(over_api)}")
    print(f"gaps of one client, gap engine called directly: {percentiles(direct)}")
    print(f"ratio of medians (GraphQL / direct): {ratio:.2f}")
