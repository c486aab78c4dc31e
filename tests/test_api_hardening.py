"""What an outside probe tried against the service, one test per finding: each sends
the attack and asserts the service now holds (refuses it plainly, stays up, leaks
nothing). The races of coordinators are in ``test_api_races.py``."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import get_introspection_query, parse
from starlette.types import Receive, Scope, Send

from graphsvc.api.app import create_app
from graphsvc.api.guards import Guards, GuardSettings, RateLimiter, caller_key
from graphsvc.api.limits import refusals
from graphsvc.api.maps import error_page
from graphsvc.api.schema import build_schema
from graphsvc.bounded import BoundedCache
from graphsvc.database import Database
from graphsvc.errors import Conflict, NotFound, Unavailable
from graphsvc.importing import load_records
from tests.api_client import Api, serve_app, token_for
from tests.conftest import REPO
from tests.live_server import live_server, production_env, production_headers
from tests.model_records import world

pytestmark = pytest.mark.anyio


@pytest.fixture
async def api(db: Database) -> AsyncIterator[Api]:
    await load_records(db, world(), source="model world")
    async with serve_app(db, production=True) as api:
        yield api


def doubling(levels: int) -> str:
    """Fragments that each spread the previous one twice: 2^levels fields once expanded."""
    fragments = ["fragment F0 on Region { id name }"]
    fragments += [f"fragment F{n} on Region {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, 31)]
    return f'{{ region(id: "r-south") {{ ...F{levels} }} }} ' + " ".join(fragments[: levels + 1])


# -- a query under 1 kB froze the server ------------------------------------------


def test_the_fragment_doubling_query_is_refused_while_healthz_keeps_answering(
    cli_env: dict[str, str],
) -> None:
    query = doubling(30)
    assert len(query.encode()) < 2048
    health: list[int] = []
    stop = threading.Event()

    def probe(url: str) -> None:
        while not stop.is_set():
            health.append(httpx.get(f"{url}/healthz", timeout=5).status_code)

    with live_server({**cli_env, **production_env()}) as url:
        prober = threading.Thread(target=probe, args=(url,))
        prober.start()
        try:
            for _ in range(5):
                # a 5 s client timeout: the old server stalled for minutes
                answer = httpx.post(
                    f"{url}/graphql", json={"query": query}, headers=production_headers(), timeout=5
                )
                body = answer.json()
                assert body.get("data") is None
                assert "too many fields" in body["errors"][0]["message"]
            time.sleep(0.2)
        finally:
            stop.set()
            prober.join()
    assert health and set(health) == {200}


async def test_fragments_are_measured_once_each_so_a_fine_query_with_fragments_runs(
    api: Api,
) -> None:
    data = await api.data(doubling(3))
    assert data["region"]["id"] == "r-south"


def test_the_full_introspection_query_of_graphiql_and_tools_passes_the_limits() -> None:
    query = parse(get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert refusals(build_schema()._schema, query, None) == []


# -- memory: request bodies and caches ----------------------------------------------


async def test_a_request_body_over_the_limit_is_refused_with_413(api: Api) -> None:
    big = '{ region(id: "r-south") { id } }' + " " * (300 * 1024)
    answer = await api.http.post("/graphql", json={"query": big})
    assert answer.status_code == 413
    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_INPUT"

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b" " * 65536

    chunked = await api.http.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413


def test_the_query_caches_are_bounded_by_bytes_and_keyed_by_a_hash() -> None:
    cache: BoundedCache[str] = BoundedCache(max_bytes=1000)
    for n in range(100):
        text = f"query {n}" + "x" * 90
        cache.put(cache.key(text), text, len(text))
    assert cache.bytes <= 1000
    assert len(cache.key("x" * 20_000_000)) == 32
    assert cache.get(cache.key("query 99" + "x" * 90)) is not None
    assert cache.get(cache.key("query 0" + "x" * 90)) is None


# -- cost and rate ----------------------------------------------------------------


async def test_thirty_aliases_of_a_region_gap_scan_are_refused(api: Api) -> None:
    query = "{ " + " ".join(f'a{n}: gaps(region: "r-south") {{ totalCount }}' for n in range(30))
    body = await api.gql(query + " }")
    assert body.get("data") is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT"
    assert "costs too much" in body["errors"][0]["message"]
    one = parse('{ gaps(region: "r-south") { totalCount } }')
    assert refusals(build_schema()._schema, one, None) == []  # one scan is within budget


async def test_a_caller_over_the_rate_limit_is_told_to_wait(db: Database) -> None:
    settings = replace(db.settings, rate_per_second=1.0, rate_burst=3)
    app = create_app(settings, db=db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 4000))
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://api.test",
            headers={"authorization": f"Bearer {token_for(settings)}"},
        ) as http:
            answers = [
                await http.post("/graphql", json={"query": "{ __typename }"}) for _ in range(5)
            ]
            health = await http.get("/healthz")
    statuses = [a.status_code for a in answers]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    assert answers[3].json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert int(answers[3].headers["retry-after"]) >= 1
    assert health.status_code == 200


def test_the_rate_limit_counts_per_caller_and_refills() -> None:
    limiter = RateLimiter(rate=2.0, burst=2)
    assert [limiter.allow("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.5]
    assert limiter.allow("b", now=0.0) == 0.0
    assert limiter.allow("a", now=1.0) == 0.0
    assert caller_key({"type": "http", "client": ("198.51.100.1", 1)}) == "addr:198.51.100.1"


# -- leaks ------------------------------------------------------------------------


async def test_an_unreachable_database_is_not_named_to_clients(db: Database) -> None:
    settings = replace(db.settings, neo4j_uri="bolt://10.255.255.1:7999", neo4j_retry_seconds=0.0)
    down = Database(settings)
    try:
        async with serve_app(down, production=True) as api:
            body = await api.gql('{ client(id: "c-matias") { id } }')
            health = (await api.http.get("/healthz")).json()
    finally:
        await down.close()
    text = json.dumps(body) + json.dumps(health)
    assert body["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
    for leak in ("bolt", "10.255.255.1", "7999", "neo4j'"):
        assert leak not in text


async def test_a_conflict_carries_no_neo4j_text(api: Api) -> None:
    error = await api.error(
        'mutation { createRegion(id: "r-south", input: {name: "X"}) { node { id } } }'
    )
    assert error["extensions"] == {"code": "CONFLICT", "field": "id"}
    assert "constraint" not in error["message"].lower()
    assert "Neo.ClientError" not in error["message"]


async def test_refused_input_is_logged_by_field_and_hash_never_by_value(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    pic = "140515A123B"
    with caplog.at_level(logging.INFO):
        await api.gql(
            'mutation { createClient(input: {name: "Aino Virtanen", birthDate: 20150514, '
            f'municipality: "{pic}"}}) {{ node {{ id }} }} }}'
        )
        await api.gql(
            'mutation($n: String) { updateClient(id: "c-matias", input: {name: $n}) '
            "{ node { id } } }",
            n="Aino\u202eVirtanen",
        )
    logged = "\n".join(
        r.getMessage() + json.dumps(getattr(r, "fields", {})) for r in caplog.records
    )
    assert "refused" in logged
    for value in (pic, "Aino", "Virtanen", "20150514"):
        assert value not in logged


async def test_field_suggestions_are_off_in_production(api: Api) -> None:
    error = await api.error('{ client(id: "c-matias") { birthdate } }')
    assert "birthdate" in error["message"]
    assert "Did you mean" not in error["message"]


async def test_unknown_directives_are_one_error(api: Api) -> None:
    directives = " ".join(f"@d{n}" for n in range(101))
    body = await api.gql(f'{{ region(id: "r-south") {directives} {{ id }} }}')
    assert len(body["errors"]) == 1
    assert "101 unknown directives" in body["errors"][0]["message"]


async def test_several_operations_without_an_operation_name_are_refused(api: Api) -> None:
    document = (
        'query A { region(id: "r-south") { id } } mutation B { createRegion(id: "r-b", '
        'input: {name: "B"}) { node { id } } }'
    )
    body = await api.gql(document)
    assert "operationName" in body["errors"][0]["message"]
    assert body.get("data") is None
    assert (await api.data('{ region(id: "r-b") { id } }'))["region"] is None


def test_each_error_has_its_http_status_beside_its_exit_status() -> None:
    assert (Conflict("x").http_status, Conflict("x").exit_status) == (409, 75)
    assert error_page(Conflict("the map changed")).status_code == 409
    assert error_page(NotFound("no such client")).status_code == 404
    page = error_page(Unavailable("Neo4j at bolt://db.internal:7687 cannot be reached"))
    assert page.status_code == 503
    assert b"db.internal" not in page.body and b"7687" not in page.body


# -- text -------------------------------------------------------------------------

UPDATE_NAME = (
    'mutation($v: String) { updateClient(id: "c-matias", input: {name: $v}) { node { name } } }'
)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("Matias\x00", "U+0000"),
        ("Matias\x07Virtanen", "U+0007"),
        ("Matias \u202enenatriV", "U+202E"),
        ("M" * 201, "at most 200"),
    ],
    ids=["NUL", "a control character", "a right-to-left override", "too long"],
)
async def test_names_with_control_characters_overrides_or_too_long_are_refused(
    api: Api, value: str, said: str
) -> None:
    error = await api.error(UPDATE_NAME, v=value)
    assert error["extensions"] == {"code": "BAD_INPUT", "field": "name"}
    assert said in error["message"]
    assert (await api.data('{ client(id: "c-matias") { name } }'))["client"]["name"] == (
        "Matias Virtanen"
    )


async def test_text_is_stored_in_nfc(api: Api) -> None:
    decomposed = "Ma\u0308kinen"  # ä as a + combining diaeresis
    data = await api.data(UPDATE_NAME, v=decomposed)
    assert data["updateClient"]["node"]["name"] == "M\u00e4kinen"


# -- API errors that were INTERNAL --------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (
            "{ clients(after: $c) { totalCount } }",
            {"c": "cG9zaXRpb246OTIyMzM3MjAzNjg1NDc3NTgwMA=="},
        ),
        ("{ client(id: $c) { id } }", {"c": "c" * 100_000}),
        ("{ client(id: $c) { id } }", {"c": "c-\ud800"}),
    ],
    ids=["a cursor near 2^63", "a 100 kB id", "a lone surrogate"],
)
async def test_bad_ids_and_cursors_are_bad_input(
    api: Api, query: str, variables: dict[str, Any]
) -> None:
    kind = "String" if "after" in query else "ID!"
    document = f"query($c: {kind}) " + query
    content = json.dumps({"query": document, "variables": variables}, ensure_ascii=True)
    answer = await api.http.post(
        "/graphql", content=content, headers={"content-type": "application/json"}
    )
    body = answer.json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT", body


@pytest.mark.parametrize("day", ["20150514", "0001-01-01", "9999-12-31", "2999-01-01"])
async def test_implausible_or_malformed_birth_dates_are_refused(api: Api, day: str) -> None:
    error = await api.error(
        'mutation($d: Date) { updateClient(id: "c-matias", input: {birthDate: $d}) '
        "{ node { id } } }",
        d=day,
    )
    assert error["extensions"]["code"] == "BAD_INPUT"
    stored = await api.data('{ client(id: "c-matias") { birthDate } }')
    assert stored["client"]["birthDate"] == "2001-05-14"


# -- importer decode problems -------------------------------------------------------


def _document(record_text: str) -> str:
    return '{"format": "graphsvc/1", "records": [' + record_text + "]}"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (_document('{"type": "region", "id": "r-x", "name": "A\\ud800"}'), "lone surrogate"),
        (
            _document(
                '{"type": "pathway", "id": "cp-x", "name": "P", "need": "n", "region": "r-x"},'
                '{"type": "step", "id": "st-x", "pathway": "cp-x", "order": '
                + str(2**63 + 5)
                + ', "name": "S"}'
            ),
            "field order",
        ),
        (
            _document(
                '{"type": "step", "id": "st-x", "pathway": "cp-x", "order": %s, "name": "S"}'
                % ("9" * 5000)
            ),
            "4,300 digits",
        ),
        (
            _document('{"type": "region", "id": "r-x", "name": ' + "[" * 100_000 + "]" * 100_000)
            + "}",
            "too deeply",
        ),
        (_document('{"type": "region", "id": "%s", "name": "A"}' % ("i" * 8192)), "field id"),
    ],
    ids=["a lone surrogate", "an integer over 2^63", "5,000 digits", "100k-deep", "an 8 kB id"],
)
def test_the_importer_names_decode_problems_and_exits_65(
    cli_env: dict[str, str], tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "graphsvc", "load", "--no-progress", str(path)],
        env=cli_env,
        cwd=REPO,
        capture_output=True,
        text=True,
        errors="backslashreplace",
    )
    assert done.returncode == 65, done.stderr
    assert said in done.stderr
    assert "Traceback" not in done.stderr


# -- operations ---------------------------------------------------------------------


async def test_every_response_carries_the_security_headers(api: Api) -> None:
    for path in ("/", "/graphql", "/healthz", "/maps/client/c-matias"):
        answer = await api.http.get(path, headers={"accept": "application/json"})
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert answer.headers["referrer-policy"] == "no-referrer", path
        assert answer.headers["cache-control"] == "no-store", path
        assert "frame-ancestors" in answer.headers["content-security-policy"], path
    page = await api.http.get("/")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_a_request_that_runs_too_long_is_ended_with_503() -> None:
    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(30)

    app = Guards(slow, GuardSettings(timeout_seconds=0.2))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as http:
        answer = await http.get("/graphql")
    assert answer.status_code == 503
    assert answer.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
