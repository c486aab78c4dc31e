"""The map routes and the coordinator page, mounted in a Starlette app of the test's own."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import graphql
import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware

from graphsvc.api import maps
from graphsvc.auth.middleware import Authenticate
from graphsvc.auth.roles import Role
from graphsvc.auth.tokens import Verifier, development_token
from graphsvc.database import Database
from graphsvc.importing import load_records
from tests.test_maps import RECORDS

pytestmark = pytest.mark.anyio

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
async def http(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    await load_records(db, RECORDS, source="test_maps_api")
    verifier = Verifier(db.settings.auth, development=True)
    app = Starlette(routes=maps.routes, middleware=[Middleware(Authenticate, verifier=verifier)])
    app.state.db = db
    transport = httpx.ASGITransport(app=app)
    admin = {"authorization": f"Bearer {development_token(db.settings.auth, Role.ADMIN)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=admin
    ) as client:
        yield client


async def test_client_map_is_served_as_a_page_that_may_fetch_nothing(
    http: httpx.AsyncClient,
) -> None:
    response = await http.get("/maps/clients/aino", params={"lang": "en", "as_of": "2026-06-01"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src" not in policy
    assert "<h1>Service map: Aino Virtanen</h1>" in response.text
    assert "Lastenneurologia" in response.text


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/maps/clients/aino", "Palvelukartta: Aino Virtanen"),
        ("/maps/professionals/pekka", "Asiakkaat ja vastuut: Pekka Puro"),
        ("/maps/organisations/fc", "Organisaation kartta: Perhekeskus"),
        ("/maps/pathways/pw", "Hoitoketju: Lasten neurologiset häiriöt"),
        ("/maps/regions/kainuu", "Siirrot organisaatioiden välillä: Kainuu"),
    ],
    ids=["client map", "caseload map", "organisation map", "pathway map", "regional map"],
)
async def test_every_kind_of_map_has_its_route(
    http: httpx.AsyncClient, path: str, heading: str
) -> None:
    response = await http.get(path, params={"as_of": "2026-06-01"})
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.text


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/maps/clients/nobody", 404, "no client with id &#x27;nobody&#x27;"),
        ("/maps/regions/nowhere", 404, "no region with id &#x27;nowhere&#x27;"),
        ("/maps/clients/aino?lang=sv", 400, "lang=&#x27;sv&#x27;: expected fi or en"),
        ("/maps/clients/aino?as_of=tomorrow", 400, "expected a date YYYY-MM-DD"),
    ],
    ids=[
        "an unknown client is not found",
        "an unknown region is not found",
        "an unknown language is refused",
        "a date in the wrong form is refused",
    ],
)
async def test_bad_requests_get_a_page_that_says_why(
    http: httpx.AsyncClient, path: str, status: int, message: str
) -> None:
    response = await http.get(path)
    assert response.status_code == status
    assert message in response.text


async def test_embedded_map_leaves_heading_and_gap_list_to_the_page_around_it(
    http: httpx.AsyncClient,
) -> None:
    response = await http.get("/maps/clients/aino", params={"embed": "1"})
    assert "<h1>" not in response.text
    assert 'id="gaps-heading"' not in response.text
    assert 'id="legend-heading"' in response.text


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("", ['<html lang="fi">', "Asiakkaan nimi tai tunnus", 'aria-current="page">Suomeksi']),
        ("?lang=en", ['<html lang="en">', "Client&#39;s name or id", 'aria-current="page">In En']),
    ],
    ids=["the page speaks finnish by default", "the page speaks english when asked"],
)
async def test_coordinator_page_is_in_the_chosen_language(
    http: httpx.AsyncClient, query: str, words: list[str]
) -> None:
    response = await http.get("/" + query)
    assert response.status_code == 200
    for word in words:
        assert word in response.text
    assert '<label for="q">' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


async def test_coordinator_page_keeps_the_client_in_the_language_links(
    http: httpx.AsyncClient,
) -> None:
    response = await http.get("/", params={"client": "aino&x"})
    assert 'href="/?lang=en&amp;client=aino%26x"' in response.text


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/static/coordinator.js", "text/javascript"), ("/static/coordinator.css", "text/css")],
    ids=["the script is served", "the style sheet is served"],
)
async def test_page_assets_are_served_by_graphsvc_itself(
    http: httpx.AsyncClient, path: str, media_type: str
) -> None:
    response = await http.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert not re.search(r"https?://", response.text)


def test_the_pages_graphql_queries_are_valid_against_the_committed_schema() -> None:
    schema = graphql.build_schema((REPO / "schema.graphql").read_text(encoding="utf-8"))
    script = (REPO / "graphsvc/api/static/coordinator.js").read_text(encoding="utf-8")
    queries = re.findall(r"`(query [^`]*)`", script)
    assert len(queries) == 3  # find clients, one client, my work
    for query in queries:
        errors = graphql.validate(schema, graphql.parse(query))
        assert errors == [], f"{query.splitlines()[0]}: {errors}"
