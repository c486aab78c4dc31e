"""The page's sign-in through the OpenID provider: authorization code with PKCE (RFC 7636).

``GET /auth/login`` sends the browser to the provider's authorization endpoint
with a fresh ``state``, ``nonce`` and PKCE ``code_challenge`` (S256); the three
secrets travel back with the browser in a short-lived signed cookie (HttpOnly,
SameSite=Lax, so it comes back on the provider's redirect from another site).
``GET /auth/callback`` checks ``state``, exchanges the code with the verifier at
the token endpoint (with the client secret when the client is confidential),
verifies the ID token (signature from the provider's JWKS, issuer, audience =
client id, expiry, ``nonce``), verifies the access token as every bearer token
is verified (:class:`graphsvc.auth.tokens.Verifier`: issuer, audience, role) and
starts the page's session (:mod:`graphsvc.auth.sessions`) with it.

A few HTTP calls and PyJWT, rather than an OAuth client library: graphsvc already
verifies the provider's JWTs with PyJWT, the flow is the standard one with no
refresh, and the standard library's HTTP client is enough for two requests.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import jwt
from itsdangerous import BadSignature, URLSafeTimedSerializer

from graphsvc.auth.settings import AuthSettings
from graphsvc.auth.tokens import ALGORITHMS

FLOW_COOKIE = "graphsvc_signin"
FLOW_MAX_AGE = 600
"""Seconds a sign-in may take at the provider."""


class SignInFailed(Exception):
    """The provider's answer could not be trusted; ``reason`` is safe to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Endpoints:
    issuer: str
    authorization: str
    token: str
    jwks: str


def challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE code verifier."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class CodeFlow:
    def __init__(self, settings: AuthSettings, secret: str, *, secure: bool):
        self.settings = settings
        self.secure = secure
        self.serializer = URLSafeTimedSerializer(secret, salt="graphsvc-signin")
        self._endpoints: Endpoints | None = None
        self._jwks: jwt.PyJWKClient | None = None

    @property
    def configured(self) -> bool:
        return bool(self.settings.oidc_issuer and self.settings.oidc_client_id)

    async def endpoints(self) -> Endpoints:
        if self._endpoints is None:
            self._endpoints = await asyncio.to_thread(self._discover)
        return self._endpoints

    def _discover(self) -> Endpoints:
        assert self.settings.oidc_issuer is not None
        url = self.settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                document = json.load(answer)
        except OSError:
            raise SignInFailed("the identity provider could not be reached") from None
        if document.get("issuer") != self.settings.oidc_issuer:
            raise SignInFailed("the identity provider's discovery document names another issuer")
        try:
            return Endpoints(
                issuer=document["issuer"],
                authorization=document["authorization_endpoint"],
                token=document["token_endpoint"],
                jwks=document["jwks_uri"],
            )
        except KeyError:
            raise SignInFailed("the identity provider's discovery document is incomplete") from None

    async def start(self, redirect_uri: str) -> tuple[str, str]:
        """The provider's authorization URL and the ``Set-Cookie`` that keeps the flow's
        secrets until the callback."""
        endpoints = await self.endpoints()
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        verifier = secrets.token_urlsafe(48)
        query = {
            "response_type": "code",
            "client_id": self.settings.oidc_client_id,
            "redirect_uri": redirect_uri,
            "scope": self.settings.oidc_scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge(verifier),
            "code_challenge_method": "S256",
        }
        if self.settings.oidc_resource:
            query["resource"] = self.settings.oidc_resource
        url = endpoints.authorization + "?" + urllib.parse.urlencode(query)
        value = self.serializer.dumps({"state": state, "nonce": nonce, "verifier": verifier})
        secure = "; Secure" if self.secure else ""
        cookie = (
            f"{FLOW_COOKIE}={value}; Path=/auth/callback; HttpOnly; SameSite=Lax; "
            f"Max-Age={FLOW_MAX_AGE}{secure}"
        )
        return url, cookie

    @staticmethod
    def clear() -> str:
        return f"{FLOW_COOKIE}=; Path=/auth/callback; HttpOnly; SameSite=Lax; Max-Age=0"

    async def finish(self, flow: str | None, code: str, state: str, redirect_uri: str) -> str:
        """The access token of a completed sign-in, after checking everything the provider
        and the browser sent back."""
        if flow is None:
            raise SignInFailed("the sign-in expired or was started elsewhere; sign in again")
        try:
            kept: dict[str, str] = self.serializer.loads(flow, max_age=FLOW_MAX_AGE)
        except BadSignature:
            raise SignInFailed(
                "the sign-in expired or was started elsewhere; sign in again"
            ) from None
        if not secrets.compare_digest(kept["state"], state):
            raise SignInFailed("the sign-in answer does not belong to this browser")
        endpoints = await self.endpoints()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.settings.oidc_client_id or "",
            "code_verifier": kept["verifier"],
        }
        if self.settings.oidc_client_secret:
            form["client_secret"] = self.settings.oidc_client_secret
        if self.settings.oidc_resource:
            form["resource"] = self.settings.oidc_resource
        tokens = await asyncio.to_thread(self._post, endpoints.token, form)
        id_token, access_token = tokens.get("id_token"), tokens.get("access_token")
        if not isinstance(id_token, str) or not isinstance(access_token, str):
            raise SignInFailed("the identity provider answered without the tokens")
        await asyncio.to_thread(self._verify_id_token, endpoints, id_token, kept["nonce"])
        return access_token

    @staticmethod
    def _post(url: str, form: dict[str, str]) -> dict[str, Any]:
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(form).encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                body: dict[str, Any] = json.load(answer)
        except OSError:
            # an HTTPError too: the provider refused the code (its reason may name the user)
            raise SignInFailed("the identity provider refused the sign-in code") from None
        return body

    def _verify_id_token(self, endpoints: Endpoints, token: str, nonce: str) -> None:
        if self._jwks is None:
            self._jwks = jwt.PyJWKClient(endpoints.jwks, cache_keys=True, lifespan=300)
        try:
            key = self._jwks.get_signing_key_from_jwt(token).key
            claims = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                issuer=endpoints.issuer,
                audience=self.settings.oidc_client_id,
                leeway=self.settings.leeway_seconds,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
            )
        except jwt.PyJWTError as error:
            raise SignInFailed(f"the ID token was not accepted ({type(error).__name__})") from None
        if not secrets.compare_digest(str(claims["nonce"]), nonce):
            raise SignInFailed("the ID token was not made for this sign-in (nonce)")
