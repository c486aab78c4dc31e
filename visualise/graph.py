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
                provider's node id, to group services by organisation)
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

Any node or edge may carry ``gaps``: a list of :class:`GapMark`, and
``note``: one more line of text for its tooltip. The graph's own attribute
``focus`` names the node at the centre of the map (the client, the
professional, the organisation, the pathway or the region) and ``title`` the
name shown in the heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

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


def gaps_of(data: dict[str, Any]) -> list[GapMark]:
    gaps = data.get("gaps") or []
    return [gap for gap in gaps if isinstance(gap, GapMark)]


def new_graph(*, focus: str | None = None, title: str = "") -> MapGraph:
    graph: MapGraph = nx.MultiDiGraph()
    graph.graph["focus"] = focus
    graph.graph["title"] = title
    return graph
