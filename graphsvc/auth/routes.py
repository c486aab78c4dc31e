"""Sign-in routes of the page: development "sign in as", sign out."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graphsvc.auth.roles import Role
from graphsvc.auth.sessions import Sessions
from graphsvc.auth.tokens import development_token
from graphsvc.errors import BadInput


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
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", sessions.cookie(token))
    return response


async def sign_out(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", Sessions.clear())
    return response


routes: list[BaseRoute] = [
    Route("/auth/dev", dev_sign_in),
    Route("/auth/sign-out", sign_out, methods=["POST"]),
]
