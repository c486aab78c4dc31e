"""Time passing: the daily re-evaluation that finds gaps that fell due.

Once a day, at a configured hour, one API process (whichever wins the lease
kept in Neo4j, an ``:AlertLease`` node) runs the client rules over the whole
database as of that day, compares every client's gaps with the state the feed
last recorded and records the difference as events (:func:`feed.record`,
in chunks of clients, each its own transaction). The lease names its holder
and an expiry, so a holder that dies mid-run is replaced after the expiry; a
finished run marks the day done, so the other processes skip it. The very
first re-evaluation records every client's gaps without events (a baseline:
a gap is news when it was not there before). The same run deletes events
older than the retention.

``graphsvc alerts reevaluate --as-of D`` runs it at once (also for a day done).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from graphsvc.alerts import feed
from graphsvc.alerts.settings import AlertSettings
from graphsvc.database import Database, Transaction, native
from graphsvc.errors import Conflict, GraphsvcError
from graphsvc.gaps import find_gaps

log = logging.getLogger(__name__)

LEASE = "daily-reevaluation"
CHUNK = 2_000
"""Clients recorded per write transaction."""


@dataclass(frozen=True)
class Result:
    as_of: dt.date
    clients: int
    events: int
    baseline: bool
    pruned: int
    seconds: float


def holder_id() -> str:
    """This process, for the lease: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def claim(
    db: Database, holder: str, day: dt.date, lease: dt.timedelta, *, force: bool = False
) -> bool:
    """Take the lease for ``day``'s run: it is free (never held, expired or ours) and the
    day is not done yet (``force`` runs a done day again)."""
    now = dt.datetime.now(dt.UTC)

    async def work(tx: Transaction) -> bool:
        (row,) = await tx.run("alerts", "lock-lease", lease=LEASE, now=now)
        until = row["until"]
        held = until is not None and native(until) > now and row["holder"] != holder
        done = row["done"] is not None and native(row["done"]) >= day
        if held or (done and not force):
            return False
        await tx.run("alerts", "take-lease", lease=LEASE, holder=holder, until=now + lease)
        return True

    return await db.write_tx(work)


async def finish(db: Database, holder: str, day: dt.date) -> None:
    await db.write("alerts", "finish-lease", lease=LEASE, holder=holder, day=day)


async def reevaluate(
    db: Database,
    as_of: dt.date,
    *,
    retention: dt.timedelta | None = None,
    clock: Callable[[], float] | None = None,
) -> Result:
    """Find every client's gaps as of ``as_of`` and record what changed since last time."""
    loop = asyncio.get_running_loop()
    timer = clock or loop.time
    started = timer()
    baseline = not await feed.evaluated(db)
    now = feed.by_client(await find_gaps(db, rules=sorted(feed.CLIENT_RULES), as_of=as_of))
    rows = await db.read("alerts", "state-clients")
    clients = sorted(set(now) | {str(row["client"]) for row in rows})
    events = 0
    for start in range(0, max(len(clients), 1), CHUNK):
        part = clients[start : start + CHUNK]
        written = await feed.record(
            db,
            {client: now.get(client, []) for client in part},
            cause=feed.Cause.REEVALUATION,
            as_of=as_of,
            baseline=baseline,
        )
        events += len(written)
    pruned = 0
    if retention is not None:
        pruned = await feed.prune(db, dt.datetime.now(dt.UTC) - retention)
    return Result(as_of, len(clients), events, baseline, pruned, timer() - started)


async def run_once(
    db: Database, settings: AlertSettings, as_of: dt.date, holder: str, *, force: bool = False
) -> Result:
    """Take the lease, re-evaluate, mark the day done. CONFLICT when another process
    holds the lease (or, without ``force``, the day is done)."""
    if not await claim(db, holder, as_of, settings.lease, force=force):
        raise Conflict(
            f"the re-evaluation of {as_of.isoformat()} is running elsewhere or done",
            hint="wait for the lease to expire, or pass a later date",
        )
    # a failed run leaves the day open; the lease expires and the next try runs it
    result = await reevaluate(db, as_of, retention=settings.retention)
    await finish(db, holder, as_of)
    return result


class Daily:
    """The process's daily re-evaluation: after the configured hour each day, try the
    lease once a minute until this process or another has done the day."""

    def __init__(self, db: Database, settings: AlertSettings):
        self.db = db
        self.settings = settings
        self.holder = holder_id()
        self.done: dt.date | None = None
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.settings.hour is not None:
            self.task = asyncio.create_task(self._run(), name="alerts-daily")

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def _run(self) -> None:
        while True:
            local = dt.datetime.now(self.settings.timezone)
            today = local.date()
            hour = self.settings.hour
            if hour is not None and local.hour >= hour and self.done != today:
                await self._try(today)
            await asyncio.sleep(60 + random.uniform(0, 10))

    async def _try(self, today: dt.date) -> None:
        try:
            result = await run_once(self.db, self.settings, today, self.holder)
        except Conflict:
            self.done = today if await self._day_done(today) else None
            return
        except GraphsvcError as error:
            log.warning("daily re-evaluation failed: %s", error.message)
            return
        self.done = today
        log.info(
            "daily re-evaluation as of %s: %d clients, %d events, %.1f s",
            result.as_of,
            result.clients,
            result.events,
            result.seconds,
        )

    async def _day_done(self, today: dt.date) -> bool:
        rows = await self.db.read("alerts", "lease", lease=LEASE)
        return bool(rows and rows[0]["done"] is not None and native(rows[0]["done"]) >= today)
