"""Bearer token verification with PyJWT: OpenID Connect, development key, service accounts.

PyJWT (with ``cryptography``) is used rather than hand-written checks: it
verifies signatures, ``exp``/``nbf``/``iat`` with leeway, ``iss`` and ``aud``,
refuses algorithms not listed (so ``alg: none`` and an HS256 token "signed"
with a public key fail), and its :class:`jwt.PyJWKClient` fetches the issuer's
JWKS, picks the key by ``kid`` and fetches again when a ``kid`` is unknown,
which is how key rotation reaches us. authlib/joserfc would do the same with
a larger surface; PyJWT is smaller, widely used and well kept.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from graphsvc.auth.roles import Role, role_of
from graphsvc.auth.settings import DEV_AUDIENCE, DEV_ISSUER, AuthSettings
from graphsvc.bounded import BoundedCache
from graphsvc.store import Caller

ALGORITHMS = ["RS256", "ES256"]
"""Asymmetric algorithms only: a token signed with a shared secret is never accepted."""
DEV_KEY_FILE = "dev-signing-key.pem"
DEV_TOKEN_SECONDS = 12 * 3600


class InvalidToken(Exception):
    """The token is missing, malformed, expired, of the wrong issuer or audience, or unsigned."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sha256_hex(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class DevelopmentKey:
    """An ES256 key kept under the cache directory, made on first use (mode 0600)."""

    def __init__(self, directory: Path):
        self.path = directory / DEV_KEY_FILE

    def private(self) -> ec.EllipticCurvePrivateKey:
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            key = ec.generate_private_key(ec.SECP256R1())
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(pem)
        loaded = serialization.load_pem_private_key(self.path.read_bytes(), password=None)
        if not isinstance(loaded, ec.EllipticCurvePrivateKey):
            raise InvalidToken("the development key is not an EC key")
        return loaded

    def kid(self) -> str:
        public = (
            self.private()
            .public_key()
            .public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        return "dev-" + hashlib.sha256(public).hexdigest()[:16]

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.private(), algorithm="ES256", headers={"kid": self.kid()})


def development_token(
    settings: AuthSettings, role: Role, professional: str | None = None, subject: str | None = None
) -> str:
    """A token for ``role`` signed by the development key (accepted only in development)."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": DEV_ISSUER,
        "aud": DEV_AUDIENCE,
        "sub": subject or (f"dev:{professional}" if professional else f"dev:{role}"),
        "iat": now,
        "exp": now + DEV_TOKEN_SECONDS,
        "roles": [str(role)],
    }
    if professional:
        claims["professional"] = professional
    return DevelopmentKey(settings.dev_key_dir).sign(claims)


KEY_LIFESPAN_SECONDS = 300
"""How long a fetched signing key is used before the issuer's JWKS is asked again."""
VERIFIED_BYTES = 2 * 2**20
"""What the verified tokens' cache may hold (counted 512 bytes each: about 4,000 tokens)."""


@dataclass
class _Jwks:
    client: jwt.PyJWKClient
    fetched: float


class Verifier:
    """Turns a bearer token into a :class:`Caller`, or raises :class:`InvalidToken`."""

    def __init__(self, settings: AuthSettings, *, development: bool):
        self.settings = settings
        self.development = development
        self._jwks: _Jwks | None = None
        self._keys: dict[str, tuple[Any, float]] = {}
        """The issuer's keys by kid, as last fetched, and when (monotonic seconds)."""
        self._lock = asyncio.Lock()
        self._verified: BoundedCache[tuple[Caller, float]] = BoundedCache(VERIFIED_BYTES)
        """Callers of tokens already verified, and until when (epoch seconds) to trust them."""

    async def caller(self, token: str) -> Caller:
        if token.count(".") != 2:
            return self._service_account(token)
        key = BoundedCache.key(token)
        known = self._verified.get(key)
        if known is not None and time.time() < known[1]:
            return known[0]
        caller, expires = await self._verify(token)
        # a token verified once is taken again without its signature check until it
        # expires or the issuer's keys are next asked for (a withdrawn key stops it then)
        self._verified.put(key, (caller, min(expires, time.time() + KEY_LIFESPAN_SECONDS)), 512)
        return caller

    async def _verify(self, token: str) -> tuple[Caller, float]:
        """The caller a JWT names, and when it expires; InvalidToken when it does not verify."""
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise InvalidToken("malformed token") from None
        if header.get("alg") not in ALGORITHMS:
            raise InvalidToken("algorithm not accepted")
        if unverified.get("iss") == DEV_ISSUER:
            if not self.development:
                raise InvalidToken("development tokens are refused in production")
            key = DevelopmentKey(self.settings.dev_key_dir)
            if header.get("kid") != key.kid():
                raise InvalidToken("unknown key")
            public: Any = key.private().public_key()
            claims = self._decode(token, public, DEV_ISSUER, DEV_AUDIENCE)
            return self._from_claims(claims, "roles", "professional"), float(claims["exp"])
        if self.settings.oidc_issuer is None:
            raise InvalidToken("no issuer is configured")
        signing = await self._signing_key(token)
        claims = self._decode(
            token, signing, self.settings.oidc_issuer, self.settings.oidc_audience
        )
        caller = self._from_claims(
            claims, self.settings.oidc_role_claim, self.settings.oidc_professional_claim
        )
        return caller, float(claims["exp"])

    def _decode(self, token: str, key: Any, issuer: str, audience: str | None) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                issuer=issuer,
                audience=audience,
                leeway=self.settings.leeway_seconds,
                options={
                    "require": ["exp", "iat", "iss", "sub"],
                    "verify_aud": audience is not None,
                },
            )
        except jwt.ExpiredSignatureError:
            raise InvalidToken("token expired") from None
        except jwt.PyJWTError as error:
            raise InvalidToken(type(error).__name__) from None
        return claims

    async def _signing_key(self, token: str) -> Any:
        kid = jwt.get_unverified_header(token).get("kid")
        known = self._keys.get(kid) if isinstance(kid, str) else None
        if known is not None and time.monotonic() - known[1] < KEY_LIFESPAN_SECONDS:
            return known[0]  # most requests: no thread, no fetch
        async with self._lock:
            if self._jwks is None:
                uri = await asyncio.to_thread(self._jwks_uri)
                client = jwt.PyJWKClient(uri, cache_keys=True, lifespan=KEY_LIFESPAN_SECONDS)
                self._jwks = _Jwks(client, time.time())
            client = self._jwks.client
        try:
            # PyJWKClient looks the kid up in its cached set and fetches the set again once
            # when the kid is unknown (a rotated key); urllib is blocking, so off the loop.
            found = await asyncio.to_thread(client.get_signing_key_from_jwt, token)
        except jwt.PyJWKClientError:
            raise InvalidToken("unknown key") from None
        except jwt.PyJWTError:
            raise InvalidToken("malformed token") from None
        if isinstance(kid, str):
            self._keys[kid] = (found.key, time.monotonic())
        return found.key

    def _jwks_uri(self) -> str:
        assert self.settings.oidc_issuer is not None
        url = self.settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                document = json.load(answer)
        except OSError as error:
            raise InvalidToken(
                f"the issuer's discovery document could not be read: {error}"
            ) from None
        if document.get("issuer") != self.settings.oidc_issuer:
            raise InvalidToken("the discovery document names another issuer")
        uri = document.get("jwks_uri")
        if not isinstance(uri, str):
            raise InvalidToken("the discovery document has no jwks_uri")
        return uri

    def _from_claims(
        self, claims: dict[str, Any], role_claim: str, professional_claim: str
    ) -> Caller:
        role = role_of(claims.get(role_claim))
        if role is None:
            raise InvalidToken("the token carries no graphsvc role")
        professional = claims.get(professional_claim)
        if role in (Role.PROFESSIONAL, Role.COORDINATOR) and not isinstance(professional, str):
            raise InvalidToken(f"a {role} token must name the professional")
        subject = claims.get("sub") or claims.get("client_id")
        if not isinstance(subject, str):
            raise InvalidToken("the token names no subject")
        return Caller(
            id=subject,
            role=str(role),
            professional=professional if isinstance(professional, str) else None,
        )

    def _service_account(self, token: str) -> Caller:
        digest = sha256_hex(token)
        for account in self.settings.service_accounts:
            if hmac.compare_digest(digest, account.sha256):
                role = role_of(account.role)
                if role is None or role in (Role.PROFESSIONAL, Role.COORDINATOR):
                    raise InvalidToken("a service account must be planner or admin")
                return Caller(id=f"service:{account.name}", role=str(role))
        raise InvalidToken("unknown token")
