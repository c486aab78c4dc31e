"""Positions for maps too big for the browser's physics.

vis.js's force simulation stalls the page near a few hundred nodes, so a big
map is laid out here and drawn with physics off. Nodes are put in groups (the
``group`` attribute, else their connected component); the small graph of
groups gets a spring layout from networkx, weighted by the edges between
groups, and each group's members are set on a sunflower spiral around the
group's place, best-connected first. The cost is linear in the map apart from
the spring layout of the groups.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from visualise.graph import MapGraph

LARGE = 150
"""Maps with more nodes than this get precomputed positions and no physics."""

SPACING = 45.0
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
MAX_SPRING_GROUPS = 400


def is_large(graph: MapGraph) -> bool:
    return graph.number_of_nodes() > LARGE


def sunflower(count: int, spacing: float = SPACING) -> list[tuple[float, float]]:
    """Evenly spread points in a disc, the first at the centre."""
    return [
        (
            spacing * math.sqrt(k) * math.cos(k * GOLDEN_ANGLE),
            spacing * math.sqrt(k) * math.sin(k * GOLDEN_ANGLE),
        )
        for k in range(count)
    ]


def group_positions(graph: MapGraph) -> dict[str, tuple[float, float]]:
    groups = _groups(graph)
    members: dict[str, list[str]] = defaultdict(list)
    for node, group in groups.items():
        members[group].append(node)
    radius = {group: SPACING * math.sqrt(len(nodes)) + SPACING for group, nodes in members.items()}
    centres = _group_centres(graph, groups, radius)
    positions: dict[str, tuple[float, float]] = {}
    degree = dict(graph.degree())
    for group, nodes in members.items():
        nodes.sort(key=lambda n: (-degree[n], n))
        cx, cy = centres[group]
        for node, (dx, dy) in zip(nodes, sunflower(len(nodes)), strict=True):
            positions[node] = (round(cx + dx, 1), round(cy + dy, 1))
    return positions


def _groups(graph: MapGraph) -> dict[str, str]:
    groups: dict[str, str] = {}
    for index, component in enumerate(nx.weakly_connected_components(graph)):
        for node in component:
            explicit = graph.nodes[node].get("group")
            groups[node] = f"g:{explicit}" if explicit is not None else f"c:{index}"
    return groups


def _group_centres(
    graph: MapGraph, groups: dict[str, str], radius: dict[str, float]
) -> dict[str, tuple[float, float]]:
    order = sorted(radius, key=lambda g: (-radius[g], g))
    if len(order) == 1:
        return {order[0]: (0.0, 0.0)}
    total = math.sqrt(sum(r * r for r in radius.values()))
    if len(order) > MAX_SPRING_GROUPS:
        return {
            group: (
                x * 2.2 * total / math.sqrt(len(order)),
                y * 2.2 * total / math.sqrt(len(order)),
            )
            for group, (x, y) in zip(order, sunflower(len(order), spacing=1.0), strict=True)
        }
    between: nx.Graph[str] = nx.Graph()
    between.add_nodes_from(order)
    for source, target in graph.edges():
        a, b = groups[source], groups[target]
        if a != b:
            weight = between.get_edge_data(a, b, default={"weight": 0})["weight"]
            between.add_edge(a, b, weight=weight + 1)
    layout = nx.spring_layout(between, seed=7, weight="weight", iterations=60)
    scale = 2.0 * total
    return {group: (float(x) * scale, float(y) * scale) for group, (x, y) in layout.items()}
