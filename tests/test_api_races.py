"""Coordinators who change the same record at the same moment: no change is lost,
of two conflicting decisions exactly one wins and the other is told CONFLICT.

Each race runs in a bounded loop of rounds; the requests of a round are sent
concurrently to the app, which writes to the real Neo4j of the suite.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest

from graphsvc.database import Database
from graphsvc.importing import load_records
from tests.api_client import Api, serve_app
from tests.model_records import world

pytestmark = pytest.mark.anyio

ROUNDS = int(os.environ.get("GRAPHSVC_RACE_ROUNDS", "100"))


@pytest.fixture
async def api(db: Database) -> AsyncIterator[Api]:
    await load_records(db, world(), source="model world")
    async with serve_app(db) as api:
        yield api


def outcome(body: dict[str, Any]) -> str:
    errors = body.get("errors")
    return "OK" if not errors else str(errors[0]["extensions"]["code"])


async def test_parallel_updates_of_different_fields_lose_nothing(api: Api) -> None:
    lost = 0
    for n in range(ROUNDS):
        name, municipality = f"Matias {n}", f"Kunta {n}"
        bodies = await asyncio.gather(
            api.gql(
                'mutation($v: String) { updateClient(id: "c-matias", input: {name: $v}) '
                "{ node { id } } }",
                v=name,
            ),
            api.gql(
                'mutation($v: String) { updateClient(id: "c-matias", input: {municipality: $v}) '
                "{ node { id } } }",
                v=municipality,
            ),
        )
        assert [outcome(b) for b in bodies] == ["OK", "OK"]
        read = await api.data('{ client(id: "c-matias") { name municipality } }')
        lost += read["client"] != {"name": name, "municipality": municipality}
    assert lost == 0


async def test_accept_and_reject_of_one_handoff_exactly_one_wins(api: Api) -> None:
    for n in range(ROUNDS):
        created = await api.data(
            f"""mutation {{ requestHandoff(id: "h-race-{n}", input: {{client: "c-matias",
                fromOrg: "o-sote", toOrg: "o-kela", requested: "2024-01-02"}})
                {{ node {{ id }} }} }}"""
        )
        assert created["requestHandoff"]["node"]["id"] == f"h-race-{n}"
        bodies = await asyncio.gather(
            api.gql(
                f'mutation {{ acceptHandoff(id: "h-race-{n}", on: "2024-01-05") '
                "{ node { status } } }"
            ),
            api.gql(
                f'mutation {{ rejectHandoff(id: "h-race-{n}", on: "2024-01-05") '
                "{ node { status } } }"
            ),
        )
        outcomes = sorted(outcome(b) for b in bodies)
        assert outcomes == ["CONFLICT", "OK"], bodies
        winner = "ACCEPTED" if outcome(bodies[0]) == "OK" else "REJECTED"
        read = await api.data(f'{{ handoff(id: "h-race-{n}") {{ status version }} }}')
        assert read["handoff"] == {"status": winner, "version": 2}


async def test_withdrawing_a_consent_twice_answers_conflict_once(api: Api) -> None:
    for n in range(ROUNDS):
        await api.data(
            f"""mutation {{ recordConsent(id: "cs-race-{n}", input: {{client: "c-matias",
                fromOrg: "o-sote", toOrg: "o-kela", purpose: HANDOFF, validFrom: "2024-01-01"}})
                {{ node {{ id }} }} }}"""
        )
        days = ("2024-02-01", "2024-03-01")
        bodies = await asyncio.gather(
            *(
                api.gql(
                    f'mutation {{ withdrawConsent(id: "cs-race-{n}", on: "{day}") '
                    "{ node { id } } }"
                )
                for day in days
            )
        )
        outcomes = [outcome(b) for b in bodies]
        assert sorted(outcomes) == ["CONFLICT", "OK"], bodies
        read = await api.data(f'{{ consent(id: "cs-race-{n}") {{ withdrawn }} }}')
        assert read["consent"]["withdrawn"] == days[outcomes.index("OK")]


async def test_five_creates_of_one_id_exactly_one_succeeds(api: Api) -> None:
    for n in range(ROUNDS):
        bodies = await asyncio.gather(
            *(
                api.gql(
                    f'mutation {{ createRegion(id: "r-race-{n}", input: {{name: "Alue {k}"}}) '
                    "{ node { name } } }"
                )
                for k in range(5)
            )
        )
        outcomes = [outcome(b) for b in bodies]
        assert sorted(outcomes) == ["CONFLICT"] * 4 + ["OK"], bodies
        read = await api.data(f'{{ region(id: "r-race-{n}") {{ name version }} }}')
        assert read["region"] == {"name": f"Alue {outcomes.index('OK')}", "version": 1}


async def test_an_update_with_a_stale_version_is_refused(api: Api) -> None:
    read = await api.data('{ client(id: "c-matias") { version } }')
    version = read["client"]["version"]
    moved = await api.data(
        f'mutation {{ updateClient(id: "c-matias", expectedVersion: {version}, '
        'input: {municipality: "Vantaa"}) { node { version municipality } } }'
    )
    assert moved["updateClient"]["node"] == {"version": version + 1, "municipality": "Vantaa"}
    stale = await api.error(
        f'mutation {{ updateClient(id: "c-matias", expectedVersion: {version}, '
        'input: {municipality: "Turku"}) { node { id } } }'
    )
    assert stale["extensions"] == {"code": "CONFLICT", "field": "expectedVersion"}
    after = await api.data('{ client(id: "c-matias") { municipality version } }')
    assert after["client"] == {"municipality": "Vantaa", "version": version + 1}
