"""Bottlenecks: the professionals and units the region's client networks run through.

The measure is betweenness centrality on a projection of the responsibility
network (Brandes' algorithm, networkx): two professionals are linked when they
hold active responsibilities for a common client on the as-of date, two units
when their professionals do. A professional's betweenness counts the
shortest paths between other professionals that pass through them (each
unordered pair once, split evenly among equal shortest paths): how much
information between the other workers of shared clients must travel through
them, so who the networks depend on. The projection is built from one Cypher
aggregate per professional (their clients); above ``exact_limit`` professionals
(default 1,000) betweenness is estimated from ``samples`` (default 256) source
professionals with a fixed seed, which networkx scales to the full count.

Beside it: clients (caseload, as in the gap rule caseload-over-threshold) and
pathway steps each professional or unit is responsible for, and the caseload
distribution per profession against the region's threshold (``threshold``,
default 30 as in that rule).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from graphsvc.analytics import Options, Progress
from graphsvc.analytics.privacy import Pseudonyms
from graphsvc.analytics.report import (
    Report,
    Table,
    count,
    figure,
    median,
    number,
    p90,
    share,
    text,
)
from graphsvc.database import Database
from graphsvc.errors import BadInput

TITLE = "Bottlenecks"
PARAMS = {
    "top": "how many professionals and units to list (default 20)",
    "threshold": "caseload threshold of the region (default 30)",
    "exact_limit": "largest projection computed exactly (default 1000)",
    "samples": "source professionals sampled above it (default 256)",
}


def _int(options: Options, name: str, default: int) -> int:
    value = options.param(name, default)
    if not isinstance(value, int) or value < 1:
        raise BadInput(f"parameter {name}: expected a positive whole number, got {value!r}")
    return value


def betweenness(graph: nx.Graph[str], exact_limit: int, samples: int) -> dict[Any, float]:
    if graph.number_of_nodes() <= exact_limit:
        return dict(nx.betweenness_centrality(graph, normalized=False))
    return dict(
        nx.betweenness_centrality(
            graph, k=min(samples, graph.number_of_nodes()), normalized=False, seed=0
        )
    )


async def analyse(
    db: Database, options: Options, pseudonyms: Pseudonyms, progress: Progress
) -> Report:
    top = _int(options, "top", 20)
    threshold = _int(options, "threshold", 30)
    exact_limit = _int(options, "exact_limit", 1000)
    samples = _int(options, "samples", 256)
    progress(0, 4)
    people = await db.read(
        "analytics", "professional-clients", region=options.region, as_of=options.as_of
    )
    unit_steps = await db.read("analytics", "unit-steps", region=options.region)
    progress(1, 4)
    by_client: dict[str, set[str]] = defaultdict(set)
    units_of_client: dict[str, set[str]] = defaultdict(set)
    unit_name: dict[str, str] = {}
    unit_clients: dict[str, set[str]] = defaultdict(set)
    unit_people: dict[str, int] = defaultdict(int)
    for row in people:
        unit_name[row["unit"]] = row["unit_name"]
        unit_people[row["unit"]] += 1
        for client in row["clients"]:
            by_client[client].add(row["professional"])
            units_of_client[client].add(row["unit"])
            unit_clients[row["unit"]].add(client)
    professionals: nx.Graph[str] = nx.Graph()
    professionals.add_nodes_from(row["professional"] for row in people)
    for members in by_client.values():
        professionals.add_edges_from(combinations(sorted(members), 2))
    units: nx.Graph[str] = nx.Graph()
    units.add_nodes_from(unit_name)
    for members in units_of_client.values():
        units.add_edges_from(combinations(sorted(members), 2))
    progress(2, 4)
    between = betweenness(professionals, exact_limit, samples)
    progress(3, 4)
    unit_between = betweenness(units, exact_limit, samples)
    steps_of_unit = {row["unit"]: int(row["steps"]) for row in unit_steps}
    for row in unit_steps:
        unit_name.setdefault(row["unit"], row["unit_name"])
    people_rows: list[dict[str, Any]] = sorted(
        (
            {
                "professional": pseudonyms("Professional", row["professional"]),
                "profession": row["profession"],
                "unit": row["unit_name"],
                "clients": len(row["clients"]),
                "steps": int(row["steps"]),
                "betweenness": between.get(row["professional"], 0.0),
            }
            for row in people
        ),
        key=lambda r: (-r["betweenness"], -r["clients"], r["professional"]),
    )[:top]
    unit_rows: list[dict[str, Any]] = sorted(
        (
            dict[str, Any](
                unit=unit_name[unit],
                professionals=unit_people.get(unit, 0),
                clients=len(unit_clients.get(unit, ())),
                steps=steps_of_unit.get(unit, 0),
                betweenness=unit_between.get(unit, 0.0),
            )
            for unit in unit_name
        ),
        key=lambda r: (-r["betweenness"], -r["steps"], -r["clients"], r["unit"]),
    )[:top]
    caseloads: dict[str, list[int]] = defaultdict(list)
    for row in people:
        caseloads[row["profession"]].append(len(row["clients"]))
    caseload_rows = []
    for profession, loads in sorted(caseloads.items()):
        over = sum(1 for load in loads if load > threshold)
        caseload_rows.append(
            {
                "profession": profession,
                "professionals": len(loads),
                "median_caseload": median(loads),
                "p90_caseload": p90(loads),
                "over_threshold": over,
                "share_over": share(over, len(loads)),
            }
        )
    progress(4, 4)
    estimated = professionals.number_of_nodes() > exact_limit
    return Report(
        analysis="bottlenecks",
        title=TITLE,
        region=options.region,
        as_of=options.as_of,
        period=None,
        tables=(
            Table.build(
                "professionals",
                (
                    text("professional"),
                    text("profession"),
                    text("unit"),
                    count("clients"),
                    number("steps"),
                    number("betweenness"),
                ),
                people_rows,
            ),
            Table.build(
                "units",
                (
                    text("unit"),
                    count("professionals"),
                    count("clients"),
                    number("steps"),
                    number("betweenness"),
                ),
                unit_rows,
            ),
            Table.build(
                "caseloads",
                (
                    text("profession"),
                    count("professionals"),
                    figure("median_caseload", "professionals"),
                    figure("p90_caseload", "professionals"),
                    count("over_threshold"),
                    figure("share_over", "professionals", "over_threshold"),
                ),
                caseload_rows,
            ),
        ),
        notes=(
            "betweenness: shortest paths between other professionals (units) of shared clients "
            "through this one, each pair once"
            + (f"; estimated from {samples} sampled sources" if estimated else "; exact"),
            f"caseload threshold {threshold} clients; professionals pseudonymised (keyed hash)",
        ),
    )
