"""The map pages read through the caller's Store, so the API's breaker guards them too."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware

from graphsvc.api import maps
from graphsvc.api.availability import Breaker
from graphsvc.auth.middleware import Authenticate
from graphsvc.auth.roles import Role
from graphsvc.auth.tokens import Verifier, development_token
from graphsvc.database import Database
from graphsvc.errors import Unavailable
from graphsvc.importing import load_records
from tests.test_maps import RECORDS

pytestmark = pytest.mark.anyio

NOW = 100.0


@pytest.fixture
async def breaker(db: Database) -> Breaker:
    await load_records(db, RECORDS, source="test_maps_store")
    return Breaker(db, interval=5.0, clock=lambda: NOW)


@pytest.fixture
async def http(db: Database, breaker: Breaker) -> AsyncIterator[httpx.AsyncClient]:
    verifier = Verifier(db.settings.auth, development=True)
    app = Starlette(routes=maps.routes, middleware=[Middleware(Authenticate, verifier=verifier)])
    app.state.db = db
    app.state.breaker = breaker
    admin = {"authorization": f"Bearer {development_token(db.settings.auth, Role.ADMIN)}"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver", headers=admin
    ) as client:
        yield client


async def trip(breaker: Breaker) -> None:
    """Neo4j failed a moment ago: the breaker now answers for it until the next probe."""

    async def lost() -> None:
        raise Unavailable("Neo4j at bolt://127.0.0.1 cannot be reached: connection refused")

    with pytest.raises(Unavailable):
        await breaker.call(lost)
    assert breaker.down


async def test_a_map_is_refused_at_once_while_the_breaker_knows_neo4j_is_down(
    http: httpx.AsyncClient, breaker: Breaker
) -> None:
    served = await http.get("/maps/organisations/fc", params={"lang": "en"})
    assert served.status_code == 200 and "Organisation map: Perhekeskus" in served.text
    await trip(breaker)
    refused = await http.get("/maps/organisations/fc", params={"lang": "en"})
    assert refused.status_code == 503
    assert "the database cannot be reached at the moment" in refused.text
    assert "Perhekeskus" not in refused.text
    assert breaker.down, "the map did not reach Neo4j: the breaker still waits for its probe"
