"""``auditTrail``: the admins' view (and export) of the audit trail, in FHIR AuditEvent terms."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry

from graphsvc.auth.roles import Role
from graphsvc.database import native
from graphsvc.errors import Forbidden


@strawberry.type(description="One access to a client's data (after FHIR AuditEvent).")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="The event's id.")
    action: str = strawberry.field(description="R read, U create or update (FHIR action)")
    recorded: dt.datetime = strawberry.field(description="when it happened")
    request_id: str = strawberry.field(description="the request (source) it was part of")
    agent: str | None = strawberry.field(description="the caller's subject")
    role: str | None = strawberry.field(description="the caller's role; null when none")
    professional: strawberry.ID | None = strawberry.field(
        description="the caller as a professional of the model; null when not one"
    )
    organisations: list[strawberry.ID] = strawberry.field(description="the agent's, that day")
    client: strawberry.ID | None = strawberry.field(description="the entity: whose data")
    kinds: list[str] = strawberry.field(description="which kinds of data, or the record written")
    operation: str = strawberry.field(description="the GraphQL operation or route it was part of")

    @classmethod
    def of(cls, event: dict[str, Any]) -> AuditEvent:
        return cls(
            id=strawberry.ID(str(event["id"])),
            action=str(event["action"]),
            recorded=native(event["recorded"]),
            request_id=str(event.get("request_id")),
            agent=event.get("agent"),
            role=event.get("role"),
            professional=event.get("professional"),
            organisations=list(event.get("organisations") or []),
            client=event.get("client"),
            kinds=list(event.get("kinds") or []),
            operation=str(event.get("operation")),
        )


AUDIT_TRAIL_DOC = (
    "Every access to client data (one client's: their own access log), from..to inclusive; "
    "admins only. The list is the export: it is append-only and nothing else changes it."
)


async def audit_trail(
    info: strawberry.Info,
    client: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="Only accesses to this client's data; without it, all."),
    ] = None,
    from_: Annotated[
        dt.date | None,
        strawberry.argument(
            name="from", description="From this day on; without it, from the start."
        ),
    ] = None,
    to: Annotated[
        dt.date | None,
        strawberry.argument(description="Up to this day (inclusive); without it, until now."),
    ] = None,
) -> list[AuditEvent]:
    """The audit trail (:data:`AUDIT_TRAIL_DOC`)."""
    caller = info.context.store.caller
    if caller.role != Role.ADMIN:
        raise Forbidden("only an admin reads the audit trail")
    rows = await info.context.db.read("audit", "trail", client=client, to=to, **{"from": from_})
    return [AuditEvent.of(row["event"]) for row in rows]
