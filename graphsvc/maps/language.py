"""The one place a map is put in words: Finnish or English, applied once.

Readers leave codes (``plan_kind``, ``transition_kind``, handoff statuses) and
:data:`Note` values (a count, a phrase, dates) on the graph; :func:`localise`
turns them into the names and notes of the map's language, and :func:`gap_mark`
does the same for a finding. Words come from :class:`~graphsvc.vocab.Term`
vocabularies, the mechanism every other Finnish and English text uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from graphsvc.vocab import HandoffStatus, Lang, PlanKind, Term, TransitionKind
from visualise.graph import GapMark, edge_data, node_data
from visualise.terms import NodeKind

if TYPE_CHECKING:
    from graphsvc.maps.builder import GraphBuilder


class Words(Term):
    """Words of the maps' notes."""

    PLAN_OWNER = "plan_owner", "suunnitelman omistaja", "owner of the plan"
    EPISODES_RUNNING = "episodes_running", "käynnissä olevia palvelujaksoja", "episodes running"
    RESPONSIBILITIES = "responsibilities", "vastuita", "responsibilities"
    REQUESTED = "requested", "pyydetty", "requested"
    DECIDED = "decided", "päätetty", "decided"
    COMPLETED = "completed", "valmis", "completed"


@dataclass(frozen=True)
class Phrase:
    """A fixed phrase (``owner of the plan``)."""

    word: Words


@dataclass(frozen=True)
class Count:
    """``words: n`` (``episodes running: 3``)."""

    word: Words
    count: int


@dataclass(frozen=True)
class Dates:
    """A handoff's dates: ``requested 2026-05-02, decided 2026-05-03``."""

    dates: tuple[tuple[Words, str], ...]


@dataclass(frozen=True)
class FlowCounts:
    """Handoffs between two organisations by status: ``completed 3, rejected 1``."""

    by_status: tuple[tuple[str, int], ...]


Note = Phrase | Count | Dates | FlowCounts
"""A note of a node or an edge before it is put in words."""


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


def localise(builder: GraphBuilder) -> None:
    """Name plans and transitions by their kind and say every note, in ``builder.lang``."""
    lang = builder.lang
    for _, attrs in builder.graph.nodes(data=True):
        data = node_data(attrs)
        if data["kind"] == NodeKind.PLAN:
            name = label_of(PlanKind, data.get("plan_kind"), lang)
        elif data["kind"] == NodeKind.TRANSITION:
            name = label_of(TransitionKind, data.get("transition_kind"), lang)
        else:
            continue
        if name:
            data["label"] = name
    for where, note in builder.notes.items():
        if isinstance(where, str):
            node_data(builder.graph.nodes[where])["note"] = say(note, lang)
        else:
            edge_data(builder.graph.edges[where])["note"] = say(note, lang)


def say(note: Note, lang: Lang) -> str:
    if isinstance(note, Phrase):
        return note.word.label(lang)
    if isinstance(note, Count):
        return f"{note.word.label(lang)}: {note.count}"
    if isinstance(note, Dates):
        return ", ".join(f"{word.label(lang)} {date}" for word, date in note.dates)
    return ", ".join(f"{label_of(HandoffStatus, status, lang)} {n}" for status, n in note.by_status)


def gap_mark(finding: FindingLike, lang: Lang) -> GapMark:
    return GapMark(
        rule_id=finding.rule_id,
        severity=finding.severity.label(lang),
        title=finding.title(lang),
        explanation=finding.explanation(lang),
        remedy=finding.remedy(lang),
    )


def label_of(term: type[Term], code: Any, lang: Lang) -> str:
    """The code's label in ``lang``; an unknown code as it is."""
    member = next((m for m in term if m.value == code), None)
    return str(code) if member is None else member.label(lang)
