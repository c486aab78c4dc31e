"""Gap findings as GraphQL values, with their texts in Finnish or English."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.scalars import JSON

from graphsvc import gaps
from graphsvc.gaps import Finding

strawberry.enum(gaps.Family, name="GapFamily")
strawberry.enum(gaps.Severity, name="GapSeverity")


@strawberry.enum
class Language(Enum):
    FI = "fi"
    EN = "en"


@strawberry.type(description="A node (label and id) or a relationship (type, from and to ids).")
class EvidenceItem:
    label: str | None
    id: strawberry.ID | None
    type: str | None
    from_: strawberry.ID | None = strawberry.field(name="from")
    to: strawberry.ID | None


@strawberry.type(description="A coordination gap the gap engine found.")
class Gap:
    finding: strawberry.Private[Finding]
    rule: str
    family: gaps.Family
    severity: gaps.Severity
    subject_type: str
    subject_id: strawberry.ID
    client_id: strawberry.ID | None
    region_id: strawberry.ID | None
    evidence: list[EvidenceItem]
    facts: JSON

    @strawberry.field
    def title(self, lang: Language = Language.FI) -> str:
        return self.finding.title(lang.value)

    @strawberry.field
    def explanation(self, lang: Language = Language.FI) -> str:
        return self.finding.explanation(lang.value)

    @strawberry.field
    def remedy(self, lang: Language = Language.FI) -> str:
        return self.finding.remedy(lang.value)

    @classmethod
    def of(cls, finding: Finding) -> Gap:
        return cls(
            finding=finding,
            rule=finding.rule_id,
            family=finding.family,
            severity=finding.severity,
            subject_type=finding.subject_type,
            subject_id=strawberry.ID(finding.subject_id),
            client_id=None if finding.client_id is None else strawberry.ID(finding.client_id),
            region_id=None if finding.region_id is None else strawberry.ID(finding.region_id),
            evidence=[
                EvidenceItem(
                    label=item.get("label"),
                    id=_id(item.get("id")),
                    type=item.get("type"),
                    from_=_id(item.get("from")),
                    to=_id(item.get("to")),
                )
                for item in finding.evidence
            ],
            facts=finding.as_dict("en")["facts"],
        )


def _id(value: str | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(value)


def mentions(finding: Finding, label: str, id: str) -> bool:
    """Whether the finding is about, or shows as evidence, the node ``label``/``id``."""
    if finding.subject_type.lower() == label.lower() and finding.subject_id == id:
        return True
    return any(item.get("label") == label and item.get("id") == id for item in finding.evidence)
