"""Authentication of every request that can reach client data.

A pure ASGI middleware (so it composes with the request log and any other
middleware): on ``/graphql``, ``/maps/`` and the coordinator page it reads the
bearer token (``Authorization: Bearer ...``) or the page's session cookie,
verifies it (:class:`graphsvc.auth.tokens.Verifier`) and puts the
:class:`~graphsvc.store.Caller` in ``request.state.caller``. Without a valid
token the answer is 401 with ``WWW-Authenticate: Bearer`` (RFC 6750); nothing
is read. Health and readiness stay open; ``/metrics`` asks for its own token.
"""

from __future__ import annotations

import hmac
import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from graphsvc.auth.sessions import Sessions
from graphsvc.auth.tokens import InvalidToken, Verifier, sha256_hex

OPEN = ("/healthz", "/readyz", "/auth/", "/static/")
"""Paths that answer without a caller (the sign-in routes and the page's assets)."""


class Authenticate:
    def __init__(
        self,
        app: ASGIApp,
        verifier: Verifier,
        metrics_sha256: str | None = None,
        sessions: Sessions | None = None,
    ):
        self.app = app
        self.sessions = sessions
        self.verifier = verifier
        self.metrics_sha256 = metrics_sha256

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(OPEN) or path in ("/healthz", "/readyz"):
            await self.app(scope, receive, send)
            return
        token = _bearer(scope)
        if self.verifier.development and token is None and _graphiql(scope):
            # The GraphiQL page itself holds no data; its requests carry the header.
            await self.app(scope, receive, send)
            return
        if path == "/metrics":
            if self.metrics_sha256 is None or (
                token is not None and hmac.compare_digest(sha256_hex(token), self.metrics_sha256)
            ):
                await self.app(scope, receive, send)
                return
            await _unauthorized(send, "invalid_token", "metrics need their own token")
            return
        if token is None and self.sessions is not None:
            token = self.sessions.token(scope)
            if token is not None and not _csrf_safe(scope):
                await _unauthorized(send, None, "a signed-in page must send X-Requested-With")
                return
        if token is None and path == "/" and scope["method"] == "GET":
            await _redirect(send, "/auth/sign-in")
            return
        if token is None:
            await _unauthorized(send, None, "sign in or send a bearer token")
            return
        try:
            caller = await self.verifier.caller(token)
        except InvalidToken as error:
            await _unauthorized(send, "invalid_token", error.reason)
            return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A WebSocket (GraphQL subscriptions) is authenticated at its handshake like a
        request: the bearer token, or the page's session cookie from a page of this same
        origin (``Origin`` must name the host the handshake went to). Otherwise it is
        closed before it is accepted (the client sees HTTP 403); nothing is read."""
        token = _bearer(scope)
        if token is None and self.sessions is not None:
            token = self.sessions.token(scope)
            if token is not None and not _same_origin(scope):
                token = None
        caller = None
        if token is not None:
            try:
                caller = await self.verifier.caller(token)
            except InvalidToken:
                caller = None
        if caller is None:
            await send({"type": "websocket.close", "code": 1008})
            return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)


def _same_origin(scope: Scope) -> bool:
    headers = {name: value.decode("latin-1") for name, value in scope.get("headers", ())}
    origin, host = headers.get(b"origin"), headers.get(b"host")
    return origin is not None and host is not None and urlsplit(origin).netloc == host


def _graphiql(scope: Scope) -> bool:
    if (
        scope["path"] != "/graphql"
        or scope["method"] != "GET"
        or b"query=" in scope.get("query_string", b"")
    ):
        return False
    return any(n == b"accept" and b"text/html" in v for n, v in scope.get("headers", ()))


def _csrf_safe(scope: Scope) -> bool:
    """A cookie-authenticated request is safe when it cannot be a cross-site form post:
    reads (GET/HEAD) or requests carrying ``X-Requested-With``, a header no other
    site can add without a CORS preflight (which graphsvc never grants)."""
    if scope["method"] in ("GET", "HEAD"):
        return True
    return any(name == b"x-requested-with" for name, _ in scope.get("headers", ()))


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            header: str = value.decode("latin-1")
            scheme, _, token = header.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


async def _redirect(send: Send, location: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", location.encode()), (b"content-length", b"0")],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _unauthorized(send: Send, error: str | None, description: str) -> None:
    challenge = 'Bearer realm="graphsvc"'
    if error:
        challenge += f', error="{error}"'
    body = json.dumps(
        {
            "errors": [
                {
                    "message": f"unauthenticated: {description}",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ]
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"www-authenticate", challenge.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
