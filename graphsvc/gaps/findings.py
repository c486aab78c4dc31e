"""Families, severities and findings: what the gap engine reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graphsvc import vocab
from graphsvc.vocab import Lang, Term


class Family(Term):
    NO_OWNER = "no_owner", "vastuuton", "no owner"
    DUPLICATED_ROLES = "duplicated_roles", "päällekkäiset roolit", "duplicated roles"
    MISSING_HANDOFF = "missing_handoff", "puuttuva siirto nivelvaiheessa", "missing handoff"
    SIGNAL = "signal", "signaali", "signal"
    DATA_QUALITY = "data_quality", "tietojen laatu", "data quality"


class Severity(Term):
    HIGH = "high", "korkea", "high"
    MEDIUM = "medium", "keskitaso", "medium"
    LOW = "low", "matala", "low"


Evidence = Mapping[str, str]
"""A node ``{"label", "id"}`` or a relationship ``{"type", "from", "to"}`` (ids)."""


@dataclass(frozen=True)
class Finding:
    """One gap: which rule, about what, the graph that shows it and the facts for its text."""

    rule_id: str
    family: Family
    severity: Severity
    subject_type: str
    subject_id: str
    client_id: str | None
    region_id: str | None
    evidence: tuple[Evidence, ...]
    facts: Mapping[str, Any]

    def title(self, lang: Lang) -> str:
        from graphsvc.gaps.rules import rule

        return rule(self.rule_id).title(lang)

    def explanation(self, lang: Lang) -> str:
        from graphsvc.gaps.rules import rule

        return render(rule(self.rule_id).explanation(lang), self.facts, lang)

    def remedy(self, lang: Lang) -> str:
        from graphsvc.gaps.rules import rule

        return render(rule(self.rule_id).remedy(lang), self.facts, lang)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The finding as plain JSON-ready data, with its texts in ``lang``."""
        return {
            "rule": self.rule_id,
            "family": self.family.value,
            "severity": self.severity.value,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "client_id": self.client_id,
            "region_id": self.region_id,
            "title": self.title(lang),
            "explanation": self.explanation(lang),
            "remedy": self.remedy(lang),
            "facts": {key: _plain(value) for key, value in self.facts.items()},
            "evidence": [dict(item) for item in self.evidence],
        }


# Facts whose values are vocabulary codes; explanations show their labels.
_VOCABULARY: dict[str, type[Term]] = {
    "role": vocab.Role,
    "plan_kind": vocab.PlanKind,
    "other_plan_kind": vocab.PlanKind,
    "scope_name": vocab.PlanKind,  # a plan's kind; a client's or service's name as is
    "transition_kind": vocab.TransitionKind,
    "direction": vocab.GoalDirection,
    "other_direction": vocab.GoalDirection,
    "mode": vocab.PlanningMode,
}


def render(template: str, facts: Mapping[str, Any], lang: Lang) -> str:
    """Fill ``{name}`` slots from facts: codes become labels, lists become comma lists."""
    return template.format_map({key: _text(key, value, lang) for key, value in facts.items()})


def _text(key: str, value: Any, lang: Lang) -> str:
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(_text(key, item, lang) for item in value)
    if value is None:
        return "-"
    if isinstance(value, bool):
        return _YES_NO[value][lang == "en"]
    if key == "scope_label" and value in _LABELS:
        return _LABELS[value][lang == "en"]
    term = _VOCABULARY.get(key)
    if term is not None:
        found = next((t for t in term if t.value == value), None)
        if found is not None:
            return found.label(lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_YES_NO = {True: ("kyllä", "yes"), False: ("ei", "no")}
_LABELS = {
    "Client": ("asiakas", "client"),
    "Episode": ("palvelujakso", "episode"),
    "Plan": ("suunnitelma", "plan"),
    "PathwayStep": ("hoitoketjun vaihe", "pathway step"),
}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(item) for item in value]
    return value
