"""The starlette application: GraphQL, health, readiness, metrics, maps."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from graphsvc.alerts import Alerts, AlertSettings
from graphsvc.api import planning
from graphsvc.api.availability import Breaker
from graphsvc.api.compiler import warm_up
from graphsvc.api.errors import public_message
from graphsvc.api.graphql import GraphQLView
from graphsvc.api.guards import Guards, GuardSettings
from graphsvc.api.logs import RequestLog
from graphsvc.api.metrics import CONTENT_TYPE, Metrics
from graphsvc.api.schema import build_schema
from graphsvc.api.summary import routes as summary_routes
from graphsvc.auth import audit
from graphsvc.auth.middleware import Authenticate
from graphsvc.auth.oidc import CodeFlow
from graphsvc.auth.policy import RolePolicy
from graphsvc.auth.roles import Role
from graphsvc.auth.routes import routes as auth_routes
from graphsvc.auth.sessions import Sessions
from graphsvc.auth.tokens import Verifier
from graphsvc.database import Database
from graphsvc.errors import ConfigError, GraphsvcError, Unavailable
from graphsvc.migrate import migrate
from graphsvc.settings import Settings
from graphsvc.store import Caller, Store

log = logging.getLogger(__name__)


async def healthz(request: Request) -> JSONResponse:
    db: Database = request.app.state.db
    try:
        version = await db.server_version()
    except GraphsvcError as error:
        log.warning("health check failed: %s", error.message)
        return JSONResponse({"status": "unavailable", "error": public_message(error)}, 503)
    return JSONResponse({"status": "ok", "neo4j": version})


async def readyz(request: Request) -> JSONResponse:
    """Ready when a query reaches Neo4j (through the breaker, so it answers fast when down)."""
    breaker: Breaker = request.app.state.breaker
    try:
        await breaker.read("health", "ping")
    except GraphsvcError as error:
        log.warning("readiness check failed: %s", error.message)
        return JSONResponse({"status": "unavailable", "error": public_message(error)}, 503)
    return JSONResponse({"status": "ready"})


async def metrics(request: Request) -> Response:
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE)


def maps_routes() -> list[BaseRoute]:
    """The maps' routes once :mod:`graphsvc.api.maps` exists; none before."""
    try:
        from graphsvc.api import maps  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return []
    routes: list[BaseRoute] = list(getattr(maps, "routes", []))
    return routes


def _professional() -> Caller:
    """Any professional: the policy's predicates read the same for all (ids are parameters)."""
    return Caller(id="warm-up", role=str(Role.PROFESSIONAL), professional="warm-up")


async def _warm_up(database: Database) -> None:
    try:
        await warm_up(database, professional=RolePolicy(_professional()).cypher_filter)
    except GraphsvcError as error:
        log.warning("reads not planned at start: %s", error.message)


async def _plan_in_background(database: Database) -> None:
    """Plan the audit's record of reads and a professional's withheld counts. Neo4j takes
    seconds to plan them (tens on a busy machine), so the app serves meanwhile."""
    store = Store(database, caller=_professional(), policy=RolePolicy(_professional()))
    try:
        await asyncio.gather(store.plan_withheld(), audit.warm_up(database))
    except GraphsvcError as error:
        log.warning("audit and withheld counts not planned at start: %s", error.message)


def create_app(
    settings: Settings | None = None, *, db: Database | None = None, direct_reads: bool = True
) -> Starlette:
    """The app; ``direct_reads=False`` answers every operation through graphql-core's
    resolvers (:mod:`graphsvc.api.direct`), to compare the two ways."""
    settings = Settings.from_env() if settings is None else settings
    if not settings.development and settings.auth.oidc_issuer is None:
        raise ConfigError(
            "production needs an OpenID Connect issuer: set GRAPHSVC_OIDC_ISSUER "
            "(and GRAPHSVC_OIDC_AUDIENCE)"
        )
    if not settings.development and settings.auth.session_secret is None:
        raise ConfigError("production needs GRAPHSVC_SESSION_SECRET for the page's sessions")
    meters = Metrics()
    view = GraphQLView(
        build_schema(introspection=settings.development, direct_reads=direct_reads),
        graphql_ide="graphiql" if settings.development else None,
        # production takes queries over POST only: a GET is a cross-site request
        allow_queries_via_get=settings.development,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )
    alert_settings = AlertSettings.from_env()
    verifier = Verifier(settings.auth, development=settings.development)
    sessions = Sessions(settings.auth.session_secret, secure=not settings.development)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        database = Database(settings) if db is None else db
        database.observers.append(meters.observe_query)
        app.state.db = database
        app.state.breaker = Breaker(database)
        app.state.reads_recorder = audit.ReadRecorder(database)
        try:
            await migrate(database)
        except Unavailable as error:
            # Start anyway: requests answer UNAVAILABLE until Neo4j is back.
            log.warning("schema not applied at start: %s", error.message)
        else:
            # Plan the compiled reads now, so the first requests do not pay for it.
            await _warm_up(database)
        app.state.alerts = Alerts(database, alert_settings)
        app.state.alerts.start()
        planning = asyncio.create_task(_plan_in_background(database))
        try:
            yield
        finally:
            await app.state.alerts.stop()
            planning.cancel()
            with suppress(asyncio.CancelledError):
                await planning
            database.observers.remove(meters.observe_query)
            if db is None:
                await database.close()

    app = Starlette(
        debug=False,
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            Route("/graphql", view, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", view),
            *maps_routes(),
            *planning.routes,
            *summary_routes,
            *auth_routes,
        ],
        middleware=[
            Middleware(RequestLog, metrics=meters),
            Middleware(
                Guards,
                settings=GuardSettings(
                    max_body_bytes=settings.max_body_bytes,
                    timeout_seconds=settings.request_timeout,
                    rate_per_second=settings.rate_per_second,
                    rate_burst=settings.rate_burst,
                ),
            ),
            Middleware(
                Authenticate,
                verifier=verifier,
                metrics_sha256=settings.auth.metrics_token_sha256,
                sessions=sessions,
            ),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = meters
    app.state.sessions = sessions
    app.state.verifier = verifier
    app.state.signin = CodeFlow(
        settings.auth,
        settings.auth.session_secret or secrets.token_urlsafe(32),
        secure=not settings.development,
    )
    return app
