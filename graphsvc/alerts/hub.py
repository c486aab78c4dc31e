"""One poller per process fanning the feed out to its subscriptions.

While anyone in the process is subscribed, the poller reads the events after
the last sequence number it has seen (every ``poll_seconds``, at once again
when a read was full) and puts each subscription's share into its bounded
queue. Every process does this on its own, so any number of API replicas on
one Neo4j serve subscriptions without a broker: a mutation through one
replica reaches the subscribers of all within a poll interval. A subscription
that falls more than :data:`QUEUE` batches behind is ended (the client
subscribes again), so a slow reader never holds the process's memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from graphsvc.alerts import feed
from graphsvc.alerts.feed import Event
from graphsvc.database import Database
from graphsvc.errors import GraphsvcError, Unavailable

log = logging.getLogger(__name__)

BATCH = 500
QUEUE = 100


@dataclass(frozen=True)
class Interest:
    """What a subscription asks for: one client, one region, or (neither) every client
    its caller may see. Who may see what is decided later, in Cypher, per batch."""

    client: str | None = None
    region: str | None = None

    def wants(self, event: Event) -> bool:
        if self.client is not None:
            return event.client == self.client
        if self.region is not None:
            return event.region == self.region
        return True


@dataclass(eq=False)
class Subscriber:
    interest: Interest
    start: int
    """The feed's sequence number when it subscribed: it is sent what comes after."""
    queue: asyncio.Queue[list[Event]] = field(default_factory=lambda: asyncio.Queue(QUEUE))
    lagged: bool = False

    async def next(self) -> list[Event]:
        if self.lagged and self.queue.empty():
            raise Unavailable("the subscription fell too far behind; subscribe again")
        return await self.queue.get()


class Hub:
    def __init__(self, db: Database, poll_seconds: float):
        self.db = db
        self.poll_seconds = poll_seconds
        self.subscribers: set[Subscriber] = set()
        self.last: int | None = None
        self._wake = asyncio.Event()
        self._visible: dict[tuple[object, ...], asyncio.Future[set[str]]] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="alerts-poller")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def subscribe(self, interest: Interest) -> Subscriber:
        """A new subscription: it receives the events recorded after this call."""
        if self.last is None:
            self.last = await feed.latest(self.db)
        subscriber = Subscriber(interest, self.last)
        self.subscribers.add(subscriber)
        self._wake.set()
        return subscriber

    async def since(self, subscriber: Subscriber, seq: int) -> list[Event]:
        """The subscriber's share of the events after ``seq`` up to its start (a client
        resuming after a reconnect; events older than the retention are gone)."""
        found: list[Event] = []
        while seq < subscriber.start:
            events = [e for e in await feed.after(self.db, seq, BATCH) if e.seq <= subscriber.start]
            if not events:
                break
            seq = events[-1].seq
            found += [e for e in events if subscriber.interest.wants(e)]
        return found

    async def visible(
        self, key: tuple[object, ...], read: Callable[[], Awaitable[set[str]]]
    ) -> set[str]:
        """The clients of a batch one caller may see, read once for all of that caller's
        subscriptions in the process (``key`` names the caller, the day and the batch)."""
        found = self._visible.get(key)
        if found is None:
            if len(self._visible) >= 1000:
                self._visible.clear()
            found = asyncio.ensure_future(read())
            self._visible[key] = found
        return await asyncio.shield(found)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.subscribers.discard(subscriber)

    async def _run(self) -> None:
        while True:
            if not self.subscribers:
                self.last = None  # the next first subscriber starts from the feed's end
                self._wake.clear()
                await self._wake.wait()
                continue
            try:
                if self.last is None:
                    self.last = await feed.latest(self.db)
                events = await feed.after(self.db, self.last, BATCH)
            except GraphsvcError as error:
                log.warning("alerts: the feed could not be read: %s", error.message)
                await asyncio.sleep(max(self.poll_seconds, 1.0))
                continue
            if events:
                self.last = events[-1].seq
                self._fan_out(events)
            if len(events) < BATCH:
                await asyncio.sleep(self.poll_seconds)

    def _fan_out(self, events: list[Event]) -> None:
        for subscriber in list(self.subscribers):
            share = [event for event in events if subscriber.interest.wants(event)]
            if not share or subscriber.lagged:
                continue
            try:
                subscriber.queue.put_nowait(share)
            except asyncio.QueueFull:
                subscriber.lagged = True
