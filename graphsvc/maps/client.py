"""The client map (palvelukartta): the client and family, services, people, plans, transitions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graphsvc.errors import NotFound
from graphsvc.maps.builder import ADULT_AGE, LOOKBACK_DAYS, GraphBuilder, age, cancelled, plain
from graphsvc.maps.language import Dates, Phrase, Words
from graphsvc.store import Reads
from graphsvc.vocab import COORDINATING_ROLES, Role
from visualise.terms import EdgeKind, NodeKind

HANDOFF_DATES = (
    (Words.REQUESTED, "requested"),
    (Words.DECIDED, "decided"),
    (Words.COMPLETED, "completed"),
)


async def read(rows: Reads, b: GraphBuilder, client_id: str, day: dt.date) -> None:
    found = await rows.rows(
        "maps", "client", acl={"c": "Client", "f": "Family", "member": "Client"}, id=client_id
    )
    if not found:
        raise NotFound(f"no client with id {client_id!r}", field="id")
    (row,) = found
    client = row["client"]
    me = b.client(client)
    b.focus(me, str(client.get("name") or client_id))
    child = age(client.get("birth_date"), day) < ADULT_AGE
    if row["family"] is not None:
        family = b.node("Family", row["family"], NodeKind.FAMILY)
        for member in row["members"]:
            b.edge(b.client(member), family, EdgeKind.MEMBER_OF)
    window = {"id": client_id, "as_of": day, "lookback_days": LOOKBACK_DAYS}
    episodes: dict[str, str] = {}
    for row in await rows.rows(
        "maps", "client-episodes", acl={"e": "Episode"}, cancelled=cancelled(), **window
    ):
        episode, service = row["episode"], row["service"]
        key = b.node(
            "Episode",
            episode,
            NodeKind.SERVICE,
            label=service.get("name"),
            service=service["id"],
            level=service.get("level"),
            sector=service.get("sector"),
            status=episode.get("status"),
            start=episode.get("start"),
            end=episode.get("end"),
        )
        episodes[episode["id"]] = key
        b.aliases.setdefault(f"Service:{service['id']}", key)
        b.edge(me, key, EdgeKind.RECEIVES, alias=f"HAS_EPISODE:{episode['id']}")
        org = b.organisation(row["organisation"])
        if org is not None:
            b.data(key)["group"] = org
            b.edge(key, org, EdgeKind.PROVIDED_BY)
    for row in await rows.rows("maps", "client-plans", acl={"pl": "Plan"}, id=client_id, as_of=day):
        key = b.plan(row["plan"])
        b.edge(me, key, EdgeKind.HAS_PLAN)
        for service_id in row["services"]:
            for episode_key in _episodes_of_service(b, episodes, service_id):
                b.edge(key, episode_key, EdgeKind.COVERS)
        if row["owner"] is not None:
            owner = b.professional(row["owner"])
            b.edge(owner, key, EdgeKind.RESPONSIBLE_FOR, say=Phrase(Words.PLAN_OWNER))
    roles: dict[str, list[str]] = {}
    acl = {"r": "Responsibility", "member": "Client", "e": "Episode", "pl": "Plan"}
    for row in await rows.rows("maps", "client-responsibilities", acl=acl, id=client_id, as_of=day):
        resp, label, scope_id = row["responsibility"], row["scope_label"], row["scope_id"]
        scope = f"{label}:{scope_id}"
        is_member = label == "Client" and scope != me
        if is_member and not (child and resp.get("role") == Role.CONTACT_PERSON):
            continue
        if scope not in b.graph:
            continue
        person = b.professional(row["professional"])
        roles.setdefault(person, []).append(resp["role"])
        if scope == me and resp["role"] in COORDINATING_ROLES:
            b.data(person)["coordinator"] = True
        if resp["role"] == Role.CONTACT_PERSON and (scope == me or is_member):
            b.data(person)["contact_person"] = True
        b.responsibility(person, scope, resp)
        for org_props in row["organisations"]:
            org = b.organisation(org_props)
            if org is not None and not b.graph.has_edge(person, org):
                b.edge(person, org, EdgeKind.WORKS_IN)
                b.data(person).setdefault("group", org)
    for person, held in roles.items():
        b.data(person)["roles"] = sorted(set(held), key=held.index)
    transitions: dict[str, str] = {}
    for row in await rows.rows("maps", "client-transitions", acl={"t": "Transition"}, **window):
        transition = row["transition"]
        key = b.node(
            "Transition",
            transition,
            NodeKind.TRANSITION,
            transition_kind=transition.get("kind"),
            due_date=transition.get("due_date"),
        )
        transitions[transition["id"]] = key
        source = episodes.get(row["from_episode"] or "", me)
        b.edge(source, key, EdgeKind.TRANSITION)
        if row["to_episode"] in episodes:
            b.edge(key, episodes[row["to_episode"]], EdgeKind.TRANSITION)
    for row in await rows.rows("maps", "client-handoffs", acl={"h": "Handoff"}, **window):
        handoff = row["handoff"]
        at = transitions.get(row["transition"] or "")
        start = _side(
            b, episodes, row["from_episode"], at, row["from_professional"], row["from_org"]
        )
        end = _side(b, episodes, row["to_episode"], None, row["to_professional"], row["to_org"])
        if start is None or end is None:
            continue
        dates = tuple(
            (word, str(plain(handoff[key])))
            for word, key in HANDOFF_DATES
            if handoff.get(key) is not None
        )
        b.edge(
            start,
            end,
            EdgeKind.HANDOFF,
            status=handoff.get("status"),
            say=Dates(dates),
            alias=f"Handoff:{handoff['id']}",
        )


def _episodes_of_service(
    b: GraphBuilder, episodes: Mapping[str, str], service_id: str
) -> list[str]:
    return [key for key in episodes.values() if b.data(key).get("service") == service_id]


def _side(
    b: GraphBuilder,
    episodes: Mapping[str, str],
    episode_id: str | None,
    transition: str | None,
    professional: Mapping[str, Any] | None,
    organisation: Mapping[str, Any] | None,
) -> str | None:
    """Where a handoff starts or ends: the episode, the transition, the person, the organisation."""
    if episode_id in episodes:
        return episodes[episode_id or ""]
    if transition is not None:
        return transition
    if professional is not None:
        return b.professional(professional)
    return b.organisation(organisation)
