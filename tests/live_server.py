"""``graphsvc serve`` as a real process on a free port, for tests that need a live server."""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from starlette.types import ASGIApp

from graphsvc.auth.roles import Role
from graphsvc.auth.tokens import development_token, sha256_hex
from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.settings import Settings
from tests.conftest import REPO, free_port


@contextmanager
def live_server(env: Mapping[str, str], timeout: float = 60.0) -> Iterator[str]:
    """The base URL of a ``graphsvc serve`` started with ``env``; stopped (SIGTERM) at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "graphsvc", "serve", "--port", str(port)],
            # tests are one caller sending bursts: no rate limit unless ``env`` sets one
            env={**os.environ, "GRAPHSVC_RATE_LIMIT": "1000000", **env},
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while not _answers(url):
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"graphsvc serve exited: {log.read()[-2000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError("graphsvc serve did not answer in time")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def admin_headers() -> dict[str, str]:
    """Headers of an admin caller of a live development server (a development token, signed
    by the key the server reads from the same cache directory)."""
    token = development_token(Settings.from_env().auth, Role.ADMIN)
    return {"authorization": f"Bearer {token}"}


PRODUCTION_TOKEN = "gsvc-live-" + secrets.token_urlsafe(24)
"""An admin service account's token for live production servers (the server keeps its hash)."""


def production_env() -> dict[str, str]:
    """What a live server needs to start in production: an issuer (never contacted here:
    the tests send the service account's token), an audience, a session secret and an
    admin service account stored as a hash."""
    return {
        "GRAPHSVC_ENV": "production",
        "GRAPHSVC_OIDC_ISSUER": "https://issuer.invalid/realms/test",
        "GRAPHSVC_OIDC_AUDIENCE": "graphsvc",
        "GRAPHSVC_SESSION_SECRET": secrets.token_urlsafe(32),
        "GRAPHSVC_SERVICE_TOKENS": f"tests:admin:{sha256_hex(PRODUCTION_TOKEN)}",
    }


def production_headers() -> dict[str, str]:
    """Headers of the admin service account of a server started with :func:`production_env`."""
    return {"authorization": f"Bearer {PRODUCTION_TOKEN}"}


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=1.0).status_code in (200, 503)
    except httpx.TransportError:
        return False


@contextmanager
def serving(app: ASGIApp, port: int | None = None, start_seconds: float = 60) -> Iterator[str]:
    """``app`` under uvicorn in a thread of this process, on ``port`` (a free one of
    127.0.0.1 by default); yields its base URL and stops it afterwards."""
    port = free_port() if port is None else port
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_seconds
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start", pytrace=False)
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def load_fresh_demo(settings: Settings) -> None:
    """Empty the test database and load the demo region, for tests outside an event loop
    (a live server or a browser reads it)."""

    async def load() -> None:
        db = Database(settings)
        try:
            await db.run_auto_commit("admin", "delete-everything")
            await load_demo(db)
        finally:
            await db.close()

    asyncio.run(load())
