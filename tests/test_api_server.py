from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from dataclasses import replace

import pytest

from graphsvc.api.availability import Breaker
from graphsvc.api.logs import JsonFormatter
from graphsvc.api.schema import export_schema
from graphsvc.database import Database
from graphsvc.errors import Unavailable
from graphsvc.importing import load_records
from tests.api_client import serve_app
from tests.conftest import REPO, free_port
from tests.model_records import world

pytestmark = pytest.mark.anyio


async def test_readyz_answers_ready_when_neo4j_answers(db: Database) -> None:
    async with serve_app(db) as api:
        response = await api.http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


async def test_readyz_and_queries_answer_unavailable_while_neo4j_is_unreachable(
    db: Database,
) -> None:
    gone = Database(replace(db.settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}"))
    try:
        async with serve_app(gone) as api:
            ready = await api.http.get("/readyz")
            error = await api.error('{ client(id: "c-matias") { id } }')
    finally:
        await gone.close()
    assert ready.status_code == 503
    assert ready.json()["status"] == "unavailable"
    assert error["extensions"]["code"] == "UNAVAILABLE"
    assert error["path"] == ["client"]


async def test_the_breaker_refuses_without_asking_neo4j_until_the_next_probe(
    db: Database,
) -> None:
    now = [100.0]
    gone = Database(replace(db.settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}"))
    breaker = Breaker(gone, interval=1.0, clock=lambda: now[0])
    try:
        with pytest.raises(Unavailable, match="cannot be reached"):
            await breaker.read("health", "ping")
        with pytest.raises(Unavailable) as refused:
            await breaker.read("health", "ping")
        assert refused.value.hint is not None and refused.value.hint.startswith("retry in")
        now[0] += 1.5
        breaker.db = db  # Neo4j is back: the next call is let through as a probe
        assert await breaker.read("health", "ping") == [{"ok": 1}]
        assert not breaker.down
    finally:
        await gone.close()


async def test_metrics_count_requests_and_time_each_cypher_query(db: Database) -> None:
    await load_records(db, world(), source="model world")
    async with serve_app(db) as api:
        await api.data('{ client(id: "c-matias") { name episodes { id } } }')
        text = (await api.http.get("/metrics")).text
    assert 'graphsvc_http_requests_total{method="POST",route="/graphql",status="200"} 1.0' in text
    assert 'graphsvc_http_request_seconds_count{method="POST",route="/graphql"} 1.0' in text
    # the client with its episodes is one query compiled from the selection
    assert 'graphsvc_cypher_seconds_count{query="compiled/Client"} 1.0' in text
    assert 'graphsvc_cypher_seconds_count{query="api/' not in text


async def test_a_request_id_is_echoed_and_stamped_on_every_log_line(db: Database) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("graphsvc")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        async with serve_app(db) as api:
            given = await api.http.post(
                "/graphql", json={"query": "{ nosuchfield }"}, headers={"X-Request-ID": "abc-123"}
            )
            fresh = await api.http.get("/healthz")
    finally:
        logger.removeHandler(handler)
    assert given.headers["x-request-id"] == "abc-123"
    assert len(fresh.headers["x-request-id"]) == 32
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    mine = [line for line in lines if line["request_id"] == "abc-123"]
    assert {line["logger"] for line in mine} == {"graphsvc.api", "graphsvc.access"}
    access = next(line for line in mine if line["logger"] == "graphsvc.access")
    assert access["path"] == "/graphql"
    assert access["status"] == 200


@pytest.mark.parametrize("production", [False, True], ids=["in development", "in production"])
async def test_graphiql_and_introspection_are_on_only_in_development(
    db: Database, production: bool
) -> None:
    async with serve_app(db, production=production) as api:
        page = await api.http.get("/graphql", headers={"Accept": "text/html"})
        body = await api.gql("{ __schema { queryType { name } } }")
    if production:
        assert page.status_code != 200 or "graphiql" not in page.text.lower()
        assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT"
        assert "introspection" in body["errors"][0]["message"].lower()
    else:
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()
        assert body["data"] == {"__schema": {"queryType": {"name": "Query"}}}


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        (
            "{ clients { nodes " + "{ region { organisations " * 6 + "{ id }" + " } }" * 6 + " } }",
            "depth",
        ),
        ("{ " + " ".join(f'a{i}: region(id: "r") {{ id }}' for i in range(31)) + " }", "aliases"),
        ("{ " + 'region(id: "r") { id } ' * 800 + "}", "token"),
    ],
    ids=["a query nested too deep", "too many aliases", "too many tokens"],
)
async def test_oversized_queries_are_refused_before_running(
    db: Database, query: str, wanted: str
) -> None:
    async with serve_app(db) as api:
        body = await api.gql(query)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT"
    assert wanted in body["errors"][0]["message"].lower()


def test_the_committed_schema_is_the_live_schema() -> None:
    committed = (REPO / "schema.graphql").read_text(encoding="utf-8")
    assert export_schema() == committed, (
        "schema.graphql is out of date: run `graphsvc export-schema > schema.graphql`"
    )


def test_export_schema_prints_the_committed_schema() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "graphsvc", "export-schema"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    assert printed == (REPO / "schema.graphql").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("accept", "status", "has_data"),
    [
        ("application/graphql-response+json", 400, False),
        ("application/json", 200, True),
    ],
    ids=["the GraphQL response media type", "plain JSON"],
)
async def test_a_request_refused_before_execution_answers_as_the_client_accepts(
    db: Database, accept: str, status: int, has_data: bool
) -> None:
    async with serve_app(db) as api:
        response = await api.http.post(
            "/graphql", json={"query": "{ client(id: "}, headers={"Accept": accept}
        )
    assert response.status_code == status
    assert response.headers["content-type"].startswith(accept)
    body = response.json()
    assert ("data" in body) is has_data
    assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT"
