"""Pathway conformance: clients' actual step sequences against the defined pathway.

For each care pathway of the region, each client with an episode realising
one of its steps (started on or before the as-of date) has a *sequence*: the
step orders of those episodes by start date, a repeated step counted at its
first episode. Against the defined steps ``1..n`` a sequence is, first match:

- ``reordered``: a step starts before a lower-numbered one;
- ``skipped``: a defined step below the highest reached is missing
  (starting past step 1 skips step 1);
- ``dropped_out``: in order without gaps, below step n, and the last
  episode has ended before the as-of date;
- ``in_progress``: in order without gaps, below step n, last episode active;
- ``completed``: every step in order.

*Following* the pathway is ``completed`` or ``in_progress``. The wait from
step i to step i+1 is ``start(i+1) - end(i)`` in days (0 when they overlap),
over clients who reached i+1 straight from an ended i.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from graphsvc.analytics import Options, Progress
from graphsvc.analytics.privacy import Pseudonyms
from graphsvc.analytics.report import Report, Table, count, figure, median, p90, share, text
from graphsvc.database import Database
from graphsvc.store import native

TITLE = "Pathway conformance"
PARAMS: dict[str, str] = {}
OUTCOMES = ("completed", "in_progress", "dropped_out", "skipped", "reordered")


def classify(orders: Sequence[int], defined: Sequence[int], last_open: bool) -> str:
    firsts: list[int] = []
    for order in orders:
        if order not in firsts:
            firsts.append(order)
    if firsts != sorted(firsts):
        return "reordered"
    reached = [o for o in defined if o <= firsts[-1]]
    if firsts != reached:
        return "skipped"
    if firsts[-1] == defined[-1]:
        return "completed"
    return "in_progress" if last_open else "dropped_out"


def waits(episodes: Sequence[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """(step, next step, days) for each step followed directly by the next defined one."""
    first: dict[int, dict[str, Any]] = {}
    for episode in episodes:
        first.setdefault(int(episode["step"]), episode)
    found = []
    for step, episode in first.items():
        after = first.get(step + 1)
        if after is not None and episode["end"] is not None and after["start"] >= episode["start"]:
            days = max(0, (after["start"] - episode["end"]).days)
            found.append((step, step + 1, float(days)))
    return found


async def analyse(
    db: Database, options: Options, pseudonyms: Pseudonyms, progress: Progress
) -> Report:
    progress(0, 2)
    pathways = await db.read("analytics", "pathway-steps", region=options.region)
    defined = {row["pathway"]: [int(o) for o in row["steps"]] for row in pathways}
    names = {row["pathway"]: row["name"] for row in pathways}
    found = await db.read(
        "analytics", "pathway-episodes", region=options.region, as_of=options.as_of
    )
    progress(1, 2)
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    wait_days: dict[tuple[str, int, int], list[float]] = defaultdict(list)
    for row in found:
        episodes = [{k: native(v) for k, v in e.items()} for e in row["episodes"]]
        steps = defined[row["pathway"]]
        last = episodes[-1]
        last_open = last["end"] is None or last["end"] >= options.as_of
        outcomes[row["pathway"]][classify([e["step"] for e in episodes], steps, last_open)] += 1
        for step, following, days in waits(episodes):
            wait_days[row["pathway"], step, following].append(days)
    conformance = []
    for pathway in sorted(defined, key=lambda p: names[p]):
        counts = outcomes[pathway]
        clients = sum(counts.values())
        conformance.append(
            {
                "pathway": names[pathway],
                "steps": len(defined[pathway]),
                "clients": clients,
                **{outcome: counts[outcome] for outcome in OUTCOMES},
                "following": counts["completed"] + counts["in_progress"],
                "share_following": share(counts["completed"] + counts["in_progress"], clients),
            }
        )
    wait_rows = [
        {
            "pathway": names[pathway],
            "from_step": step,
            "to_step": following,
            "clients": len(days),
            "median_days": median(days),
            "p90_days": p90(days),
        }
        for (pathway, step, following), days in sorted(
            wait_days.items(), key=lambda item: (names[item[0][0]], item[0][1])
        )
    ]
    progress(2, 2)
    return Report(
        analysis="pathway-conformance",
        title=TITLE,
        region=options.region,
        as_of=options.as_of,
        period=None,
        tables=(
            Table.build(
                "conformance",
                (
                    text("pathway"),
                    text("steps"),
                    count("clients"),
                    *(count(outcome) for outcome in OUTCOMES),
                    count("following"),
                    figure("share_following", "clients", "following"),
                ),
                conformance,
            ),
            Table.build(
                "waits",
                (
                    text("pathway"),
                    text("from_step"),
                    text("to_step"),
                    count("clients"),
                    figure("median_days", "clients"),
                    figure("p90_days", "clients"),
                ),
                wait_rows,
            ),
        ),
        notes=(
            "following = completed + in_progress; wait = start of the next step's episode "
            "minus the end of the step's episode, in days; p90 by nearest rank",
        ),
    )
