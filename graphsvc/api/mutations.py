"""The root Mutation: create and update records, and the coordinators' verbs.

Each mutation validates with the importer's rules, reads, checks and writes in
one transaction with the record's node locked (nothing on failure); updates
and verbs take ``expectedVersion`` and answer CONFLICT when the record moved;
each answers with the changed object and the gaps of its
client that the change opened and closed (:mod:`graphsvc.api.changes`).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

import strawberry

from graphsvc import vocab
from graphsvc.api import changes
from graphsvc.api import inputs as i
from graphsvc.api import types as t
from graphsvc.api.changes import Change, requires_absent, requires_status
from graphsvc.api.docs import described, documented
from graphsvc.api.gaps import Gap
from graphsvc.api.types import Ctx, build_as

N = TypeVar("N")
ID = strawberry.ID


@strawberry.type(description="The changed object and the gaps of its client the change moved.")
class Changed(Generic[N]):
    node: N = strawberry.field(description="The object as the change left it.")
    gaps_opened: list[Gap] = strawberry.field(
        description="Gaps of the client (as of today) the change opened."
    )
    gaps_closed: list[Gap] = strawberry.field(
        description="Gaps of the client (as of today) the change closed."
    )


def changed(change: Change, cls: type[N]) -> Changed[N]:
    return Changed(
        node=build_as(cls, change.node),
        gaps_opened=[Gap.of(f) for f in change.opened],
        gaps_closed=[Gap.of(f) for f in change.closed],
    )


async def _create(info: Ctx, kind: str, id: str | None, given: Any, **fixed: Any) -> Change:
    return await changes.create(info.context.store, kind, id, {**i.to_fields(given), **fixed})


async def _update(info: Ctx, kind: str, id: str, fields: dict[str, Any], **kw: Any) -> Change:
    return await changes.update(info.context.store, kind, id, fields, **kw)


@described(root="Mutation")
@strawberry.type(description="Writes: records created and changed, and the coordinators' verbs.")
class Mutation:
    @strawberry.mutation
    async def create_region(
        self, info: Ctx, input: i.RegionInput, id: ID | None = None
    ) -> Changed[t.Region]:
        return changed(await _create(info, "region", id, input), t.Region)

    @strawberry.mutation
    async def update_region(
        self, info: Ctx, id: ID, input: i.RegionInput, expected_version: int | None = None
    ) -> Changed[t.Region]:
        return changed(
            await _update(
                info, "region", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Region,
        )

    @strawberry.mutation
    async def create_organisation(
        self, info: Ctx, input: i.OrganisationInput, id: ID | None = None
    ) -> Changed[t.Organisation]:
        return changed(await _create(info, "organisation", id, input), t.Organisation)

    @strawberry.mutation
    async def update_organisation(
        self, info: Ctx, id: ID, input: i.OrganisationInput, expected_version: int | None = None
    ) -> Changed[t.Organisation]:
        return changed(
            await _update(
                info, "organisation", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Organisation,
        )

    @strawberry.mutation
    async def create_family(
        self, info: Ctx, input: i.FamilyInput, id: ID | None = None
    ) -> Changed[t.Family]:
        return changed(await _create(info, "family", id, input), t.Family)

    @strawberry.mutation
    async def update_family(
        self, info: Ctx, id: ID, input: i.FamilyInput, expected_version: int | None = None
    ) -> Changed[t.Family]:
        return changed(
            await _update(
                info, "family", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Family,
        )

    @strawberry.mutation
    async def create_client(
        self, info: Ctx, input: i.ClientInput, id: ID | None = None
    ) -> Changed[t.Client]:
        return changed(await _create(info, "client", id, input), t.Client)

    @strawberry.mutation
    async def update_client(
        self, info: Ctx, id: ID, input: i.ClientInput, expected_version: int | None = None
    ) -> Changed[t.Client]:
        return changed(
            await _update(
                info, "client", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Client,
        )

    @strawberry.mutation
    async def create_professional(
        self, info: Ctx, input: i.ProfessionalInput, id: ID | None = None
    ) -> Changed[t.Professional]:
        return changed(await _create(info, "professional", id, input), t.Professional)

    @strawberry.mutation
    async def update_professional(
        self, info: Ctx, id: ID, input: i.ProfessionalInput, expected_version: int | None = None
    ) -> Changed[t.Professional]:
        return changed(
            await _update(
                info, "professional", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Professional,
        )

    @strawberry.mutation
    async def create_service(
        self, info: Ctx, input: i.ServiceInput, id: ID | None = None
    ) -> Changed[t.Service]:
        return changed(await _create(info, "service", id, input), t.Service)

    @strawberry.mutation
    async def update_service(
        self, info: Ctx, id: ID, input: i.ServiceInput, expected_version: int | None = None
    ) -> Changed[t.Service]:
        return changed(
            await _update(
                info, "service", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Service,
        )

    @strawberry.mutation
    async def update_episode(
        self, info: Ctx, id: ID, input: i.EpisodeInput, expected_version: int | None = None
    ) -> Changed[t.Episode]:
        return changed(
            await _update(
                info, "episode", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Episode,
        )

    @strawberry.mutation
    async def update_responsibility(
        self, info: Ctx, id: ID, input: i.ResponsibilityInput, expected_version: int | None = None
    ) -> Changed[t.Responsibility]:
        return changed(
            await _update(
                info, "responsibility", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Responsibility,
        )

    @strawberry.mutation
    async def create_plan(
        self, info: Ctx, input: i.PlanInput, id: ID | None = None
    ) -> Changed[t.Plan]:
        return changed(await _create(info, "plan", id, input), t.Plan)

    @strawberry.mutation
    async def update_plan(
        self, info: Ctx, id: ID, input: i.PlanInput, expected_version: int | None = None
    ) -> Changed[t.Plan]:
        return changed(
            await _update(info, "plan", id, i.to_fields(input), expected_version=expected_version),
            t.Plan,
        )

    @strawberry.mutation
    async def create_goal(
        self, info: Ctx, input: i.GoalInput, id: ID | None = None
    ) -> Changed[t.Goal]:
        return changed(await _create(info, "goal", id, input), t.Goal)

    @strawberry.mutation
    async def update_goal(
        self, info: Ctx, id: ID, input: i.GoalInput, expected_version: int | None = None
    ) -> Changed[t.Goal]:
        return changed(
            await _update(info, "goal", id, i.to_fields(input), expected_version=expected_version),
            t.Goal,
        )

    @strawberry.mutation
    async def update_consent(
        self, info: Ctx, id: ID, input: i.ConsentInput, expected_version: int | None = None
    ) -> Changed[t.Consent]:
        return changed(
            await _update(
                info, "consent", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Consent,
        )

    @strawberry.mutation
    async def create_care_pathway(
        self, info: Ctx, input: i.CarePathwayInput, id: ID | None = None
    ) -> Changed[t.CarePathway]:
        return changed(await _create(info, "pathway", id, input), t.CarePathway)

    @strawberry.mutation
    async def update_care_pathway(
        self, info: Ctx, id: ID, input: i.CarePathwayInput, expected_version: int | None = None
    ) -> Changed[t.CarePathway]:
        return changed(
            await _update(
                info, "pathway", id, i.to_fields(input), expected_version=expected_version
            ),
            t.CarePathway,
        )

    @strawberry.mutation
    async def create_pathway_step(
        self, info: Ctx, input: i.PathwayStepInput, id: ID | None = None
    ) -> Changed[t.PathwayStep]:
        return changed(await _create(info, "step", id, input), t.PathwayStep)

    @strawberry.mutation
    async def update_pathway_step(
        self, info: Ctx, id: ID, input: i.PathwayStepInput, expected_version: int | None = None
    ) -> Changed[t.PathwayStep]:
        return changed(
            await _update(info, "step", id, i.to_fields(input), expected_version=expected_version),
            t.PathwayStep,
        )

    @strawberry.mutation
    async def create_transition(
        self, info: Ctx, input: i.TransitionInput, id: ID | None = None
    ) -> Changed[t.Transition]:
        return changed(await _create(info, "transition", id, input), t.Transition)

    @strawberry.mutation
    async def update_transition(
        self, info: Ctx, id: ID, input: i.TransitionInput, expected_version: int | None = None
    ) -> Changed[t.Transition]:
        return changed(
            await _update(
                info, "transition", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Transition,
        )

    @strawberry.mutation
    async def update_handoff(
        self, info: Ctx, id: ID, input: i.HandoffInput, expected_version: int | None = None
    ) -> Changed[t.Handoff]:
        return changed(
            await _update(
                info, "handoff", id, i.to_fields(input), expected_version=expected_version
            ),
            t.Handoff,
        )

    @documented(
        "Names a professional responsible for a client, episode, plan or pathway step.",
        mutation=True,
    )
    async def assign_responsibility(
        self, info: Ctx, input: i.ResponsibilityInput, id: ID | None = None
    ) -> Changed[t.Responsibility]:
        return changed(await _create(info, "responsibility", id, input), t.Responsibility)

    @documented("The responsibility ends on the given day (inclusive).", mutation=True)
    async def end_responsibility(
        self, info: Ctx, id: ID, on: date, expected_version: int | None = None
    ) -> Changed[t.Responsibility]:
        change = await _update(
            info,
            "responsibility",
            id,
            {"valid_to": on.isoformat()},
            expected_version=expected_version,
        )
        return changed(change, t.Responsibility)

    @documented("Records a consent the client gave.", mutation=True)
    async def record_consent(
        self, info: Ctx, input: i.ConsentInput, id: ID | None = None
    ) -> Changed[t.Consent]:
        return changed(await _create(info, "consent", id, input), t.Consent)

    @documented(
        "The client withdraws the consent; it no longer holds from that day.", mutation=True
    )
    async def withdraw_consent(
        self, info: Ctx, id: ID, on: date, expected_version: int | None = None
    ) -> Changed[t.Consent]:
        change = await _update(
            info,
            "consent",
            id,
            {"withdrawn": on.isoformat()},
            check=requires_absent("withdrawn", "withdrawn"),
            expected_version=expected_version,
        )
        return changed(change, t.Consent)

    @documented(
        "A client's episode of a service starts (status active unless given).", mutation=True
    )
    async def start_episode(
        self, info: Ctx, input: i.EpisodeInput, id: ID | None = None
    ) -> Changed[t.Episode]:
        status = {} if input.status else {"status": vocab.EpisodeStatus.ACTIVE.value}
        return changed(await _create(info, "episode", id, input, **status), t.Episode)

    @documented(
        "The episode ends on the given day (its last, inclusive) and its status becomes "
        "ended; only a planned or active episode can end.",
        mutation=True,
    )
    async def end_episode(
        self, info: Ctx, id: ID, on: date, expected_version: int | None = None
    ) -> Changed[t.Episode]:
        change = await _update(
            info,
            "episode",
            id,
            {"end": on.isoformat(), "status": vocab.EpisodeStatus.ENDED.value},
            check=requires_status(vocab.EpisodeStatus.PLANNED, vocab.EpisodeStatus.ACTIVE),
            expected_version=expected_version,
        )
        return changed(change, t.Episode)

    @documented(
        "Asks the receiving side to take over: a new handoff in status requested.", mutation=True
    )
    async def request_handoff(
        self, info: Ctx, input: i.HandoffInput, id: ID | None = None
    ) -> Changed[t.Handoff]:
        status = vocab.HandoffStatus.REQUESTED.value
        return changed(await _create(info, "handoff", id, input, status=status), t.Handoff)

    @documented("The receiving side accepts a requested handoff on the given day.", mutation=True)
    async def accept_handoff(
        self, info: Ctx, id: ID, on: date, expected_version: int | None = None
    ) -> Changed[t.Handoff]:
        return changed(
            await _decide(info, id, on, vocab.HandoffStatus.ACCEPTED, expected_version), t.Handoff
        )

    @documented("The receiving side rejects a requested handoff on the given day.", mutation=True)
    async def reject_handoff(
        self, info: Ctx, id: ID, on: date, expected_version: int | None = None
    ) -> Changed[t.Handoff]:
        return changed(
            await _decide(info, id, on, vocab.HandoffStatus.REJECTED, expected_version), t.Handoff
        )

    @documented("An accepted handoff is completed: responsibility has moved.", mutation=True)
    async def complete_handoff(
        self, info: Ctx, id: ID, on: date, expected_version: int | None = None
    ) -> Changed[t.Handoff]:
        change = await _update(
            info,
            "handoff",
            id,
            {"status": vocab.HandoffStatus.COMPLETED.value, "completed": on.isoformat()},
            check=requires_status(vocab.HandoffStatus.ACCEPTED),
            expected_version=expected_version,
        )
        return changed(change, t.Handoff)


async def _decide(
    info: Ctx, id: str, on: date, status: vocab.HandoffStatus, expected_version: int | None
) -> Change:
    return await _update(
        info,
        "handoff",
        id,
        {"status": status.value, "decided": on.isoformat()},
        check=requires_status(vocab.HandoffStatus.REQUESTED),
        expected_version=expected_version,
    )
