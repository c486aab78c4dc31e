"""Live alerts on a generated region (10k clients by default).

Figures:
- event latency from a mutation to 100 subscribers: two ``graphsvc serve``
  processes on one Neo4j (as two replicas), 100 graphql-transport-ws subscriptions
  of one client's gaps on the second, mutations through the first that open or
  close a gap of that client (a client with the ``no-coordinator`` gap: a coordinator
  assigned, then the assignment ended yesterday);
  p50/p99 from sending the mutation (its own work included: the gap engine before
  and after, the commit, the feed record) and from its answer (the feed's share:
  the poll interval, the read, the per-subscription access check and audit);
- the daily re-evaluation of the whole store (cold, then warm 30 days on, with
  the events of what fell due), against the gap engine's scan of the same client
  rules alone, measured warm in the same run (the raw limit).

The loaded store is kept in a devdb home under /tmp (GRAPHSVC_BENCH_ALERTS_HOME)
and reused while its marker names the same generated region; the benchmark's
writes (responsibilities, the feed) stay in it, which later runs do not mind.
Environment: GRAPHSVC_BENCH_ALERTS_CLIENTS (default 10000),
GRAPHSVC_BENCH_ALERTS_SUBSCRIBERS (100), GRAPHSVC_BENCH_ALERTS_MUTATIONS (30).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from benchmarks.common import (
    AUTHORIZATION,
    database_env,
    free_port,
    percentiles,
    production_env,
    run_on_store,
    serving,
)
from graphsvc.alerts import feed
from graphsvc.alerts.reevaluate import reevaluate
from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.settings import Settings

CLIENTS = int(os.environ.get("GRAPHSVC_BENCH_ALERTS_CLIENTS", "10000"))
SUBSCRIBERS = int(os.environ.get("GRAPHSVC_BENCH_ALERTS_SUBSCRIBERS", "100"))
MUTATIONS = int(os.environ.get("GRAPHSVC_BENCH_ALERTS_MUTATIONS", "30"))
SEED = 7
HOME = Path(os.environ.get("GRAPHSVC_BENCH_ALERTS_HOME", f"/tmp/graphsvc-bench-alerts-{CLIENTS}"))
SUBSCRIPTION = """subscription($client: ID!) {
  gapChanges(client: $client) { seq change gap { rule subjectId } }
}"""
ASSIGN = """mutation($client: ID!, $professional: ID!, $from: Date!) {
  assignResponsibility(input: {professional: $professional, role: COORDINATOR,
    client: $client, validFrom: $from}) { node { id } gapsOpened { rule } gapsClosed { rule } }
}"""
END = """mutation($id: ID!, $on: Date!) {
  endResponsibility(id: $id, on: $on) { gapsOpened { rule } gapsClosed { rule } }
}"""
PICK = """{ professionals(first: 1) { nodes { id } } }"""
WARM = """query($client: ID!) { client(id: $client) { gaps { rule } } }"""


def run() -> None:
    run_on_store(HOME, CLIENTS, SEED, _bench)


async def _bench(settings: Settings) -> None:
    db = Database(settings)
    try:
        (info,) = await db.read("gaps", "bench-region")
        print(f"region {info['region']}: {info['clients']} clients")
        client = await _reevaluation(db)
    finally:
        await db.close()
    with _server(settings) as one, _server(settings) as other:
        await _latency(one, other, client)


async def _reevaluation(db: Database) -> str:
    """The daily run: cold (the store just started), the gap engine alone (warm), and a
    run 30 days on (warm, with the events of what fell due). Answers a client with the
    ``no-coordinator`` gap, for the latency figures."""
    today = dt.date.today()
    later = today + dt.timedelta(days=30)
    rules = sorted(feed.CLIENT_RULES)
    for as_of, label in ((today, "cold"), (later, "warm")):
        if label == "warm":
            started = time.perf_counter()
            found = await find_gaps(db, rules=rules, as_of=later)
            raw = time.perf_counter() - started
            print(
                f"gap engine alone, {len(rules)} client rules: {len(found)} findings in {raw:.1f} s"
            )
        result = await reevaluate(db, as_of)
        kind = "a baseline, no events" if result.baseline else f"{result.events} events"
        print(
            f"re-evaluation as of {as_of} ({label}): {result.clients} clients with gaps, "
            f"{kind}, {result.seconds:.1f} s"
        )
    print(f"  warm run / gap engine alone: {result.seconds / raw:.2f}")
    return next(f.client_id for f in found if f.rule_id == "no-coordinator" and f.client_id)


@contextmanager
def _server(settings: Settings) -> Iterator[str]:
    port = free_port()
    env = dict(os.environ) | production_env()
    env |= {"GRAPHSVC_ALERTS_HOUR": "off", "GRAPHSVC_REQUEST_TIMEOUT": "300"}
    env |= database_env(settings)
    command = [sys.executable, "-m", "graphsvc", "serve", "--port", str(port)]
    with serving(command, port, env) as (url, _):
        yield url


async def _subscriber(url: str, client: str) -> ClientConnection:
    socket = await connect(
        url.replace("http://", "ws://") + "/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        additional_headers=AUTHORIZATION,
        max_queue=None,
    )
    await socket.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await socket.recv())["type"] == "connection_ack"
    payload = {"query": SUBSCRIPTION, "variables": {"client": client}}
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
    return socket


async def _latency(one: str, other: str, client: str) -> None:
    async with httpx.AsyncClient(headers=AUTHORIZATION, timeout=120) as http:

        async def gql(query: str, **variables: Any) -> dict[str, Any]:
            body = (
                await http.post(f"{one}/graphql", json={"query": query, "variables": variables})
            ).json()
            assert "errors" not in body, body["errors"]
            data: dict[str, Any] = body["data"]
            return data

        picked = await gql(PICK)
        professional = picked["professionals"]["nodes"][0]["id"]
        await gql(WARM, client=client)  # the gap engine's queries planned before timing
        sockets = [await _subscriber(other, client) for _ in range(SUBSCRIBERS)]
        arrivals: list[dict[int, float]] = [{} for _ in sockets]

        async def listen(n: int, socket: ClientConnection) -> None:
            async for raw in socket:
                message = json.loads(raw)
                if message.get("type") == "next" and message["payload"].get("data"):
                    seq = message["payload"]["data"]["gapChanges"]["seq"]
                    arrivals[n].setdefault(seq, time.monotonic())

        listeners = [asyncio.create_task(listen(n, s)) for n, s in enumerate(sockets)]
        await asyncio.sleep(2.0)  # every subscription registered with the server's poller
        from_sent: list[float] = []
        from_answer: list[float] = []
        quiet = 0
        today = dt.date.today()
        assignment: str | None = None
        for _ in range(MUTATIONS):
            seen = max((max(a) for a in arrivals if a), default=0)
            sent = time.monotonic()
            if assignment is None:
                data = await gql(
                    ASSIGN, client=client, professional=professional, **{"from": "2020-01-01"}
                )
                assignment = data["assignResponsibility"]["node"]["id"]
                moved = data["assignResponsibility"]
            else:
                moved = (
                    await gql(END, id=assignment, on=(today - dt.timedelta(days=1)).isoformat())
                )["endResponsibility"]
                assignment = None
            answered = time.monotonic()
            if not moved["gapsOpened"] and not moved["gapsClosed"]:
                quiet += 1
                continue
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not all(
                any(seq > seen for seq in a) for a in arrivals
            ):
                await asyncio.sleep(0.005)
            for a in arrivals:
                first = min((t for seq, t in a.items() if seq > seen), default=None)
                if first is not None:
                    from_sent.append((first - sent) * 1000)
                    from_answer.append((first - answered) * 1000)
        for task in listeners:
            task.cancel()
        for socket in sockets:
            await socket.close()
    events = len(from_sent)
    print(
        f"event latency, {SUBSCRIBERS} subscribers on the other replica, "
        f"{MUTATIONS - quiet} mutations that moved a gap ({events} deliveries):"
    )
    if events >= 2:
        print(f"  from the mutation sent:     {percentiles(from_sent)}")
        print(f"  from the mutation answered: {percentiles(from_answer)}")
    print("  (the feed is polled every 250 ms: about 125 ms of the latter is the poll's wait)")
