"""The root Query: lookups by id and the paged, filtered, sorted lists."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from graphsvc import gaps as gap_vocab
from graphsvc.api import compiler
from graphsvc.api import filters as f
from graphsvc.api import types as t
from graphsvc.api.connections import Connection, connection, page_size, position, start
from graphsvc.api.docs import argument, described, documented
from graphsvc.api.gaps import Gap
from graphsvc.api.scalars import parse_date
from graphsvc.api.types import Ctx, build_as
from graphsvc.auth.graphql import AUDIT_TRAIL_DOC, AuditEvent, audit_trail
from graphsvc.store import Store

T = TypeVar("T")
OF_REGION = argument("Only those of this region; without it, all.")


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _selection(selections: Iterable[Selection], into: compiler.Selection) -> compiler.Selection:
    """The GraphQL selections as model field names, fragments merged in (a fragment on
    another type than its parent's, a union member, goes under ``on:Type``)."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            if not selection.name.startswith("__"):
                _selection(selection.selections, into.setdefault(_snake(selection.name), {}))
        else:  # a fragment spread or an inline fragment
            condition = selection.type_condition
            target = into if condition is None else into.setdefault(f"on:{condition}", {})
            _selection(selection.selections, target)
            if condition is not None:
                compiler.merge(into, {k: v for k, v in target.items() if not k.startswith("on:")})
    return into


def _root(info: Ctx) -> compiler.Selection:
    return _selection(info.selected_fields[0].selections, {})


def _gap_dates(info: Ctx) -> list[date | None]:
    """The dates of the ``gaps`` fields selected on the looked-up node itself (a date
    that is not one is left to the field to refuse)."""
    dates: list[date | None] = []
    for selection in info.selected_fields[0].selections:
        if isinstance(selection, SelectedField) and selection.name == "gaps":
            value = selection.arguments.get("asOf")  # a variable comes parsed, a literal not
            if value is None or isinstance(value, date):
                dates.append(value)
            elif isinstance(value, str):
                try:
                    dates.append(parse_date(value))
                except ValueError:
                    continue
    return dates


def _retrieved(done: asyncio.Future[Any]) -> None:
    """Marks a look-ahead's failure as seen: its field, if it runs, reports it."""
    if not done.cancelled():
        done.exception()


async def lookup(info: Ctx, label: str, id: str, cls: type[T]) -> T | None:
    store = info.context.store
    compiled = compiler.compile_lookup(
        label, id, _root(info), acl=store.acl, recorded=store.recorded
    )
    rows = await store.compiled(compiled.query, compiled.params)
    if not rows:
        return None
    (node,) = store.returned([compiled.shape.decode(rows[0]["node"])])
    return build_as(cls, node)


@dataclass(frozen=True)
class PageRead:
    """One page's compiled query and how to cut its rows into the page."""

    compiled: compiler.Compiled
    skip: int
    limit: int
    counted: bool
    """Whether the query counts the whole list (``totalCount`` was asked for)."""
    keyed: bool
    """Whether the list is sorted by id, so its cursors carry ids (keyset)."""

    def cut(self, row: Mapping[str, Any]) -> tuple[list[Any], int]:
        """The page's nodes (as the query returned them) and the list's total."""
        nodes = list(row["nodes"])
        if self.counted:
            return nodes, int(row["total"])
        # Not asked for: the query read one node more, enough to tell a next page exists.
        return nodes[: self.limit], self.skip + len(nodes)


def page_read(
    store: Store,
    label: str,
    selected: compiler.Selection,
    *,
    where: Any,
    order: Any,
    first: int | None,
    after: str | None,
    related: str | None,
) -> PageRead:
    """The compiled query of a page of ``label`` nodes: its connection's selection, and
    the root field's arguments as strawberry gives them."""
    begin, limit = start(after), page_size(first)
    node_selection = compiler.merge(
        dict(selected.get("nodes", {})), selected.get("edges", {}).get("node", {})
    )
    count = "total_count" in selected
    sort = "id" if order is None else order.field.value
    keyset = begin.id if sort == "id" else None
    compiled = compiler.compile_page(
        label,
        node_selection,
        acl=store.acl,
        where=f.to_filter(where),
        sort=sort,
        descending=order is not None and order.direction == f.SortDirection.DESC,
        skip=begin.position if keyset is None else 0,
        limit=limit,
        related=related,
        count=count,
        recorded=store.recorded,
        after_id=keyset,
    )
    return PageRead(compiled, begin.position, limit, count, keyed=sort == "id")


async def page(
    info: Ctx,
    label: str,
    *,
    where: Any,
    order: Any,
    first: int | None,
    after: str | None,
    related: str | None,
    cls: type[T],
) -> Connection[T]:
    store = info.context.store
    read = page_read(
        store,
        label,
        _root(info),
        where=where,
        order=order,
        first=first,
        after=after,
        related=related,
    )
    row = (await store.compiled(read.compiled.query, read.compiled.params))[0]
    values, total = read.cut(row)
    nodes = [read.compiled.shape.decode(value) for value in values]
    return connection(
        store.returned(nodes),
        total,
        read.skip,
        lambda node: build_as(cls, node),
        key=(lambda node: node.id) if read.keyed else None,
    )


@described(root="Query")
@strawberry.type(
    description="Reads: records by id with their relations, paged lists, gaps, analyses, "
    "settings and a professional's work. Every read shows only what the caller may see."
)
class RecordsQuery:
    audit_trail: list[AuditEvent] = strawberry.field(
        resolver=audit_trail, description=AUDIT_TRAIL_DOC
    )

    @documented(
        "Coordination gaps in a region (its clients, pathways and caseloads), as the gap "
        "engine finds them, narrowed by rule ids, families and severities."
    )
    async def gaps(
        self,
        info: Ctx,
        region: Annotated[strawberry.ID, argument("The region whose gaps to find.")],
        rules: Annotated[list[str] | None, argument("Only these rules' gaps (rule ids).")] = None,
        families: Annotated[
            list[gap_vocab.Family] | None, argument("Only gaps of these families.")
        ] = None,
        severities: Annotated[
            list[gap_vocab.Severity] | None, argument("Only gaps of these severities.")
        ] = None,
        as_of: date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Gap]:
        skip, limit = position(after), page_size(first)
        found = [
            finding
            for finding in await info.context.store.gaps(region=region, rules=rules, as_of=as_of)
            if (families is None or finding.family in families)
            and (severities is None or finding.severity in severities)
        ]
        return connection(found[skip : skip + limit], len(found), skip, Gap.of)

    @strawberry.field
    async def region(self, info: Ctx, id: strawberry.ID) -> t.Region | None:
        return await lookup(info, "Region", id, t.Region)

    @strawberry.field
    async def organisation(self, info: Ctx, id: strawberry.ID) -> t.Organisation | None:
        return await lookup(info, "Organisation", id, t.Organisation)

    @strawberry.field
    async def family(self, info: Ctx, id: strawberry.ID) -> t.Family | None:
        return await lookup(info, "Family", id, t.Family)

    @strawberry.field
    async def client(self, info: Ctx, id: strawberry.ID) -> t.Client | None:
        # Look ahead: the client's gaps start with its read, on a connection of their own;
        # its gaps field then finds them under the same loader key. For a client that
        # is not there or not the caller's to see, they are found and dropped (the Store
        # runs the engine only for clients the caller may see).
        for as_of in _gap_dates(info):
            loading = info.context.loaders.client_gaps.load((id, as_of))
            asyncio.ensure_future(loading).add_done_callback(_retrieved)
        return await lookup(info, "Client", id, t.Client)

    @strawberry.field
    async def professional(self, info: Ctx, id: strawberry.ID) -> t.Professional | None:
        return await lookup(info, "Professional", id, t.Professional)

    @strawberry.field
    async def service(self, info: Ctx, id: strawberry.ID) -> t.Service | None:
        return await lookup(info, "Service", id, t.Service)

    @strawberry.field
    async def episode(self, info: Ctx, id: strawberry.ID) -> t.Episode | None:
        return await lookup(info, "Episode", id, t.Episode)

    @strawberry.field
    async def responsibility(self, info: Ctx, id: strawberry.ID) -> t.Responsibility | None:
        return await lookup(info, "Responsibility", id, t.Responsibility)

    @strawberry.field
    async def plan(self, info: Ctx, id: strawberry.ID) -> t.Plan | None:
        return await lookup(info, "Plan", id, t.Plan)

    @strawberry.field
    async def goal(self, info: Ctx, id: strawberry.ID) -> t.Goal | None:
        return await lookup(info, "Goal", id, t.Goal)

    @strawberry.field
    async def consent(self, info: Ctx, id: strawberry.ID) -> t.Consent | None:
        return await lookup(info, "Consent", id, t.Consent)

    @strawberry.field
    async def care_pathway(self, info: Ctx, id: strawberry.ID) -> t.CarePathway | None:
        return await lookup(info, "CarePathway", id, t.CarePathway)

    @strawberry.field
    async def pathway_step(self, info: Ctx, id: strawberry.ID) -> t.PathwayStep | None:
        return await lookup(info, "PathwayStep", id, t.PathwayStep)

    @strawberry.field
    async def transition(self, info: Ctx, id: strawberry.ID) -> t.Transition | None:
        return await lookup(info, "Transition", id, t.Transition)

    @strawberry.field
    async def handoff(self, info: Ctx, id: strawberry.ID) -> t.Handoff | None:
        return await lookup(info, "Handoff", id, t.Handoff)

    @documented("Clients, optionally of one region, a page at a time.")
    async def clients(
        self,
        info: Ctx,
        where: f.ClientWhere | None = None,
        order_by: f.ClientOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        region: Annotated[strawberry.ID | None, OF_REGION] = None,
    ) -> Connection[t.Client]:
        return await page(
            info,
            "Client",
            where=where,
            order=order_by,
            first=first,
            after=after,
            related=region,
            cls=t.Client,
        )

    @documented("Organisations, optionally of one region, a page at a time.")
    async def organisations(
        self,
        info: Ctx,
        where: f.OrganisationWhere | None = None,
        order_by: f.OrganisationOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        region: Annotated[strawberry.ID | None, OF_REGION] = None,
    ) -> Connection[t.Organisation]:
        return await page(
            info,
            "Organisation",
            where=where,
            order=order_by,
            first=first,
            after=after,
            related=region,
            cls=t.Organisation,
        )

    @documented("Professionals, optionally of one organisation, a page at a time.")
    async def professionals(
        self,
        info: Ctx,
        where: f.ProfessionalWhere | None = None,
        order_by: f.ProfessionalOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        organisation: Annotated[
            strawberry.ID | None, argument("Only those of this organisation; without it, all.")
        ] = None,
    ) -> Connection[t.Professional]:
        return await page(
            info,
            "Professional",
            where=where,
            order=order_by,
            first=first,
            after=after,
            related=organisation,
            cls=t.Professional,
        )

    @documented("Services, optionally of one provider organisation, a page at a time.")
    async def services(
        self,
        info: Ctx,
        where: f.ServiceWhere | None = None,
        order_by: f.ServiceOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        provider: Annotated[
            strawberry.ID | None,
            argument("Only those of this provider organisation; without it, all."),
        ] = None,
    ) -> Connection[t.Service]:
        return await page(
            info,
            "Service",
            where=where,
            order=order_by,
            first=first,
            after=after,
            related=provider,
            cls=t.Service,
        )

    @documented("Care pathways, optionally of one region, a page at a time.")
    async def care_pathways(
        self,
        info: Ctx,
        where: f.CarePathwayWhere | None = None,
        order_by: f.CarePathwayOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        region: Annotated[strawberry.ID | None, OF_REGION] = None,
    ) -> Connection[t.CarePathway]:
        return await page(
            info,
            "CarePathway",
            where=where,
            order=order_by,
            first=first,
            after=after,
            related=region,
            cls=t.CarePathway,
        )

    @documented("Handoffs, optionally of one client, a page at a time.")
    async def handoffs(
        self,
        info: Ctx,
        where: f.HandoffWhere | None = None,
        order_by: f.HandoffOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        client: Annotated[
            strawberry.ID | None, argument("Only those of this client; without it, all.")
        ] = None,
    ) -> Connection[t.Handoff]:
        return await page(
            info,
            "Handoff",
            where=where,
            order=order_by,
            first=first,
            after=after,
            related=client,
            cls=t.Handoff,
        )
