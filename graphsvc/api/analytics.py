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
from graphsvc.api.docs import argument, values
from graphsvc.errors import BadInput


@values(
    {
        "SHARED_CLIENTS": "Clients of two services (yhteisasiakkaat), by age band, on a date.",
        "HANDOFF_FLOWS": "Handoffs of the period by state, days to acceptance, and the "
        "organisation pairs with broken handoffs.",
        "BOTTLENECKS": "Professionals and units by betweenness on the responsibility network; "
        "caseloads against the threshold.",
        "PATHWAY_CONFORMANCE": "Per care pathway (hoitoketju): clients who followed, dropped "
        "out, skipped or reordered steps, and the waits between steps.",
        "COORDINATION_BURDEN": "The metatyö index per family, over the region and per "
        "service area, and its trend.",
    }
)
@strawberry.enum(description="The analyses planners can run on a region.")
class Analysis(Enum):
    SHARED_CLIENTS = "shared-clients"
    HANDOFF_FLOWS = "handoff-flows"
    BOTTLENECKS = "bottlenecks"
    PATHWAY_CONFORMANCE = "pathway-conformance"
    COORDINATION_BURDEN = "coordination-burden"


@strawberry.type(description="One table of an analysis: its column names and rows of cells.")
class AnalyticsTable:
    name: str = strawberry.field(description="The table's name within the analysis.")
    columns: list[str] = strawberry.field(description="The column names, in the rows' order.")
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
    analysis: Analysis = strawberry.field(description="Which analysis this is.")
    title: str = strawberry.field(description="The report's title, for people.")
    region: strawberry.ID = strawberry.field(description="The region analysed.")
    as_of: dt.date | None = strawberry.field(
        description="The day the analysis reads the network as of; null when it covers a "
        "period only."
    )
    from_: dt.date | None = strawberry.field(
        name="from", description="First day of the period analysed; null without a period."
    )
    to: dt.date | None = strawberry.field(
        description="Last day of the period analysed (inclusive); null without a period."
    )
    min_cell: int = strawberry.field(
        description="The smallest count shown; smaller counts are suppressed."
    )
    suppressed_cells: int = strawberry.field(description="How many cells were suppressed.")
    notes: list[str] = strawberry.field(
        description="What the reader should know: definitions, limits, the suppression rule."
    )
    tables: list[AnalyticsTable] = strawberry.field(description="The report's tables.")

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


@strawberry.type(description="The planners' analyses.")
class AnalyticsQuery:
    @strawberry.field(description=ANALYTICS_DOC)  # type: ignore[untyped-decorator,unused-ignore]
    async def analytics(
        self,
        info: Info[Context, None],
        analysis: Annotated[Analysis, argument("Which analysis to run.")],
        region: Annotated[strawberry.ID, argument("The region to analyse.")],
        as_of: Annotated[
            dt.date | None, argument("The day to analyse as of; default to, else today.")
        ] = None,
        from_: Annotated[
            dt.date | None,
            strawberry.argument(name="from", description="First day of the period; give to too."),
        ] = None,
        to: Annotated[
            dt.date | None, argument("Last day of the period (inclusive); give from too.")
        ] = None,
        params: Annotated[
            JSON | None,
            argument("The analysis' parameters as an object of names and values (README)."),
        ] = None,
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
