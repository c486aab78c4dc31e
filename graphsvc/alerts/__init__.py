"""Live alerts: gaps opened and closed, recorded in a change feed kept in Neo4j.

- :mod:`graphsvc.alerts.feed`: the feed (events in sequence order, each client's
  last recorded gaps) and :func:`~graphsvc.alerts.feed.record`;
- :mod:`graphsvc.alerts.hub`: one poller per process fanning out to subscriptions;
- :mod:`graphsvc.alerts.reevaluate`: the daily re-evaluation under a lease;
- :mod:`graphsvc.alerts.api`: the GraphQL subscription ``gapChanges``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from graphsvc.alerts import feed
from graphsvc.alerts.hub import Hub
from graphsvc.alerts.reevaluate import Daily
from graphsvc.alerts.settings import AlertSettings
from graphsvc.database import Database
from graphsvc.errors import GraphsvcError
from graphsvc.gaps import Finding

__all__ = ["AlertSettings", "Alerts", "record_change"]

log = logging.getLogger(__name__)


class Alerts:
    """A process's share of live alerts: the feed's poller and the daily re-evaluation."""

    def __init__(self, db: Database, settings: AlertSettings):
        self.hub = Hub(db, settings.poll_seconds)
        self.daily = Daily(db, settings)

    def start(self) -> None:
        self.hub.start()
        self.daily.start()

    async def stop(self) -> None:
        await self.daily.stop()
        await self.hub.stop()


async def record_change(
    db: Database, client: str, before: Sequence[Finding], after: Sequence[Finding]
) -> None:
    """After a mutation has committed: record the client's gaps and the events of what
    changed, when the mutation moved any. A failure is logged, not raised: the mutation
    stands, and the next daily re-evaluation compares with the state recorded before it
    and records the change."""
    was = feed.by_client(before).get(client, [])
    now = feed.by_client(after).get(client, [])
    if {feed.key(f) for f in was} == {feed.key(f) for f in now}:
        return  # nothing moved: no need to take the feed's lock (most mutations)
    try:
        await feed.record(
            db,
            {client: now},
            before={client: was},
            cause=feed.Cause.MUTATION,
            as_of=dt.date.today(),
        )
    except GraphsvcError as error:
        log.warning("alerts: a mutation's gap changes were not recorded: %s", error.message)
