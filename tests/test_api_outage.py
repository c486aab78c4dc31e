"""Neo4j killed during a stream of mutations, then restarted under the same server."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from graphsvc import devdb
from graphsvc.database import Database
from graphsvc.settings import Settings
from tests.conftest import free_port
from tests.live_server import admin_headers, live_server

MUTATION = 'mutation($id: ID!) { createRegion(id: $id, input: {name: "Alue"}) { node { id } } }'


def create_region(http: httpx.Client, url: str, id: str) -> str:
    """OK, or the error code the API answered with."""
    body = http.post(f"{url}/graphql", json={"query": MUTATION, "variables": {"id": id}}).json()
    if "errors" in body:
        return str(body["errors"][0]["extensions"]["code"])
    assert body["data"]["createRegion"]["node"]["id"] == id
    return "OK"


@pytest.mark.neo4j
def test_mutations_that_succeeded_survive_a_neo4j_crash_and_the_server_recovers(
    tmp_path: Path,
) -> None:
    own = replace(
        Settings.from_env().devdb,
        home=tmp_path / "neo4j",
        port=free_port(),
        password=None,
        heap_mb=512,
        pagecache_mb=128,
    )
    devdb.start(own)
    env = {
        "NEO4J_URI": "",
        "GRAPHSVC_DEVDB_HOME": str(own.home),
        "GRAPHSVC_DEVDB_PORT": str(own.port),
    }
    outcomes: dict[str, str] = {}
    try:
        with live_server(env) as url, httpx.Client(timeout=30.0, headers=admin_headers()) as http:
            for n in range(20):
                outcomes[f"r-before-{n}"] = create_region(http, url, f"r-before-{n}")
            pid = devdb.status(own).pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            down_until = time.monotonic() + 3.0
            n = 0
            while time.monotonic() < down_until:
                outcomes[f"r-down-{n}"] = create_region(http, url, f"r-down-{n}")
                n += 1
            devdb.start(own)
            deadline = time.monotonic() + 60.0
            n = 0
            recovered = 0
            while recovered < 10 and time.monotonic() < deadline:
                outcome = create_region(http, url, f"r-after-{n}")
                outcomes[f"r-after-{n}"] = outcome
                recovered += outcome == "OK"
                n += 1
                if outcome != "OK":
                    time.sleep(0.1)
            ready = http.get(f"{url}/readyz").status_code
        settings = replace(Settings.from_env(), neo4j_uri=None, devdb=own)
        stored = asyncio.run(stored_regions(settings, list(outcomes)))
    finally:
        devdb.stop(own)

    succeeded = {id for id, outcome in outcomes.items() if outcome == "OK"}
    during = {id: outcome for id, outcome in outcomes.items() if id.startswith("r-down-")}
    assert all(outcomes[f"r-before-{n}"] == "OK" for n in range(20))
    assert during and set(during.values()) == {"UNAVAILABLE"}
    assert set(outcomes.values()) <= {"OK", "UNAVAILABLE"}
    assert recovered == 10, "the server answered again without a restart"
    assert ready == 200
    assert succeeded <= stored


async def stored_regions(settings: Settings, ids: list[str]) -> set[str]:
    db = Database(settings)
    try:
        rows = await db.read("api", "region-by-ids", ids=ids)
    finally:
        await db.close()
    return {row["node"]["id"] for row in rows}
