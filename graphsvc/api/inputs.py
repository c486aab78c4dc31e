"""Mutation inputs: one per record type of ``docs/model.md``, fields as in the record.

Every field is optional in GraphQL: a create checks required fields with the
importer's rules (naming the missing field), an update changes only the fields
given, and an explicit ``null`` in an update removes an optional value.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry import UNSET

from graphsvc import vocab
from graphsvc.api.docs import described
from graphsvc.model import DOCS

ID = strawberry.ID
FIELDS_OF = "{} fields, as in the import format."


def to_fields(given: Any) -> dict[str, Any]:
    """The record fields an input sets, as exchange-format values (None removes)."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(given):
        value = getattr(given, f.name)
        if value is UNSET:
            continue
        fields[f.name] = _plain(value)
    return fields


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@described("region", writing=True)
@strawberry.input(description=FIELDS_OF.format("Region"))
class RegionInput:
    name: str | None = UNSET


@described("organisation", writing=True)
@strawberry.input(description=FIELDS_OF.format("Organisation"))
class OrganisationInput:
    name: str | None = UNSET
    kind: vocab.OrganisationKind | None = UNSET
    region: ID | None = UNSET
    part_of: ID | None = UNSET


@described("family", writing=True)
@strawberry.input(description=FIELDS_OF.format("Family"))
class FamilyInput:
    name: str | None = UNSET


@described("client", writing=True)
@strawberry.input(description=FIELDS_OF.format("Client"))
class ClientInput:
    name: str | None = UNSET
    birth_date: date | None = UNSET
    region: ID | None = UNSET
    family: ID | None = UNSET
    family_role: vocab.FamilyRole | None = UNSET
    long_term_illness: bool | None = UNSET
    municipality: str | None = UNSET


@described("professional", writing=True)
@strawberry.input(description=FIELDS_OF.format("Professional"))
class ProfessionalInput:
    name: str | None = UNSET
    profession: str | None = UNSET
    organisation: ID | None = UNSET
    valid_from: date | None = UNSET
    valid_to: date | None = UNSET


@described("service", writing=True)
@strawberry.input(description=FIELDS_OF.format("Service"))
class ServiceInput:
    name: str | None = UNSET
    kind: str | None = UNSET
    level: vocab.ServiceLevel | None = UNSET
    sector: vocab.Sector | None = UNSET
    provider: ID | None = UNSET


@described("episode", writing=True)
@strawberry.input(description=FIELDS_OF.format("Episode"))
class EpisodeInput:
    client: ID | None = UNSET
    service: ID | None = UNSET
    start: date | None = UNSET
    end: date | None = UNSET
    status: vocab.EpisodeStatus | None = strawberry.field(
        default=UNSET, description=f"{DOCS['episode.status']} Default active on startEpisode."
    )
    step: ID | None = UNSET


@described("responsibility", writing=True)
@strawberry.input(description="Exactly one of client, episode, plan or step is the scope.")
class ResponsibilityInput:
    professional: ID | None = UNSET
    role: vocab.Role | None = UNSET
    client: ID | None = UNSET
    episode: ID | None = UNSET
    plan: ID | None = UNSET
    step: ID | None = UNSET
    valid_from: date | None = UNSET
    valid_to: date | None = UNSET
    division: str | None = UNSET


@described("plan", writing=True)
@strawberry.input(description=FIELDS_OF.format("Plan"))
class PlanInput:
    client: ID | None = UNSET
    kind: vocab.PlanKind | None = UNSET
    owner: ID | None = UNSET
    participants: list[ID] | None = UNSET
    services: list[ID] | None = UNSET
    review_date: date | None = UNSET
    mode: vocab.PlanningMode | None = UNSET
    client_participated: bool | None = UNSET
    previous_goals_feedback: vocab.GoalFeedback | None = UNSET
    valid_from: date | None = UNSET
    valid_to: date | None = UNSET


@described("goal", writing=True)
@strawberry.input(description=FIELDS_OF.format("Goal"))
class GoalInput:
    plan: ID | None = UNSET
    text: str | None = UNSET
    direction: vocab.GoalDirection | None = UNSET
    status: vocab.GoalStatus | None = UNSET


@described("consent", writing=True)
@strawberry.input(description=FIELDS_OF.format("Consent"))
class ConsentInput:
    client: ID | None = UNSET
    from_org: ID | None = UNSET
    to_org: ID | None = UNSET
    purpose: vocab.ConsentPurpose | None = UNSET
    valid_from: date | None = UNSET
    valid_to: date | None = UNSET


@described("pathway", writing=True)
@strawberry.input(description=FIELDS_OF.format("CarePathway"))
class CarePathwayInput:
    name: str | None = UNSET
    need: str | None = UNSET
    region: ID | None = UNSET


@described("step", writing=True)
@strawberry.input(description=FIELDS_OF.format("PathwayStep"))
class PathwayStepInput:
    pathway: ID | None = UNSET
    order: int | None = UNSET
    name: str | None = UNSET
    organisation: ID | None = UNSET
    service: ID | None = UNSET
    handoff: str | None = UNSET


@described("transition", writing=True)
@strawberry.input(description=FIELDS_OF.format("Transition"))
class TransitionInput:
    client: ID | None = UNSET
    kind: vocab.TransitionKind | None = UNSET
    due_date: date | None = UNSET
    from_episode: ID | None = UNSET
    to_episode: ID | None = UNSET


@described("handoff", writing=True)
@strawberry.input(description="A handoff request; its status starts as requested.")
class HandoffInput:
    client: ID | None = UNSET
    transition: ID | None = UNSET
    from_episode: ID | None = UNSET
    to_episode: ID | None = UNSET
    from_professional: ID | None = UNSET
    to_professional: ID | None = UNSET
    from_org: ID | None = UNSET
    to_org: ID | None = UNSET
    requested: date | None = UNSET
    consent: ID | None = UNSET
