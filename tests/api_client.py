"""The API under test, in the test's own event loop: app, lifespan and an HTTP client.

``api`` fixtures build on :func:`serve_app`; :meth:`Api.gql` posts one GraphQL
request to ``/graphql`` and returns the decoded JSON body.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx

from graphsvc.api.app import create_app
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


@asynccontextmanager
async def serve_app(db: Database, *, production: bool = False) -> AsyncIterator[Api]:
    # a mutation computes its client's gaps twice: on a busy machine that can pass
    # the production request timeout, which tests of it set themselves
    settings = replace(db.settings, development=not production, request_timeout=600.0)
    app = create_app(settings, db=db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as http:
            yield Api(http, db)


def settings_of(db: Database) -> Settings:
    return db.settings
