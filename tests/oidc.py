"""A real OpenID provider for the tests: ``tests/oidc_provider.mjs`` (npm oidc-provider, the
certified Node implementation) started on a free port of 127.0.0.1.

oidc-provider rather than Keycloak: it starts in well under a second on two cores with
a few MB of memory, installs from npm with the other Node test tools, and is certified
for the OpenID Connect profiles graphsvc relies on; Keycloak's JVM needs tens of
seconds and half a GiB before it issues a token.

The fixture makes the provider's signing key (ES256, ``kid`` ``k1``) and gives it to
the provider as its JWKS; the tests keep the private key only to forge the tokens an
attacker would (wrong issuer) and never to make a token graphsvc should accept.
"""

from __future__ import annotations

import json
import select
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from tests.conftest import REPO, free_port

AUDIENCE = "https://graphsvc.test/api"
CLIENTS: list[dict[str, Any]] = [
    {"client_id": "admin-tool", "client_secret": "s-admin", "roles": ["graphsvc-admin"]},
    {
        "client_id": "sari",
        "client_secret": "s-sari",
        "roles": ["professional"],
        "professional": "pro-sari-kallio",
    },
    {"client_id": "short", "client_secret": "s-short", "roles": ["admin"], "ttl": 1},
]


@dataclass
class Provider:
    issuer: str
    key: ec.EllipticCurvePrivateKey
    kid: str

    def token(self, client_id: str, resource: str = AUDIENCE) -> str:
        secret = next(c["client_secret"] for c in CLIENTS if c["client_id"] == client_id)
        answer = httpx.post(
            f"{self.issuer}/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": secret,
                "resource": resource,
                "scope": "api",
            },
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        token: str = answer.json()["access_token"]
        return token


@contextmanager
def oidc_provider(
    clients: list[dict[str, Any]] | None = None, users: dict[str, dict[str, Any]] | None = None
) -> Iterator[Provider]:
    """The provider with its client-credential ``CLIENTS``, and optionally sign-in clients
    (with ``redirect_uris``) and the users who may sign in to them."""
    key = ec.generate_private_key(ec.SECP256R1())
    jwk: dict[str, Any] = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key))
    jwk.update({"kid": "k1", "use": "sig", "alg": "ES256"})
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "provider.json"
        config.write_text(
            json.dumps(
                {
                    "jwks": {"keys": [jwk]},
                    "audience": AUDIENCE,
                    "clients": CLIENTS + (clients or []),
                    "users": users or {},
                }
            )
        )
        process = subprocess.Popen(
            ["node", str(REPO / "tests" / "oidc_provider.mjs"), str(port), str(config)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            _wait_ready(process)
            yield Provider(f"http://127.0.0.1:{port}", key, "k1")
        finally:
            process.terminate()
            process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()


def _wait_ready(process: subprocess.Popen[str], timeout: float = 60) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if line.strip() == "ready":
                return
            if not line and process.poll() is not None:
                break
            seen.append(line)
    raise RuntimeError("the OpenID provider did not start: " + "".join(seen)[-2000:])
