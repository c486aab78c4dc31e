"""The coordinator page's session: the caller's token in a signed, HttpOnly, SameSite cookie.

itsdangerous signs the cookie (HMAC with the session secret, with a
timestamp, so an old cookie expires); the cookie holds the verified token,
which the middleware verifies again on every request, so a session never
outlives its token. In development the secret is made per process when
``GRAPHSVC_SESSION_SECRET`` is unset; production requires it.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie

from itsdangerous import BadSignature, TimestampSigner
from starlette.types import Scope

COOKIE = "graphsvc_session"
MAX_AGE = 8 * 3600


class Sessions:
    def __init__(self, secret: str | None, *, secure: bool):
        self.signer = TimestampSigner(secret or secrets.token_urlsafe(32), salt="graphsvc-session")
        self.secure = secure

    def cookie(self, token: str) -> str:
        """The ``Set-Cookie`` value that starts a session for ``token``."""
        value = self.signer.sign(token.encode()).decode()
        secure = "; Secure" if self.secure else ""
        return f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={MAX_AGE}{secure}"

    @staticmethod
    def clear() -> str:
        return f"{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"

    def token(self, scope: Scope) -> str | None:
        for name, value in scope.get("headers", ()):
            if name == b"cookie":
                jar: SimpleCookie = SimpleCookie()
                try:
                    jar.load(value.decode("latin-1"))
                except Exception:
                    return None
                if COOKIE in jar:
                    try:
                        signed: bytes = self.signer.unsign(jar[COOKIE].value, max_age=MAX_AGE)
                        return signed.decode()
                    except BadSignature:
                        return None
        return None
