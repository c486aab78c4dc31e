"""Live alerts across replicas: two ``graphsvc serve`` processes on one Neo4j.

A subscriber of one process (graphql-transport-ws over a real WebSocket, with
the ``websockets`` client) receives the gap a mutation through the other
process closed, and the gap that falls due when the daily re-evaluation runs
for a later day (``graphsvc alerts reevaluate --as-of``).

Hand-worked facts (tests/model_records.py): Matias (c-matias, region r-south)
has a long-term illness and no treating physician today, so the rule
``no-treating-physician`` holds for him until one is assigned. His
rehabilitation plan pl-1 is in force; here its review date is set to 10 days
from today, so as of today + 40 days the review is 30 days overdue
(``plan-review-overdue``, grace 0 days) and not before the review date.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus

from graphsvc.auth.roles import Role
from graphsvc.auth.tokens import development_token
from graphsvc.database import Database
from graphsvc.importing import load_records
from graphsvc.settings import Settings
from tests.conftest import REPO
from tests.live_server import admin_headers, live_server
from tests.model_records import record, world

pytestmark = pytest.mark.anyio

TODAY = dt.date.today()
REVIEW = TODAY + dt.timedelta(days=10)
LATER = TODAY + dt.timedelta(days=40)
PROTOCOL = "graphql-transport-ws"

CHANGES = """subscription($client: ID, $after: Int) {
  gapChanges(client: $client, after: $after) {
    seq change cause clientId regionId asOf
    gap { rule subjectType subjectId severity facts title(lang: EN) }
  }
}"""

ASSIGN = """mutation { assignResponsibility(id: "rs-doctor", input: {professional: "p-anna",
  role: TREATING_PHYSICIAN, client: "c-matias", validFrom: "2024-01-01"})
  { gapsClosed { rule } } }"""


WARM = '{ client(id: "c-matias") { gaps { rule } } }'
"""A read of the gaps the mutation will find, so its time is not the rules' first planning."""


def ws_url(base: str) -> str:
    return base.replace("http://", "ws://") + "/graphql"


async def subscribe(
    base: str, headers: dict[str, str], variables: dict[str, Any]
) -> ClientConnection:
    socket = await connect(ws_url(base), subprotocols=[PROTOCOL], additional_headers=headers)  # type: ignore[list-item]
    await socket.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await socket.recv())["type"] == "connection_ack"
    payload = {"query": CHANGES, "variables": variables}
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
    return socket


async def next_message(socket: ClientConnection, timeout: float) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), timeout))
    return message


async def changes_until(
    socket: ClientConnection, wanted: dict[str, Any], timeout: float
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Read events until one matches ``wanted`` (its top-level fields and its gap's rule and
    subject); answers it and everything read."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while True:
        message = await next_message(socket, max(deadline - time.monotonic(), 0.01))
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message["payload"]
        change = message["payload"]["data"]["gapChanges"]
        seen.append(change)
        gap = change["gap"]
        if all(change.get(k) == v for k, v in wanted.items() if k != "gap") and all(
            gap.get(k) == v for k, v in wanted["gap"].items()
        ):
            return change, seen


@pytest.fixture
async def world_with_review_due(db: Database) -> AsyncIterator[Database]:
    records = world()
    record(records, "pl-1")["review_date"] = REVIEW.isoformat()
    await load_records(db, records, source="alerts world")
    yield db


async def reevaluate(cli_env: dict[str, str], *extra: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "graphsvc",
        "alerts",
        "reevaluate",
        *extra,
        env=cli_env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode()


async def test_a_mutation_on_one_replica_and_the_daily_run_reach_a_subscriber_of_the_other(
    world_with_review_due: Database, cli_env: dict[str, str]
) -> None:
    first = await reevaluate(cli_env)
    assert "baseline" in first  # the first run records the gaps as they are, without events

    # a loaded machine may take longer than the default 30 s for the first, cold gap evaluation
    env = {**cli_env, "GRAPHSVC_REQUEST_TIMEOUT": "300"}
    with live_server(env) as one, live_server(env) as other:
        # from sequence 0: every change after the baseline, however soon the mutation comes
        socket = await subscribe(other, admin_headers(), {"client": "c-matias", "after": 0})
        try:
            async with httpx.AsyncClient(headers=admin_headers(), timeout=300) as http:
                warm = await http.post(f"{one}/graphql", json={"query": WARM})
                assert "errors" not in warm.json(), warm.text
                sent = time.monotonic()
                answer = (await http.post(f"{one}/graphql", json={"query": ASSIGN})).json()
                answered = time.monotonic()
            assert "errors" not in answer, answer
            assert {"rule": "no-treating-physician"} in answer["data"]["assignResponsibility"][
                "gapsClosed"
            ]
            closed, _ = await changes_until(
                socket,
                {
                    "change": "CLOSED",
                    "cause": "MUTATION",
                    "clientId": "c-matias",
                    "regionId": "r-south",
                    "asOf": TODAY.isoformat(),
                    "gap": {"rule": "no-treating-physician", "subjectId": "c-matias"},
                },
                timeout=30,
            )
            received = time.monotonic()
            assert closed["gap"]["title"] == "No treating physician"
            # the bound: at the other replica within 2 s of the mutation's answer
            print(f"mutation {answered - sent:.2f} s; event {received - answered:.2f} s after")
            assert received - answered < 2.0

            said = await reevaluate(cli_env, "--as-of", LATER.isoformat())
            assert "baseline" not in said
            due, seen = await changes_until(
                socket,
                {
                    "change": "OPENED",
                    "cause": "REEVALUATION",
                    "clientId": "c-matias",
                    "asOf": LATER.isoformat(),
                    "gap": {"rule": "plan-review-overdue", "subjectId": "pl-1"},
                },
                timeout=30,
            )
            assert due["gap"]["facts"]["days_overdue"] == 30
            assert due["gap"]["facts"]["review_date"] == REVIEW.isoformat()
            assert due["gap"]["severity"] == "MEDIUM"
            assert all(change["clientId"] == "c-matias" for change in seen)
            assert [c["seq"] for c in seen] == sorted(c["seq"] for c in seen)
        finally:
            await socket.close()


async def test_subscriptions_are_authorised_like_reads(
    world_with_review_due: Database, cli_env: dict[str, str]
) -> None:
    with live_server(cli_env) as base:
        # no token: the handshake is refused
        with pytest.raises(InvalidStatus) as refused:
            await connect(ws_url(base), subprotocols=[PROTOCOL])  # type: ignore[list-item]
        assert refused.value.response.status_code == 403

        # a coordinator with no responsibility for Matias is told there is no such client
        stranger = development_token(Settings.from_env().auth, Role.COORDINATOR, "p-nobody")
        socket = await subscribe(
            base, {"authorization": f"Bearer {stranger}"}, {"client": "c-matias"}
        )
        try:
            message = await next_message(socket, 30)
            (error,) = message["payload"]["errors"]
            assert error["extensions"] == {"code": "NOT_FOUND", "field": "client"}
            assert error["message"] == "there is no client c-matias"
        finally:
            await socket.close()

        # a planner receives no client's gaps at all
        planner = development_token(Settings.from_env().auth, Role.PLANNER)
        socket = await subscribe(base, {"authorization": f"Bearer {planner}"}, {})
        try:
            message = await next_message(socket, 30)
            (error,) = message["payload"]["errors"]
            assert error["extensions"]["code"] == "FORBIDDEN"
        finally:
            await socket.close()
