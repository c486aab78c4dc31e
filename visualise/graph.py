"""The networkx graph a map is drawn from: what its nodes and edges carry.

Every node has ``kind`` (a :class:`~visualise.terms.NodeKind` code) and
``label``; every edge has ``kind`` (an :class:`~visualise.terms.EdgeKind`
code). Vocabulary values stay codes and are labelled in the map's language:

=============== ===========================================================
node kind       optional attributes
=============== ===========================================================
client          ``birth_date``
organisation    ``org_kind`` (OrganisationKind), ``group`` (for big maps)
service         ``level`` (ServiceLevel), ``sector`` (Sector), ``status``
                (EpisodeStatus), ``start``, ``end``, ``organisation`` (the
                provider's node id, to group services by organisation),
                ``service`` (the service's id, for an episode)
professional    ``profession``, ``roles`` (list of Role codes),
                ``coordinator`` and ``contact_person`` (bool marks),
                ``caseload`` (int)
plan            ``plan_kind`` (PlanKind), ``review_date``
step            ``order`` (int)
transition      ``transition_kind`` (TransitionKind), ``due_date``
=============== ===========================================================

Edges may carry ``role`` (Role, on ``responsible_for``), ``transition_kind``
(TransitionKind) and ``due_date`` (on ``transition``), ``status``
(HandoffStatus, on ``handoff``), ``count`` (int, on ``flow``).

:class:`NodeData` and :class:`EdgeData` state this contract for mypy; the store side
(:mod:`graphsvc.maps`) writes nodes and edges through them, the builders read them.

Any node or edge may carry ``gaps``: a list of :class:`GapMark`, and
``note``: one more line of text for its tooltip. The graph's own attribute
``focus`` names the node at the centre of the map (the client, the
professional, the organisation, the pathway or the region) and ``title`` the
name shown in the heading.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Required, TypeAlias, TypedDict, cast

import networkx as nx

MapGraph: TypeAlias = "nx.MultiDiGraph[str]"


@dataclass(frozen=True)
class GapMark:
    """One coordination gap, already in the map's language."""

    rule_id: str
    severity: str
    title: str
    explanation: str
    remedy: str


class NodeAttrs(TypedDict, total=False):
    """What a node may carry besides its ``kind`` (the table above)."""

    label: str
    birth_date: str
    org_kind: str
    group: str
    level: str
    sector: str
    status: str
    start: str
    end: str
    organisation: str
    service: str  # the id of the service behind an episode drawn as a service node
    profession: str
    roles: list[str]
    coordinator: bool
    contact_person: bool
    caseload: int
    plan_kind: str
    review_date: str
    order: int
    transition_kind: str
    due_date: str
    note: str
    gaps: list[GapMark]


class NodeData(NodeAttrs, total=False):
    """The attributes of a map node: the contract between the store side and the builders."""

    kind: Required[str]


class EdgeAttrs(TypedDict, total=False):
    """What an edge may carry besides its ``kind``."""

    role: str
    transition_kind: str
    due_date: str
    status: str
    count: int
    note: str
    gaps: list[GapMark]


class EdgeData(EdgeAttrs, total=False):
    """The attributes of a map edge."""

    kind: Required[str]


def node_data(data: Mapping[str, Any]) -> NodeData:
    """A node's attributes as the contract names them (networkx keeps them untyped)."""
    return cast(NodeData, data)


def edge_data(data: Mapping[str, Any]) -> EdgeData:
    return cast(EdgeData, data)


def gaps_of(data: NodeData | EdgeData) -> list[GapMark]:
    gaps = data.get("gaps") or []
    return [gap for gap in gaps if isinstance(gap, GapMark)]


def new_graph(*, focus: str | None = None, title: str = "") -> MapGraph:
    graph: MapGraph = nx.MultiDiGraph()
    graph.graph["focus"] = focus
    graph.graph["title"] = title
    return graph
