"""The audit trail (FHIR AuditEvent in spirit): who read or wrote which client's data.

:class:`Audit` is made per request with the caller and the request id. The
Store reports the nodes it returned; before the GraphQL answer leaves,
:meth:`Audit.record_reads` writes one ``:AuditEvent`` per client read (the
client is resolved in Cypher from whatever kind of node was returned), through
the app's :class:`ReadRecorder`, which commits the records of concurrent
requests together.
Mutations write their event before the write (:meth:`Audit.record_write`).
Any failure raises :class:`AuditFailed`, and the request is refused: nothing
leaves unrecorded. The queries are in ``cypher/audit/``; none changes or deletes
an event.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphsvc.database import Database
from graphsvc.errors import GraphsvcError, Unavailable
from graphsvc.store import Caller

READ_PARAMS = {
    "Client": "clients",
    "Family": "families",
    "Episode": "episodes",
    "Plan": "plans",
    "Goal": "goals",
    "Consent": "consents",
    "Handoff": "handoffs",
    "Transition": "transitions",
    "Responsibility": "responsibilities",
}


class AuditFailed(Unavailable):
    """The audit trail could not be written, so the request is refused."""


def _failed(error: GraphsvcError) -> AuditFailed:
    return AuditFailed(f"the audit trail could not be written: {error.message}")


Entry = dict[str, Any]
"""One request's reads: its event, the day, and the ids returned by kind (``READ_PARAMS``)."""


class ReadRecorder:
    """Writes the read records of concurrent requests in one transaction (group commit).

    Each request waits until the transaction holding its record has committed, so no
    answer leaves unrecorded; the records of requests that finish while a transaction
    is being written gather for the next one. One commit (and its log flush) then serves
    many requests instead of one each. When a shared transaction fails, its records are
    written one by one, so a record that cannot be written refuses only its own request.
    """

    MAX_ENTRIES = 256

    def __init__(self, db: Database):
        self.db = db
        self._waiting: list[tuple[Entry, asyncio.Future[int]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, entry: Entry) -> int:
        """Record one request's reads; the number of events written (one per client)."""
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._waiting.append((entry, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting())
        return await future

    async def _write_waiting(self) -> None:
        while self._waiting:
            batch = self._waiting[: self.MAX_ENTRIES]
            del self._waiting[: self.MAX_ENTRIES]
            try:
                await self._write(batch)
            except BaseException as error:
                # Shut down, or a fault outside the database: nobody waits for ever.
                for _, future in batch + self._waiting:
                    if future.done():
                        continue
                    if isinstance(error, Exception):
                        future.set_exception(error)
                    else:
                        future.cancel()
                self._waiting.clear()
                raise

    async def _write(self, batch: list[tuple[Entry, asyncio.Future[int]]]) -> None:
        try:
            rows = await self.db.write("audit", "record-reads", entries=[e for e, _ in batch])
        except GraphsvcError as error:
            if len(batch) == 1:
                if not batch[0][1].done():
                    batch[0][1].set_exception(_failed(error))
                return
            for one in batch:
                await self._write([one])
            return
        written = {int(row["position"]): int(row["written"]) for row in rows}
        for position, (_, future) in enumerate(batch):
            if not future.done():  # not given up on (the request timed out)
                future.set_result(written.get(position, 0))


@dataclass
class Audit:
    db: Database
    caller: Caller
    request_id: str
    operation: str = "query"
    recorder: ReadRecorder | None = None
    """The app's shared recorder; without one, each request's reads commit alone."""

    def _event(self) -> dict[str, Any]:
        """The agent of an event; its organisations are resolved in the write itself."""
        return {
            "request_id": self.request_id,
            "agent": self.caller.id,
            "role": self.caller.role,
            "professional": self.caller.professional,
            "operation": self.operation,
        }

    def _entry(self, reads: Mapping[str, set[str]]) -> Entry:
        ids = {name: sorted(reads.get(label, ())) for label, name in READ_PARAMS.items()}
        return {"event": self._event(), "today": dt.date.today(), **ids}

    async def record_reads(self, reads: Mapping[str, set[str]]) -> int:
        entry = self._entry(reads)
        if not any(entry[name] for name in READ_PARAMS.values()):
            return 0
        recorder = self.recorder if self.recorder is not None else ReadRecorder(self.db)
        return await recorder.record(entry)

    async def record_write(self, client: str | None, kind: str, action: str) -> None:
        try:
            await self.db.write(
                "audit",
                "record-write",
                event=self._event(),
                today=dt.date.today(),
                client=client,
                kind=kind,
                action=action,
            )
        except GraphsvcError as error:
            raise AuditFailed(f"the audit trail could not be written: {error.message}") from None


async def warm_up(db: Database) -> None:
    """Plan the record of reads once at start, with an entry shaped as a request's (the
    plan cache tells parameter types apart) whose ids match nothing: nothing is written."""
    entry = Audit(db, Caller(), "warm-up")._entry({"Client": {""}})
    await db.warm_up("audit", "record-reads", write=True, entries=[entry])
