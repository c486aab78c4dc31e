"""``subscription { gapChanges }``: gaps opened and closed, live, over graphql-transport-ws.

A subscription names one client, one region or neither (every client the
caller may see). Each batch of events from the process's poller
(:class:`graphsvc.alerts.hub.Hub`) is narrowed, in Cypher, to the clients the
caller's access policy lets them read today (the Store's client read, as any
query), written to the audit trail, and only then sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from graphql import GraphQLError

from graphsvc.alerts.feed import Cause, ChangeKind, Event
from graphsvc.alerts.hub import Hub, Interest
from graphsvc.api.docs import values
from graphsvc.api.errors import public_message
from graphsvc.api.gaps import Gap
from graphsvc.api.types import Ctx
from graphsvc.auth.audit import Audit
from graphsvc.auth.policy import RolePolicy
from graphsvc.auth.roles import Role
from graphsvc.errors import BadInput, Forbidden, GraphsvcError, NotFound
from graphsvc.store import Store

values({"OPENED": "The gap opened.", "CLOSED": "The gap closed."})(
    strawberry.enum(ChangeKind, name="GapChangeKind", description="Whether a gap opened or closed.")
)
values(
    {
        "MUTATION": "A mutation changed the client's records.",
        "REEVALUATION": "The daily re-evaluation: dates passed.",
    }
)(strawberry.enum(Cause, name="GapChangeCause", description="What moved a gap."))


@strawberry.type(description="A gap that opened or closed for a client.")
class GapChange:
    seq: int = strawberry.field(description="the change feed's sequence number (increasing)")
    at: dt.datetime = strawberry.field(description="when the change was recorded")
    change: ChangeKind = strawberry.field(description="opened or closed")
    cause: Cause = strawberry.field(description="a mutation, or the daily re-evaluation")
    client_id: strawberry.ID = strawberry.field(description="the client whose gap it is")
    region_id: strawberry.ID | None = strawberry.field(
        description="the client's region; null when not known"
    )
    as_of: dt.date = strawberry.field(description="the date the gaps were found as of")
    gap: Gap = strawberry.field(description="the gap, as found")

    @classmethod
    def of(cls, event: Event) -> GapChange:
        return cls(
            seq=event.seq,
            at=event.at,
            change=event.change,
            cause=event.cause,
            client_id=strawberry.ID(event.client),
            region_id=None if event.region is None else strawberry.ID(event.region),
            as_of=event.as_of,
            gap=Gap.of(event.finding),
        )


@strawberry.type(description="Live events over graphql-transport-ws.")
class Subscription:
    @strawberry.subscription(  # type: ignore[untyped-decorator,unused-ignore]
        description="Gaps opened and closed from now on, by mutations and the daily "
        "re-evaluation: of one client, of one region's clients, or (neither given) of every "
        "client the caller may see. Only clients the caller may read are sent. `after`: "
        "first the changes after this sequence number (resuming after a reconnect; the "
        "feed keeps them for its retention)."
    )
    async def gap_changes(
        self,
        info: Ctx,
        client: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this client's gaps.")
        ] = None,
        region: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only the gaps of this region's clients."),
        ] = None,
        after: Annotated[
            int | None,
            strawberry.argument(description="First send the changes after this seq."),
        ] = None,
    ) -> AsyncGenerator[GapChange, None]:
        try:
            async for change in _changes(info, client, region, after):
                yield change
        except GraphsvcError as error:
            # as the HTTP answers say it: the public message, the code and the field
            extensions = {"code": error.code}
            if error.field is not None:
                extensions["field"] = error.field
            raise GraphQLError(public_message(error), extensions=extensions) from None


async def _changes(
    info: Ctx, client: str | None, region: str | None, after: int | None
) -> AsyncGenerator[GapChange, None]:
    context = info.context
    caller = context.store.caller
    if caller.role not in (Role.ADMIN, Role.COORDINATOR, Role.PROFESSIONAL):
        raise Forbidden(f"a {caller.role or 'caller'} receives no client's gaps")
    if client is not None and region is not None:
        raise BadInput("give a client or a region, not both", field="region")
    if client is not None and client not in await context.store.nodes("Client", [client]):
        raise NotFound(f"there is no client {client}", field="client")
    if region is not None and not await context.store.nodes("Region", [region]):
        raise NotFound(f"there is no region {region}", field="region")
    state = context.request.app.state
    hub: Hub = state.alerts.hub
    audit = Audit(
        context.db,
        caller,
        context.request_id,
        operation="subscription gapChanges",
        # the app's group commit: the same change sent to many subscribers, one transaction
        recorder=getattr(state, "reads_recorder", None),
    )
    subscriber = await hub.subscribe(Interest(client, region))
    try:
        missed = [] if after is None else await hub.since(subscriber, after)
        while True:
            if missed:
                events, missed = missed, []
            else:
                events = await subscriber.next()
            # the policy as of today, per batch (a subscription outlives a day), read once
            # for all of this caller's subscriptions to the same batch
            clients = {event.client for event in events}

            async def read(clients: set[str] = clients) -> set[str]:
                store = Store(context.db, caller, RolePolicy(caller), state.breaker)
                return set(await store.nodes("Client", clients))

            key = (caller, dt.date.today(), events[0].seq, events[-1].seq, *sorted(clients))
            visible = await hub.visible(key, read)
            shown = [event for event in events if event.client in visible]
            if not shown:
                continue
            await audit.record_reads({"Client": {event.client for event in shown}})
            for event in shown:
                yield GapChange.of(event)
    finally:
        hub.unsubscribe(subscriber)
