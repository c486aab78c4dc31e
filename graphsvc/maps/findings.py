"""Placing the gap engine's findings on a map: on what each one is about.

A finding lands on the node of its subject (or what stands for it, see
:attr:`GraphBuilder.aliases`), else on a relationship of its evidence that the map
draws as an edge, else (on the client and pathway maps) on the first evidence
node on the map, else on the centre.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from graphsvc.gaps import Finding
from graphsvc.maps.builder import EdgeRef, GraphBuilder
from graphsvc.maps.language import FindingLike, gap_mark
from graphsvc.model import LABELS
from graphsvc.store import Store
from visualise.graph import edge_data, node_data
from visualise.terms import EdgeKind, NodeKind

ON_OUTGOING_EDGE = {"step-without-handoff": EdgeKind.NEXT_STEP}
"""Rules about what leaves their subject: drawn on that edge (the arrow to the next step)."""


def place(b: GraphBuilder, findings: Iterable[FindingLike], *, fallback: bool) -> int:
    """Put each finding on the node or edge it concerns; returns how many were placed."""
    placed = 0
    focus = b.graph.graph.get("focus")
    for finding in findings:
        target = _target(b, finding, fallback=fallback)
        if target is None and fallback and focus is not None:
            target = focus
        if target is None:
            continue
        data = (
            node_data(b.graph.nodes[target])
            if isinstance(target, str)
            else edge_data(b.graph.edges[target])
        )
        data.setdefault("gaps", []).append(gap_mark(finding, b.lang))
        placed += 1
    return placed


async def attach_gaps(
    store: Store, b: GraphBuilder, subject_id: str, day: dt.date, *, scope: str
) -> None:
    """The gap engine's findings on a ``client``, ``pathway`` or ``caseload`` map, those the
    caller may see (:meth:`graphsvc.store.Store.gaps`), so a finding never tells of what
    the map leaves out."""
    if scope == "client":
        b.attach(await store.gaps(clients=[subject_id], as_of=day), fallback=True)
    elif scope == "pathway":
        findings: list[Finding] = await store.gaps(pathway=subject_id, as_of=day)
        # The pathway's own gaps; its clients' gaps belong on their client maps.
        b.attach([f for f in findings if f.client_id is None], fallback=True)
    else:
        clients = [
            key.partition(":")[2]
            for key, data in b.graph.nodes(data=True)
            if node_data(data)["kind"] == NodeKind.CLIENT
        ]
        if clients:
            b.attach(await store.gaps(clients=clients, as_of=day), fallback=False)


def _target(b: GraphBuilder, finding: FindingLike, *, fallback: bool) -> str | EdgeRef | None:
    subject = _resolve(
        b, LABELS.get(finding.subject_type, finding.subject_type), finding.subject_id
    )
    outgoing = ON_OUTGOING_EDGE.get(finding.rule_id)
    if isinstance(subject, str) and outgoing is not None:
        for _, target, key, data in b.graph.out_edges(subject, keys=True, data=True):
            if data["kind"] == outgoing:
                return (subject, target, int(key))
    if subject is not None:
        return subject
    for item in finding.evidence:
        if "type" in item:
            edge = _edge_between(b, item.get("from", ""), item.get("to", ""))
            if edge is not None:
                return edge
    if fallback:
        for item in finding.evidence:
            if "label" in item:
                node = _resolve(b, item["label"], item.get("id", ""))
                if isinstance(node, str):
                    return node
    return None


def _resolve(b: GraphBuilder, label: str, node_id: str) -> str | EdgeRef | None:
    key = f"{label}:{node_id}"
    if key in b.graph:
        return key
    return b.aliases.get(key)


def _edge_between(b: GraphBuilder, source: str, target: str) -> EdgeRef | None:
    first, second = _any_label(b, source), _any_label(b, target)
    if first is None or second is None:
        return None
    for one, other in ((first, second), (second, first)):
        if b.graph.has_edge(one, other):
            return (one, other, int(next(iter(b.graph[one][other]))))
    return None


def _any_label(b: GraphBuilder, node_id: str) -> str | None:
    """An evidence end may be ``Label:id`` or a bare id; a bare id must be unambiguous."""
    if node_id in b.graph:
        return node_id
    matches = [label for label in LABELS.values() if f"{label}:{node_id}" in b.graph]
    return f"{matches[0]}:{node_id}" if len(matches) == 1 else None
