"""Compiled reads answered directly equal graphql-core's answers, field for field.

Two apps serve one generated region: one writes the answers of the operations the
compiled reads cover itself (:mod:`graphsvc.api.direct`), the other runs every
operation through graphql-core's resolvers. Random operations (lookups of every kind
and pages, nested relations, aliases, repeated fields, fragments, ``__typename``,
connection parts, cursors, sorting, several root fields, and fields only the
resolvers answer) go to both, as an admin and as a professional whose view the
access policy narrows. The answers (data, errors, withheld counts) and the audit
trail's events of each request must be the same.
"""

from __future__ import annotations

import base64
import random
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLUnionType,
)

from graphsvc.api.schema import build_schema
from graphsvc.auth.roles import Role
from graphsvc.database import Database
from graphsvc.generate import write
from graphsvc.generate.params import GenerateParams
from graphsvc.importing import load_file
from graphsvc.settings import Settings
from tests.api_client import Api, serve_app

pytestmark = pytest.mark.anyio

SCHEMA = build_schema()._schema
LOOKUPS = {
    "client": "Client",
    "family": "Family",
    "episode": "Episode",
    "plan": "Plan",
    "goal": "Goal",
    "responsibility": "Responsibility",
    "organisation": "Organisation",
    "professional": "Professional",
    "service": "Service",
    "region": "Region",
    "carePathway": "CarePathway",
    "pathwayStep": "PathwayStep",
    "consent": "Consent",
    "handoff": "Handoff",
    "transition": "Transition",
}
PAGES = ["clients", "organisations", "professionals", "services", "carePathways", "handoffs"]
CLIENTS = 60
SLOW = {"gaps"}  # the gap engine: its own tests; here it would only add minutes


def _named(type_: GraphQLOutputType) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


class Draw:
    """Random operations over the schema's types."""

    def __init__(self, rng: random.Random, ids: dict[str, list[str]]):
        self.rng, self.ids = rng, ids
        self.fragments: dict[str, str] = {}
        self.aliases = 0

    def alias(self) -> str:
        if self.rng.random() < 0.15:
            self.aliases += 1
            return f"a{self.aliases}: "
        return ""

    def selection(self, type_: GraphQLObjectType, depth: int) -> str:
        rng = self.rng
        fields = [
            (name, field)
            for name, field in sorted(type_.fields.items())
            if name not in SLOW
            and not any(isinstance(a.type, GraphQLNonNull) for a in field.args.values())
        ]
        leaves = [
            name
            for name, field in fields
            if not isinstance(_named(field.type), GraphQLObjectType | GraphQLUnionType)
        ]
        objects = [
            (name, field)
            for name, field in fields
            if (name, field) not in [(n, type_.fields[n]) for n in leaves]
        ]
        parts = [
            f"{self.alias()}{name}"
            for name in rng.sample(leaves, k=rng.randint(1, min(4, len(leaves))))
        ]
        if rng.random() < 0.1:
            parts.append("__typename")
        if depth > 0 and objects:
            for name, field in rng.sample(objects, k=min(len(objects), rng.randint(0, 2))):
                target = _named(field.type)
                if isinstance(target, GraphQLUnionType):
                    members = " ".join(f"... on {member.name} {{ id }}" for member in target.types)
                    parts.append(f"{self.alias()}{name} {{ __typename {members} }}")
                else:
                    parts.append(f"{self.alias()}{name} {{ {self.selection(target, depth - 1)} }}")
        if len(parts) > 1 and rng.random() < 0.2:  # some of them in a fragment
            cut = rng.randint(1, len(parts) - 1)
            inner = " ".join(parts[cut:])
            if rng.random() < 0.5:
                parts[cut:] = [f"... on {type_.name} {{ {inner} }}"]
            else:
                name = f"F{len(self.fragments)}"
                self.fragments[name] = f"fragment {name} on {type_.name} {{ {inner} }}"
                parts[cut:] = [f"...{name}"]
        if rng.random() < 0.1:  # the same field twice, merged
            parts.append(parts[0])
        return " ".join(parts)

    def root(self, variables: dict[str, Any]) -> str:
        rng = self.rng
        query = SCHEMA.query_type
        assert query is not None
        if rng.random() < 0.55:
            name = rng.choice(sorted(LOOKUPS))
            label = LOOKUPS[name]
            id = rng.choice(self.ids[label]) if rng.random() < 0.95 else "nobody"
            target = _named(query.fields[name].type)
            if rng.random() < 0.5:
                variable = f"id{len(variables)}"
                variables[variable] = id
                argument = f"${variable}"
            else:
                argument = f'"{id}"'
            inner = self.selection(target, rng.randint(0, 3))
            return f"{self.alias()}{name}(id: {argument}) {{ {inner} }}"
        name = rng.choice(PAGES)
        connection = _named(query.fields[name].type)
        node = _named(connection.fields["nodes"].type)
        args = [f"first: {rng.randint(0, 8)}"]
        if rng.random() < 0.3:
            position = rng.randint(0, 6)
            cursor = base64.b64encode(f"position:{position}".encode()).decode()
            args.append(f'after: "{cursor}"')
        order = query.fields[name].args["orderBy"].type
        assert isinstance(order, GraphQLInputObjectType)
        fields = _named(order.fields["field"].type)
        assert isinstance(fields, GraphQLEnumType)
        if rng.random() < 0.5:
            direction = rng.choice(["ASC", "DESC"])
            args.append(
                f"orderBy: {{field: {rng.choice(sorted(fields.values))}, direction: {direction}}}"
            )
        parts = []
        if rng.random() < 0.5:
            parts.append("totalCount")
        if rng.random() < 0.6:
            parts.append(f"nodes {{ {self.selection(node, rng.randint(0, 2))} }}")
        if rng.random() < 0.4:
            parts.append(f"edges {{ cursor node {{ {self.selection(node, rng.randint(0, 1))} }} }}")
        if rng.random() < 0.4 or not parts:
            parts.append("pageInfo { hasNextPage hasPreviousPage startCursor endCursor }")
        return f"{self.alias()}{name}({', '.join(args)}) {{ {' '.join(parts)} }}"

    def operation(self) -> tuple[str, dict[str, Any]]:
        self.fragments = {}
        variables: dict[str, Any] = {}
        roots = [self.root(variables) for _ in range(1 if self.rng.random() < 0.85 else 2)]
        declared = ", ".join(f"${name}: ID!" for name in variables)
        head = f"query({declared})" if declared else "query"
        return " ".join([f"{head} {{ {' '.join(roots)} }}", *self.fragments.values()]), variables


@pytest.fixture
async def region(db: Database, tmp_path: Path) -> AsyncIterator[Database]:
    path = tmp_path / "region.jsonl"
    write(GenerateParams(clients=CLIENTS, seed=11), path)
    await load_file(db, path)
    yield db


Cypher = Callable[..., Awaitable[list[dict[str, Any]]]]


@pytest.fixture
async def cypher(neo4j_settings: Settings) -> AsyncIterator[Cypher]:
    """Plain Cypher for the test's own questions (ids to ask for, the audit trail)."""
    auth = (
        None
        if neo4j_settings.password is None
        else (neo4j_settings.neo4j_user, neo4j_settings.password)
    )
    driver = neo4j.AsyncGraphDatabase.driver(neo4j_settings.uri, auth=auth)

    async def rows(text: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = await driver.execute_query(
            text, params, database_=neo4j_settings.neo4j_database
        )
        return [record.data() for record in records]

    try:
        yield rows
    finally:
        await driver.close()


def _without_request_ids(body: dict[str, Any]) -> dict[str, Any]:
    for error in body.get("errors", ()):
        error.get("extensions", {}).pop("requestId", None)
    return body


async def _direct_count(api: Api) -> float:
    text = (await api.http.get("/metrics")).text
    found = re.search(r'graphsvc_graphql_queries_total\{answered="direct"\} ([\d.e+]+)', text)
    return float(found.group(1)) if found else 0.0


async def _compare(
    db: Database, cypher: Cypher, operations: int, seed: int, **caller: Any
) -> float:
    """Sends ``operations`` random operations to both apps as ``caller``; the share the
    direct app answered directly."""
    ids = {
        label: [
            row["id"]
            for row in await cypher(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id LIMIT 40")
        ]
        for label in set(LOOKUPS.values())
    }
    draw = Draw(random.Random(seed), ids)
    async with (
        serve_app(db, **caller) as direct,
        serve_app(db, direct_reads=False, **caller) as resolvers,
    ):
        for n in range(operations):
            query, variables = draw.operation()
            body = {"query": query, "variables": variables}
            answers = []
            for side, api in (("d", direct), ("r", resolvers)):
                response = await api.http.post(
                    "/graphql", json=body, headers={"x-request-id": f"{side}-{seed}-{n}"}
                )
                answers.append(_without_request_ids(response.json()))
            assert answers[0] == answers[1], query
        share = await _direct_count(direct) / operations
        assert await _direct_count(resolvers) == 0
    events = await cypher(
        "MATCH (e:AuditEvent) WHERE e.request_id =~ $pattern "
        "RETURN e.request_id AS request, e.client AS client, e.kinds AS kinds",
        pattern=f"[dr]-{seed}-.*",
    )
    audited: dict[str, set[tuple[str, str, tuple[str, ...]]]] = {}
    for event in events:
        side, _, n = event["request"].partition("-")
        audited.setdefault(side, set()).add((n, event["client"], tuple(sorted(event["kinds"]))))
    assert audited.get("d") == audited.get("r")
    assert audited.get("d")  # client data was read, and recorded
    return share


async def test_direct_answers_equal_the_resolvers_answers_for_an_admin(
    region: Database, cypher: Cypher
) -> None:
    share = await _compare(region, cypher, 100, seed=1)
    assert share > 0.3  # the direct path answered a good part of them itself


async def test_direct_answers_equal_the_resolvers_answers_for_a_professional(
    region: Database, cypher: Cypher
) -> None:
    busiest = await cypher(
        "MATCH (p:Professional)-[:HOLDS]->(r:Responsibility) "
        "RETURN p.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1"
    )
    share = await _compare(
        region, cypher, 40, seed=2, role=Role.PROFESSIONAL, professional=busiest[0]["id"]
    )
    assert share > 0.3


async def test_the_peer_benchmarks_requests_are_answered_directly(
    region: Database, cypher: Cypher
) -> None:
    async with serve_app(region) as api:
        some = await cypher("MATCH (c:Client) RETURN c.id AS id ORDER BY id LIMIT 1")
        await api.data(
            """query($id: ID!) { client(id: $id) { id name
              episodes { id status service { name provider { name } } }
              responsibilities { role professional { name } } plans { id kind } } }""",
            id=some[0]["id"],
        )
        page = await api.data(
            "{ clients(first: 100) { nodes { id name episodes { service { name } } } } }"
        )
        assert len(page["clients"]["nodes"]) == CLIENTS  # all of them, on one page
        assert await _direct_count(api) == 2
