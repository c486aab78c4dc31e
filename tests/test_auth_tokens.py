"""Bearer tokens against a real OpenID provider (tests/oidc_provider.mjs): the good ones
read, every bad one is 401 with WWW-Authenticate and reads nothing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from graphsvc.api.app import create_app
from graphsvc.auth.roles import Role
from graphsvc.auth.tokens import development_token
from graphsvc.database import Database
from graphsvc.demo import load_demo
from tests.oidc import AUDIENCE, Provider, oidc_provider

pytestmark = pytest.mark.anyio

QUERY = {"query": "{ clients(first: 50) { totalCount nodes { id } } }"}


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with oidc_provider() as running:
        yield running


@asynccontextmanager
async def production_app(db: Database, provider: Provider) -> AsyncIterator[httpx.AsyncClient]:
    auth = replace(
        db.settings.auth,
        oidc_issuer=provider.issuer,
        oidc_audience=AUDIENCE,
        session_secret="test-session-secret",
        leeway_seconds=1,
    )
    # the first read of a role plans its queries: on a busy machine that can pass the
    # production request timeout (tests of the timeout set their own)
    settings = replace(db.settings, development=False, auth=auth, request_timeout=600.0)
    app = create_app(settings, db=db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as http:
            yield http


async def ask(http: httpx.AsyncClient, token: str) -> httpx.Response:
    return await http.post("/graphql", json=QUERY, headers={"authorization": f"Bearer {token}"})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forged(header: dict[str, Any], claims: dict[str, Any], sign: Any = None) -> str:
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
    return head + "." + (b64(sign(head.encode())) if sign else "")


def claims_of(provider: Provider, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": provider.issuer,
        "aud": AUDIENCE,
        "sub": "attacker",
        "iat": now,
        "exp": now + 300,
        "roles": ["admin"],
    }
    claims.update(changes)
    return claims


async def audit_count(db: Database) -> int:
    rows = await db.read("audit", "trail", client=None, **{"from": None, "to": None})
    return len(rows)


async def test_tokens_of_the_issuer_read_as_their_role(db: Database, provider: Provider) -> None:
    await load_demo(db)
    async with production_app(db, provider) as http:
        admin = await ask(http, provider.token("admin-tool"))
        sari = await ask(http, provider.token("sari"))
    assert admin.status_code == 200
    assert admin.json()["data"]["clients"]["totalCount"] > 2
    assert sari.status_code == 200, sari.text
    assert {n["id"] for n in sari.json()["data"]["clients"]["nodes"]} == {
        "cli-pekka-jarvinen",
        "cli-ville-koskinen",
    }


def bad_tokens(provider: Provider, settings_auth: Any) -> dict[str, str]:
    good = provider.token("admin-tool")
    head, payload, signature = good.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "someone-else"
    tampered = f"{head}.{b64(json.dumps(claims).encode())}.{signature}"
    public_pem = provider.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    hs256 = forged(
        {"alg": "HS256", "typ": "JWT", "kid": provider.kid},
        claims_of(provider),
        lambda data: hmac.new(public_pem, data, hashlib.sha256).digest(),
    )
    stranger = ec.generate_private_key(ec.SECP256R1())
    return {
        "wrong audience": provider.token("admin-tool", resource="https://other.test/api"),
        "wrong issuer": jwt.encode(
            claims_of(provider, iss="http://127.0.0.1:9/evil"),
            provider.key,
            algorithm="ES256",
            headers={"kid": provider.kid},
        ),
        "alg none": forged({"alg": "none", "typ": "JWT"}, claims_of(provider)),
        "HS256 signed with the public key": hs256,
        "tampered payload": tampered,
        "unknown kid": jwt.encode(
            claims_of(provider), stranger, algorithm="ES256", headers={"kid": "rotated-away"}
        ),
        "development token in production": development_token(settings_auth, Role.ADMIN),
        "not a token": "Bearer-garbage",
    }


async def test_every_bad_token_is_401_and_reads_nothing(db: Database, provider: Provider) -> None:
    await load_demo(db)
    tokens = bad_tokens(provider, db.settings.auth)
    answers = {}
    async with production_app(db, provider) as http:
        for name, token in tokens.items():
            answers[name] = await ask(http, token)
    for name, answer in answers.items():
        assert answer.status_code == 401, name
        assert answer.headers["www-authenticate"].startswith('Bearer realm="graphsvc"'), name
        assert "data" not in answer.json(), name
    assert await audit_count(db) == 0, "nothing was read"


async def test_an_expired_token_is_401(db: Database, provider: Provider) -> None:
    await load_demo(db)
    token = provider.token("short")  # one second to live, one second of leeway
    time.sleep(3)
    async with production_app(db, provider) as http:
        answer = await ask(http, token)
    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["www-authenticate"]
    assert await audit_count(db) == 0


async def test_a_token_that_was_good_is_refused_once_it_expires(
    db: Database, provider: Provider
) -> None:
    """Verified tokens are remembered; the memory must not outlive the token."""
    await load_demo(db)
    async with production_app(db, provider) as http:
        # the read is planned before the short token's clock starts
        warm = await ask(http, provider.token("admin-tool"))
        token = provider.token("short")  # one second to live, one second of leeway
        first = await ask(http, token)
        time.sleep(3)
        again = await ask(http, token)
    assert warm.status_code == 200
    assert first.status_code == 200
    assert again.status_code == 401
    assert 'error="invalid_token"' in again.headers["www-authenticate"]
