"""The record types of the exchange format (``docs/model.md``, "Records") as data.

Each :class:`RecordSpec` lists a record type's fields with their JSON type,
whether they are required, the vocabulary of a coded field and the record type
a reference points to. The importer validates against these specs, the
exporter writes records back in :data:`LOAD_ORDER`, and GraphQL mutations can
reuse :func:`graphsvc.importer.validate_record`, so there is one description of
the format in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from graphsvc import vocab

FORMAT = "graphsvc/1"
"""The value of ``format`` in a JSON document or the first line of a JSON Lines file."""


class Kind(Enum):
    """The JSON shape of a field's value."""

    TEXT = "a non-empty string"
    DATE = "a date YYYY-MM-DD"
    BOOL = "true or false"
    POSITIVE_INT = "a whole number of at least 1"
    CODE = "a vocabulary code"
    REF = "the id of"
    REFS = "a list of ids of"
    SETTINGS = "an object of gap rule settings (docs/model.md, Settings)"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = True
    vocab: type[vocab.Term] | None = None
    target: str | None = None
    """For REF and REFS: the record type the id belongs to."""
    on_node: bool = True
    """False when the value is stored on a relationship (WORKS_IN dates, MEMBER_OF role)."""

    @cached_property
    def is_reference(self) -> bool:
        return self.kind in (Kind.REF, Kind.REFS)

    @cached_property
    def codes(self) -> frozenset[str]:
        """The codes a CODE field takes."""
        return frozenset() if self.vocab is None else frozenset(t.value for t in self.vocab)

    def expectation(self) -> str:
        if self.kind is Kind.CODE:
            assert self.vocab is not None
            return f"one of {', '.join(str(term) for term in self.vocab)}"
        if self.is_reference:
            return f"{self.kind.value} a {self.target}"
        return str(self.kind.value)


@dataclass(frozen=True)
class RecordSpec:
    type: str
    label: str
    """The Neo4j label of the record's node."""
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return self.by_name.get(name)

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def references(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.is_reference)

    @cached_property
    def properties(self) -> tuple[Field, ...]:
        """Fields stored as properties of the record's node (besides ``id``)."""
        return tuple(f for f in self.fields if f.on_node and not f.is_reference)

    @cached_property
    def others(self) -> tuple[Field, ...]:
        """References and fields stored on a relationship: the rest of a load row."""
        return tuple(f for f in self.fields if not f.on_node or f.is_reference)


def _text(name: str, required: bool = True) -> Field:
    return Field(name, Kind.TEXT, required)


def _date(name: str, required: bool = True, on_node: bool = True) -> Field:
    return Field(name, Kind.DATE, required, on_node=on_node)


def _code(name: str, terms: type[vocab.Term], required: bool = True, on_node: bool = True) -> Field:
    return Field(name, Kind.CODE, required, vocab=terms, on_node=on_node)


def _ref(name: str, target: str, required: bool = True) -> Field:
    return Field(name, Kind.REF, required, target=target)


def _refs(name: str, target: str) -> Field:
    return Field(name, Kind.REFS, required=False, target=target)


SPECS: dict[str, RecordSpec] = {
    spec.type: spec
    for spec in (
        RecordSpec(
            "region",
            "Region",
            # settings: the region's gap rule parameters, stored as JSON text.
            (_text("name"), Field("settings", Kind.SETTINGS, required=False)),
        ),
        RecordSpec("family", "Family", (_text("name"),)),
        RecordSpec(
            "organisation",
            "Organisation",
            (
                _text("name"),
                _code("kind", vocab.OrganisationKind),
                _ref("region", "region"),
                _ref("part_of", "organisation", required=False),
            ),
        ),
        RecordSpec(
            "professional",
            "Professional",
            (
                _text("name"),
                _text("profession"),
                _ref("organisation", "organisation"),
                _date("valid_from", required=False, on_node=False),
                _date("valid_to", required=False, on_node=False),
            ),
        ),
        RecordSpec(
            "service",
            "Service",
            (
                _text("name"),
                # Codes, or the Finnish/Swedish names vocab.service_kind maps to them.
                _code("kind", vocab.ServiceKind),
                _code("level", vocab.ServiceLevel),
                _code("sector", vocab.Sector),
                _ref("provider", "organisation"),
            ),
        ),
        RecordSpec(
            "pathway",
            "CarePathway",
            (_text("name"), _text("need"), _ref("region", "region")),
        ),
        RecordSpec(
            "step",
            "PathwayStep",
            (
                _ref("pathway", "pathway"),
                Field("order", Kind.POSITIVE_INT),
                _text("name"),
                _ref("organisation", "organisation", required=False),
                _ref("service", "service", required=False),
                _text("handoff", required=False),
            ),
        ),
        RecordSpec(
            "client",
            "Client",
            (
                _text("name"),
                _date("birth_date"),
                _ref("region", "region"),
                _ref("family", "family", required=False),
                _code("family_role", vocab.FamilyRole, required=False, on_node=False),
                Field("long_term_illness", Kind.BOOL, required=False),
                _text("municipality", required=False),
            ),
        ),
        RecordSpec(
            "episode",
            "Episode",
            (
                _ref("client", "client"),
                _ref("service", "service"),
                _date("start"),
                _date("end", required=False),
                _code("status", vocab.EpisodeStatus),
                _ref("step", "step", required=False),
            ),
        ),
        RecordSpec(
            "plan",
            "Plan",
            (
                _ref("client", "client"),
                _code("kind", vocab.PlanKind),
                _ref("owner", "professional", required=False),
                _refs("participants", "professional"),
                _refs("services", "service"),
                _date("review_date", required=False),
                # Optional: absent means "not recorded" (the data-quality rule
                # plan-participation-unknown), never "without the client".
                _code("mode", vocab.PlanningMode, required=False),
                Field("client_participated", Kind.BOOL, required=False),
                _code("previous_goals_feedback", vocab.GoalFeedback, required=False),
                _date("valid_from"),
                _date("valid_to", required=False),
            ),
        ),
        RecordSpec(
            "goal",
            "Goal",
            (
                _ref("plan", "plan"),
                _text("text"),
                _code("direction", vocab.GoalDirection),
                _code("status", vocab.GoalStatus),
            ),
        ),
        RecordSpec(
            "consent",
            "Consent",
            (
                _ref("client", "client"),
                _ref("from_org", "organisation"),
                _ref("to_org", "organisation"),
                _code("purpose", vocab.ConsentPurpose),
                _date("valid_from"),
                _date("valid_to", required=False),
                _date("withdrawn", required=False),
            ),
        ),
        RecordSpec(
            "responsibility",
            "Responsibility",
            (
                _ref("professional", "professional"),
                _code("role", vocab.Role),
                _ref("client", "client", required=False),
                _ref("episode", "episode", required=False),
                _ref("plan", "plan", required=False),
                _ref("step", "step", required=False),
                _ref("family", "family", required=False),
                _date("valid_from"),
                _date("valid_to", required=False),
                _text("division", required=False),
                # false: this responsibility does not make the holder the client's
                # contact (absent: a contact person, responsible worker, own worker
                # or coordinator is the contact).
                Field("contact", Kind.BOOL, required=False),
            ),
        ),
        RecordSpec(
            "transition",
            "Transition",
            (
                _ref("client", "client"),
                _code("kind", vocab.TransitionKind),
                _date("due_date"),
                _ref("from_episode", "episode", required=False),
                _ref("to_episode", "episode", required=False),
            ),
        ),
        RecordSpec(
            "handoff",
            "Handoff",
            (
                _ref("client", "client"),
                _ref("transition", "transition", required=False),
                _ref("from_episode", "episode", required=False),
                _ref("to_episode", "episode", required=False),
                _ref("from_professional", "professional", required=False),
                _ref("to_professional", "professional", required=False),
                _ref("from_org", "organisation"),
                _ref("to_org", "organisation"),
                _code("status", vocab.HandoffStatus),
                _date("requested"),
                _date("decided", required=False),
                _date("completed", required=False),
                _ref("consent", "consent", required=False),
            ),
        ),
    )
}

LOAD_ORDER: tuple[str, ...] = tuple(SPECS)
"""Record types in an order where every reference points to an earlier type
(``organisation.part_of`` aside, which points within its own type)."""

LABELS: dict[str, str] = {spec.type: spec.label for spec in SPECS.values()}
"""Record type (``client``) -> node label (``Client``)."""

SCOPES = ("client", "episode", "plan", "step", "family")
"""The fields of a responsibility of which exactly one names its scope."""

DATE_ORDER: dict[str, tuple[tuple[str, ...], ...]] = {
    "professional": (("valid_from", "valid_to"),),
    "episode": (("start", "end"),),
    "plan": (("valid_from", "valid_to"),),
    "consent": (("valid_from", "valid_to"), ("valid_from", "withdrawn")),
    "responsibility": (("valid_from", "valid_to"),),
    "handoff": (("requested", "decided", "completed"),),
}
"""Dates of a record that must not decrease in the order listed (absent ones skipped)."""
