"""The starlette application: GraphQL, health, readiness, maps."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from graphsvc.database import Database
from graphsvc.errors import GraphsvcError, Unavailable
from graphsvc.migrate import migrate
from graphsvc.settings import Settings

log = logging.getLogger(__name__)


async def healthz(request: Request) -> JSONResponse:
    db: Database = request.app.state.db
    try:
        version = await db.server_version()
    except GraphsvcError as error:
        return JSONResponse({"status": "unavailable", "error": error.message}, status_code=503)
    return JSONResponse({"status": "ok", "neo4j": version})


def create_app(settings: Settings | None = None, *, db: Database | None = None) -> Starlette:
    settings = Settings.from_env() if settings is None else settings

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.db = Database(settings) if db is None else db
        try:
            await migrate(app.state.db)
        except Unavailable as error:
            # Start anyway: requests answer UNAVAILABLE until Neo4j is back.
            log.warning("schema not applied at start: %s", error.message)
        try:
            yield
        finally:
            if db is None:
                await app.state.db.close()

    return Starlette(
        debug=False,
        routes=[Route("/healthz", healthz)],
        lifespan=lifespan,
    )
