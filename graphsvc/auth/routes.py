"""Sign-in routes of the page: development "sign in as", sign out."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graphsvc.auth.roles import Role
from graphsvc.auth.sessions import Sessions
from graphsvc.auth.tokens import development_token
from graphsvc.errors import BadInput
from graphsvc.store import Store


async def dev_sign_in(request: Request) -> Response:
    """Development only: a session as ``role`` (and ``professional``) with a development token."""
    settings = request.app.state.settings
    if not settings.development:
        return Response("not found", status_code=404)
    raw = request.query_params.get("role", "professional")
    if raw not in Role.__members__.values():
        raise BadInput(f"role={raw!r}: expected one of {', '.join(Role)}", field="role")
    professional = request.query_params.get("professional") or None
    role = Role(raw)
    if role in (Role.PROFESSIONAL, Role.COORDINATOR) and professional is None:
        raise BadInput(f"a {role} signs in as a professional", field="professional")
    token = development_token(settings.auth, role, professional)
    sessions: Sessions = request.app.state.sessions
    # a planner reads analytics only: their page is the planner's, not the coordinator's
    response = RedirectResponse("/planning" if role is Role.PLANNER else "/", status_code=303)
    response.headers.append("set-cookie", sessions.cookie(token))
    return response


async def sign_in(request: Request) -> Response:
    """The sign-in page. In development: "sign in as" an admin, a planner or any professional
    of the graph (as professional or coordinator). In production: the issuer's sign-in."""
    settings = request.app.state.settings
    if not settings.development:
        body = (
            "<p>Sign in through your organisation's identity provider; this server has no "
            "development sign-in.</p>"
        )
        return HTMLResponse(_page(body), headers={"Content-Security-Policy": POLICY})
    store = Store(request.app.state.db)
    professionals = await store.page("Professional", limit=200)
    items = [
        f'<li><a href="/auth/dev?role={role}">{role}</a></li>' for role in ("admin", "planner")
    ]
    for node in professionals.nodes:
        name = escape(str(node.props.get("name", node.id)))
        query = urlencode({"professional": node.id})
        items.append(
            f'<li>{name}: <a href="/auth/dev?role=professional&amp;{query}">professional</a>'
            f' · <a href="/auth/dev?role=coordinator&amp;{query}">coordinator</a></li>'
        )
    body = "<h1>Sign in as (development)</h1><ul>" + "".join(items) + "</ul>"
    return HTMLResponse(_page(body), headers={"Content-Security-Policy": POLICY})


POLICY = "default-src 'none'; base-uri 'none'; form-action 'self'"


def _page(body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Sign in · graphsvc</title></head><body><main>{body}</main></body></html>"
    )


async def sign_out(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", Sessions.clear())
    return response


routes: list[BaseRoute] = [
    Route("/auth/sign-in", sign_in),
    Route("/auth/dev", dev_sign_in),
    Route("/auth/sign-out", sign_out, methods=["POST"]),
]
