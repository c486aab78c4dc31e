"""GraphQL object types: one per node label of ``docs/model.md``.

Each type is built from a store :class:`~graphsvc.store.Node`; relations are
resolved through the request's DataLoaders (:mod:`graphsvc.api.context`).
Property names are the model's, in camelCase.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from graphsvc import vocab
from graphsvc.api.context import Context
from graphsvc.api.gaps import Gap, mentions
from graphsvc.store import Direction, Link, Node

for _vocabulary in (
    vocab.OrganisationKind,
    vocab.ServiceLevel,
    vocab.Sector,
    vocab.EpisodeStatus,
    vocab.Role,
    vocab.PlanKind,
    vocab.PlanningMode,
    vocab.GoalDirection,
    vocab.GoalStatus,
    vocab.GoalFeedback,
    vocab.ConsentPurpose,
    vocab.TransitionKind,
    vocab.HandoffStatus,
    vocab.FamilyRole,
):
    strawberry.enum(_vocabulary)

Ctx = Info[Context, None]
T = TypeVar("T")
TYPES: dict[str, type[Any]] = {}


def node_type(label: str) -> Any:
    def register(cls: type[T]) -> type[T]:
        TYPES[label] = cls
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


async def _links(info: Ctx, node: Node, direction: Direction, type: str) -> list[Link]:
    return await info.context.loaders.links.load((node.label, direction, type, node.id))


def build_as(cls: type[T], node: Node) -> T:
    built = build(node)
    assert isinstance(built, cls), f"{node.label} {node.id} is not a {cls.__name__}"
    return built


async def many(info: Ctx, node: Node, direction: Direction, type: str, cls: type[T]) -> list[T]:
    return [build_as(cls, link.node) for link in await _links(info, node, direction, type)]


async def one(info: Ctx, node: Node, direction: Direction, type: str, cls: type[T]) -> T | None:
    found = await _links(info, node, direction, type)
    return build_as(cls, found[0].node) if found else None


OUT, IN = Direction.OUT, Direction.IN


@node_type("Region")
@strawberry.type
class Region:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    name: str

    @strawberry.field
    async def organisations(self, info: Ctx) -> list[Organisation]:
        return await many(info, self.node, IN, "IN_REGION", Organisation)

    @strawberry.field
    async def care_pathways(self, info: Ctx) -> list[CarePathway]:
        return await many(info, self.node, IN, "IN_REGION", CarePathway)


@node_type("Organisation")
@strawberry.type
class Organisation:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    name: str
    kind: vocab.OrganisationKind

    @strawberry.field
    async def region(self, info: Ctx) -> Region | None:
        return await one(info, self.node, OUT, "IN_REGION", Region)

    # The organisation this one is part of (PART_OF).
    @strawberry.field
    async def parent(self, info: Ctx) -> Organisation | None:
        return await one(info, self.node, OUT, "PART_OF", Organisation)

    # Organisations that are part of this one.
    @strawberry.field
    async def units(self, info: Ctx) -> list[Organisation]:
        return await many(info, self.node, IN, "PART_OF", Organisation)

    @strawberry.field
    async def services(self, info: Ctx) -> list[Service]:
        return await many(info, self.node, IN, "PROVIDED_BY", Service)

    # The region's gaps that are about this organisation or show it as evidence.
    @strawberry.field
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        regions = await _links(info, self.node, OUT, "IN_REGION")
        if not regions:
            return []
        found = await info.context.loaders.region_gaps.load((regions[0].node.id, as_of))
        return [Gap.of(f) for f in found if mentions(f, "Organisation", self.id)]

    @strawberry.field
    async def staff(self, info: Ctx) -> list[Employment]:
        links = await _links(info, self.node, IN, "WORKS_IN")
        return [
            Employment.of(link, professional=link.node, organisation=self.node) for link in links
        ]


@strawberry.type(description="A professional working in an organisation over a period (WORKS_IN).")
class Employment:
    professional: Professional
    organisation: Organisation
    valid_from: date | None
    valid_to: date | None

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
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    name: str

    @strawberry.field
    async def members(self, info: Ctx) -> list[FamilyMember]:
        links = await _links(info, self.node, IN, "MEMBER_OF")
        return [FamilyMember(client=build(link.node), role=link.props["role"]) for link in links]


@strawberry.type
class FamilyMember:
    client: Client
    role: vocab.FamilyRole


@node_type("Client")
@strawberry.type
class Client:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    name: str
    birth_date: date
    long_term_illness: bool = False
    municipality: str | None = None

    @strawberry.field
    async def region(self, info: Ctx) -> Region | None:
        return await one(info, self.node, OUT, "LIVES_IN", Region)

    @strawberry.field
    async def family(self, info: Ctx) -> Family | None:
        return await one(info, self.node, OUT, "MEMBER_OF", Family)

    @strawberry.field
    async def family_role(self, info: Ctx) -> vocab.FamilyRole | None:
        links = await _links(info, self.node, OUT, "MEMBER_OF")
        role: vocab.FamilyRole | None = links[0].props["role"] if links else None
        return role

    @strawberry.field
    async def episodes(self, info: Ctx) -> list[Episode]:
        return await many(info, self.node, OUT, "HAS_EPISODE", Episode)

    # Services of the client's episodes (any period), each once.
    @strawberry.field
    async def services(self, info: Ctx) -> list[Service]:
        episodes = await _links(info, self.node, OUT, "HAS_EPISODE")
        loader = info.context.loaders.links
        keys = [("Episode", OUT, "OF_SERVICE", link.node.id) for link in episodes]
        services = {s.node.id: s.node for found in await loader.load_many(keys) for s in found}
        return [build(services[id]) for id in sorted(services)]

    # Responsibilities held for the client as a whole.
    @strawberry.field
    async def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return await many(info, self.node, IN, "FOR", Responsibility)

    # Professionals holding a responsibility for the client, each once.
    @strawberry.field
    async def professionals(self, info: Ctx) -> list[Professional]:
        held = await _links(info, self.node, IN, "FOR")
        loader = info.context.loaders.links
        keys = [("Responsibility", IN, "HOLDS", link.node.id) for link in held]
        people = {p.node.id: p.node for found in await loader.load_many(keys) for p in found}
        return [build(people[id]) for id in sorted(people)]

    @strawberry.field
    async def plans(self, info: Ctx) -> list[Plan]:
        return await many(info, self.node, OUT, "HAS_PLAN", Plan)

    @strawberry.field
    async def consents(self, info: Ctx) -> list[Consent]:
        return await many(info, self.node, OUT, "GAVE_CONSENT", Consent)

    @strawberry.field
    async def transitions(self, info: Ctx) -> list[Transition]:
        return await many(info, self.node, OUT, "HAS_TRANSITION", Transition)

    @strawberry.field
    async def handoffs(self, info: Ctx) -> list[Handoff]:
        return await many(info, self.node, OUT, "HAS_HANDOFF", Handoff)

    # Coordination gaps around the client, as of a date (default today).
    @strawberry.field
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        found = await info.context.loaders.client_gaps.load((self.id, as_of))
        return [Gap.of(finding) for finding in found]


@node_type("Professional")
@strawberry.type
class Professional:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    name: str
    profession: str

    @strawberry.field
    async def employments(self, info: Ctx) -> list[Employment]:
        links = await _links(info, self.node, OUT, "WORKS_IN")
        return [
            Employment.of(link, professional=self.node, organisation=link.node) for link in links
        ]

    @strawberry.field
    async def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return await many(info, self.node, OUT, "HOLDS", Responsibility)

    # Plans this professional keeps up to date (OWNED_BY).
    @strawberry.field
    async def owned_plans(self, info: Ctx) -> list[Plan]:
        return await many(info, self.node, IN, "OWNED_BY", Plan)


@node_type("Service")
@strawberry.type
class Service:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    name: str
    kind: str
    level: vocab.ServiceLevel
    sector: vocab.Sector

    @strawberry.field
    async def provider(self, info: Ctx) -> Organisation | None:
        return await one(info, self.node, OUT, "PROVIDED_BY", Organisation)


@node_type("Episode")
@strawberry.type
class Episode:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    start: date
    status: vocab.EpisodeStatus
    end: date | None = None

    @strawberry.field
    async def client(self, info: Ctx) -> Client | None:
        return await one(info, self.node, IN, "HAS_EPISODE", Client)

    @strawberry.field
    async def service(self, info: Ctx) -> Service | None:
        return await one(info, self.node, OUT, "OF_SERVICE", Service)

    # The pathway step this episode carries out.
    @strawberry.field
    async def step(self, info: Ctx) -> PathwayStep | None:
        return await one(info, self.node, OUT, "REALISES", PathwayStep)

    @strawberry.field
    async def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return await many(info, self.node, IN, "FOR", Responsibility)


@node_type("Responsibility")
@strawberry.type
class Responsibility:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    role: vocab.Role
    valid_from: date
    valid_to: date | None = None
    division: str | None = None

    @strawberry.field
    async def professional(self, info: Ctx) -> Professional | None:
        return await one(info, self.node, IN, "HOLDS", Professional)

    # What the responsibility is for: a client, episode, plan or step.
    @strawberry.field
    async def scope(self, info: Ctx) -> Scope | None:
        found = await _links(info, self.node, OUT, "FOR")
        scope: Client | Episode | Plan | PathwayStep | None = (
            build(found[0].node) if found else None
        )
        return scope


@node_type("Plan")
@strawberry.type
class Plan:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    kind: vocab.PlanKind
    mode: vocab.PlanningMode
    valid_from: date
    client_participated: bool = False
    review_date: date | None = None
    previous_goals_feedback: vocab.GoalFeedback | None = None
    valid_to: date | None = None

    @strawberry.field
    async def client(self, info: Ctx) -> Client | None:
        return await one(info, self.node, IN, "HAS_PLAN", Client)

    @strawberry.field
    async def owner(self, info: Ctx) -> Professional | None:
        return await one(info, self.node, OUT, "OWNED_BY", Professional)

    @strawberry.field
    async def participants(self, info: Ctx) -> list[Professional]:
        return await many(info, self.node, OUT, "PARTICIPANT", Professional)

    # Services the plan covers.
    @strawberry.field
    async def services(self, info: Ctx) -> list[Service]:
        return await many(info, self.node, OUT, "COVERS", Service)

    @strawberry.field
    async def goals(self, info: Ctx) -> list[Goal]:
        return await many(info, self.node, OUT, "HAS_GOAL", Goal)

    # The client's gaps that are about this plan or show it as evidence.
    @strawberry.field
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        owners = await _links(info, self.node, IN, "HAS_PLAN")
        if not owners:
            return []
        found = await info.context.loaders.client_gaps.load((owners[0].node.id, as_of))
        return [Gap.of(f) for f in found if mentions(f, "Plan", self.id)]

    @strawberry.field
    async def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return await many(info, self.node, IN, "FOR", Responsibility)


@node_type("Goal")
@strawberry.type
class Goal:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    text: str
    direction: vocab.GoalDirection
    status: vocab.GoalStatus

    @strawberry.field
    async def plan(self, info: Ctx) -> Plan | None:
        return await one(info, self.node, IN, "HAS_GOAL", Plan)


@node_type("Consent")
@strawberry.type
class Consent:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    purpose: vocab.ConsentPurpose
    valid_from: date
    valid_to: date | None = None
    withdrawn: date | None = None

    @strawberry.field
    async def client(self, info: Ctx) -> Client | None:
        return await one(info, self.node, IN, "GAVE_CONSENT", Client)

    @strawberry.field
    async def from_org(self, info: Ctx) -> Organisation | None:
        return await one(info, self.node, OUT, "FROM_ORG", Organisation)

    @strawberry.field
    async def to_org(self, info: Ctx) -> Organisation | None:
        return await one(info, self.node, OUT, "TO_ORG", Organisation)


@node_type("CarePathway")
@strawberry.type
class CarePathway:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    name: str
    need: str

    @strawberry.field
    async def region(self, info: Ctx) -> Region | None:
        return await one(info, self.node, OUT, "IN_REGION", Region)

    # Gaps of the pathway itself (its steps, owners and handoffs).
    @strawberry.field
    async def gaps(self, info: Ctx, as_of: date | None = None) -> list[Gap]:
        found = await info.context.loaders.pathway_gaps.load((self.id, as_of))
        return [Gap.of(finding) for finding in found]

    # The steps in order.
    @strawberry.field
    async def steps(self, info: Ctx) -> list[PathwayStep]:
        steps = await many(info, self.node, OUT, "HAS_STEP", PathwayStep)
        return sorted(steps, key=lambda step: step.order)


@node_type("PathwayStep")
@strawberry.type
class PathwayStep:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    order: int
    name: str
    handoff: str | None = None

    @strawberry.field
    async def pathway(self, info: Ctx) -> CarePathway | None:
        return await one(info, self.node, IN, "HAS_STEP", CarePathway)

    # The organisation responsible for the step.
    @strawberry.field
    async def organisation(self, info: Ctx) -> Organisation | None:
        return await one(info, self.node, OUT, "RESPONSIBLE_ORG", Organisation)

    @strawberry.field
    async def service(self, info: Ctx) -> Service | None:
        return await one(info, self.node, OUT, "USES_SERVICE", Service)

    @strawberry.field
    async def responsibilities(self, info: Ctx) -> list[Responsibility]:
        return await many(info, self.node, IN, "FOR", Responsibility)


@node_type("Transition")
@strawberry.type
class Transition:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    kind: vocab.TransitionKind
    due_date: date

    @strawberry.field
    async def client(self, info: Ctx) -> Client | None:
        return await one(info, self.node, IN, "HAS_TRANSITION", Client)

    @strawberry.field
    async def from_episode(self, info: Ctx) -> Episode | None:
        return await one(info, self.node, OUT, "FROM_EPISODE", Episode)

    @strawberry.field
    async def to_episode(self, info: Ctx) -> Episode | None:
        return await one(info, self.node, OUT, "TO_EPISODE", Episode)


@node_type("Handoff")
@strawberry.type
class Handoff:
    node: strawberry.Private[Node]
    id: strawberry.ID
    version: int = strawberry.field(
        default=0, description="Counts the writes of this record; give it as expectedVersion."
    )
    status: vocab.HandoffStatus
    requested: date
    decided: date | None = None
    completed: date | None = None

    @strawberry.field
    async def client(self, info: Ctx) -> Client | None:
        return await one(info, self.node, IN, "HAS_HANDOFF", Client)

    @strawberry.field
    async def transition(self, info: Ctx) -> Transition | None:
        return await one(info, self.node, OUT, "AT", Transition)

    @strawberry.field
    async def from_episode(self, info: Ctx) -> Episode | None:
        return await one(info, self.node, OUT, "FROM_EPISODE", Episode)

    @strawberry.field
    async def to_episode(self, info: Ctx) -> Episode | None:
        return await one(info, self.node, OUT, "TO_EPISODE", Episode)

    @strawberry.field
    async def from_professional(self, info: Ctx) -> Professional | None:
        return await one(info, self.node, OUT, "FROM_PROFESSIONAL", Professional)

    @strawberry.field
    async def to_professional(self, info: Ctx) -> Professional | None:
        return await one(info, self.node, OUT, "TO_PROFESSIONAL", Professional)

    @strawberry.field
    async def from_org(self, info: Ctx) -> Organisation | None:
        return await one(info, self.node, OUT, "FROM_ORG", Organisation)

    @strawberry.field
    async def to_org(self, info: Ctx) -> Organisation | None:
        return await one(info, self.node, OUT, "TO_ORG", Organisation)

    # The consent the handoff relies on.
    @strawberry.field
    async def consent(self, info: Ctx) -> Consent | None:
        return await one(info, self.node, OUT, "RELIES_ON", Consent)


Scope = Annotated[
    Client | Episode | Plan | PathwayStep,
    strawberry.union("ResponsibilityScope"),
]
