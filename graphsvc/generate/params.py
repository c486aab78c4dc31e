"""What a synthetic region is generated from: the arguments and their documented defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graphsvc.errors import BadInput

DEFAULT_AS_OF = dt.date(2026, 11, 22)
"""The date the generated region is "as of": active episodes, due transitions and
gap shares are arranged around it. Fixed (not today) so that the same arguments
give the same bytes on any day."""


@dataclass(frozen=True)
class GenerateParams:
    clients: int
    seed: int = 1
    as_of: dt.date = DEFAULT_AS_OF
    gap_rate: float = 0.05
    """Share of the eligible subjects given each client-level gap kind (see GAP_KINDS)."""
    multi_service_share: float = 0.15
    """Share of clients with active services who get them from two or more organisations."""
    caseload: int = 18
    """Mean clients per professional the staff pools are sized for (gap threshold is 30)."""
    batch_clients: int = 1000
    """Clients per JSON Lines batch (households are not split across batches)."""

    def __post_init__(self) -> None:
        if self.clients < 1:
            raise BadInput(f"--clients must be at least 1, got {self.clients}", field="clients")
        if not 0.0 <= self.gap_rate <= 0.3:
            raise BadInput(
                f"--gap-rate must be between 0 and 0.3, got {self.gap_rate}", field="gap_rate"
            )
        if not 0.0 <= self.multi_service_share <= 1.0:
            raise BadInput(
                f"--multi-service-share must be between 0 and 1, got {self.multi_service_share}",
                field="multi_service_share",
            )
        if self.caseload < 2:
            raise BadInput(f"--caseload must be at least 2, got {self.caseload}", field="caseload")
        if self.batch_clients < 1:
            raise BadInput(
                f"--batch-clients must be at least 1, got {self.batch_clients}",
                field="batch_clients",
            )

    @property
    def prefix(self) -> str:
        """Every generated id starts with this: regions of other seeds can share a database."""
        return f"g{self.seed}"


GAP_KINDS: dict[str, str] = {
    "no-coordinator": "clients with active services from 2+ organisations: none coordinates",
    "duplicated-role": "clients with active services from 2+ organisations: "
    "two responsible workers without a division",
    "overlapping-services": "clients with active services from 2+ organisations: "
    "a second provider of one kind",
    "no-contact-person": "families (or single clients) with active services: nobody is "
    "anyone's contact person",
    "episode-without-responsible": "active episodes: nobody holds a role for it",
    "no-treating-physician": "clients with a long-term illness or 3+ active health services",
    "service-not-in-plan": "clients with active services: one service in no plan",
    "plan-without-owner": "active plans: no owner",
    "plan-review-overdue": "active plans: review date passed",
    "client-not-participating": "active plans: made without the client (not mediated)",
    "no-goal-feedback": "active plans following an ended plan of the same kind: no feedback",
    "conflicting-plan-goals": "clients with 2+ active plans: goals pull apart",
    "handoff-missing": "transitions due in the past year: handoff only requested",
    "handoff-without-consent": "handoffs between organisations requested in the past year: "
    "the consent names another organisation",
    "transition-without-receiver": "transitions due within 180 days: no receiving owner",
    "worker-churn": "clients with a responsible worker: three of them in the past year",
}
"""Each client-level gap kind the generator injects at --gap-rate, with what it is a share of.
Caseloads: a --gap-rate share of each staff pool is drawn twice as often, so
their caseloads run to about twice --caseload."""
