"""The number of Cypher round trips of a request does not grow with the page size."""

from __future__ import annotations

from typing import Any

import pytest

from graphsvc.database import Database
from graphsvc.importing import load_records
from graphsvc.queries import Query
from tests.api_client import serve_app

pytestmark = pytest.mark.anyio

CLIENTS = 300
"""As many as a page with every client's gaps may ask for within the query cost budget."""


def region_of(clients: int) -> list[dict[str, Any]]:
    """Clients each with two concurrent services in two organisations and one worker."""
    records: list[dict[str, Any]] = [
        {"type": "region", "id": "r", "name": "Alue"},
        {"type": "organisation", "id": "o-a", "name": "A", "kind": "sote_centre", "region": "r"},
        {"type": "organisation", "id": "o-b", "name": "B", "kind": "kela", "region": "r"},
    ]
    for org, kind in (("o-a", "physiotherapy"), ("o-b", "rehabilitation")):
        records.append(
            {
                "type": "service",
                "id": f"s-{org}",
                "name": kind,
                "kind": kind,
                "level": "basic",
                "sector": "health",
                "provider": org,
            }
        )
    for p in range(10):
        records.append(
            {
                "type": "professional",
                "id": f"p-{p}",
                "name": f"P {p}",
                "profession": "x",
                "organisation": "o-a",
            }
        )
    for c in range(clients):
        records.append(
            {
                "type": "client",
                "id": f"c-{c:04d}",
                "name": f"Asiakas {c}",
                "birth_date": "1990-01-01",
                "region": "r",
                "long_term_illness": c % 2 == 0,
            }
        )
        for org in ("o-a", "o-b"):
            records.append(
                {
                    "type": "episode",
                    "id": f"e-{c}-{org}",
                    "client": f"c-{c:04d}",
                    "service": f"s-{org}",
                    "start": "2024-01-01",
                    "status": "active",
                }
            )
        records.append(
            {
                "type": "responsibility",
                "id": f"rs-{c}",
                "professional": f"p-{c % 10}",
                "role": "own_worker",
                "client": f"c-{c:04d}",
                "valid_from": "2024-01-01",
            }
        )
    return records


QUERY = """query { clients(first: FIRST) { totalCount nodes {
    id name services { id provider { name } }
    professionals { id employments { organisation { id } } }
    gaps { rule title } } } }"""


async def test_a_page_of_10_and_of_300_clients_take_the_same_round_trips(db: Database) -> None:
    await load_records(db, region_of(CLIENTS), source="generated region")
    seen: list[str] = []

    def count(query: Query, seconds: float) -> None:
        seen.append(query.qualified_name)

    async with serve_app(db) as api:
        trips = {}
        pages = {}
        for first in (10, CLIENTS):
            db.observers.append(count)
            try:
                # the page size written out: a variable is costed as the largest page
                pages[first] = (await api.data(QUERY.replace("FIRST", str(first))))["clients"]
            finally:
                db.observers.remove(count)
            trips[first] = list(seen)
            seen.clear()
    assert len(pages[10]["nodes"]) == 10
    assert len(pages[CLIENTS]["nodes"]) == CLIENTS
    last = pages[CLIENTS]["nodes"][-1]
    assert {s["provider"]["name"] for s in last["services"]} == {"A", "B"}
    assert last["professionals"][0]["employments"] == [{"organisation": {"id": "o-a"}}]
    assert any(gap["rule"] == "no-coordinator" for gap in last["gaps"])
    assert len(trips[10]) == len(trips[CLIENTS])
    assert sorted(trips[10]) == sorted(trips[CLIENTS])
