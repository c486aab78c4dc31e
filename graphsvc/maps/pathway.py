"""The pathway map: steps in order, who is responsible for each, the agreed handoffs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graphsvc.errors import NotFound
from graphsvc.maps.builder import GraphBuilder, cancelled
from graphsvc.maps.language import Count, Words
from graphsvc.store import Reads
from visualise.terms import EdgeKind, NodeKind


async def read(rows: Reads, b: GraphBuilder, pathway_id: str, day: dt.date) -> None:
    found = await rows.rows("maps", "pathway", id=pathway_id)
    if not found:
        raise NotFound(f"no care pathway with id {pathway_id!r}", field="id")
    pathway = found[0]["pathway"]
    me = b.node("CarePathway", pathway, NodeKind.PATHWAY, note=pathway.get("need"))
    b.focus(me, str(pathway.get("name") or pathway_id))
    steps = await rows.rows(
        "maps", "pathway-steps", id=pathway_id, as_of=day, cancelled=cancelled()
    )
    previous: tuple[str, Mapping[str, Any]] | None = None
    for row in steps:
        step = row["step"]
        key = b.node(
            "PathwayStep",
            step,
            NodeKind.STEP,
            order=step.get("order"),
            say=Count(Words.EPISODES_RUNNING, row["active_episodes"]),
        )
        b.edge(me, key, EdgeKind.HAS_STEP)
        org = b.organisation(row["organisation"])
        if org is not None:
            b.edge(key, org, EdgeKind.RESPONSIBLE_ORG)
        if row["service"] is not None:
            b.edge(key, b.service(row["service"]), EdgeKind.USES_SERVICE)
        for owner in row["owners"]:
            person = b.professional(owner["professional"])
            b.data(person).setdefault("roles", []).append(owner["role"])
            b.edge(person, key, EdgeKind.RESPONSIBLE_FOR, role=owner["role"])
        if previous is not None:
            before_key, before = previous
            if before.get("handoff") is None:
                b.edge(before_key, key, EdgeKind.NEXT_STEP)
            else:
                b.edge(before_key, key, EdgeKind.NEXT_STEP, note=before["handoff"])
        previous = (key, step)
