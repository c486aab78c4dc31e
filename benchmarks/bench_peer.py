"""graphsvc against @neo4j/graphql 7 and one hand-written Cypher query, same Neo4j.

Two requests: the client network (a client by id with its episodes -> service ->
organisation, responsibilities -> professional, and plans) and a 100-client list
page with the names of the clients' episodes' services. graphsvc is served twice:
as in production (every request signed in, every read of client data audited
before the answer leaves) and, as ``unaudited``, the same app without sign-in and
audit trail, which is what the peer does; the difference is what the audit costs.
Each is measured sequentially (requests of all sides interleaved, p50/p99) and at 32
connections with ``wrk`` (throughput, and the CPU per request of the server
process, its workers included, and of the local Neo4j less what it uses with no
requests). The peer runs from ``node_modules``
(``npm ci``: @neo4j/graphql and graphql-yoga pinned in package-lock.json) with
type definitions generated here from graphsvc's model, so both sides serve the
same labels and relationships. ``wrk`` is Debian's; the benchmark installs it
with apt-get when it is missing and it runs as root.

The region is generated (``BENCH_PEER_CLIENTS``, default 10,000 clients).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import neo4j

from benchmarks.common import (
    AUTHORIZATION,
    bench_database,
    cpu_seconds,
    database_env,
    free_port,
    production_env,
    variant_server,
)
from graphsvc import devdb
from graphsvc.api.relations import RELATIONS
from graphsvc.database import Database
from graphsvc.generate import write
from graphsvc.generate.params import GenerateParams
from graphsvc.importing import load_file
from graphsvc.migrate import migrate
from graphsvc.model import SPECS, Kind
from graphsvc.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("BENCH_PEER_CLIENTS", "10000"))
SEQUENTIAL = 200
WRK_SECONDS = 10
CONNECTIONS = 32
UNAUDITED = "unaudited"
"""graphsvc's reads without sign-in and audit trail (``benchmarks.variants``), as the
peer serves them: the same compiled queries, nothing written per request."""

NETWORK = """query($id: ID!) { client(id: $id) { id name
  episodes { id status service { name provider { name } } }
  responsibilities { role professional { name } } plans { id kind } } }"""
PEER_NETWORK = """query($id: ID!) { clients(where: {id: {eq: $id}}) { id name
  episodes { id status service { name provider { name } } }
  responsibilities { role professional { name } } plans { id kind } } }"""
RAW_NETWORK = """MATCH (c:Client {id: $id})
RETURN c {.id, .name,
  episodes: [(c)-[:HAS_EPISODE]->(e:Episode) | e {.id, .status,
    service: head([(e)-[:OF_SERVICE]->(s:Service) | s {.name,
      provider: head([(s)-[:PROVIDED_BY]->(o:Organisation) | o {.name}])}])}],
  responsibilities: [(c)<-[:FOR]-(r:Responsibility) | r {.role,
    professional: head([(r)<-[:HOLDS]-(p:Professional) | p {.name}])}],
  plans: [(c)-[:HAS_PLAN]->(p:Plan) | p {.id, .kind}]} AS client"""

PAGE = "{ clients(first: 100) { nodes { id name episodes { service { name } } } } }"
PEER_PAGE = "{ clients(limit: 100, sort: [{id: ASC}]) { id name episodes { service { name } } } }"
RAW_PAGE = """MATCH (c:Client) WHERE c.id IS NOT NULL
WITH c ORDER BY c.id LIMIT 100
RETURN collect(c {.id, .name,
  episodes: [(c)-[:HAS_EPISODE]->(e:Episode) | e {
    service: head([(e)-[:OF_SERVICE]->(s:Service) | s {.name}])}]}) AS clients"""

SCALARS = {Kind.DATE: "Date", Kind.BOOL: "Boolean", Kind.POSITIVE_INT: "Int"}


def type_definitions() -> str:
    """The peer's types: every label with its properties and relations, from the model."""
    out = []
    for spec in SPECS.values():
        lines = [f"type {spec.label} @node {{", "  id: ID!"]
        for field in spec.properties:
            lines.append(f"  {field.name}: {SCALARS.get(field.kind, 'String')}")
        for (label, name), hop in sorted(RELATIONS.items()):
            if label == spec.label:
                direction = "OUT" if hop.direction == "out" else "IN"
                lines.append(
                    f"  {name}: [{hop.label}!]! "
                    f'@relationship(type: "{hop.type}", direction: {direction})'
                )
        out.append("\n".join([*lines, "}"]))
    return "\n\n".join(out) + "\n"


def _ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return "wrk"
    raise RuntimeError("the peer benchmark needs Debian's wrk (apt-get install wrk)")


def _wait(url: str, path: str, body: dict[str, Any] | None = None) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if body is None:
                ok = httpx.get(f"{url}{path}", timeout=2).status_code == 200
            else:
                ok = httpx.post(f"{url}{path}", json=body, timeout=5).status_code == 200
            if ok:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not become ready")


async def _load(settings: Settings) -> str:
    db = Database(settings)
    try:
        await migrate(db)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "region.jsonl"
            write(GenerateParams(clients=CLIENTS, seed=1), path)
            started = time.perf_counter()
            await load_file(db, path)
            print(f"loaded {CLIENTS} clients in {time.perf_counter() - started:.1f} s")
    finally:
        await db.close()
    driver = neo4j.GraphDatabase.driver(settings.uri, auth=_auth(settings))
    try:
        records, _, _ = driver.execute_query(
            "MATCH (c:Client)-[:HAS_EPISODE]->() WITH c, count(*) AS n "
            "ORDER BY n DESC, c.id LIMIT 1 RETURN c.id AS id",
            database_=settings.neo4j_database,
        )
        return str(records[0]["id"])
    finally:
        driver.close()


def _neo4j_pid(settings: Settings) -> dict[str, int]:
    """The local Neo4j's process, whose CPU each side's requests cost is counted too."""
    if settings.neo4j_uri is not None:
        return {}
    pid = devdb.status(settings.devdb).pid
    return {} if pid is None else {"neo4j": pid}


def _idle(neo4j_pid: int | None, seconds: float = 2.0, settle: float = 300.0) -> float | None:
    """Neo4j's CPU seconds per second with no request, once its own background work
    (flushing the load just done) has settled, to take off what each side's requests
    are counted: it waits until two seconds in a row use under a tenth of a core. None
    when there is no local Neo4j, or it has not settled within ``settle`` seconds."""
    if neo4j_pid is None:
        return None
    deadline = time.monotonic() + settle
    while True:
        before = cpu_seconds(neo4j_pid)
        time.sleep(seconds)
        idle = (cpu_seconds(neo4j_pid) - before) / seconds
        if idle < 0.1:
            print(f"Neo4j's own CPU with no requests: {idle * 1000:.0f} ms/s")
            return idle
        if time.monotonic() > deadline:
            print(f"Neo4j still busy with its own work after {settle:.0f} s: no Neo4j figures")
            return None


def _auth(settings: Settings) -> tuple[str, str] | None:
    return None if settings.password is None else (settings.neo4j_user, settings.password)


def _p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def _wrk(wrk: str, url: str, body: dict[str, Any], headers: dict[str, str]) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            + "".join(
                f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in headers.items()
            )
            + f"wrk.body = {json.dumps(json.dumps(body))}\n"
        )
    try:
        out = subprocess.run(
            [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{WRK_SECONDS}s", "-s", script.name, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if found is None or "Non-2xx" in out:
        raise RuntimeError(f"wrk failed against {url}:\n{out}")
    return float(found.group(1))


@dataclass(frozen=True)
class Side:
    """A server measured: its column, GraphQL url and headers, and whether it speaks the
    peer's dialect of the requests."""

    name: str
    url: str
    headers: dict[str, str]
    peer: bool = False


def _measure(
    settings: Settings, wrk: str, sides: list[Side], pids: dict[str, int], client: str
) -> list[tuple[str, dict[str, str]]]:
    driver = neo4j.GraphDatabase.driver(settings.uri, auth=_auth(settings))
    rows = []
    cases: tuple[tuple[str, tuple[str, str, str], dict[str, Any]], ...] = (
        ("client network", (NETWORK, PEER_NETWORK, RAW_NETWORK), {"id": client}),
        ("100-client page", (PAGE, PEER_PAGE, RAW_PAGE), {}),
    )
    idle = _idle(pids.get("neo4j"))
    try:
        with httpx.Client(timeout=30) as http:
            for name, (mine, theirs, raw), variables in cases:
                bodies = {
                    side.name: {"query": theirs if side.peer else mine, "variables": variables}
                    for side in sides
                }
                for side in sides:
                    answer = http.post(side.url, json=bodies[side.name], headers=side.headers)
                    if errors := answer.json().get("errors"):
                        raise RuntimeError(f"{side.url}: {errors}")
                samples: dict[str, list[float]] = {side.name: [] for side in sides}
                samples["cypher"] = []
                for _ in range(SEQUENTIAL):
                    for side in sides:
                        started = time.perf_counter()
                        posted = http.post(side.url, json=bodies[side.name], headers=side.headers)
                        posted.raise_for_status()
                        samples[side.name].append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    driver.execute_query(
                        raw, variables, database_=settings.neo4j_database, routing_="r"
                    )
                    samples["cypher"].append((time.perf_counter() - started) * 1000)
                throughput: dict[str, float] = {}
                cpu: dict[str, float] = {}  # server CPU ms per request under wrk
                database: dict[str, str] = {}  # and Neo4j's, when it is the local one
                for side in sides:
                    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
                    throughput[side.name] = _wrk(wrk, side.url, bodies[side.name], side.headers)
                    requests = throughput[side.name] * WRK_SECONDS
                    used = cpu_seconds(pids[side.name]) - before[side.name]
                    cpu[side.name] = used / requests * 1000
                    if "neo4j" in pids and idle is not None:
                        used = cpu_seconds(pids["neo4j"]) - before["neo4j"] - idle * WRK_SECONDS
                        database[side.name] = f" (Neo4j {used / requests * 1000:.1f} ms)"
                cells = {
                    side: f"p50 {_p(s, 50):.1f} ms, p99 {_p(s, 99):.1f} ms"
                    + (
                        f", {throughput[side]:.0f} req/s, {cpu[side]:.1f} ms CPU/req"
                        + database.get(side, "")
                        if side in throughput
                        else ""
                    )
                    for side, s in samples.items()
                }
                cypher_p50 = _p(samples["cypher"], 50)
                cells["ratios"] = "; ".join(
                    f"{side.name}: throughput {throughput[side.name] / throughput['peer']:.2f}x "
                    f"the peer, p50 {_p(samples[side.name], 50) / cypher_p50:.2f}x Cypher, "
                    f"CPU/req {cpu[side.name] / cpu['peer']:.2f}x the peer's"
                    for side in sides
                    if not side.peer
                )
                rows.append((name, cells))
    finally:
        driver.close()
    return rows


def run() -> None:
    wrk = _ensure_wrk()
    if not (ROOT / "node_modules" / "@neo4j" / "graphql").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    with bench_database() as settings, tempfile.TemporaryDirectory() as tmp:
        client = asyncio.run(_load(settings))
        typedefs = Path(tmp) / "typedefs.graphql"
        typedefs.write_text(type_definitions(), encoding="utf-8")
        ours_port, peer_port = free_port(), free_port()
        env = dict(os.environ)
        env |= database_env(settings)
        env |= production_env()
        workers = os.environ.get("BENCH_PEER_WORKERS", "1")
        ours = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "graphsvc",
                "serve",
                "--port",
                str(ours_port),
                "--workers",
                workers,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peer = subprocess.Popen(
            ["node", str(ROOT / "benchmarks" / "peer" / "server.mjs")],
            cwd=ROOT,
            env=env
            | {
                "PEER_TYPEDEFS": str(typedefs),
                "PEER_NEO4J_URI": settings.uri,
                "PEER_NEO4J_PASSWORD": settings.password or "none",
                "PEER_PORT": str(peer_port),
                "NODE_ENV": "production",
            },
            stdout=subprocess.DEVNULL,
        )
        try:
            ours_url = f"http://127.0.0.1:{ours_port}"
            peer_url = f"http://127.0.0.1:{peer_port}/graphql"
            _wait(ours_url, "/readyz")
            _wait(peer_url, "", {"query": "{ __typename }"})
            # the same reads without sign-in or audit trail, as the peer serves them
            with variant_server("without_access_control", env) as (open_url, open_pid):
                rows = _measure(
                    settings,
                    wrk,
                    [
                        Side("graphsvc", f"{ours_url}/graphql", AUTHORIZATION),
                        Side(UNAUDITED, f"{open_url}/graphql", {}),
                        Side("peer", peer_url, {}, peer=True),
                    ],
                    {"graphsvc": ours.pid, UNAUDITED: open_pid, "peer": peer.pid}
                    | _neo4j_pid(settings),
                    client,
                )
        finally:
            ours.terminate()
            peer.terminate()
            ours.wait(timeout=20)
            peer.wait(timeout=20)
    print(f"{CLIENTS} clients, graphsvc workers: {workers}, load: {os.getloadavg()[0]:.1f}")
    columns = ("graphsvc", UNAUDITED, "peer", "cypher", "ratios")
    print(f"| request | graphsvc | {UNAUDITED} | @neo4j/graphql | one Cypher query | ratios |")
    print("|---|---|---|---|---|---|")
    for name, cells in rows:
        print(f"| {name} | " + " | ".join(cells[column] for column in columns) + " |")
