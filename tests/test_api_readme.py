"""The README's example query and mutation work on the demo data as it says."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

import pytest

from graphsvc.database import Database
from graphsvc.demo import load_demo
from tests.api_client import Api, serve_app
from tests.conftest import REPO

pytestmark = pytest.mark.anyio


def readme_requests() -> tuple[str, dict[str, object]]:
    """The README's query (sent with GET) and its mutation (a JSON body)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## The GraphQL API\n")[1].split("\n## ")[0]
    (query,) = re.findall(r"--data-urlencode 'query=(.*?)'", section, flags=re.S)
    (body,) = re.findall(r"-d '(\{.*?\})'", section, flags=re.S)
    return query, json.loads(body)


@pytest.fixture
async def demo(db: Database) -> AsyncIterator[Api]:
    await load_demo(db)
    async with serve_app(db) as api:
        yield api


async def test_the_readme_query_and_mutation_answer_on_the_demo(demo: Api) -> None:
    query, mutation = readme_requests()
    before = (await demo.http.get("/graphql", params={"query": query})).json()
    assert "errors" not in before, before
    eetu = before["data"]["client"]
    assert len({s["provider"]["name"] for s in eetu["services"]}) >= 2
    assert any(gap["rule"] == "no-coordinator" for gap in eetu["gaps"])

    changed = (await demo.http.post("/graphql", json=mutation)).json()
    assert "errors" not in changed, changed
    assert {"rule": "no-coordinator"} in [
        {"rule": g["rule"]} for g in changed["data"]["assignResponsibility"]["gapsClosed"]
    ]
    after = (await demo.http.get("/graphql", params={"query": query})).json()
    assert all(gap["rule"] != "no-coordinator" for gap in after["data"]["client"]["gaps"])
