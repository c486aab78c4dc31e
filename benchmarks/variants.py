"""The API with parts of its request path taken out, to measure what those parts cost.

Only the overhead benchmark (:mod:`benchmarks.bench_overhead`) serves these, as uvicorn
app factories (``benchmarks.variants:bare``); graphsvc itself has no switch that turns
its limits, guards or access control off.

- :func:`production`: the app as ``graphsvc serve`` builds it.
- :func:`without_access_control`: no authentication, every request read as an admin
  (no visibility predicates in the Cypher) and no audit record; limits and guards stay.
- :func:`bare`: also without the request guards (body limit, rate limit, timeout,
  security headers) and the schema's limits (token, depth, alias and cost limits, string
  checks), with strawberry's unbounded parse and validation caches in place of the
  limits' bounded ones.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry import Schema
from strawberry.extensions import ParserCache, ValidationCache

from graphsvc.api.app import create_app
from graphsvc.api.context import Context
from graphsvc.api.direct import DirectReads
from graphsvc.api.graphql import GraphQLView
from graphsvc.api.guards import Guards
from graphsvc.api.schema import build_schema
from graphsvc.auth.middleware import Authenticate
from graphsvc.auth.roles import Role
from graphsvc.store import Caller

EVERYONE = Caller(id="benchmark", role=str(Role.ADMIN))


class UncheckedView(GraphQLView):
    """Every request as an admin, and nothing written to the audit trail."""

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        request.state.caller = EVERYONE
        context = await super().get_context(request, response)
        request.state.audit = None
        return context


def production() -> Starlette:
    return create_app()


def without_access_control() -> Starlette:
    return _without(Authenticate, view=_view(build_schema(introspection=False)))


def bare() -> Starlette:
    schema = build_schema(introspection=False)
    # strawberry's own parse and validation caches in place of the limits' bounded ones,
    # so the figure is what the checks cost, not what caching saves
    parsed, validated = ParserCache(), ValidationCache()
    schema.extensions = (lambda: parsed, lambda: validated, DirectReads)  # caches: one for all
    return _without(Authenticate, Guards, view=_view(schema))


def _view(schema: Schema) -> UncheckedView:
    return UncheckedView(schema, graphql_ide=None, allow_queries_via_get=False)


def _without(*middleware: object, view: GraphQLView) -> Starlette:
    app = create_app()
    app.user_middleware = [
        m for m in app.user_middleware if not any(m.cls is cls for cls in middleware)
    ]
    (route,) = (r for r in app.routes if isinstance(r, Route) and r.path == "/graphql")
    route.app = view
    return app
