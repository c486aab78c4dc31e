"""Service maps from the store: Cypher (``cypher/maps/``) in, a networkx graph out, gaps attached.

:func:`map_graph` reads what one map needs in one read transaction and builds
the graph :mod:`visualise.graph` describes; :func:`build_map` draws it. Node ids
in the graph are ``Label:id`` (ids are unique per label only). Findings of the
gap engine are drawn on what they are about: the node of their subject, else
a relationship of their evidence that the map draws as an edge, else (on the
client and pathway maps) the first evidence node on the map, else the centre.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphsvc.database import Database, Record, Transaction
from graphsvc.errors import NotFound
from graphsvc.gaps import Finding
from graphsvc.model import LABELS
from graphsvc.store import AccessPolicy, Store, acl_guards
from graphsvc.vocab import (
    COORDINATING_ROLES,
    EpisodeStatus,
    Lang,
    Role,
    Term,
)
from visualise import builders
from visualise.graph import GapMark, MapGraph, new_graph
from visualise.servicemap import ServiceMap
from visualise.terms import EdgeKind, NodeKind

LOOKBACK_DAYS = 365
"""How far either side of the as-of date episodes and transitions show (handoffs: back only)."""

ADULT_AGE = 18


class MapKind(Term):
    CLIENT = "client", "asiakas", "client"
    PROFESSIONAL = "professional", "ammattilainen", "professional"
    ORGANISATION = "organisation", "organisaatio", "organisation"
    PATHWAY = "pathway", "hoitoketju", "care pathway"
    REGION = "region", "alue", "region"


class FindingLike(Protocol):
    """What a map needs of a :class:`graphsvc.gaps.findings.Finding`."""

    @property
    def rule_id(self) -> str: ...
    @property
    def subject_type(self) -> str: ...
    @property
    def subject_id(self) -> str: ...
    @property
    def client_id(self) -> str | None: ...
    @property
    def evidence(self) -> Sequence[Mapping[str, str]]: ...
    @property
    def severity(self) -> Term: ...
    def title(self, lang: Lang) -> str: ...
    def explanation(self, lang: Lang) -> str: ...
    def remedy(self, lang: Lang) -> str: ...


ON_OUTGOING_EDGE = {"step-without-handoff": EdgeKind.NEXT_STEP}
"""Rules about what leaves their subject: drawn on that edge (the arrow to the next step)."""

EdgeRef = tuple[str, str, int]


@dataclass
class GraphBuilder:
    """Collects nodes and edges under ``Label:id`` keys, and what else stands for them.

    ``aliases`` maps a key of something the map does not draw as a node (a
    handoff, a responsibility, a service behind an episode) to the node or
    edge that shows it, so findings about it land in the right place.
    """

    lang: Lang
    graph: MapGraph = field(default_factory=new_graph)
    aliases: dict[str, str | EdgeRef] = field(default_factory=dict)
    policy: AccessPolicy | None = None
    """The caller's access policy: its predicates go into the map's queries (None: all)."""

    async def read(
        self, tx: Transaction, name: str, acl: Mapping[str, str], **params: Any
    ) -> list[Record]:
        """Run the map query ``name`` with the policy's predicates for its marked variables
        (``acl``: variable -> label), so what the caller may not see is not read."""
        guards, more = acl_guards(self.policy, **acl)
        return await tx.run_guarded("maps", name, guards, **params, **more)

    def node(self, label: str, props: Mapping[str, Any], kind: NodeKind, **attrs: Any) -> str:
        key = f"{label}:{props['id']}"
        name = attrs.pop("name", None) or props.get("name") or props["id"]
        if key not in self.graph:
            self.graph.add_node(key, kind=kind.value, label=str(name), **_plain(attrs))
        else:
            self.graph.nodes[key].update(_plain(attrs))
        return key

    def edge(
        self, source: str, target: str, kind: EdgeKind, *, alias: str | None = None, **attrs: Any
    ) -> EdgeRef:
        number = self.graph.add_edge(source, target, kind=kind.value, **_plain(attrs))
        ref = (source, target, int(number))
        if alias is not None:
            self.aliases[alias] = ref
        return ref

    def focus(self, key: str, title: str) -> None:
        self.graph.graph["focus"] = key
        self.graph.graph["title"] = title

    def organisation(self, props: Mapping[str, Any] | None) -> str | None:
        if props is None:
            return None
        return self.node("Organisation", props, NodeKind.ORGANISATION, org_kind=props.get("kind"))

    def professional(self, props: Mapping[str, Any]) -> str:
        return self.node(
            "Professional", props, NodeKind.PROFESSIONAL, profession=props.get("profession")
        )

    def attach(self, findings: Iterable[FindingLike], *, fallback: bool) -> int:
        """Put each finding on the node or edge it concerns; returns how many were placed."""
        placed = 0
        focus = self.graph.graph.get("focus")
        for finding in findings:
            target = self._target(finding, fallback=fallback)
            if target is None and fallback and focus is not None:
                target = focus
            if target is None:
                continue
            mark = GapMark(
                rule_id=finding.rule_id,
                severity=finding.severity.label(self.lang),
                title=finding.title(self.lang),
                explanation=finding.explanation(self.lang),
                remedy=finding.remedy(self.lang),
            )
            data = self.graph.nodes[target] if isinstance(target, str) else self.graph.edges[target]
            data.setdefault("gaps", []).append(mark)
            placed += 1
        return placed

    def _target(self, finding: FindingLike, *, fallback: bool) -> str | EdgeRef | None:
        subject = self._resolve(
            LABELS.get(finding.subject_type, finding.subject_type), finding.subject_id
        )
        outgoing = ON_OUTGOING_EDGE.get(finding.rule_id)
        if isinstance(subject, str) and outgoing is not None:
            for _, target, key, data in self.graph.out_edges(subject, keys=True, data=True):
                if data["kind"] == outgoing:
                    return (subject, target, int(key))
        if subject is not None:
            return subject
        for item in finding.evidence:
            if "type" in item:
                edge = self._edge_between(item.get("from", ""), item.get("to", ""))
                if edge is not None:
                    return edge
        if fallback:
            for item in finding.evidence:
                if "label" in item:
                    node = self._resolve(item["label"], item.get("id", ""))
                    if isinstance(node, str):
                        return node
        return None

    def _resolve(self, label: str, node_id: str) -> str | EdgeRef | None:
        key = f"{label}:{node_id}"
        if key in self.graph:
            return key
        return self.aliases.get(key)

    def _edge_between(self, source: str, target: str) -> EdgeRef | None:
        first, second = self._any_label(source), self._any_label(target)
        if first is None or second is None:
            return None
        for a, b in ((first, second), (second, first)):
            if self.graph.has_edge(a, b):
                return (a, b, int(next(iter(self.graph[a][b]))))
        return None

    def _any_label(self, node_id: str) -> str | None:
        """An evidence end may be ``Label:id`` or a bare id; a bare id must be unambiguous."""
        if node_id in self.graph:
            return node_id
        matches = [label for label in LABELS.values() if f"{label}:{node_id}" in self.graph]
        return f"{matches[0]}:{node_id}" if len(matches) == 1 else None


async def build_map(
    db: Database,
    kind: MapKind,
    subject_id: str,
    *,
    lang: Lang = "fi",
    as_of: dt.date | None = None,
    policy: AccessPolicy | None = None,
) -> ServiceMap:
    graph = await map_graph(db, kind, subject_id, lang=lang, as_of=as_of, policy=policy)
    draw = {
        MapKind.CLIENT: builders.client_map,
        MapKind.PROFESSIONAL: builders.professional_map,
        MapKind.ORGANISATION: builders.organisation_map,
        MapKind.PATHWAY: builders.pathway_map,
        MapKind.REGION: builders.region_map,
    }[kind]
    return draw(graph, lang)


async def map_graph(
    db: Database,
    kind: MapKind,
    subject_id: str,
    *,
    lang: Lang = "fi",
    as_of: dt.date | None = None,
    policy: AccessPolicy | None = None,
) -> MapGraph:
    """The graph of one map as of a date (default today), with the gap engine's findings on it.

    With a ``policy``, the map holds only what the caller may see (the policy's predicates
    are in the map's Cypher) and only the findings about what it shows."""
    day = dt.date.today() if as_of is None else as_of
    builder = await read_map(db, kind, subject_id, lang=lang, as_of=day, policy=policy)
    await _attach_gaps(db, builder, kind, subject_id, day)
    return builder.graph


async def read_map(
    db: Database,
    kind: MapKind,
    subject_id: str,
    *,
    lang: Lang,
    as_of: dt.date,
    policy: AccessPolicy | None = None,
) -> GraphBuilder:
    """The map's nodes and edges as stored on ``as_of``, in one read transaction; no gaps yet."""
    builder = GraphBuilder(lang, policy=policy)
    read = {
        MapKind.CLIENT: _client,
        MapKind.PROFESSIONAL: _professional,
        MapKind.ORGANISATION: _organisation,
        MapKind.PATHWAY: _pathway,
        MapKind.REGION: _region,
    }[kind]

    async def work(tx: Transaction) -> None:
        await read(tx, builder, subject_id, as_of)

    await db.read_tx(work)
    return builder


async def _client(tx: Transaction, b: GraphBuilder, client_id: str, day: dt.date) -> None:
    rows = await b.read(
        tx, "client", {"c": "Client", "f": "Family", "member": "Client"}, id=client_id
    )
    if not rows:
        raise NotFound(f"no client with id {client_id!r}", field="id")
    (row,) = rows
    client = row["client"]
    me = b.node("Client", client, NodeKind.CLIENT, birth_date=client.get("birth_date"))
    b.focus(me, str(client.get("name") or client_id))
    child = _age(client.get("birth_date"), day) < ADULT_AGE
    members: dict[str, str] = {}
    if row["family"] is not None:
        family = b.node("Family", row["family"], NodeKind.FAMILY)
        for member in row["members"]:
            key = b.node("Client", member, NodeKind.CLIENT, birth_date=member.get("birth_date"))
            members[key] = member.get("role") or ""
            b.edge(key, family, EdgeKind.MEMBER_OF)
    window = {"id": client_id, "as_of": day, "lookback_days": LOOKBACK_DAYS}
    episodes: dict[str, str] = {}
    for row in await b.read(
        tx, "client-episodes", {"e": "Episode"}, cancelled=_cancelled(), **window
    ):
        episode, service = row["episode"], row["service"]
        key = b.node(
            "Episode",
            episode,
            NodeKind.SERVICE,
            name=service.get("name"),
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
            b.graph.nodes[key]["group"] = org
            b.edge(key, org, EdgeKind.PROVIDED_BY)
    plans: dict[str, str] = {}
    for row in await b.read(tx, "client-plans", {"pl": "Plan"}, id=client_id, as_of=day):
        plan = row["plan"]
        key = b.node(
            "Plan",
            plan,
            NodeKind.PLAN,
            name=_label_of("PlanKind", plan.get("kind"), b.lang),
            plan_kind=plan.get("kind"),
            review_date=plan.get("review_date"),
        )
        plans[plan["id"]] = key
        b.edge(me, key, EdgeKind.HAS_PLAN)
        for service_id in row["services"]:
            for episode_key in _episodes_of_service(b, episodes, service_id):
                b.edge(key, episode_key, EdgeKind.COVERS)
        if row["owner"] is not None:
            owner = b.professional(row["owner"])
            b.edge(owner, key, EdgeKind.RESPONSIBLE_FOR, note=_OWNER[b.lang])
    roles: dict[str, list[str]] = {}
    acl = {"r": "Responsibility", "member": "Client", "e": "Episode", "pl": "Plan"}
    for row in await b.read(tx, "client-responsibilities", acl, id=client_id, as_of=day):
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
            b.graph.nodes[person]["coordinator"] = True
        if resp["role"] == Role.CONTACT_PERSON and (scope == me or is_member):
            b.graph.nodes[person]["contact_person"] = True
        b.edge(
            person,
            scope,
            EdgeKind.RESPONSIBLE_FOR,
            role=resp["role"],
            note=resp.get("division"),
            alias=f"Responsibility:{resp['id']}",
        )
        for org_props in row["organisations"]:
            org = b.organisation(org_props)
            if org is not None and not b.graph.has_edge(person, org):
                b.edge(person, org, EdgeKind.WORKS_IN)
                b.graph.nodes[person].setdefault("group", org)
    for person, held in roles.items():
        b.graph.nodes[person]["roles"] = sorted(set(held), key=held.index)
    transitions: dict[str, str] = {}
    for row in await b.read(tx, "client-transitions", {"t": "Transition"}, **window):
        transition = row["transition"]
        key = b.node(
            "Transition",
            transition,
            NodeKind.TRANSITION,
            name=_label_of("TransitionKind", transition.get("kind"), b.lang),
            transition_kind=transition.get("kind"),
            due_date=transition.get("due_date"),
        )
        transitions[transition["id"]] = key
        source = episodes.get(row["from_episode"] or "", me)
        b.edge(source, key, EdgeKind.TRANSITION)
        if row["to_episode"] in episodes:
            b.edge(key, episodes[row["to_episode"]], EdgeKind.TRANSITION)
    for row in await b.read(tx, "client-handoffs", {"h": "Handoff"}, **window):
        handoff = row["handoff"]
        at = transitions.get(row["transition"] or "")
        start = _side(
            b, episodes, row["from_episode"], at, row["from_professional"], row["from_org"]
        )
        end = _side(b, episodes, row["to_episode"], None, row["to_professional"], row["to_org"])
        if start is None or end is None:
            continue
        b.edge(
            start,
            end,
            EdgeKind.HANDOFF,
            status=handoff.get("status"),
            note=_handoff_note(handoff, b.lang),
            alias=f"Handoff:{handoff['id']}",
        )


async def _professional(tx: Transaction, b: GraphBuilder, person_id: str, day: dt.date) -> None:
    rows = await tx.run("maps", "professional", id=person_id, as_of=day)
    if not rows:
        raise NotFound(f"no professional with id {person_id!r}", field="id")
    (row,) = rows
    me = b.professional(row["professional"])
    b.focus(me, str(row["professional"].get("name") or person_id))
    for org_props in row["organisations"]:
        org = b.organisation(org_props)
        if org is not None:
            b.edge(me, org, EdgeKind.WORKS_IN)
    clients: set[str] = set()
    held: list[str] = []
    acl = {"r": "Responsibility", "e": "Episode", "pl": "Plan"}
    for row in await b.read(tx, "professional-responsibilities", acl, id=person_id, as_of=day):
        resp, label, scope = row["responsibility"], row["scope_label"], row["scope"]
        client = None
        if row["client"] is not None:
            client = b.node(
                "Client", row["client"], NodeKind.CLIENT, birth_date=row["client"].get("birth_date")
            )
            clients.add(client)
        if label == "Client":
            target = client
        elif label == "Episode":
            service = row["service"] or {}
            target = b.node(
                "Episode",
                scope,
                NodeKind.SERVICE,
                name=service.get("name"),
                level=service.get("level"),
                sector=service.get("sector"),
                status=scope.get("status"),
                start=scope.get("start"),
                end=scope.get("end"),
            )
            if client is not None:
                b.edge(client, target, EdgeKind.RECEIVES)
        elif label == "Plan":
            target = b.node(
                "Plan",
                scope,
                NodeKind.PLAN,
                name=_label_of("PlanKind", scope.get("kind"), b.lang),
                plan_kind=scope.get("kind"),
                review_date=scope.get("review_date"),
            )
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
        b.edge(
            me,
            target,
            EdgeKind.RESPONSIBLE_FOR,
            role=resp["role"],
            note=resp.get("division"),
            alias=f"Responsibility:{resp['id']}",
        )
    for row in await b.read(
        tx, "professional-plans", {"c": "Client", "pl": "Plan"}, id=person_id, as_of=day
    ):
        client = b.node(
            "Client", row["client"], NodeKind.CLIENT, birth_date=row["client"].get("birth_date")
        )
        clients.add(client)
        plan = b.node(
            "Plan",
            row["plan"],
            NodeKind.PLAN,
            name=_label_of("PlanKind", row["plan"].get("kind"), b.lang),
            plan_kind=row["plan"].get("kind"),
            review_date=row["plan"].get("review_date"),
        )
        if not b.graph.has_edge(client, plan):
            b.edge(client, plan, EdgeKind.HAS_PLAN)
        b.edge(me, plan, EdgeKind.RESPONSIBLE_FOR, note=_OWNER[b.lang])
    b.graph.nodes[me]["caseload"] = len(clients)
    b.graph.nodes[me]["roles"] = sorted(set(held), key=held.index)


async def _organisation(tx: Transaction, b: GraphBuilder, org_id: str, day: dt.date) -> None:
    rows = await tx.run("maps", "organisation", id=org_id)
    if not rows:
        raise NotFound(f"no organisation with id {org_id!r}", field="id")
    (row,) = rows
    me = b.organisation(row["organisation"])
    assert me is not None
    b.focus(me, str(row["organisation"].get("name") or org_id))
    parent = b.organisation(row["parent"])
    if parent is not None:
        b.edge(me, parent, EdgeKind.PART_OF)
    for unit_props in row["units"]:
        unit = b.organisation(unit_props)
        if unit is not None:
            b.edge(unit, me, EdgeKind.PART_OF)
    for row in await tx.run(
        "maps", "organisation-services", id=org_id, as_of=day, cancelled=_cancelled()
    ):
        service = row["service"]
        key = b.node(
            "Service",
            service,
            NodeKind.SERVICE,
            level=service.get("level"),
            sector=service.get("sector"),
            note=_count_note(_RUNNING, row["active_episodes"], b.lang),
            group=me,
        )
        b.edge(key, me, EdgeKind.PROVIDED_BY)
    for row in await tx.run("maps", "organisation-staff", id=org_id, as_of=day):
        person = b.professional(row["professional"])
        b.graph.nodes[person]["note"] = _count_note(
            _RESPONSIBILITIES, row["responsibilities"], b.lang
        )
        b.graph.nodes[person]["group"] = me
        b.edge(person, me, EdgeKind.WORKS_IN)
    flows = await tx.run(
        "maps", "organisation-flows", id=org_id, as_of=day, lookback_days=LOOKBACK_DAYS
    )
    _flows(b, [(r["source"], r["target"], r["status"], r["handoffs"]) for r in flows])


async def _pathway(tx: Transaction, b: GraphBuilder, pathway_id: str, day: dt.date) -> None:
    rows = await tx.run("maps", "pathway", id=pathway_id)
    if not rows:
        raise NotFound(f"no care pathway with id {pathway_id!r}", field="id")
    pathway = rows[0]["pathway"]
    me = b.node("CarePathway", pathway, NodeKind.PATHWAY, note=pathway.get("need"))
    b.focus(me, str(pathway.get("name") or pathway_id))
    steps = await tx.run("maps", "pathway-steps", id=pathway_id, as_of=day, cancelled=_cancelled())
    previous: tuple[str, Mapping[str, Any]] | None = None
    for row in steps:
        step = row["step"]
        key = b.node(
            "PathwayStep",
            step,
            NodeKind.STEP,
            order=step.get("order"),
            note=_count_note(_RUNNING, row["active_episodes"], b.lang),
        )
        b.edge(me, key, EdgeKind.HAS_STEP)
        org = b.organisation(row["organisation"])
        if org is not None:
            b.edge(key, org, EdgeKind.RESPONSIBLE_ORG)
        if row["service"] is not None:
            service = row["service"]
            service_key = b.node(
                "Service",
                service,
                NodeKind.SERVICE,
                level=service.get("level"),
                sector=service.get("sector"),
            )
            b.edge(key, service_key, EdgeKind.USES_SERVICE)
        for owner in row["owners"]:
            person = b.professional(owner["professional"])
            b.graph.nodes[person].setdefault("roles", []).append(owner["role"])
            b.edge(person, key, EdgeKind.RESPONSIBLE_FOR, role=owner["role"])
        if previous is not None:
            before_key, before = previous
            b.edge(before_key, key, EdgeKind.NEXT_STEP, note=before.get("handoff"))
        previous = (key, step)


async def _region(tx: Transaction, b: GraphBuilder, region_id: str, day: dt.date) -> None:
    rows = await tx.run("maps", "region", id=region_id)
    if not rows:
        raise NotFound(f"no region with id {region_id!r}", field="id")
    region = rows[0]["region"]
    b.graph.graph["title"] = str(region.get("name") or region_id)
    parents: dict[str, str] = {}
    for row in await tx.run("maps", "region-organisations", id=region_id):
        key = b.organisation(row["organisation"])
        if key is not None and row["parent"] is not None:
            parents[key] = f"Organisation:{row['parent']}"
    for key, parent in parents.items():
        b.graph.nodes[key]["group"] = parent
        if parent in b.graph:
            b.edge(key, parent, EdgeKind.PART_OF)
    flows = await tx.run(
        "maps", "region-flows", id=region_id, as_of=day, lookback_days=LOOKBACK_DAYS
    )
    _flows(
        b,
        [({"id": r["source"]}, r["target"], r["status"], r["handoffs"]) for r in flows],
    )


def _flows(
    b: GraphBuilder, rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any], str, int]]
) -> None:
    """One flow edge per pair of organisations, its count the handoffs, its note by status."""
    pairs: dict[tuple[str, str], Counter[str]] = {}
    for source_props, target_props, status, count in rows:
        source = f"Organisation:{source_props['id']}"
        if source not in b.graph:
            b.organisation(source_props)
        target = b.organisation(target_props)
        assert target is not None
        pairs.setdefault((source, target), Counter())[status] += count
    for (source, target), by_status in pairs.items():
        note = ", ".join(
            f"{_label_of('HandoffStatus', status, b.lang)} {n}"
            for status, n in sorted(by_status.items())
        )
        b.edge(source, target, EdgeKind.FLOW, count=sum(by_status.values()), note=note)


async def _attach_gaps(
    db: Database, b: GraphBuilder, kind: MapKind, subject_id: str, day: dt.date
) -> None:
    """Findings of the gap engine on the map; organisation and region maps carry none.

    The gap engine reads the whole graph: with a policy, only the findings whose subject
    and evidence the caller may see (asked of the database with the policy's predicates,
    :meth:`graphsvc.store.Store.visible_findings`) are drawn, so a finding never tells
    of what the map leaves out."""
    if kind in (MapKind.ORGANISATION, MapKind.REGION):
        return
    from graphsvc.gaps import find_gaps

    async def find(**scope: Any) -> list[Finding]:
        found = await find_gaps(db, as_of=day, **scope)
        if b.policy is None:
            return found
        return await Store(db, policy=b.policy).visible_findings(found)

    if kind is MapKind.CLIENT:
        b.attach(await find(clients=[subject_id]), fallback=True)
    elif kind is MapKind.PATHWAY:
        findings = await find(pathway=subject_id)
        # The pathway's own gaps; its clients' gaps belong on their client maps.
        b.attach([f for f in findings if f.client_id is None], fallback=True)
    else:
        clients = [
            key.partition(":")[2]
            for key, data in b.graph.nodes(data=True)
            if data["kind"] == NodeKind.CLIENT
        ]
        if clients:
            b.attach(await find(clients=clients), fallback=False)


def _episodes_of_service(
    b: GraphBuilder, episodes: Mapping[str, str], service_id: str
) -> list[str]:
    return [key for key in episodes.values() if b.graph.nodes[key].get("service") == service_id]


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


def _handoff_note(handoff: Mapping[str, Any], lang: Lang) -> str:
    words = {"fi": ("pyydetty", "päätetty", "valmis"), "en": ("requested", "decided", "completed")}
    parts = [
        f"{word} {_plain(handoff[key])}"
        for word, key in zip(words[lang], ("requested", "decided", "completed"), strict=True)
        if handoff.get(key) is not None
    ]
    return ", ".join(parts)


_OWNER = {"fi": "suunnitelman omistaja", "en": "owner of the plan"}
_RUNNING = {"fi": "käynnissä olevia palvelujaksoja", "en": "episodes running"}
_RESPONSIBILITIES = {"fi": "vastuita", "en": "responsibilities"}


def _count_note(words: Mapping[str, str], count: int, lang: Lang) -> str:
    return f"{words[lang]}: {count}"


def _label_of(vocabulary: str, code: Any, lang: Lang) -> str:
    from graphsvc import vocab

    term: type[Term] = getattr(vocab, vocabulary)
    member = next((m for m in term if m.value == code), None)
    return str(code) if member is None else member.label(lang)


def _cancelled() -> str:
    return EpisodeStatus.CANCELLED.value


def _age(birth_date: Any, day: dt.date) -> int:
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


def _plain(value: Any) -> Any:
    """Neo4j dates become ISO strings; dicts and lists are walked."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    iso = getattr(value, "iso_format", None)
    if iso is not None:
        return str(iso())
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
