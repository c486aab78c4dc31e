"""Planners' analyses as GraphQL: one field, ``analytics``, over the Store.

Answers are the report's tables as the CLI's JSON has them: aggregates only,
small cells already suppressed (``<5``), professionals pseudonymised.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphsvc.analytics import Options, Pseudonyms
from graphsvc.analytics.report import MIN_CELL, SUPPRESSED, SUPPRESSION_NOTE, Report, Table
from graphsvc.api.context import Context
from graphsvc.errors import BadInput


@strawberry.enum(description="The analyses planners can run on a region.")
class Analysis(Enum):
    SHARED_CLIENTS = "shared-clients"
    HANDOFF_FLOWS = "handoff-flows"
    BOTTLENECKS = "bottlenecks"
    PATHWAY_CONFORMANCE = "pathway-conformance"
    COORDINATION_BURDEN = "coordination-burden"


@strawberry.type(description="One table of an analysis: its column names and rows of cells.")
class AnalyticsTable:
    name: str
    columns: list[str]
    rows: JSON = strawberry.field(
        description=f"Rows of cells (text, number or null); {SUPPRESSED!r} marks a suppressed cell."
    )

    @classmethod
    def of(cls, table: Table) -> AnalyticsTable:
        return cls(
            name=table.name,
            columns=list(table.columns),
            rows=cast(JSON, [list(r) for r in table.rows]),
        )


@strawberry.type(description="An analysis of a region: aggregates only, small cells suppressed.")
class AnalyticsReport:
    analysis: Analysis
    title: str
    region: strawberry.ID
    as_of: dt.date | None
    from_: dt.date | None = strawberry.field(name="from")
    to: dt.date | None
    min_cell: int
    suppressed_cells: int
    notes: list[str]
    tables: list[AnalyticsTable]

    @classmethod
    def of(cls, report: Report) -> AnalyticsReport:
        return cls(
            analysis=Analysis(report.analysis),
            title=report.title,
            region=strawberry.ID(report.region),
            as_of=report.as_of,
            from_=None if report.period is None else report.period[0],
            to=None if report.period is None else report.period[1],
            min_cell=MIN_CELL,
            suppressed_cells=report.suppressed,
            notes=[*report.notes, SUPPRESSION_NOTE],
            tables=[AnalyticsTable.of(t) for t in report.tables],
        )


ANALYTICS_DOC = (
    "A planner's analysis of a region (README, section Analytics). Without from/to, a "
    "period is the year up to asOf; asOf defaults to today."
)


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(description=ANALYTICS_DOC)  # type: ignore[untyped-decorator,unused-ignore]
    async def analytics(
        self,
        info: Info[Context, None],
        analysis: Analysis,
        region: strawberry.ID,
        as_of: dt.date | None = None,
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        to: dt.date | None = None,
        params: JSON | None = None,
    ) -> AnalyticsReport:
        if (from_ is None) != (to is None):
            raise BadInput("give both from and to, or neither")
        if params is not None and not isinstance(params, dict):
            raise BadInput("params: expected an object of parameter values")
        period = None if from_ is None or to is None else (from_, to)
        options = Options(
            region=str(region),
            as_of=as_of or (to if to is not None else dt.date.today()),
            period=period,
            params=params or {},
        )
        context = info.context
        report = await context.store.analysis(
            analysis.value, options, Pseudonyms.from_settings(context.settings)
        )
        return AnalyticsReport.of(report)
