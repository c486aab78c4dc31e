"""My work: what waits for one professional, as a root field ``myWork``.

Their clients with open gaps (the worst severity first, each client's gaps
worst first), the handoffs requested of them (by name, or of an organisation
they work in when no receiving professional is named) and the plans they own
or hold a responsibility for whose review falls within ``reviewWithinDays``
(overdue ones included, the earliest first).

The professional is an argument for now. Once callers sign in, it is the
signed-in caller and the argument goes away (or is checked against them).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from graphsvc.api import types as t
from graphsvc.api.docs import argument, documented
from graphsvc.api.gaps import Gap
from graphsvc.api.types import Ctx, build_as
from graphsvc.gaps import Severity
from graphsvc.store import Node

REVIEW_WITHIN_DAYS = 30


@strawberry.type(description="One of the professional's clients and their open gaps, worst first.")
class ClientWork:
    node: strawberry.Private[Node]
    gaps: list[Gap] = strawberry.field(description="The client's open gaps, worst first.")

    @documented("The client.")
    def client(self) -> t.Client:
        return build_as(t.Client, self.node)

    @documented("The worst severity among the client's gaps.")
    def worst_severity(self) -> Severity:
        return self.gaps[0].severity


@strawberry.type(description="What waits for a professional on a date.")
class MyWork:
    professional_node: strawberry.Private[Node]
    clients: list[ClientWork] = strawberry.field(
        description="Clients with open gaps, the worst severity first."
    )
    incoming_handoffs: list[t.Handoff] = strawberry.field(
        description="Handoffs requested of them and not yet decided, the oldest first."
    )
    plans_due_for_review: list[t.Plan] = strawberry.field(
        description="Plans in force they own or are responsible for, reviewed within the "
        "given days or overdue, the earliest first."
    )

    @documented("The professional whose work this is.")
    def professional(self) -> t.Professional:
        return build_as(t.Professional, self.professional_node)


@strawberry.type(description="What waits for a professional.")
class MyWorkQuery:
    @documented(
        "A professional's clients with open gaps, incoming handoffs and plans due for "
        "review; null when there is no such professional."
    )
    async def my_work(
        self,
        info: Ctx,
        professional: Annotated[strawberry.ID, argument("The professional whose work to show.")],
        as_of: Annotated[
            dt.date | None, argument("The day to show the work as of; default today.")
        ] = None,
        review_within_days: Annotated[
            int, argument("Plans whose review falls within this many days of asOf (or is overdue).")
        ] = REVIEW_WITHIN_DAYS,
    ) -> MyWork | None:
        day = dt.date.today() if as_of is None else as_of
        node = await info.context.loaders.nodes.load(("Professional", professional))
        if node is None:
            return None
        work = await info.context.store.my_work(professional, day, review_within_days)
        return MyWork(
            professional_node=node,
            clients=[
                ClientWork(node=client, gaps=[Gap.of(f) for f in findings])
                for client, findings in work.clients
            ],
            incoming_handoffs=[build_as(t.Handoff, h) for h in work.handoffs],
            plans_due_for_review=[build_as(t.Plan, p) for p in work.plans],
        )
