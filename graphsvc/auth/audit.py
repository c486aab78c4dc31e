"""The audit trail (FHIR AuditEvent in spirit): who read or wrote which client's data.

:class:`Audit` is made per request with the caller and the request id. The
Store reports the nodes it returned; before the GraphQL answer leaves,
:meth:`Audit.record_reads` writes one ``:AuditEvent`` per client read (the
client is resolved in Cypher from whatever kind of node was returned).
Mutations write their event before the write (:meth:`Audit.record_write`).
Any failure raises :class:`AuditFailed`, and the request is refused: nothing
leaves unrecorded. The queries are in ``cypher/audit/``; none changes or deletes
an event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
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


@dataclass
class Audit:
    db: Database
    caller: Caller
    request_id: str
    operation: str = "query"
    _organisations: list[str] | None = field(default=None, repr=False)

    async def _event(self) -> dict[str, Any]:
        if self._organisations is None:
            self._organisations = []
            if self.caller.professional:
                rows = await self.db.read(
                    "audit",
                    "organisations-of",
                    professional=self.caller.professional,
                    today=dt.date.today(),
                )
                self._organisations = list(rows[0]["organisations"]) if rows else []
        return {
            "request_id": self.request_id,
            "agent": self.caller.id,
            "role": self.caller.role,
            "professional": self.caller.professional,
            "organisations": self._organisations,
            "operation": self.operation,
        }

    async def record_reads(self, reads: Mapping[str, set[str]]) -> int:
        params = {name: sorted(reads.get(label, ())) for label, name in READ_PARAMS.items()}
        if not any(params.values()):
            return 0
        try:
            rows = await self.db.write("audit", "record-reads", event=await self._event(), **params)
        except GraphsvcError as error:
            raise AuditFailed(f"the audit trail could not be written: {error.message}") from None
        return int(rows[0]["written"]) if rows else 0

    async def record_write(self, client: str | None, kind: str, action: str) -> None:
        try:
            await self.db.write(
                "audit",
                "record-write",
                event=await self._event(),
                client=client,
                kind=kind,
                action=action,
            )
        except GraphsvcError as error:
            raise AuditFailed(f"the audit trail could not be written: {error.message}") from None
