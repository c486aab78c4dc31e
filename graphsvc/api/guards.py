"""ASGI middleware that keeps the service up and its answers private.

- :class:`Guards` refuses a request body over the limit (413), a caller over
  the rate limit (429), ends a request that runs longer than the timeout (503)
  and puts the security headers on every response: ``nosniff``, no referrer,
  ``Cache-Control: no-store`` (answers carry personal data), ``frame-ancestors``
  in every Content-Security-Policy (``'none'`` unless the route says otherwise).
- :func:`caller_key` names the caller the rate limit counts: today the client
  address; once requests carry an identity, the identity.

``/healthz``, ``/readyz`` and ``/metrics`` are not rate limited, so probes keep
answering while a caller is being held back.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNLIMITED_PATHS = ("/healthz", "/readyz", "/metrics")
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)
DEFAULT_POLICY = b"default-src 'none'; frame-ancestors 'none'"


@dataclass(frozen=True)
class GuardSettings:
    max_body_bytes: int = 256 * 1024
    timeout_seconds: float = 30.0
    rate_per_second: float = 50.0
    """Requests a caller may make per second on average, with bursts of ``rate_burst``."""
    rate_burst: int = 500


def caller_key(scope: Scope) -> str:
    """Who the rate limit counts a request against: the authenticated identity when
    the request has one (``scope["user"]`` with an ``identity``), else the client address."""
    user = scope.get("user")
    identity = getattr(user, "identity", None)
    if isinstance(identity, str) and identity:
        return f"id:{identity}"
    client = scope.get("client")
    return f"addr:{client[0]}" if client else "addr:-"


class RateLimiter:
    """A token bucket per caller; the least recently seen callers are forgotten beyond
    ``max_callers`` (a forgotten caller starts with a full bucket)."""

    def __init__(self, rate: float, burst: int, max_callers: int = 10_000):
        self.rate = rate
        self.burst = burst
        self.max_callers = max_callers
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        tokens, seen = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - seen) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_callers:
            self._buckets.popitem(last=False)
        return wait


class _TooLarge(Exception):
    pass


def _start(status: int, headers: list[tuple[bytes, bytes]]) -> Message:
    return {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), *headers],
    }


class Guards:
    def __init__(self, app: ASGIApp, settings: GuardSettings):
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_per_second, settings.rate_burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = _secure(list(message.get("headers", [])))
            await send(message)

        async def refuse(status: int, code: str, message: str, **extra: str) -> None:
            body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
            headers = [(k.encode(), v.encode()) for k, v in extra.items()]
            await secured(_start(status, headers))
            await send({"type": "http.response.body", "body": body.encode()})

        if scope["path"] not in UNLIMITED_PATHS:
            wait = self.limiter.allow(caller_key(scope))
            if wait > 0:
                await refuse(
                    429,
                    "RATE_LIMITED",
                    "too many requests: try again shortly",
                    **{"retry-after": str(math.ceil(wait))},
                )
                return
        limit = self.settings.max_body_bytes
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await refuse(413, "BAD_INPUT", f"the request body is over {limit} bytes")
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        try:
            async with asyncio.timeout(self.settings.timeout_seconds):
                await self.app(scope, counted, secured)
        except _TooLarge:
            if not started:
                await refuse(413, "BAD_INPUT", f"the request body is over {limit} bytes")
        except TimeoutError:
            if not started:
                await refuse(
                    503,
                    "UNAVAILABLE",
                    f"the request took longer than {self.settings.timeout_seconds:g} s",
                )


def _secure(headers: list[Any]) -> list[Any]:
    names = {bytes(name).lower() for name, _ in headers}
    for name, value in SECURITY_HEADERS:
        if name not in names:
            headers.append((name, value))
    secured: list[Any] = []
    has_policy = False
    for name, value in headers:
        if bytes(name).lower() == b"content-security-policy":
            has_policy = True
            if b"frame-ancestors" not in value:
                value = bytes(value) + b"; frame-ancestors 'none'"
        secured.append((name, value))
    type_ = next((bytes(v) for n, v in headers if bytes(n).lower() == b"content-type"), b"")
    if not has_policy and not type_.startswith(b"text/html"):
        secured.append((b"content-security-policy", DEFAULT_POLICY))
    return secured
