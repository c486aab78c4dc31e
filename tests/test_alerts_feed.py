"""The change feed and the daily re-evaluation in process, on the small model world.

Hand-worked facts as in tests/test_alerts.py: Matias's plan pl-1 is set for
review 10 days from today, so 40 days from today its review is 30 days
overdue; nothing else in the world changes between those days except what
the rules find about dates (asserted only for pl-1).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator

import graphql
import pytest

from graphsvc.alerts import feed
from graphsvc.alerts.reevaluate import claim, finish, reevaluate
from graphsvc.database import Database
from graphsvc.importing import load_records
from tests.conftest import REPO
from tests.model_records import record, world

pytestmark = pytest.mark.anyio

TODAY = dt.date.today()
LATER = TODAY + dt.timedelta(days=40)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
async def loaded(db: Database) -> AsyncIterator[Database]:
    records = world()
    record(records, "pl-1")["review_date"] = (TODAY + dt.timedelta(days=10)).isoformat()
    await load_records(db, records, source="alerts world")
    yield db


async def test_the_first_run_is_a_baseline_then_only_changes_are_events(loaded: Database) -> None:
    first = await reevaluate(loaded, TODAY)
    assert first.baseline and first.events == 0
    assert await feed.after(loaded, 0) == []

    later = await reevaluate(loaded, LATER)
    assert not later.baseline
    events = await feed.after(loaded, 0)
    assert len(events) == later.events
    overdue = [e for e in events if e.finding.rule_id == "plan-review-overdue"]
    assert [(e.change, e.client, e.finding.subject_id) for e in overdue] == [
        (feed.ChangeKind.OPENED, "c-matias", "pl-1")
    ]
    assert overdue[0].finding.facts["days_overdue"] == 30
    assert overdue[0].cause is feed.Cause.REEVALUATION and overdue[0].as_of == LATER
    assert [e.seq for e in events] == list(range(1, len(events) + 1))

    again = await reevaluate(loaded, LATER)
    assert again.events == 0  # nothing changed since: nothing to say

    back = await reevaluate(loaded, TODAY)
    closed = [e for e in await feed.after(loaded, events[-1].seq) if e.finding.subject_id == "pl-1"]
    assert [(e.change, e.finding.rule_id) for e in closed] == [
        (feed.ChangeKind.CLOSED, "plan-review-overdue")
    ]
    assert back.events == later.events  # each change undone once


async def test_one_process_wins_the_days_lease(db: Database) -> None:
    assert await claim(db, "host-a:1", TODAY, HOUR)
    assert not await claim(db, "host-b:2", TODAY, HOUR)  # held by a
    assert await claim(db, "host-a:1", TODAY, HOUR)  # a holds it already
    await finish(db, "host-a:1", TODAY)
    assert not await claim(db, "host-b:2", TODAY, HOUR)  # the day is done
    assert await claim(db, "host-b:2", TODAY, HOUR, force=True)  # by command
    assert await claim(db, "host-a:1", TODAY + dt.timedelta(days=1), dt.timedelta(0)) is False
    await finish(db, "host-b:2", TODAY)
    assert await claim(db, "host-a:1", TODAY + dt.timedelta(days=1), HOUR)


async def test_an_expired_lease_is_taken_over(db: Database) -> None:
    assert await claim(db, "host-a:1", TODAY, dt.timedelta(seconds=-1))  # died at once
    assert await claim(db, "host-b:2", TODAY, HOUR)


async def test_events_older_than_the_retention_are_deleted(loaded: Database) -> None:
    await reevaluate(loaded, TODAY)
    await reevaluate(loaded, LATER)
    written = len(await feed.after(loaded, 0))
    assert written > 0
    assert await feed.prune(loaded, dt.datetime.now(dt.UTC) - HOUR) == 0
    assert await feed.prune(loaded, dt.datetime.now(dt.UTC) + HOUR, batch=2) == written
    assert await feed.after(loaded, 0) == []
    assert await feed.latest(loaded) == written  # numbering goes on after a prune


def test_the_pages_subscription_is_valid_against_the_committed_schema() -> None:
    schema = graphql.build_schema((REPO / "schema.graphql").read_text(encoding="utf-8"))
    script = (REPO / "graphsvc/api/static/alerts.js").read_text(encoding="utf-8")
    (subscription,) = re.findall(r"`(subscription [^`]*)`", script)
    assert graphql.validate(schema, graphql.parse(subscription)) == []
    assert not re.search(r"https?://", script)  # nothing from elsewhere
