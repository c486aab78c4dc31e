"""Sign-in routes of the page: through the OpenID provider (:mod:`graphsvc.auth.oidc`),
development "sign in as", sign out."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graphsvc.auth.oidc import FLOW_COOKIE, CodeFlow, SignInFailed
from graphsvc.auth.roles import Role
from graphsvc.auth.sessions import Sessions
from graphsvc.auth.tokens import InvalidToken, Verifier, development_token
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
    flow: CodeFlow = request.app.state.signin
    provider = (
        '<p><a href="/auth/login">Sign in with your organisation\'s account</a></p>'
        if flow.configured
        else ""
    )
    if not settings.development:
        body = provider or (
            "<p>Sign-in through the identity provider is not configured "
            "(GRAPHSVC_OIDC_CLIENT_ID).</p>"
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
    body = provider + "<h1>Sign in as (development)</h1><ul>" + "".join(items) + "</ul>"
    return HTMLResponse(_page(body), headers={"Content-Security-Policy": POLICY})


POLICY = "default-src 'none'; base-uri 'none'; form-action 'self'"


def _page(body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Sign in · graphsvc</title></head><body><main>{body}</main></body></html>"
    )


def _redirect_uri(request: Request) -> str:
    configured: str | None = request.app.state.settings.auth.oidc_redirect_uri
    return configured or str(request.url_for("auth-callback"))


async def login(request: Request) -> Response:
    """Off to the provider's sign-in, with state, nonce and PKCE (S256)."""
    flow: CodeFlow = request.app.state.signin
    if not flow.configured:
        return Response("not found", status_code=404)
    try:
        url, cookie = await flow.start(_redirect_uri(request))
    except SignInFailed as failed:
        return _failed(failed.reason)
    response = RedirectResponse(url, status_code=303)
    response.headers.append("set-cookie", cookie)
    return response


async def callback(request: Request) -> Response:
    """Back from the provider: check and exchange the code, start the page's session.

    The answer is a page that moves on to ``/`` itself rather than a redirect: the
    session cookie is SameSite=Strict, and a redirect chain that began at the provider's
    site would not carry it."""
    flow: CodeFlow = request.app.state.signin
    if not flow.configured:
        return Response("not found", status_code=404)
    code, state = request.query_params.get("code"), request.query_params.get("state")
    if request.query_params.get("error") or not code or not state:
        return _failed("the identity provider did not sign you in")
    try:
        token = await flow.finish(
            request.cookies.get(FLOW_COOKIE), code, state, _redirect_uri(request)
        )
        verifier: Verifier = request.app.state.verifier
        caller = await verifier.caller(token)
    except SignInFailed as failed:
        return _failed(failed.reason)
    except InvalidToken as invalid:
        return _failed(f"graphsvc does not accept this account's token: {invalid.reason}")
    target = "/planning" if caller.role == Role.PLANNER else "/"
    body = (
        f'<p>Signed in. <a href="{target}">Continue</a>.</p>'
        f'<meta http-equiv="refresh" content="0;url={target}">'
    )
    response = HTMLResponse(_page(body), headers={"Content-Security-Policy": POLICY})
    sessions: Sessions = request.app.state.sessions
    response.headers.append("set-cookie", sessions.cookie(token))
    response.headers.append("set-cookie", CodeFlow.clear())
    return response


def _failed(reason: str) -> HTMLResponse:
    body = (
        f"<h1>Sign-in failed</h1><p>{escape(reason)}</p>"
        '<p><a href="/auth/sign-in">Try again</a></p>'
    )
    return HTMLResponse(_page(body), status_code=401, headers={"Content-Security-Policy": POLICY})


async def sign_out(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", Sessions.clear())
    return response


routes: list[BaseRoute] = [
    Route("/auth/sign-in", sign_in),
    Route("/auth/dev", dev_sign_in),
    Route("/auth/login", login),
    Route("/auth/callback", callback, name="auth-callback"),
    Route("/auth/sign-out", sign_out, methods=["POST"]),
]
