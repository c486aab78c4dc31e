"""What every map reader builds with: a graph under ``Label:id`` keys, in codes only.

Readers (one module per map kind) put nodes and edges through :class:`GraphBuilder`,
whose keyword arguments are the typed contract of :mod:`visualise.graph`. They hold
vocabulary codes and facts; what is said in words (a plan's name, a count, a
handoff's dates) is left as a :data:`~graphsvc.maps.language.Note` and put in the
map's language by :func:`graphsvc.maps.language.localise`, once, after reading.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Unpack

from graphsvc.maps.language import FindingLike, FlowCounts, Note
from graphsvc.vocab import EpisodeStatus, Lang
from visualise.graph import EdgeAttrs, MapGraph, NodeAttrs, NodeData, new_graph, node_data
from visualise.terms import EdgeKind, NodeKind

LOOKBACK_DAYS = 365
"""How far either side of the as-of date episodes and transitions show (handoffs: back only)."""

ADULT_AGE = 18

EdgeRef = tuple[str, str, int]


@dataclass
class GraphBuilder:
    """Collects nodes and edges under ``Label:id`` keys, and what else stands for them.

    ``aliases`` maps a key of something the map does not draw as a node (a
    handoff, a responsibility, a service behind an episode) to the node or
    edge that shows it, so findings about it land in the right place.
    ``notes`` are the texts still to be said in the map's language ``lang``.
    """

    lang: Lang
    graph: MapGraph = field(default_factory=new_graph)
    aliases: dict[str, str | EdgeRef] = field(default_factory=dict)
    notes: dict[str | EdgeRef, Note] = field(default_factory=dict)

    def node(
        self,
        of: str,
        props: Mapping[str, Any],
        kind: NodeKind,
        *,
        say: Note | None = None,
        **attrs: Unpack[NodeAttrs],
    ) -> str:
        """The node of ``props`` (``of``: its Neo4j label), made or given more attributes;
        it is named ``attrs["label"]``, else by its name, else by its id."""
        key = f"{of}:{props['id']}"
        name = attrs.pop("label", None) or props.get("name") or props["id"]
        if key not in self.graph:
            self.graph.add_node(key, kind=kind.value, label=str(name), **_plain(attrs))
        else:
            self.graph.nodes[key].update(_plain(attrs))
        if say is not None:
            self.notes[key] = say
        return key

    def edge(
        self,
        source: str,
        target: str,
        kind: EdgeKind,
        *,
        alias: str | None = None,
        say: Note | None = None,
        **attrs: Unpack[EdgeAttrs],
    ) -> EdgeRef:
        number = self.graph.add_edge(source, target, kind=kind.value, **_plain(attrs))
        ref = (source, target, int(number))
        if alias is not None:
            self.aliases[alias] = ref
        if say is not None:
            self.notes[ref] = say
        return ref

    def responsibility(self, person: str, scope: str, props: Mapping[str, Any]) -> EdgeRef:
        """A responsibility: the role edge from the professional to what it is for."""
        return self.edge(
            person,
            scope,
            EdgeKind.RESPONSIBLE_FOR,
            role=props["role"],
            note=prop(props, "division"),
            alias=f"Responsibility:{props['id']}",
        )

    def attach(self, findings: Iterable[FindingLike], *, fallback: bool) -> int:
        """Put each finding on the node or edge it concerns (:mod:`graphsvc.maps.findings`);
        returns how many were placed."""
        from graphsvc.maps.findings import place

        return place(self, findings, fallback=fallback)

    def data(self, key: str) -> NodeData:
        """A node's attributes, to read or to change."""
        return node_data(self.graph.nodes[key])

    def focus(self, key: str, title: str) -> None:
        self.graph.graph["focus"] = key
        self.graph.graph["title"] = title

    def organisation(self, props: Mapping[str, Any] | None) -> str | None:
        if props is None:
            return None
        return self.node("Organisation", props, NodeKind.ORGANISATION, org_kind=prop(props, "kind"))

    def professional(self, props: Mapping[str, Any]) -> str:
        return self.node(
            "Professional", props, NodeKind.PROFESSIONAL, profession=prop(props, "profession")
        )

    def client(self, props: Mapping[str, Any]) -> str:
        return self.node("Client", props, NodeKind.CLIENT, birth_date=prop(props, "birth_date"))

    def service(self, props: Mapping[str, Any]) -> str:
        return self.node(
            "Service",
            props,
            NodeKind.SERVICE,
            level=prop(props, "level"),
            sector=prop(props, "sector"),
        )

    def plan(self, props: Mapping[str, Any]) -> str:
        """A plan, named by its kind (in the map's language, when localised)."""
        return self.node(
            "Plan",
            props,
            NodeKind.PLAN,
            plan_kind=prop(props, "kind"),
            review_date=prop(props, "review_date"),
        )

    def flows(self, rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any], str, int]]) -> None:
        """One flow edge per pair of organisations, its count the handoffs, its note by status."""
        pairs: dict[tuple[str, str], Counter[str]] = {}
        for source_props, target_props, status, count in rows:
            source = f"Organisation:{source_props['id']}"
            if source not in self.graph:
                self.organisation(source_props)
            target = self.organisation(target_props)
            assert target is not None
            pairs.setdefault((source, target), Counter())[status] += count
        for (source, target), by_status in pairs.items():
            self.edge(
                source,
                target,
                EdgeKind.FLOW,
                count=sum(by_status.values()),
                say=FlowCounts(tuple(sorted(by_status.items()))),
            )


def prop(props: Mapping[str, Any], key: str) -> Any:
    """A property as read, or None: an attribute given None is left off the graph (and
    a Neo4j date becomes its ISO text), so the graph keeps the types of the contract."""
    return props.get(key)


def cancelled() -> str:
    return EpisodeStatus.CANCELLED.value


def age(birth_date: Any, day: dt.date) -> int:
    born = _date(birth_date)
    if born is None:
        return ADULT_AGE
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    to_native = getattr(value, "to_native", None)
    if to_native is not None:
        native: dt.date = to_native()
        return native
    return dt.date.fromisoformat(str(value))


def plain(value: Any) -> Any:
    """Neo4j dates become ISO strings; dicts and lists are walked."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    iso = getattr(value, "iso_format", None)
    if iso is not None:
        return str(iso())
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _plain(attrs: Mapping[str, Any]) -> dict[str, Any]:
    plain_attrs: dict[str, Any] = plain(dict(attrs))
    return plain_attrs
