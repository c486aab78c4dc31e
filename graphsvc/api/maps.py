"""Service maps over HTTP, and the coordinator page.

``GET /maps/{clients|professionals|organisations|pathways|regions}/{id}`` answers
one self-contained map page; query parameters ``lang`` (``fi``, the default, or
``en``), ``as_of`` (``YYYY-MM-DD``, default today) and ``embed=1`` (no heading
or gap list, for a frame). The pages make no request of their own: the
Content-Security-Policy forbids every fetch, so a map cannot leak to a CDN.
A map holds only what the caller may see: it is read through the caller's
:class:`~graphsvc.store.Store` (its access policy in the map's Cypher, the
API's breaker around it, :func:`graphsvc.maps.build_map`), as every other read.
:data:`routes` also carries the coordinator page (:mod:`graphsvc.api.page`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from graphsvc.api import page
from graphsvc.api.errors import public_message
from graphsvc.auth.maps import authorize_map
from graphsvc.auth.policy import RolePolicy
from graphsvc.database import Database
from graphsvc.errors import BadInput, GraphsvcError
from graphsvc.maps import MapKind, build_map
from graphsvc.store import Caller, Direct, Guard, Store
from graphsvc.vocab import Lang

MAP_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)
"""Inline vis-network and data: images only; nothing may be fetched from anywhere."""

PATHS = {
    "clients": MapKind.CLIENT,
    "professionals": MapKind.PROFESSIONAL,
    "organisations": MapKind.ORGANISATION,
    "pathways": MapKind.PATHWAY,
    "regions": MapKind.REGION,
}


def language(request: Request) -> Lang:
    raw = request.query_params.get("lang", "fi")
    if raw == "fi":
        return "fi"
    if raw == "en":
        return "en"
    raise BadInput(f"lang={raw!r}: expected fi or en", field="lang")


def as_of(request: Request) -> dt.date | None:
    raw = request.query_params.get("as_of")
    if raw is None or raw == "":
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"as_of={raw!r}: expected a date YYYY-MM-DD", field="as_of") from None


def map_endpoint(kind: MapKind) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        db: Database = request.app.state.db
        try:
            lang = language(request)
            await authorize_map(request, kind, request.path_params["id"])
            caller: Caller = getattr(request.state, "caller", None) or Caller()
            guard: Guard = getattr(request.app.state, "breaker", None) or Direct()
            store = Store(db, caller=caller, policy=RolePolicy(caller), guard=guard)
            smap = await build_map(
                store, kind, request.path_params["id"], lang=lang, as_of=as_of(request)
            )
        except GraphsvcError as error:
            return error_page(error)
        embed = request.query_params.get("embed") in ("1", "true")
        return HTMLResponse(
            smap.render(embed=embed), headers={"Content-Security-Policy": MAP_POLICY}
        )

    return endpoint


def error_page(error: GraphsvcError) -> HTMLResponse:
    status = error.http_status
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Map not available'
        "</title></head><body><main><h1>Map not available</h1>"
        f"<p>{escape(public_message(error))}</p>"
        "</main></body></html>"
    )
    return HTMLResponse(body, status_code=status, headers={"Content-Security-Policy": MAP_POLICY})


routes: list[BaseRoute] = [
    *(
        Route(f"/maps/{path}/{{id}}", map_endpoint(kind), methods=["GET"], name=f"map-{kind.value}")
        for path, kind in PATHS.items()
    ),
    *page.routes,
]
