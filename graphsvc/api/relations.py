"""The API's relation fields, each derived from one reference of the model.

A relation field follows one reference field of :data:`graphsvc.model.SPECS`
either forward (``Episode.service`` is ``episode.service``) or backward
(``Client.episodes`` is ``episode.client`` read from the client's side). The
relationship type, its direction and the target label all come from the
model's declaration, so the resolvers (:mod:`graphsvc.api.types`) and the
selection compiler (:mod:`graphsvc.api.compiler`) cannot disagree with the
load and export queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.model import LABELS, SPECS
from graphsvc.store import Direction


@dataclass(frozen=True)
class Hop:
    """One typed relationship step from a node: ``(n)-[:type]->(m:label)`` or its reverse."""

    direction: Direction
    type: str
    label: str
    """The label of the node at the other end."""

    def pattern(self, source: str, rel: str, target: str) -> str:
        """A Cypher pattern from node variable ``source`` (labels and types from the model)."""
        return f"({source}){self.step(rel, target)}"

    def step(self, rel: str, target: str) -> str:
        """The pattern less its source, to chain after another: ``-[rel:T]->(target:L)``."""
        if self.direction is Direction.OUT:
            return f"-[{rel}:{self.type}]->({target}:{self.label})"
        return f"<-[{rel}:{self.type}]-({target}:{self.label})"


def follow(reference: str, *, backward: bool = False) -> tuple[str, Hop]:
    """(source label, hop) of the model reference ``record.field``, forward or backward."""
    kind, _, name = reference.partition(".")
    field = SPECS[kind].by_name[name]
    assert field.rel is not None and field.target is not None, reference
    own, target = LABELS[kind], LABELS[field.target]
    out = not field.incoming
    if backward:
        return target, Hop(Direction.OUT if field.incoming else Direction.IN, field.rel, own)
    return own, Hop(Direction.OUT if out else Direction.IN, field.rel, target)


_FORWARD = {
    "Organisation": {
        "region": "organisation.region",
        "parent": "organisation.part_of",
    },
    "Client": {"region": "client.region", "family": "client.family"},
    "Service": {"provider": "service.provider"},
    "Episode": {"client": "episode.client", "service": "episode.service", "step": "episode.step"},
    "Responsibility": {"professional": "responsibility.professional"},
    "Plan": {
        "client": "plan.client",
        "owner": "plan.owner",
        "participants": "plan.participants",
        "services": "plan.services",
    },
    "Goal": {"plan": "goal.plan"},
    "Consent": {
        "client": "consent.client",
        "from_org": "consent.from_org",
        "to_org": "consent.to_org",
    },
    "CarePathway": {"region": "pathway.region"},
    "PathwayStep": {
        "pathway": "step.pathway",
        "organisation": "step.organisation",
        "service": "step.service",
    },
    "Transition": {
        "client": "transition.client",
        "from_episode": "transition.from_episode",
        "to_episode": "transition.to_episode",
    },
    "Handoff": {
        "client": "handoff.client",
        "transition": "handoff.transition",
        "from_episode": "handoff.from_episode",
        "to_episode": "handoff.to_episode",
        "from_professional": "handoff.from_professional",
        "to_professional": "handoff.to_professional",
        "from_org": "handoff.from_org",
        "to_org": "handoff.to_org",
        "consent": "handoff.consent",
    },
    # Employment and family membership are read from the professional's and the
    # client's side: the relationship carries the dates and the role.
    "Professional": {"employments": "professional.organisation"},
}

_BACKWARD = {
    "Region": {"organisations": "organisation.region", "care_pathways": "pathway.region"},
    "Organisation": {
        "units": "organisation.part_of",
        "services": "service.provider",
        "staff": "professional.organisation",
    },
    "Family": {"members": "client.family"},
    "Client": {
        "episodes": "episode.client",
        "responsibilities": "responsibility.client",
        "plans": "plan.client",
        "consents": "consent.client",
        "transitions": "transition.client",
        "handoffs": "handoff.client",
    },
    "Professional": {
        "responsibilities": "responsibility.professional",
        "owned_plans": "plan.owner",
    },
    "Episode": {"responsibilities": "responsibility.episode"},
    "Plan": {"goals": "goal.plan", "responsibilities": "responsibility.plan"},
    "CarePathway": {"steps": "step.pathway"},
    "PathwayStep": {"responsibilities": "responsibility.step"},
}

SCOPES: dict[str, str] = {
    label: reference
    for label, reference in (
        ("Client", "responsibility.client"),
        ("Episode", "responsibility.episode"),
        ("Plan", "responsibility.plan"),
        ("PathwayStep", "responsibility.step"),
    )
}
"""The labels a responsibility's scope (``Responsibility.scope``) may have."""


REFERENCES: dict[tuple[str, str], tuple[str, bool]] = {
    (label, name): (reference, backward)
    for backward, fields in ((False, _FORWARD), (True, _BACKWARD))
    for label, names in fields.items()
    for name, reference in names.items()
}
"""(label, API field in snake_case) -> (the model reference it follows, whether backward)."""


def _table() -> dict[tuple[str, str], Hop]:
    table: dict[tuple[str, str], Hop] = {}
    for (label, name), (reference, backward) in REFERENCES.items():
        source, hop = follow(reference, backward=backward)
        assert source == label, (label, name, reference)
        table[(label, name)] = hop
    return table


RELATIONS: dict[tuple[str, str], Hop] = _table()
"""(label, API field in snake_case) -> the hop the field follows."""

SCOPE_HOPS: dict[str, Hop] = {label: follow(ref)[1] for label, ref in SCOPES.items()}
"""Scope label -> the hop from a responsibility to a scope of that label."""

REL_PROPERTIES = frozenset(
    field.rel
    for spec in SPECS.values()
    if any(not f.on_node for f in spec.fields)
    for field in spec.references
    if field.rel is not None
)
"""Relationship types that may carry properties (WORKS_IN dates, MEMBER_OF role)."""


def hop(label: str, field: str) -> Hop:
    return RELATIONS[(label, field)]
