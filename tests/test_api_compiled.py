"""Each root field is read with one Cypher query, and what it reads is right.

The one-query tests count the queries of a request with the database's
observers. The differential test draws random selections (nested relations
to depth 4, filtered and sorted pages, lookups by id) on a generated region and
compares the API's answer with a slow reference built here from plain
per-relation queries, one relationship type at a time, written by hand from
docs/model.md (not from the model's declarations the compiler uses).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.generate import write
from graphsvc.generate.params import GenerateParams
from graphsvc.importing import load_file
from graphsvc.queries import Query
from tests.api_client import Api, serve_app

pytestmark = pytest.mark.anyio

CLIENTS = 300

# GraphQL type -> field -> (Cypher pattern from (n) to (m), target type, list?)
REFERENCE: dict[str, dict[str, tuple[str, str, bool]]] = {
    "Client": {
        "region": ("(n)-[:LIVES_IN]->(m:Region)", "Region", False),
        "family": ("(n)-[:MEMBER_OF]->(m:Family)", "Family", False),
        "episodes": ("(n)-[:HAS_EPISODE]->(m:Episode)", "Episode", True),
        "plans": ("(n)-[:HAS_PLAN]->(m:Plan)", "Plan", True),
        "responsibilities": ("(n)<-[:FOR]-(m:Responsibility)", "Responsibility", True),
        "consents": ("(n)-[:GAVE_CONSENT]->(m:Consent)", "Consent", True),
        "transitions": ("(n)-[:HAS_TRANSITION]->(m:Transition)", "Transition", True),
        "handoffs": ("(n)-[:HAS_HANDOFF]->(m:Handoff)", "Handoff", True),
    },
    "Episode": {
        "client": ("(n)<-[:HAS_EPISODE]-(m:Client)", "Client", False),
        "service": ("(n)-[:OF_SERVICE]->(m:Service)", "Service", False),
        "responsibilities": ("(n)<-[:FOR]-(m:Responsibility)", "Responsibility", True),
    },
    "Service": {"provider": ("(n)-[:PROVIDED_BY]->(m:Organisation)", "Organisation", False)},
    "Organisation": {
        "region": ("(n)-[:IN_REGION]->(m:Region)", "Region", False),
        "parent": ("(n)-[:PART_OF]->(m:Organisation)", "Organisation", False),
        "units": ("(n)<-[:PART_OF]-(m:Organisation)", "Organisation", True),
        "services": ("(n)<-[:PROVIDED_BY]-(m:Service)", "Service", True),
    },
    "Responsibility": {"professional": ("(n)<-[:HOLDS]-(m:Professional)", "Professional", False)},
    "Professional": {
        "responsibilities": ("(n)-[:HOLDS]->(m:Responsibility)", "Responsibility", True),
        "ownedPlans": ("(n)<-[:OWNED_BY]-(m:Plan)", "Plan", True),
    },
    "Plan": {
        "client": ("(n)<-[:HAS_PLAN]-(m:Client)", "Client", False),
        "owner": ("(n)-[:OWNED_BY]->(m:Professional)", "Professional", False),
        "participants": ("(n)-[:PARTICIPANT]->(m:Professional)", "Professional", True),
        "services": ("(n)-[:COVERS]->(m:Service)", "Service", True),
        "goals": ("(n)-[:HAS_GOAL]->(m:Goal)", "Goal", True),
    },
    "Goal": {"plan": ("(n)<-[:HAS_GOAL]-(m:Plan)", "Plan", False)},
    "Consent": {
        "client": ("(n)<-[:GAVE_CONSENT]-(m:Client)", "Client", False),
        "fromOrg": ("(n)-[:FROM_ORG]->(m:Organisation)", "Organisation", False),
        "toOrg": ("(n)-[:TO_ORG]->(m:Organisation)", "Organisation", False),
    },
    "Region": {
        "organisations": ("(n)<-[:IN_REGION]-(m:Organisation)", "Organisation", True),
        "carePathways": ("(n)<-[:IN_REGION]-(m:CarePathway)", "CarePathway", True),
    },
    "Handoff": {
        "client": ("(n)<-[:HAS_HANDOFF]-(m:Client)", "Client", False),
        "fromOrg": ("(n)-[:FROM_ORG]->(m:Organisation)", "Organisation", False),
        "toProfessional": ("(n)-[:TO_PROFESSIONAL]->(m:Professional)", "Professional", False),
    },
    "Transition": {
        "client": ("(n)<-[:HAS_TRANSITION]-(m:Client)", "Client", False),
        "fromEpisode": ("(n)-[:FROM_EPISODE]->(m:Episode)", "Episode", False),
        "toEpisode": ("(n)-[:TO_EPISODE]->(m:Episode)", "Episode", False),
    },
    "Family": {},
    "CarePathway": {},
}

# GraphQL type -> field -> (stored property, how it is shown)
SCALARS: dict[str, dict[str, tuple[str, str]]] = {
    "Client": {
        "name": ("name", "text"),
        "birthDate": ("birth_date", "date"),
        "municipality": ("municipality", "text"),
        "longTermIllness": ("long_term_illness", "bool"),
    },
    "Episode": {"start": ("start", "date"), "end": ("end", "date"), "status": ("status", "code")},
    "Service": {"name": ("name", "text"), "level": ("level", "code"), "sector": ("sector", "code")},
    "Organisation": {"name": ("name", "text"), "kind": ("kind", "code")},
    "Responsibility": {"role": ("role", "code"), "validFrom": ("valid_from", "date")},
    "Professional": {"name": ("name", "text"), "profession": ("profession", "text")},
    "Plan": {"kind": ("kind", "code"), "validFrom": ("valid_from", "date")},
    "Goal": {"text": ("text", "text"), "status": ("status", "code")},
    "Consent": {"purpose": ("purpose", "code")},
    "Region": {"name": ("name", "text")},
    "Handoff": {"status": ("status", "code"), "requested": ("requested", "date")},
    "Transition": {"kind": ("kind", "code"), "dueDate": ("due_date", "date")},
    "Family": {"name": ("name", "text")},
    "CarePathway": {"name": ("name", "text"), "need": ("need", "text")},
}


def shown(value: Any, how: str) -> Any:
    if value is None:
        return False if how == "bool" else None
    if how == "date":
        return value.to_native().isoformat()
    if how == "code":
        return str(value).upper()
    return value


Tree = dict[str, "Tree"]


def draw(rng: random.Random, type_: str, depth: int) -> Tree:
    """A random selection on ``type_``: some scalars and up to depth relations deep."""
    tree: Tree = {"id": {}}
    for name in rng.sample(sorted(SCALARS[type_]), k=rng.randint(0, len(SCALARS[type_]))):
        tree[name] = {}
    relations = sorted(REFERENCE[type_])
    if depth > 0 and relations:
        for name in rng.sample(relations, k=min(len(relations), rng.randint(0, 3))):
            tree[name] = draw(rng, REFERENCE[type_][name][1], depth - 1)
    return tree


def text_of(tree: Tree) -> str:
    return " ".join(
        name if not sub else f"{name} {{ {text_of(sub)} }}" for name, sub in tree.items()
    )


class Reference:
    """Answers from plain queries: a node's properties, one relationship type at a time."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str):
        self.driver, self.database = driver, database

    async def run(self, text: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = await self.driver.execute_query(text, params, database_=self.database)
        return [r.data() for r in records]

    async def node(self, type_: str, id: str, tree: Tree) -> dict[str, Any]:
        rows = await self.run(f"MATCH (n:{type_} {{id: $id}}) RETURN properties(n) AS p", id=id)
        props = rows[0]["p"]
        out: dict[str, Any] = {}
        for name, sub in tree.items():
            if name == "id":
                out[name] = id
            elif name in SCALARS[type_]:
                prop, how = SCALARS[type_][name]
                out[name] = shown(props.get(prop), how)
            else:
                pattern, target, many = REFERENCE[type_][name]
                found = await self.run(
                    f"MATCH {pattern} WHERE n.id = $id RETURN m.id AS id ORDER BY id", id=id
                )
                nodes = [await self.node(target, row["id"], sub) for row in found]
                out[name] = nodes if many else (nodes[0] if nodes else None)
        return out


@pytest.fixture
async def region(db: Database, tmp_path: Path) -> AsyncIterator[Database]:
    path = tmp_path / "region.jsonl"
    write(GenerateParams(clients=CLIENTS, seed=3), path)
    await load_file(db, path)
    yield db


@pytest.fixture
async def api(region: Database) -> AsyncIterator[Api]:
    async with serve_app(region) as api:
        yield api


async def _count(api: Api, query: str, **variables: Any) -> tuple[dict[str, Any], list[str]]:
    seen: list[str] = []

    def count(q: Query, seconds: float) -> None:
        # the audit trail's write of who read what is not a read of the selection
        if not q.qualified_name.startswith("audit/"):
            seen.append(q.qualified_name)

    api.db.observers.append(count)
    try:
        data = await api.data(query, **variables)
    finally:
        api.db.observers.remove(count)
    return data, seen


NETWORK = [
    "{ client(id: $id) { id name } }",
    "{ client(id: $id) { name episodes { id status } } }",
    "{ client(id: $id) { episodes { service { provider { name } } } plans { owner { name } } } }",
    """{ client(id: $id) { episodes { service { provider { region { name } } } }
        responsibilities { professional { responsibilities { id } ownedPlans { id } } } } }""",
    """{ client(id: $id) { familyRole family { members { role client { id } } }
        services { id } professionals { employments { organisation { id } validFrom } } } }""",
    """{ client(id: $id) { responsibilities { scope { __typename ... on Client { id }
        ... on Episode { service { name } } } } } }""",
    "{ clients(first: 5) { nodes { id } } }",
    "{ clients(first: 5) { totalCount nodes { episodes { id } } } }",
    """{ clients(first: 3, orderBy: {field: NAME, direction: DESC}) { edges { cursor node {
        plans { goals { plan { client { name } } } } } } pageInfo { hasNextPage } } }""",
    """{ clients(first: 3) { nodes { episodes { service { provider { units { id }
        services { id } } } } } } }""",
]


async def test_a_selection_without_gaps_is_one_cypher_query(api: Api) -> None:
    some = (await api.data("{ clients(first: 1) { nodes { id } } }"))["clients"]["nodes"][0]["id"]
    for query in NETWORK:
        text = query.replace("{ client(id: $id)", "query($id: ID!) { client(id: $id)")
        data, seen = await _count(api, text, id=some) if "$id" in query else await _count(api, text)
        assert len(seen) == 1, (query, seen)
        assert seen[0].startswith("compiled/")
        assert data and next(iter(data.values())) is not None

    # gap fields add the gap engine's queries; the selection itself stays one query
    _, seen = await _count(
        api, "query($id: ID!) { client(id: $id) { name gaps { rule } episodes { id } } }", id=some
    )
    assert sum(1 for name in seen if name.startswith("compiled/")) == 1
    assert not any(name.startswith("api/") for name in seen)


async def test_a_clients_gaps_are_looked_for_once_with_the_client_read(api: Api) -> None:
    on = dt.date(2026, 11, 22)
    ids = [
        row["id"]
        for row in (await api.data("{ clients(first: 20) { nodes { id } } }"))["clients"]["nodes"]
    ]
    expected = {id: [] for id in ids}  # the engine asked directly, client by client
    for finding in await find_gaps(api.db, clients=ids, as_of=on):
        expected[finding.client_id].append(finding.rule_id)
    some = max(ids, key=lambda id: len(expected[id]))
    assert expected[some]  # a client with gaps
    text = "query($id: ID!, $on: Date) { client(id: $id) { id gaps(asOf: $on) { rule } } }"
    spans: dict[str, tuple[float, float]] = {}

    def span(q: Query, seconds: float) -> None:
        ended = time.perf_counter()
        spans.setdefault(q.qualified_name, (ended - seconds, ended))

    api.db.observers.append(span)
    try:
        data, seen = await _count(api, text, id=some, on=on.isoformat())
    finally:
        api.db.observers.remove(span)
    assert sorted(g["rule"] for g in data["client"]["gaps"]) == sorted(expected[some])
    # started by the client's lookup, before its read was back, and taken up by its gaps
    # field: the engine ran once (its rules as one query that returns the client's region)
    (rules,) = [name for name in seen if name.endswith("+client-regions")]
    assert spans[rules][0] < spans["compiled/Client"][1]

    # a client that is not there: null, and no error from the gaps looked for ahead
    assert await api.data(text, id="nobody", on=on.isoformat()) == {"client": None}


def _expected_page(
    clients: list[dict[str, Any]], where: dict[str, Any], order: tuple[str, bool], first: int
) -> list[str]:
    kept = []
    for c in clients:
        if "contains" in where and where["contains"].lower() not in c["name"].lower():
            continue
        if "born_from" in where and c["birth_date"].to_native() < where["born_from"]:
            continue
        if "illness" in where and (c.get("long_term_illness") is True) != where["illness"]:
            continue
        kept.append(c)
    kept.sort(key=lambda c: c["id"])
    prop, descending = order
    if prop != "id":
        kept.sort(key=lambda c: c[prop], reverse=descending)
    elif descending:
        kept.reverse()
    return [c["id"] for c in kept[:first]]


async def test_compiled_answers_equal_per_relation_reference(api: Api, neo4j_settings: Any) -> None:
    settings = neo4j_settings
    auth = None if settings.password is None else (settings.neo4j_user, settings.password)
    driver = neo4j.AsyncGraphDatabase.driver(settings.uri, auth=auth)
    try:
        reference = Reference(driver, settings.neo4j_database)
        clients = [
            row["p"] for row in await reference.run("MATCH (n:Client) RETURN properties(n) AS p")
        ]
        ids = sorted(c["id"] for c in clients)
        rng = random.Random(20261201)
        checked = 0
        for round_ in range(220):
            if round_ % 2 == 0:  # one client by id
                tree = draw(rng, "Client", rng.randint(1, 4))
                id = rng.choice(ids)
                data = await api.data(
                    f"query($id: ID!) {{ client(id: $id) {{ {text_of(tree)} }} }}", id=id
                )
                assert data["client"] == await reference.node("Client", id, tree), tree
            else:  # a filtered, sorted page
                tree = draw(rng, "Client", rng.randint(0, 3))
                where: dict[str, Any] = {}
                parts = []
                if rng.random() < 0.4:
                    where["contains"] = rng.choice("aeiknst")
                    parts.append(f'name: {{contains: "{where["contains"]}"}}')
                if rng.random() < 0.3:
                    where["born_from"] = dt.date(rng.randint(1950, 2015), 1, 1)
                    parts.append(f'birthDate: {{from: "{where["born_from"].isoformat()}"}}')
                if rng.random() < 0.3:
                    where["illness"] = rng.random() < 0.5
                    parts.append(f"longTermIllness: {{eq: {str(where['illness']).lower()}}}")
                field, prop = rng.choice(
                    [("ID", "id"), ("NAME", "name"), ("BIRTH_DATE", "birth_date")]
                )
                descending = rng.random() < 0.5
                first = rng.randint(1, 12)
                order = f"{{field: {field}, direction: {'DESC' if descending else 'ASC'}}}"
                query = (
                    f"{{ clients(first: {first}, orderBy: {order}, where: {{{', '.join(parts)}}})"
                    f" {{ totalCount nodes {{ {text_of(tree)} }} }} }}"
                )
                page = (await api.data(query))["clients"]
                expected = _expected_page(clients, where, (prop, descending), first)
                assert [n["id"] for n in page["nodes"]] == expected, query
                for got in page["nodes"][:3]:
                    assert got == await reference.node("Client", got["id"], tree), tree
            checked += 1
        assert checked >= 200
    finally:
        await driver.close()
