"""Coordination burden (metatyö): an index per family, its distribution and trend.

For a family (a client without one is a household of their own) with services
on a date, with S the distinct active services of its members, O their
providing organisations, P the professionals holding an active responsibility
for a member (or a member's episode or plan) and U the active services of each
member covered by neither a coordinator of the member nor an active plan of
the member, summed over the members::

    burden = (S - 1)+ + (O - 1)+ + (P - 1)+ / 2 + 2 U

One service from one organisation with one worker costs the family nothing
to coordinate. Every further service is another schedule to fit and every
further organisation another place to repeat the story (seed 000); a further
professional counts half, as workers of one organisation share records; a
service nobody coordinates and no plan covers is coordination the family does
itself and counts double. Families with no active service are left out.
Shown: the distribution over the region and per service area (the provider's
``service_area`` organisation, else its top organisation) on the as-of date
(or the period's end), and median, p90 and mean at points through the period
(every ``step_months``, default 3; without a period a year ago and now).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from graphsvc.analytics import Options, Progress
from graphsvc.analytics.privacy import Pseudonyms
from graphsvc.analytics.report import Report, Table, count, figure, median, p90, text
from graphsvc.database import Database
from graphsvc.errors import BadInput
from graphsvc.vocab import COORDINATING_ROLES

TITLE = "Coordination burden"
PARAMS = {"step_months": "months between the points of the trend (default 3)"}
BINS = (("0", 0.0), ("0.5-2", 2.0), ("2.5-5", 5.0), ("5.5-10", 10.0), (">10", float("inf")))


def burden(services: int, organisations: int, professionals: int, uncovered: int) -> float:
    return (
        max(services - 1, 0)
        + max(organisations - 1, 0)
        + max(professionals - 1, 0) / 2
        + 2 * uncovered
    )


def bin_of(value: float) -> str:
    return next(label for label, upper in BINS if value <= upper)


def points(options: Options, step_months: int) -> list[dt.date]:
    if options.period is None:
        return [_month(options.as_of, options.as_of.month - 1 - 12), options.as_of]
    start, end = options.period
    found: list[dt.date] = []
    month = 0
    while True:
        total = start.month - 1 + month
        day = _month(start, total)
        if day >= end or len(found) >= 24:
            break
        found.append(day)
        month += step_months
    return [*found, end]


def _month(start: dt.date, total: int) -> dt.date:
    year, month = start.year + total // 12, total % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def _summary(values: Sequence[float]) -> dict[str, Any]:
    return {
        "families": len(values),
        "median": median(values),
        "p90": p90(values),
        "mean": statistics.fmean(values) if values else None,
    }


async def _areas(db: Database, region: str) -> dict[str, str]:
    rows = await db.read("analytics", "service-areas", region=region)
    return {row["organisation"]: row["area"] for row in rows}


async def analyse(
    db: Database, options: Options, pseudonyms: Pseudonyms, progress: Progress
) -> Report:
    step = options.param("step_months", 3)
    if not isinstance(step, int) or step < 1:
        raise BadInput(f"parameter step_months: expected a positive whole number, got {step!r}")
    days = points(options, step)
    progress(0, 2)
    areas = await _areas(db, options.region)
    rows = await db.read(
        "analytics",
        "family-burden",
        region=options.region,
        days=days,
        first=days[0],
        last=days[-1],
        coordinating_roles=sorted(COORDINATING_ROLES),
        areas=areas,
    )
    progress(1, 2)
    values: list[list[float]] = [[] for _ in days]
    bins = {label: 0 for label, _ in BINS}
    by_area: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        value = burden(
            row["services"], row["organisations"], row["professionals"], row["uncovered"]
        )
        values[row["day"]].extend([value] * row["families"])
        if row["day"] == len(days) - 1:
            bins[bin_of(value)] += row["families"]
            for area in row["areas"]:
                by_area[area].extend([value] * row["families"])
    trend = [{"date": day.isoformat(), **_summary(v)} for day, v in zip(days, values, strict=True)]
    progress(2, 2)
    summary_columns = (
        count("families"),
        figure("median", "families"),
        figure("p90", "families"),
        figure("mean", "families"),
    )
    return Report(
        analysis="coordination-burden",
        title=TITLE,
        region=options.region,
        as_of=days[-1],
        period=options.period,
        tables=(
            Table.build(
                "distribution",
                (text("burden"), count("families")),
                [{"burden": label, "families": n} for label, n in bins.items()],
            ),
            Table.build(
                "by_service_area",
                (text("service_area"), *summary_columns),
                [{"service_area": a, **_summary(v)} for a, v in sorted(by_area.items())],
            ),
            Table.build("over_time", (text("date"), *summary_columns), trend),
        ),
        notes=(
            "burden = (services - 1)+ + (organisations - 1)+ + (professionals - 1)+ / 2 "
            "+ 2 x services covered by no coordinator or plan; families with services only",
        ),
    )
