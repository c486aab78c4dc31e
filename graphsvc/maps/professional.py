"""The caseload map: the clients, episodes, plans and pathway steps of a professional's roles."""

from __future__ import annotations

import datetime as dt

from graphsvc.errors import NotFound
from graphsvc.maps.builder import GraphBuilder, prop
from graphsvc.maps.language import Phrase, Words
from graphsvc.store import Reads
from visualise.terms import EdgeKind, NodeKind


async def read(rows: Reads, b: GraphBuilder, person_id: str, day: dt.date) -> None:
    found = await rows.rows("maps", "professional", id=person_id, as_of=day)
    if not found:
        raise NotFound(f"no professional with id {person_id!r}", field="id")
    (row,) = found
    me = b.professional(row["professional"])
    b.focus(me, str(row["professional"].get("name") or person_id))
    for org_props in row["organisations"]:
        org = b.organisation(org_props)
        if org is not None:
            b.edge(me, org, EdgeKind.WORKS_IN)
    clients: set[str] = set()
    held: list[str] = []
    acl = {"r": "Responsibility", "e": "Episode", "pl": "Plan"}
    for row in await rows.rows(
        "maps", "professional-responsibilities", acl=acl, id=person_id, as_of=day
    ):
        resp, label, scope = row["responsibility"], row["scope_label"], row["scope"]
        client = None
        if row["client"] is not None:
            client = b.client(row["client"])
            clients.add(client)
        if label == "Client":
            target = client
        elif label == "Episode":
            service = row["service"] or {}
            target = b.node(
                "Episode",
                scope,
                NodeKind.SERVICE,
                label=service.get("name") or "",
                level=prop(service, "level"),
                sector=prop(service, "sector"),
                status=scope.get("status"),
                start=scope.get("start"),
                end=scope.get("end"),
            )
            if client is not None:
                b.edge(client, target, EdgeKind.RECEIVES)
        elif label == "Plan":
            target = b.plan(scope)
            if client is not None:
                b.edge(client, target, EdgeKind.HAS_PLAN)
        else:
            target = b.node("PathwayStep", scope, NodeKind.STEP, order=scope.get("order"))
            if row["pathway"] is not None:
                pathway = b.node("CarePathway", row["pathway"], NodeKind.PATHWAY)
                b.edge(pathway, target, EdgeKind.HAS_STEP)
        if target is None:
            continue
        held.append(resp["role"])
        b.responsibility(me, target, resp)
    for row in await rows.rows(
        "maps", "professional-plans", acl={"c": "Client", "pl": "Plan"}, id=person_id, as_of=day
    ):
        client = b.client(row["client"])
        clients.add(client)
        plan = b.plan(row["plan"])
        if not b.graph.has_edge(client, plan):
            b.edge(client, plan, EdgeKind.HAS_PLAN)
        b.edge(me, plan, EdgeKind.RESPONSIBLE_FOR, say=Phrase(Words.PLAN_OWNER))
    b.data(me)["caseload"] = len(clients)
    b.data(me)["roles"] = sorted(set(held), key=held.index)
