"""Gap findings as GraphQL values, with their texts in Finnish or English."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.scalars import JSON

from graphsvc import gaps
from graphsvc.api.docs import described, documented, values, vocabulary
from graphsvc.gaps import Finding

vocabulary(
    gaps.Family,
    "The family of gaps a rule belongs to: the three the product is built around "
    "(no owner, duplicated roles, missing handoff), signals and data quality.",
    name="GapFamily",
)
vocabulary(gaps.Severity, "How urgent a gap is.", name="GapSeverity")


@values({"FI": "Finnish (suomi).", "EN": "English."})
@strawberry.enum(description="The language of a text.")
class Language(Enum):
    FI = "fi"
    EN = "en"


@strawberry.type(description="A node (label and id) or a relationship (type, from and to ids).")
class EvidenceItem:
    label: str | None = strawberry.field(description="A node's label; null on a relationship.")
    id: strawberry.ID | None = strawberry.field(description="A node's id; null on a relationship.")
    type: str | None = strawberry.field(description="A relationship's type; null on a node.")
    from_: strawberry.ID | None = strawberry.field(
        name="from", description="The id of the node a relationship starts at; null on a node."
    )
    to: strawberry.ID | None = strawberry.field(
        description="The id of the node a relationship ends at; null on a node."
    )


@described()
@strawberry.type(description="A coordination gap the gap engine found.")
class Gap:
    finding: strawberry.Private[Finding]
    rule: str = strawberry.field(
        description="The id of the rule that found it (e.g. no-coordinator); the README's "
        "table of gap rules lists them."
    )
    family: gaps.Family = strawberry.field(description="The family of gaps the rule belongs to.")
    severity: gaps.Severity = strawberry.field(description="How urgent the gap is.")
    subject_type: str = strawberry.field(
        description="What the gap is about: client, plan, pathway, step, professional, ..."
    )
    subject_id: strawberry.ID = strawberry.field(description="The id of what it is about.")
    client_id: strawberry.ID | None = strawberry.field(
        description="The client it concerns; null for a gap of a pathway or a caseload."
    )
    region_id: strawberry.ID | None = strawberry.field(
        description="The region it was found in; null when not known."
    )
    evidence: list[EvidenceItem] = strawberry.field(
        description="The nodes and relationships that show the gap."
    )
    facts: JSON = strawberry.field(
        description="The facts the texts are made from (dates, counts, codes), by name."
    )

    @documented("What is wrong, in a few words.")
    def title(self, lang: Language = Language.FI) -> str:
        return self.finding.title(lang.value)

    @documented("What was found, with its facts.")
    def explanation(self, lang: Language = Language.FI) -> str:
        return self.finding.explanation(lang.value)

    @documented("What to do about it.")
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
