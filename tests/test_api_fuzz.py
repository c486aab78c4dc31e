"""schemathesis generates GraphQL operations for every query and mutation field of the
live API: none may answer 5xx or INTERNAL, and a refused mutation writes nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import graphql
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphsvc.database import Database
from graphsvc.importing import load_records
from graphsvc.settings import Settings
from tests.live_server import admin_headers, live_server
from tests.model_records import world


def json_node(value: Any) -> graphql.ValueNode:
    """A JSON value as a GraphQL literal (what a client writes for a ``JSON`` argument)."""
    if value is None:
        return graphql.NullValueNode()
    if isinstance(value, bool):
        return graphql.BooleanValueNode(value=value)
    if isinstance(value, int):
        return graphql.IntValueNode(value=str(value))
    if isinstance(value, str):
        return graphql.StringValueNode(value=value)
    if isinstance(value, list):
        return graphql.ListValueNode(values=tuple(json_node(v) for v in value))
    fields = (
        graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=json_node(v))
        for k, v in value.items()
    )
    return graphql.ObjectValueNode(fields=tuple(fields))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True), inner, max_size=4
        )
    ),
    max_leaves=12,
)
schemathesis.graphql.scalar("JSON", JSON_VALUES.map(json_node))

EXAMPLES_PER_FIELD = 36
"""With about 60 query and mutation fields, at least 2,000 generated operations."""


@dataclass
class Live:
    url: str
    runner: asyncio.Runner
    db: Database

    def graph_size(self) -> tuple[int, int]:
        row = self.runner.run(self.db.read("admin", "count-graph"))[0]
        return row["nodes"], row["relationships"]


@pytest.fixture(scope="module")
def live(neo4j_settings: Settings, cli_env: dict[str, str]) -> Iterator[Live]:
    with asyncio.Runner() as runner:
        db = Database(neo4j_settings)
        runner.run(db.run_auto_commit("admin", "delete-everything"))
        runner.run(load_records(db, world(), source="model world"))
        try:
            # the fuzzer is one caller sending thousands of requests: not rate limited
            with live_server({**cli_env, "GRAPHSVC_RATE_LIMIT": "100000"}) as url:
                yield Live(url, runner, db)
        finally:
            runner.run(db.close())


@pytest.fixture(scope="module")
def cli_env(neo4j_settings: Settings) -> dict[str, str]:
    env = {"NEO4J_URI": neo4j_settings.neo4j_uri or ""}
    if neo4j_settings.neo4j_uri is None:
        env["GRAPHSVC_DEVDB_PORT"] = str(neo4j_settings.devdb.port)
        env["GRAPHSVC_DEVDB_HOME"] = str(neo4j_settings.devdb.home)
    return env


@pytest.mark.slow
def test_generated_operations_never_fail_the_server(live: Live) -> None:
    schema = schemathesis.graphql.from_url(f"{live.url}/graphql", headers=admin_headers())
    operations = [result.ok() for result in schema.get_all_operations()]
    calls: list[str] = []
    for operation in operations:
        fuzz(operation, live, calls)()
    assert len(operations) > 50, "every query and mutation field is fuzzed"
    assert len(calls) >= 2000
    assert any(label.startswith("Mutation.") for label in calls)


def fuzz(operation: Any, live: Live, calls: list[str]) -> Callable[[], None]:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_FIELD,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        before = live.graph_size()
        response = case.call(base_url=live.url, headers=admin_headers())
        calls.append(operation.label)
        assert response.status_code < 500, response.text
        body = response.json()
        codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
        assert "INTERNAL" not in codes, body
        if operation.label.startswith("Mutation.") and codes:
            assert live.graph_size() == before, f"a refused mutation wrote: {case.body}"

    return check  # type: ignore[no-any-return]
