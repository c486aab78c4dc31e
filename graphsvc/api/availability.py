"""Failing fast while Neo4j is down, and recovering by itself when it returns.

After a call fails with :class:`~graphsvc.errors.Unavailable`, further calls
fail at once, without waiting for the driver's retries, except one probe
call per ``interval`` seconds; the first probe that succeeds closes the
breaker. Nothing else is kept between requests.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graphsvc.database import Database, Row
from graphsvc.errors import Unavailable

T = TypeVar("T")


class Breaker:
    def __init__(
        self,
        db: Database,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.db = db
        self.interval = interval
        self.clock = clock
        self.down_since: float | None = None
        self.reason = ""
        self._next_probe = 0.0

    @property
    def down(self) -> bool:
        return self.down_since is not None

    async def read(self, area: str, name: str, **params: Any) -> list[Row]:
        return await self.call(lambda: self.db.read(area, name, **params))

    async def call(self, call: Callable[[], Awaitable[T]]) -> T:
        """Run ``call`` (which talks to Neo4j) unless Neo4j is known to be down."""
        now = self.clock()
        if self.down_since is not None:
            if now < self._next_probe:
                raise Unavailable(
                    f"{self.db.where} is unavailable ({self.reason})",
                    hint=f"retry in {self._next_probe - now:.1f} s",
                )
            self._next_probe = now + self.interval
        try:
            result = await call()
        except Unavailable as error:
            if self.down_since is None:
                self.down_since = now
            self.reason = error.message
            self._next_probe = self.clock() + self.interval
            raise
        self.down_since = None
        return result
