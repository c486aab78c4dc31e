"""The API under test, in the test's own event loop: app, lifespan and an HTTP client.

``api`` fixtures build on :func:`serve_app`; :meth:`Api.gql` posts one GraphQL
request to ``/graphql`` and returns the decoded JSON body.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx

from graphsvc.api.app import create_app
from graphsvc.auth.roles import Role
from graphsvc.auth.settings import AuthSettings, ServiceAccount
from graphsvc.auth.tokens import development_token, sha256_hex
from graphsvc.database import Database
from graphsvc.settings import Settings


@dataclass
class Api:
    http: httpx.AsyncClient
    db: Database

    async def gql(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        """The data of a request that must succeed."""
        body = await self.gql(query, **variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error(self, query: str, **variables: Any) -> dict[str, Any]:
        """The one error of a request that must fail."""
        body = await self.gql(query, **variables)
        assert len(body.get("errors", [])) == 1, body
        error: dict[str, Any] = body["errors"][0]
        return error


SERVICE_TOKEN = "gsvc-test-" + secrets.token_urlsafe(24)
"""The admin service account's token in production-mode tests (graphsvc keeps only its hash)."""


def production_auth(auth: AuthSettings) -> AuthSettings:
    """Production settings: an issuer (never contacted by these tests: they send the service
    account's token), a session secret and an admin service account stored hashed."""
    return replace(
        auth,
        oidc_issuer="https://issuer.invalid/realms/test",
        oidc_audience="graphsvc",
        session_secret=secrets.token_urlsafe(32),
        service_accounts=(ServiceAccount("tests", "admin", sha256_hex(SERVICE_TOKEN)),),
    )


def token_for(settings: Settings, role: Role = Role.ADMIN, professional: str | None = None) -> str:
    """A token the app accepts: a development token, or the service account's in production."""
    if not settings.development:
        return SERVICE_TOKEN
    return development_token(settings.auth, role, professional)


@asynccontextmanager
async def serve_app(
    db: Database,
    *,
    production: bool = False,
    role: Role | None = Role.ADMIN,
    professional: str | None = None,
    direct_reads: bool = True,
) -> AsyncIterator[Api]:
    """The app over ASGI, its client acting as ``role`` (None: anonymous);
    ``direct_reads=False``: every operation through graphql-core's resolvers."""
    # a mutation computes its client's gaps twice: on a busy machine that can pass
    # the production request timeout, which tests of it set themselves
    settings = replace(db.settings, development=not production, request_timeout=600.0)
    if production:
        settings = replace(settings, auth=production_auth(settings.auth))
    app = create_app(settings, db=db, direct_reads=direct_reads)
    headers = {}
    if role is not None:
        headers["authorization"] = f"Bearer {token_for(settings, role, professional)}"
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://api.test", headers=headers
        ) as http:
            yield Api(http, db)


def settings_of(db: Database) -> Settings:
    return db.settings
