"""The five maps: a networkx graph (see :mod:`visualise.graph`) in, a :class:`ServiceMap` out.

All maps share the drawing (:func:`draw`); each builder adds what its map is
about: the client map (palvelukartta) puts the client at the centre, the
pathway map sets the steps in order from left to right, the regional map
scales the handoff flows between organisations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from graphsvc.vocab import (
    EpisodeStatus,
    HandoffStatus,
    Lang,
    OrganisationKind,
    PlanKind,
    Role,
    Sector,
    ServiceLevel,
    Term,
    TransitionKind,
)
from visualise.graph import (
    EdgeData,
    GapMark,
    MapGraph,
    NodeData,
    edge_data,
    gaps_of,
    node_data,
)
from visualise.layout import group_positions, is_large
from visualise.servicemap import GapItem, LegendEntry, ServiceMap, TextItem
from visualise.terms import (
    CONTACT_COLOR,
    COORDINATOR_COLOR,
    EDGE_STYLES,
    FOCUS_COLOR,
    GAP_COLOR,
    NODE_STYLES,
    EdgeKind,
    Mark,
    NodeKind,
    Text,
)

GAP_SIGN = "\u26a0"  # warning sign
COORDINATOR_SIGN = "\u2605"  # black star
CONTACT_SIGN = "\u260e"  # telephone
STEP_SPACING = 280.0
LABEL_INSIDE = frozenset({"box", "ellipse", "database"})

Positions = dict[str, tuple[float, float]]
T = TypeVar("T", bound=Term)


def client_map(graph: MapGraph, lang: Lang) -> ServiceMap:
    """Palvelukartta: the client and family at the centre, services by organisation, roles, gaps."""
    return draw(graph, lang, Text.CLIENT_MAP)


def professional_map(graph: MapGraph, lang: Lang) -> ServiceMap:
    """A professional's caseload: the clients and scopes they hold roles for."""
    return draw(graph, lang, Text.PROFESSIONAL_MAP)


def organisation_map(graph: MapGraph, lang: Lang) -> ServiceMap:
    """An organisation with its units, services, staff and the handoffs in and out."""
    return draw(graph, lang, Text.ORGANISATION_MAP)


def pathway_map(graph: MapGraph, lang: Lang) -> ServiceMap:
    """A care pathway: steps in order, the organisation responsible for each, handoffs, gaps."""
    return draw(graph, lang, Text.PATHWAY_MAP, place=_steps_in_order)


def region_map(graph: MapGraph, lang: Lang) -> ServiceMap:
    """Handoff flows between a region's organisations; edge width grows with the count."""
    return draw(graph, lang, Text.REGION_MAP)


def draw(
    graph: MapGraph,
    lang: Lang,
    heading: Text,
    place: Callable[[MapGraph], Positions] | None = None,
) -> ServiceMap:
    name = str(graph.graph.get("title") or "")
    title = f"{heading.label(lang)}: {name}" if name else heading.label(lang)
    smap = ServiceMap(title, lang)
    focus = graph.graph.get("focus")
    if focus is not None and focus not in graph:
        raise ValueError(f"the map's focus {focus!r} is not a node of the graph")
    fixed: Positions = {} if place is None else place(graph)
    positions: Positions = {}
    if is_large(graph):
        positions = group_positions(graph)
        smap.physics = False
    elif focus is not None and not fixed:
        fixed = {str(focus): (0.0, 0.0)}
    marks: set[Mark] = set()
    node_kinds: set[NodeKind] = set()
    labels: dict[str, str] = {}
    for node, attrs in graph.nodes(data=True):
        data = node_data(attrs)
        kind = _node_kind(node, data)
        node_kinds.add(kind)
        options, node_marks = _node(node, data, kind, lang, is_focus=node == focus)
        marks |= node_marks
        if node in fixed:
            x, y = fixed[node]
            options.update(x=x, y=y, fixed=True)
        elif node in positions:
            x, y = positions[node]
            options.update(x=x, y=y)
        labels[node] = str(data.get("label") or node)
        smap.put_node(node, **options)
        smap.text_items.append(TextItem(kind.label(lang), labels[node], _details(data, lang)))
        smap.gap_items.extend(GapItem(labels[node], gap) for gap in gaps_of(data))
    edge_kinds: set[EdgeKind] = set()
    for source, target, attrs in graph.edges(data=True):
        link = edge_data(attrs)
        edge_kind = _edge_kind(source, target, link)
        edge_kinds.add(edge_kind)
        options = _edge(link, edge_kind, lang)
        if gaps_of(link):
            marks.add(Mark.GAP)
            concerns = f"{edge_kind.label(lang)}: {labels[source]} \u2192 {labels[target]}"
            smap.gap_items.extend(GapItem(concerns, gap) for gap in gaps_of(link))
        smap.put_edge(source, target, **options)
    smap.legend = legend(node_kinds, edge_kinds, marks, lang)
    return smap


def legend(
    node_kinds: Iterable[NodeKind],
    edge_kinds: Iterable[EdgeKind],
    marks: Iterable[Mark],
    lang: Lang,
) -> list[LegendEntry]:
    """What the map shows, in vocabulary order: node looks, then edge looks, then marks."""
    entries = []
    shown_nodes, shown_edges, shown_marks = set(node_kinds), set(edge_kinds), set(marks)
    for node_kind in NodeKind:
        if node_kind in shown_nodes:
            style = NODE_STYLES[node_kind]
            entries.append(LegendEntry(node_kind.label(lang), style.color, shape=style.shape))
    for edge_kind in EdgeKind:
        if edge_kind in shown_edges:
            edge_style = EDGE_STYLES[edge_kind]
            line = "arrow" if edge_style.directed else "dashed" if edge_style.dashed else "solid"
            entries.append(LegendEntry(edge_kind.label(lang), edge_style.color, line=line))
    mark_borders = {
        Mark.FOCUS: (FOCUS_COLOR, ""),
        Mark.COORDINATOR: (COORDINATOR_COLOR, COORDINATOR_SIGN + " "),
        Mark.CONTACT_PERSON: (CONTACT_COLOR, CONTACT_SIGN + " "),
        Mark.GAP: (GAP_COLOR, GAP_SIGN + " "),
    }
    for mark in Mark:
        if mark in shown_marks:
            color, sign = mark_borders[mark]
            entries.append(LegendEntry(sign + mark.label(lang), color, border=color))
    return entries


def _node_kind(node: str, data: NodeData) -> NodeKind:
    kind = _member(NodeKind, data.get("kind"))
    if kind is None:
        raise ValueError(
            f"node {node!r}: kind {data.get('kind')!r} is not one of "
            + ", ".join(kind.value for kind in NodeKind)
        )
    return kind


def _edge_kind(source: str, target: str, data: EdgeData) -> EdgeKind:
    kind = _member(EdgeKind, data.get("kind"))
    if kind is None:
        raise ValueError(
            f"edge {source!r} -> {target!r}: kind {data.get('kind')!r} is not one of "
            + ", ".join(kind.value for kind in EdgeKind)
        )
    return kind


def _member(term: type[T], code: object) -> T | None:
    if not isinstance(code, str):
        return None
    found = term._value2member_map_.get(code)
    return found if isinstance(found, term) else None


def _node(
    node: str, data: NodeData, kind: NodeKind, lang: Lang, *, is_focus: bool
) -> tuple[dict[str, Any], set[Mark]]:
    style = NODE_STYLES[kind]
    label = str(data.get("label") or node)
    if kind is NodeKind.STEP and data.get("order") is not None:
        label = f"{data['order']}. {label}"
    roles = [_label(Role, code, lang) for code in data.get("roles") or []]
    if roles:
        label += "\n" + ", ".join(roles)
    marks: set[Mark] = set()
    border, border_width, size = style.color, 1, style.size
    signs = ""
    if is_focus:
        marks.add(Mark.FOCUS)
        border, border_width, size = FOCUS_COLOR, 3, size + 10
    if data.get("contact_person"):
        marks.add(Mark.CONTACT_PERSON)
        border, border_width, signs = CONTACT_COLOR, 4, CONTACT_SIGN + " " + signs
    if data.get("coordinator"):
        marks.add(Mark.COORDINATOR)
        border, border_width, signs = COORDINATOR_COLOR, 5, COORDINATOR_SIGN + " " + signs
    gaps = gaps_of(data)
    if gaps:
        marks.add(Mark.GAP)
        border, border_width, signs = GAP_COLOR, 5, GAP_SIGN + " " + signs
    lines = [f"{kind.label(lang)}: {data.get('label') or node}"]
    details = _details(data, lang)
    if details:
        lines.append(details)
    if data.get("coordinator"):
        lines.append(f"{COORDINATOR_SIGN} {Mark.COORDINATOR.label(lang)}")
    if data.get("contact_person"):
        lines.append(f"{CONTACT_SIGN} {Mark.CONTACT_PERSON.label(lang)}")
    if data.get("note"):
        lines.append(str(data["note"]))
    lines.extend(_gap_lines(gaps, lang))
    options: dict[str, Any] = {
        "label": signs + label,
        "title": "\n".join(lines),
        "shape": style.shape,
        "size": size,
        "color": {
            "background": style.color,
            "border": border,
            "highlight": {"background": style.color, "border": "#000000"},
        },
        "borderWidth": border_width,
        "borderWidthSelected": border_width + 2,
        "kind": kind.value,
        "gapCount": len(gaps),
    }
    if style.shape in LABEL_INSIDE:
        options["font"] = {"color": "#1a1a1a"}
        options["widthConstraint"] = {"maximum": 170}
    return options, marks


def _edge(data: EdgeData, kind: EdgeKind, lang: Lang) -> dict[str, Any]:
    style = EDGE_STYLES[kind]
    label = _edge_label(data, kind, lang)
    gaps = gaps_of(data)
    lines = [kind.label(lang) + (f": {label}" if label else "")]
    if data.get("note"):
        lines.append(str(data["note"]))
    lines.extend(_gap_lines(gaps, lang))
    width = style.width
    if kind is EdgeKind.FLOW:
        width = 1 + 2 * math.log2(1 + int(data.get("count") or 0))
    options: dict[str, Any] = {
        "title": "\n".join(lines),
        "color": {"color": style.color, "highlight": "#000000"},
        "width": width,
        "dashes": style.dashed,
        "arrows": {"to": {"enabled": style.directed}},
        "kind": kind.value,
        "gapCount": len(gaps),
    }
    if gaps:
        label = f"{GAP_SIGN} {label}".strip()
        options.update(color={"color": GAP_COLOR, "highlight": GAP_COLOR}, dashes=True, width=4)
    if label:
        options["label"] = label
    return options


def _edge_label(data: EdgeData, kind: EdgeKind, lang: Lang) -> str:
    parts: list[str] = []
    if data.get("role"):
        parts.append(_label(Role, data["role"], lang))
    if data.get("transition_kind"):
        parts.append(_label(TransitionKind, data["transition_kind"], lang))
    if data.get("due_date"):
        parts.append(str(data["due_date"]))
    if data.get("status") and kind is EdgeKind.HANDOFF:
        parts.append(_label(HandoffStatus, data["status"], lang))
    if data.get("count") is not None:
        parts.append(str(data["count"]))
    return ", ".join(parts)


def _details(data: NodeData, lang: Lang) -> str:
    """One line with what else is known of a node, in the map's language."""
    parts: list[str] = []
    vocab: list[tuple[str | None, type[Term]]] = [
        (data.get("org_kind"), OrganisationKind),
        (data.get("plan_kind"), PlanKind),
        (data.get("level"), ServiceLevel),
        (data.get("sector"), Sector),
        (data.get("status"), EpisodeStatus),
        (data.get("transition_kind"), TransitionKind),
    ]
    for code, term in vocab:
        if code:
            parts.append(_label(term, code, lang))
    if data.get("profession"):
        parts.append(str(data["profession"]))
    if data.get("start"):
        parts.append(f"{data['start']} \u2013 {data.get('end') or ''}".strip())
    if data.get("due_date"):
        parts.append(str(data["due_date"]))
    if data.get("birth_date"):
        parts.append(str(data["birth_date"]))
    if data.get("review_date"):
        parts.append(f"{Text.REVIEW.label(lang)} {data['review_date']}")
    if data.get("caseload") is not None:
        parts.append(f"{Text.CASELOAD.label(lang)} {data['caseload']}")
    return ", ".join(parts)


def _gap_lines(gaps: list[GapMark], lang: Lang) -> list[str]:
    lines = []
    for gap in gaps:
        lines.append(f"\n{GAP_SIGN} {gap.title} ({gap.severity})")
        lines.append(f"{Text.EXPLANATION.label(lang)}: {gap.explanation}")
        lines.append(f"{Text.REMEDY.label(lang)}: {gap.remedy}")
    return lines


def _label(term: type[Term], code: Any, lang: Lang) -> str:
    member = _member(term, code)
    return str(code) if member is None else member.label(lang)


def _steps_in_order(graph: MapGraph) -> Positions:
    steps = [
        (int(node_data(data).get("order") or 0), node)
        for node, data in graph.nodes(data=True)
        if node_data(data).get("kind") == NodeKind.STEP
    ]
    positions = {node: (index * STEP_SPACING, 0.0) for index, (_, node) in enumerate(sorted(steps))}
    focus = graph.graph.get("focus")
    if focus is not None and focus not in positions:
        positions[str(focus)] = (-STEP_SPACING, 0.0)
    return positions
