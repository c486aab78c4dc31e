"""Configuration read once from the environment.

With no ``NEO4J_URI`` graphsvc talks to the local development database that
``graphsvc devdb start`` runs (see :mod:`graphsvc.devdb`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphsvc.auth.settings import AuthSettings

DEFAULT_DEVDB_PORT = 7687
DEV_PSEUDONYM_KEY = "graphsvc-development-pseudonym-key"
"""Analytics' pseudonym key when GRAPHSVC_PSEUDONYM_KEY is unset: public, development only."""


@dataclass(frozen=True)
class DevdbSettings:
    """Where and how the local development Neo4j runs."""

    home: Path = Path(".devdb")
    port: int = DEFAULT_DEVDB_PORT
    heap_mb: int = 1024
    pagecache_mb: int = 512
    start_timeout: float = 120.0
    password: str | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str = "neo4j"
    neo4j_retry_seconds: float = 3.0
    devdb: DevdbSettings = field(default_factory=DevdbSettings)
    host: str = "127.0.0.1"
    port: int = 8000
    development: bool = True
    auth: AuthSettings = field(default_factory=AuthSettings)
    pseudonym_key: str | None = None
    max_body_bytes: int = 256 * 1024
    request_timeout: float = 30.0
    rate_per_second: float = 50.0
    rate_burst: int = 500

    @property
    def uri(self) -> str:
        """The Bolt or neo4j URI in force: NEO4J_URI or the local devdb."""
        return self.neo4j_uri or self.devdb.uri

    @property
    def password(self) -> str | None:
        if self.neo4j_uri is None and self.neo4j_password is None:
            return self.devdb.password
        return self.neo4j_password

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        devdb = DevdbSettings(
            home=Path(env.get("GRAPHSVC_DEVDB_HOME", ".devdb")),
            port=_int(env, "GRAPHSVC_DEVDB_PORT", DEFAULT_DEVDB_PORT),
            heap_mb=_int(env, "GRAPHSVC_DEVDB_HEAP_MB", 1024),
            pagecache_mb=_int(env, "GRAPHSVC_DEVDB_PAGECACHE_MB", 512),
            start_timeout=float(_int(env, "GRAPHSVC_DEVDB_START_TIMEOUT", 120)),
            password=env.get("GRAPHSVC_DEVDB_PASSWORD") or None,
        )
        return cls(
            neo4j_uri=env.get("NEO4J_URI") or None,
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD") or None,
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            neo4j_retry_seconds=float(_int(env, "GRAPHSVC_NEO4J_RETRY_SECONDS", 3)),
            devdb=devdb,
            host=env.get("GRAPHSVC_HOST", "127.0.0.1"),
            port=_int(env, "GRAPHSVC_PORT", 8000),
            development=env.get("GRAPHSVC_ENV", "development") != "production",
            auth=AuthSettings.from_env(env),
            pseudonym_key=env.get("GRAPHSVC_PSEUDONYM_KEY") or None,
            max_body_bytes=_int(env, "GRAPHSVC_MAX_BODY_BYTES", 256 * 1024),
            request_timeout=float(_int(env, "GRAPHSVC_REQUEST_TIMEOUT", 30)),
            rate_per_second=float(_int(env, "GRAPHSVC_RATE_LIMIT", 50)),
            rate_burst=_int(env, "GRAPHSVC_RATE_BURST", 500),
        )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        from graphsvc.errors import ConfigError

        raise ConfigError(f"{name}={raw!r}: expected a whole number") from None
