"""Handoff flows between organisations over a period, and where they break.

Handoffs of the region's clients requested in the period (``--from``/``--to``;
the year up to the as-of date without them), by state on the period's last
day: ``completed``, ``accepted``, ``rejected``, ``stale`` (still requested
more than ``stale_days`` after the request, default 14) and ``requested``
(still open, not stale yet). Time to acceptance is ``decided - requested`` in
days over accepted and completed handoffs. A handoff *breaks* when it is
rejected or stale; organisation pairs are listed by broken handoffs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from graphsvc.analytics import Options, Progress
from graphsvc.analytics.privacy import Pseudonyms
from graphsvc.analytics.report import Report, Table, count, figure, median, p90, share, text
from graphsvc.database import Database
from graphsvc.errors import BadInput
from graphsvc.store import native

TITLE = "Handoff flows"
PARAMS = {"stale_days": "days after which an undecided request is stale (default 14)"}
STATES = ("requested", "accepted", "rejected", "completed", "stale")
BROKEN = frozenset({"rejected", "stale"})


def state(row: dict[str, Any], end: dt.date, stale_days: int) -> str:
    status = str(row["status"])
    if status == "requested" and (end - row["requested"]).days > stale_days:
        return "stale"
    return status


async def analyse(
    db: Database, options: Options, pseudonyms: Pseudonyms, progress: Progress
) -> Report:
    stale_days = options.param("stale_days", 14)
    if not isinstance(stale_days, int) or stale_days < 0:
        raise BadInput(f"parameter stale_days: expected a whole number of days, got {stale_days!r}")
    start, end = options.start, options.end
    progress(0, 1)
    found = await db.read(
        "analytics", "handoffs-in-period", region=options.region, **{"from": start, "to": end}
    )
    rows = [{key: native(value) for key, value in row.items()} for row in found]
    states: Counter[str] = Counter()
    waits: list[float] = []
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    pair_waits: dict[tuple[str, str], list[float]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        now = state(row, end, stale_days)
        states[now] += 1
        key = (row["from_org"], row["to_org"])
        names[row["from_org"]], names[row["to_org"]] = row["from_name"], row["to_name"]
        pairs[key][now] += 1
        if now in ("accepted", "completed") and row["decided"] is not None:
            wait = float((row["decided"] - row["requested"]).days)
            waits.append(wait)
            pair_waits[key].append(wait)
    progress(1, 1)
    pair_rows: list[dict[str, Any]] = []
    for (source, target), counts in pairs.items():
        total = sum(counts.values())
        broken = sum(counts[s] for s in BROKEN)
        accepted = counts["accepted"] + counts["completed"]
        pair_rows.append(
            {
                "from_org": names[source],
                "to_org": names[target],
                "handoffs": total,
                "accepted": accepted,
                "broken": broken,
                "broken_share": share(broken, total),
                "median_days_to_acceptance": median(pair_waits[source, target]),
            }
        )
    pair_rows.sort(
        key=lambda r: (-r["broken"], -(r["broken_share"] or 0), r["from_org"], r["to_org"])
    )
    return Report(
        analysis="handoff-flows",
        title=TITLE,
        region=options.region,
        as_of=None,
        period=(start, end),
        tables=(
            Table.build(
                "states",
                (text("state"), count("handoffs")),
                [{"state": s, "handoffs": states[s]} for s in STATES],
            ),
            Table.build(
                "time_to_acceptance",
                (
                    count("accepted"),
                    figure("median_days", "accepted"),
                    figure("p90_days", "accepted"),
                ),
                [{"accepted": len(waits), "median_days": median(waits), "p90_days": p90(waits)}],
            ),
            Table.build(
                "pairs",
                (
                    text("from_org"),
                    text("to_org"),
                    count("handoffs"),
                    count("accepted"),
                    count("broken"),
                    figure("broken_share", "handoffs", "broken"),
                    figure("median_days_to_acceptance", "accepted"),
                ),
                pair_rows,
            ),
        ),
        notes=(
            f"stale: still requested more than {stale_days} days after the request on {end}; "
            "broken = rejected + stale; p90 by nearest rank",
        ),
    )
