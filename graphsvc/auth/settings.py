"""Authentication settings, read from the environment with the rest of :mod:`graphsvc.settings`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEV_ISSUER = "graphsvc-development"
"""The ``iss`` of tokens signed by the local development key (never accepted in production)."""
DEV_AUDIENCE = "graphsvc"


def _cache_home(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".cache")
    return Path(base) / "graphsvc"


@dataclass(frozen=True)
class ServiceAccount:
    """A static token for a machine caller, kept only as its SHA-256 digest."""

    name: str
    role: str
    sha256: str


@dataclass(frozen=True)
class AuthSettings:
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_role_claim: str = "roles"
    oidc_professional_claim: str = "professional"
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_scope: str = "openid"
    """The scopes the page's sign-in asks for (Entra ID: add ``api://APP/.default``)."""
    oidc_resource: str | None = None
    """RFC 8707 ``resource`` of the page's sign-in, for providers that issue access tokens
    per resource (Keycloak and Entra ID v2 do not need it)."""
    oidc_redirect_uri: str | None = None
    """The page's ``/auth/callback`` as the provider knows it (behind a proxy); default:
    the URL the request came to."""
    leeway_seconds: int = 30
    dev_key_dir: Path = field(default_factory=lambda: _cache_home(os.environ))
    service_accounts: tuple[ServiceAccount, ...] = ()
    metrics_token_sha256: str | None = None
    session_secret: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AuthSettings:
        from graphsvc.errors import ConfigError

        accounts = []
        for entry in filter(
            None, (e.strip() for e in env.get("GRAPHSVC_SERVICE_TOKENS", "").split(","))
        ):
            parts = entry.split(":")
            if len(parts) != 3 or len(parts[2]) != 64:
                raise ConfigError(
                    "GRAPHSVC_SERVICE_TOKENS: expected NAME:ROLE:SHA256HEX entries, comma-separated"
                )
            accounts.append(ServiceAccount(parts[0], parts[1], parts[2].lower()))
        key_dir = env.get("GRAPHSVC_DEV_KEY_DIR")
        return cls(
            oidc_issuer=env.get("GRAPHSVC_OIDC_ISSUER") or None,
            oidc_audience=env.get("GRAPHSVC_OIDC_AUDIENCE") or None,
            oidc_role_claim=env.get("GRAPHSVC_OIDC_ROLE_CLAIM") or "roles",
            oidc_professional_claim=env.get("GRAPHSVC_OIDC_PROFESSIONAL_CLAIM") or "professional",
            oidc_client_id=env.get("GRAPHSVC_OIDC_CLIENT_ID") or None,
            oidc_client_secret=env.get("GRAPHSVC_OIDC_CLIENT_SECRET") or None,
            oidc_scope=env.get("GRAPHSVC_OIDC_SCOPE") or "openid",
            oidc_resource=env.get("GRAPHSVC_OIDC_RESOURCE") or None,
            oidc_redirect_uri=env.get("GRAPHSVC_OIDC_REDIRECT_URI") or None,
            dev_key_dir=Path(key_dir) if key_dir else _cache_home(env),
            service_accounts=tuple(accounts),
            metrics_token_sha256=(env.get("GRAPHSVC_METRICS_TOKEN_SHA256") or None),
            session_secret=env.get("GRAPHSVC_SESSION_SECRET") or None,
        )
