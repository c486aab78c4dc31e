"""The record of reads commits concurrent requests together, and each still answers only
once its own record is written (demo region: Pekka is a client, Sari a TE office worker)."""

from __future__ import annotations

import asyncio

import pytest

from graphsvc.auth.audit import Audit, AuditFailed, ReadRecorder
from graphsvc.auth.roles import Role
from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.queries import Query
from graphsvc.store import Caller

pytestmark = pytest.mark.anyio

PEKKA = "cli-pekka-jarvinen"
SARI = Caller(id="sari", role=str(Role.PROFESSIONAL), professional="pro-sari-kallio")


async def trail(db: Database) -> dict[str, list[str]]:
    """request id -> the clients of its events."""
    rows = await db.read("audit", "trail", client=None, **{"from": None, "to": None})
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["event"]["request_id"], []).append(row["event"]["client"])
    return found


async def test_twenty_concurrent_reads_are_recorded_in_one_transaction(db: Database) -> None:
    await load_demo(db)
    writes: list[str] = []

    def count(query: Query, seconds: float) -> None:
        if query.area == "audit":
            writes.append(query.name)

    recorder = ReadRecorder(db)
    db.observers.append(count)
    try:
        written = await asyncio.gather(
            *(
                Audit(db, SARI, f"req-{n}", recorder=recorder).record_reads({"Client": {PEKKA}})
                for n in range(20)
            )
        )
    finally:
        db.observers.remove(count)
    assert written == [1] * 20  # each request: one event, for Pekka
    assert writes == ["record-reads"]  # one commit served all twenty
    events = await trail(db)
    assert {f"req-{n}" for n in range(20)} <= set(events)
    assert all(events[f"req-{n}"] == [PEKKA] for n in range(20))
    rows = await db.read("audit", "trail", client=PEKKA, **{"from": None, "to": None})
    # Sari works in the TE office (org-tyollisyys): the organisation resolved in the write
    assert all("org-tyollisyys" in row["event"]["organisations"] for row in rows)


async def test_a_record_that_cannot_be_written_refuses_only_its_own_request(
    db: Database,
) -> None:
    """A uniqueness constraint on the request id makes a second event of ``req-taken``
    fail; written in one transaction with two others, only that request is refused."""
    await load_demo(db)
    await db.run_auto_commit("testing", "audit-unique-request")
    try:
        recorder = ReadRecorder(db)
        await Audit(db, SARI, "req-taken", recorder=recorder).record_reads({"Client": {PEKKA}})
        outcomes = await asyncio.gather(
            *(
                Audit(db, SARI, request, recorder=recorder).record_reads({"Client": {PEKKA}})
                for request in ("req-a", "req-taken", "req-c")
            ),
            return_exceptions=True,
        )
    finally:
        await db.run_auto_commit("testing", "audit-drop-unique-request")
    assert outcomes[0] == 1 and outcomes[2] == 1
    assert isinstance(outcomes[1], AuditFailed)
    events = await trail(db)
    assert events["req-a"] == [PEKKA] and events["req-c"] == [PEKKA]
    assert events["req-taken"] == [PEKKA]  # the first one only
