"""GraphQL object types: one per node label of ``docs/model.md``.

Each type is built from a store :class:`~graphsvc.store.Node`; relations are
resolved through the request's DataLoaders (:mod:`graphsvc.api.context`).
Property names are the model's, in camelCase.
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date
from typing import Annotated, Any, TypeVar, cast

import strawberry
from strawberry.types import Info

from graphsvc import vocab
from graphsvc.api.context import Context
from graphsvc.api.docs import RECORDS, described, documented, vocabulary
from graphsvc.api.gaps import Gap, mentions
from graphsvc.api.relations import SCOPE_HOPS, Hop, hop
from graphsvc.model import DOCS
from graphsvc.store import Link, Node

for _vocabulary, _description in (
    (
        vocab.OrganisationKind,
        "What kind of organisation: a county, a unit, a municipality's sector, ...",
    ),
    (
        vocab.ServiceLevel,
        "The level of a service: basic, special or most demanding (perus / erityis / vaativa).",
    ),
    (vocab.Sector, "The sector a service belongs to."),
    (vocab.EpisodeStatus, "The status of a service episode, as the source system gave it."),
    (vocab.Role, "The role a professional holds in a responsibility."),
    (vocab.PlanKind, "The kind of a client's plan."),
    (
        vocab.PlanningMode,
        "How a plan was made; mediated planning without the client needs consent.",
    ),
    (vocab.GoalDirection, "Which way a goal pulls; work and pension, say, pull apart."),
    (vocab.GoalStatus, "How far a goal has been reached."),
    (vocab.GoalFeedback, "How the goals of the previous plan were met."),
    (vocab.ConsentPurpose, "What information moved under a consent may be used for."),
    (vocab.TransitionKind, "The kind of a transition (nivel- tai siirtymävaihe)."),
    (
        vocab.HandoffStatus,
        "Where a handoff is: requested, then accepted or rejected, then completed.",
    ),
    (vocab.FamilyRole, "A client's role in their family."),
):
    vocabulary(_vocabulary, _description)

Ctx = Info[Context, None]
T = TypeVar("T")
TYPES: dict[str, type[Any]] = {}


def node_type(label: str) -> Any:
    """Registers the object type of a node label, its descriptions filled from the model."""

    def register(cls: type[T]) -> type[T]:
        TYPES[label] = described(RECORDS[label])(cls)
        return cls

    return register


def build(node: Node) -> Any:
    """The GraphQL object for a store node, its fields taken from the node's properties."""
    cls = TYPES[node.label]
    values: dict[str, Any] = {"node": node}
    for f in dataclasses.fields(cls):
        if f.init and f.name != "node":
            if f.name in node.props:
                values[f.name] = node.props[f.name]
            elif f.default is dataclasses.MISSING:
                values[f.name] = None
    return cls(**values)


async def _links(info: Ctx, node: Node, hop: Hop) -> list[Link]:
    """The node's links along ``hop``: as read with the node by the compiled query of
    the request, or else through the request's DataLoader."""
    if node.links is not None and hop in node.links:
        return list(node.links[hop])
    found = await info.context.loaders.links.load((node.label, hop.direction, hop.type, node.id))
    return [link for link in found if link.node.label == hop.label]


def build_as(cls: type[T], node: Node) -> T:
    built = build(node)
    assert isinstance(built, cls), f"{node.label} {node.id} is not a {cls.__name__}"
    return built


def many(info: Ctx, node: Node, field: str, cls: type[T]) -> list[T]:
    """The relation ``field`` of the node's type, as the model declares it.

    When the request's compiled query read the relation, the list itself, so
    the field resolves without a trip through the event loop; otherwise an
    awaitable through the DataLoader, which graphql-core awaits."""
    found = _compiled(node, hop(node.label, field))
    if found is not None:
        return [build_as(cls, link.node) for link in found]
    return cast(list[T], _many(info, node, field, cls))


def one(info: Ctx, node: Node, field: str, cls: type[T]) -> T | None:
    found = _compiled(node, hop(node.label, field))
    if found is not None:
        return build_as(cls, found[0].node) if found else None
    return cast(T | None, _one(info, node, field, cls))


def _compiled(node: Node, hop: Hop) -> tuple[Link, ...] | None:
    return node.links.get(hop) if node.links is not None else None


async def _many(info: Ctx, node: Node, field: str, cls: type[T]) -> list[T]:
    found = await _links(info, node, hop(node.label, field))
    return [build_as(cls, link.node) for link in found]


async def _one(info: Ctx, node: Node, field: str, cls: type[T]) -> T | None:
    found = await _links(info, node, hop(node.label, field))
    return build_as(cls, found[0].node) if found else None


@node_type("Region")
@strawberry.type
class Region:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    name: str

    @strawberry.field
    def organisations(self, info: Ctx) -> list[Organisation]:
        return many(info, self.node, "organisations", Organisation)

    @strawberry.field
    def care_pathways(self, info: Ctx) -> list[CarePathway]:
        return many(info, self.node, "care_pathways", CarePathway)


@node_type("Organisation")
@strawberry.type
class Organisation:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    name: str
    kind: vocab.OrganisationKind

    @strawberry.field
    def region(self, info: Ctx) -> Region | None:
        return one(info, self.node, "region", Region)

    @strawberry.field
    def parent(self, info: Ctx) -> Organisation | None:
        return one(info, self.node, "parent", Organisation)

    @documented("Organisations that are part of this one.")
    def units(self, info: Ctx) -> list[Organisation]:
        return many(info, self.node, "units", Organisation)

    @strawberry.field
    def services(self, info: Ctx) -> list[Service]:
        return many(info, self.node, "services", Service)

    @documented("The region's gaps that are about this organisation or show it as evidence.")
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        regions = await _links(info, self.node, hop("Organisation", "region"))
        if not regions:
            return []
        found = await info.context.loaders.region_gaps.load((regions[0].node.id, as_of))
        return [Gap.of(f) for f in found if mentions(f, "Organisation", self.id)]

    @documented("Who works in the organisation, over which periods.")
    async def staff(self, info: Ctx) -> list[Employment]:
        links = await _links(info, self.node, hop("Organisation", "staff"))
        return [
            Employment.of(link, professional=link.node, organisation=self.node) for link in links
        ]


@strawberry.type(description="A professional working in an organisation over a period (WORKS_IN).")
class Employment:
    professional: Professional = strawberry.field(description="The professional employed.")
    organisation: Organisation = strawberry.field(description="The employing organisation.")
    valid_from: date | None = strawberry.field(description=DOCS["professional.valid_from"])
    valid_to: date | None = strawberry.field(description=DOCS["professional.valid_to"])

    @classmethod
    def of(cls, link: Link, *, professional: Node, organisation: Node) -> Employment:
        return cls(
            professional=build(professional),
            organisation=build(organisation),
            valid_from=link.props.get("valid_from"),
            valid_to=link.props.get("valid_to"),
        )


@node_type("Family")
@strawberry.type
class Family:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    name: str

    @documented("The family's members and their roles in it.")
    async def members(self, info: Ctx) -> list[FamilyMember]:
        links = await _links(info, self.node, hop("Family", "members"))
        return [FamilyMember(client=build(link.node), role=link.props["role"]) for link in links]


@strawberry.type(description="A client as a member of a family (MEMBER_OF).")
class FamilyMember:
    client: Client = strawberry.field(description="The member.")
    role: vocab.FamilyRole = strawberry.field(description="The member's role in the family.")


@node_type("Client")
@strawberry.type
class Client:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    name: str
    birth_date: date
    long_term_illness: bool = False
    municipality: str | None = None

    @strawberry.field
    def region(self, info: Ctx) -> Region | None:
        return one(info, self.node, "region", Region)

    @strawberry.field
    def family(self, info: Ctx) -> Family | None:
        return one(info, self.node, "family", Family)

    @strawberry.field
    async def family_role(self, info: Ctx) -> vocab.FamilyRole | None:
        links = await _links(info, self.node, hop("Client", "family"))
        role: vocab.FamilyRole | None = links[0].props["role"] if links else None
        return role

    @strawberry.field
    def episodes(self, info: Ctx) -> list[Episode]:
        return many(info, self.node, "episodes", Episode)

    @documented("Services of the client's episodes (any period), each once.")
    async def services(self, info: Ctx) -> list[Service]:
        episodes = await _links(info, self.node, hop("Client", "episodes"))
        service = hop("Episode", "service")
        found = await asyncio.gather(*(_links(info, e.node, service) for e in episodes))
        services = {s.node.id: s.node for links in found for s in links}
        return [build(services[id]) for id in sorted(services)]

    @documented("Responsibilities held for the client as a whole.")
    def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return many(info, self.node, "responsibilities", Responsibility)

    @documented("Professionals holding a responsibility for the client, each once.")
    async def professionals(self, info: Ctx) -> list[Professional]:
        held = await _links(info, self.node, hop("Client", "responsibilities"))
        holder = hop("Responsibility", "professional")
        found = await asyncio.gather(*(_links(info, r.node, holder) for r in held))
        people = {p.node.id: p.node for links in found for p in links}
        return [build(people[id]) for id in sorted(people)]

    @strawberry.field
    def plans(self, info: Ctx) -> list[Plan]:
        return many(info, self.node, "plans", Plan)

    @strawberry.field
    def consents(self, info: Ctx) -> list[Consent]:
        return many(info, self.node, "consents", Consent)

    @strawberry.field
    def transitions(self, info: Ctx) -> list[Transition]:
        return many(info, self.node, "transitions", Transition)

    @strawberry.field
    def handoffs(self, info: Ctx) -> list[Handoff]:
        return many(info, self.node, "handoffs", Handoff)

    @documented("Coordination gaps around the client, as of a date (default today).")
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        found = await info.context.loaders.client_gaps.load((self.id, as_of))
        return [Gap.of(finding) for finding in found]


@node_type("Professional")
@strawberry.type
class Professional:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    name: str
    profession: str

    @documented("Where the professional works, over which periods.")
    async def employments(self, info: Ctx) -> list[Employment]:
        links = await _links(info, self.node, hop("Professional", "employments"))
        return [
            Employment.of(link, professional=self.node, organisation=link.node) for link in links
        ]

    @strawberry.field
    def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return many(info, self.node, "responsibilities", Responsibility)

    @documented("Plans this professional keeps up to date (OWNED_BY).")
    def owned_plans(self, info: Ctx) -> list[Plan]:
        return many(info, self.node, "owned_plans", Plan)


@node_type("Service")
@strawberry.type
class Service:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    name: str
    kind: str
    level: vocab.ServiceLevel
    sector: vocab.Sector

    @strawberry.field
    def provider(self, info: Ctx) -> Organisation | None:
        return one(info, self.node, "provider", Organisation)


@node_type("Episode")
@strawberry.type
class Episode:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    start: date
    status: vocab.EpisodeStatus
    end: date | None = None

    @strawberry.field
    def client(self, info: Ctx) -> Client | None:
        return one(info, self.node, "client", Client)

    @strawberry.field
    def service(self, info: Ctx) -> Service | None:
        return one(info, self.node, "service", Service)

    @strawberry.field
    def step(self, info: Ctx) -> PathwayStep | None:
        return one(info, self.node, "step", PathwayStep)

    @strawberry.field
    def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return many(info, self.node, "responsibilities", Responsibility)


@node_type("Responsibility")
@strawberry.type
class Responsibility:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    role: vocab.Role
    valid_from: date
    valid_to: date | None = None
    division: str | None = None

    @strawberry.field
    def professional(self, info: Ctx) -> Professional | None:
        return one(info, self.node, "professional", Professional)

    @documented(
        "What the responsibility is for: a client, episode, plan or step; null for a "
        "responsibility for a family."
    )
    async def scope(self, info: Ctx) -> Scope | None:
        scopes = await asyncio.gather(*(_links(info, self.node, h) for h in SCOPE_HOPS.values()))
        found = [link for links in scopes for link in links]
        scope: Client | Episode | Plan | PathwayStep | None = (
            build(found[0].node) if found else None
        )
        return scope


@node_type("Plan")
@strawberry.type
class Plan:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    kind: vocab.PlanKind
    valid_from: date
    mode: vocab.PlanningMode | None = None
    client_participated: bool | None = None
    review_date: date | None = None
    previous_goals_feedback: vocab.GoalFeedback | None = None
    valid_to: date | None = None

    @strawberry.field
    def client(self, info: Ctx) -> Client | None:
        return one(info, self.node, "client", Client)

    @strawberry.field
    def owner(self, info: Ctx) -> Professional | None:
        return one(info, self.node, "owner", Professional)

    @strawberry.field
    def participants(self, info: Ctx) -> list[Professional]:
        return many(info, self.node, "participants", Professional)

    @strawberry.field
    def services(self, info: Ctx) -> list[Service]:
        return many(info, self.node, "services", Service)

    @strawberry.field
    def goals(self, info: Ctx) -> list[Goal]:
        return many(info, self.node, "goals", Goal)

    @documented("The client's gaps that are about this plan or show it as evidence.")
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        owners = await _links(info, self.node, hop("Plan", "client"))
        if not owners:
            return []
        found = await info.context.loaders.client_gaps.load((owners[0].node.id, as_of))
        return [Gap.of(f) for f in found if mentions(f, "Plan", self.id)]

    @strawberry.field
    def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return many(info, self.node, "responsibilities", Responsibility)


@node_type("Goal")
@strawberry.type
class Goal:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    text: str
    direction: vocab.GoalDirection
    status: vocab.GoalStatus

    @strawberry.field
    def plan(self, info: Ctx) -> Plan | None:
        return one(info, self.node, "plan", Plan)


@node_type("Consent")
@strawberry.type
class Consent:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    purpose: vocab.ConsentPurpose
    valid_from: date
    valid_to: date | None = None
    withdrawn: date | None = None

    @strawberry.field
    def client(self, info: Ctx) -> Client | None:
        return one(info, self.node, "client", Client)

    @strawberry.field
    def from_org(self, info: Ctx) -> Organisation | None:
        return one(info, self.node, "from_org", Organisation)

    @strawberry.field
    def to_org(self, info: Ctx) -> Organisation | None:
        return one(info, self.node, "to_org", Organisation)


@node_type("CarePathway")
@strawberry.type
class CarePathway:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    name: str
    need: str

    @strawberry.field
    def region(self, info: Ctx) -> Region | None:
        return one(info, self.node, "region", Region)

    @documented("Gaps of the pathway itself (its steps, owners and handoffs).")
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        found = await info.context.loaders.pathway_gaps.load((self.id, as_of))
        return [Gap.of(finding) for finding in found]

    @documented("The steps in order.")
    async def steps(self, info: Ctx) -> list[PathwayStep]:
        steps = await _many(info, self.node, "steps", PathwayStep)
        return sorted(steps, key=lambda step: step.order)


@node_type("PathwayStep")
@strawberry.type
class PathwayStep:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    order: int
    name: str
    handoff: str | None = None

    @strawberry.field
    def pathway(self, info: Ctx) -> CarePathway | None:
        return one(info, self.node, "pathway", CarePathway)

    @strawberry.field
    def organisation(self, info: Ctx) -> Organisation | None:
        return one(info, self.node, "organisation", Organisation)

    @strawberry.field
    def service(self, info: Ctx) -> Service | None:
        return one(info, self.node, "service", Service)

    @strawberry.field
    def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return many(info, self.node, "responsibilities", Responsibility)


@node_type("Transition")
@strawberry.type
class Transition:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    kind: vocab.TransitionKind
    due_date: date

    @strawberry.field
    def client(self, info: Ctx) -> Client | None:
        return one(info, self.node, "client", Client)

    @strawberry.field
    def from_episode(self, info: Ctx) -> Episode | None:
        return one(info, self.node, "from_episode", Episode)

    @strawberry.field
    def to_episode(self, info: Ctx) -> Episode | None:
        return one(info, self.node, "to_episode", Episode)


@node_type("Handoff")
@strawberry.type
class Handoff:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = 0
    status: vocab.HandoffStatus
    requested: date
    decided: date | None = None
    completed: date | None = None

    @strawberry.field
    def client(self, info: Ctx) -> Client | None:
        return one(info, self.node, "client", Client)

    @strawberry.field
    def transition(self, info: Ctx) -> Transition | None:
        return one(info, self.node, "transition", Transition)

    @strawberry.field
    def from_episode(self, info: Ctx) -> Episode | None:
        return one(info, self.node, "from_episode", Episode)

    @strawberry.field
    def to_episode(self, info: Ctx) -> Episode | None:
        return one(info, self.node, "to_episode", Episode)

    @strawberry.field
    def from_professional(self, info: Ctx) -> Professional | None:
        return one(info, self.node, "from_professional", Professional)

    @strawberry.field
    def to_professional(self, info: Ctx) -> Professional | None:
        return one(info, self.node, "to_professional", Professional)

    @strawberry.field
    def from_org(self, info: Ctx) -> Organisation | None:
        return one(info, self.node, "from_org", Organisation)

    @strawberry.field
    def to_org(self, info: Ctx) -> Organisation | None:
        return one(info, self.node, "to_org", Organisation)

    @strawberry.field
    def consent(self, info: Ctx) -> Consent | None:
        return one(info, self.node, "consent", Consent)


Scope = Annotated[
    Client | Episode | Plan | PathwayStep,
    strawberry.union(
        "ResponsibilityScope",
        description="What a responsibility is for: a client, an episode, a plan or a step.",
    ),
]
