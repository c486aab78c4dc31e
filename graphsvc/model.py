"""The record types of the exchange format (``docs/model.md``, "Records") as data.

Each :class:`RecordSpec` lists a record type's fields with their JSON type,
whether they are required, the vocabulary of a coded field, and for a reference
the record type it points to and the relationship that stores it (type and
direction; the target's label follows from the record type). The load and
export queries, ``docs/model.md`` and the GraphQL read path are checked
against (or compiled from) these declarations. The importer validates against these specs, the
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
    rel: str | None = None
    """For REF and REFS: the relationship type that stores the reference."""
    incoming: bool = False
    """For REF and REFS: True when the relationship points from the target to this
    record's node (``(:Client)-[:HAS_EPISODE]->(:Episode)`` for ``episode.client``)."""

    def pattern(self, label: str) -> str:
        """The reference as a Cypher pattern from this record's label, as in docs/model.md."""
        assert self.rel is not None and self.target is not None
        target = LABELS[self.target]
        if self.incoming:
            return f"(:{label})<-[:{self.rel}]-(:{target})"
        return f"(:{label})-[:{self.rel}]->(:{target})"

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


def _ref(
    name: str, target: str, rel: str, *, incoming: bool = False, required: bool = True
) -> Field:
    return Field(name, Kind.REF, required, target=target, rel=rel, incoming=incoming)


def _refs(name: str, target: str, rel: str) -> Field:
    return Field(name, Kind.REFS, required=False, target=target, rel=rel)


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
                _ref("region", "region", "IN_REGION"),
                _ref("part_of", "organisation", "PART_OF", required=False),
            ),
        ),
        RecordSpec(
            "professional",
            "Professional",
            (
                _text("name"),
                _text("profession"),
                _ref("organisation", "organisation", "WORKS_IN"),
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
                _ref("provider", "organisation", "PROVIDED_BY"),
            ),
        ),
        RecordSpec(
            "pathway",
            "CarePathway",
            (_text("name"), _text("need"), _ref("region", "region", "IN_REGION")),
        ),
        RecordSpec(
            "step",
            "PathwayStep",
            (
                _ref("pathway", "pathway", "HAS_STEP", incoming=True),
                Field("order", Kind.POSITIVE_INT),
                _text("name"),
                _ref("organisation", "organisation", "RESPONSIBLE_ORG", required=False),
                _ref("service", "service", "USES_SERVICE", required=False),
                _text("handoff", required=False),
            ),
        ),
        RecordSpec(
            "client",
            "Client",
            (
                _text("name"),
                _date("birth_date"),
                _ref("region", "region", "LIVES_IN"),
                _ref("family", "family", "MEMBER_OF", required=False),
                _code("family_role", vocab.FamilyRole, required=False, on_node=False),
                Field("long_term_illness", Kind.BOOL, required=False),
                _text("municipality", required=False),
            ),
        ),
        RecordSpec(
            "episode",
            "Episode",
            (
                _ref("client", "client", "HAS_EPISODE", incoming=True),
                _ref("service", "service", "OF_SERVICE"),
                _date("start"),
                _date("end", required=False),
                _code("status", vocab.EpisodeStatus),
                _ref("step", "step", "REALISES", required=False),
            ),
        ),
        RecordSpec(
            "plan",
            "Plan",
            (
                _ref("client", "client", "HAS_PLAN", incoming=True),
                _code("kind", vocab.PlanKind),
                _ref("owner", "professional", "OWNED_BY", required=False),
                _refs("participants", "professional", "PARTICIPANT"),
                _refs("services", "service", "COVERS"),
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
                _ref("plan", "plan", "HAS_GOAL", incoming=True),
                _text("text"),
                _code("direction", vocab.GoalDirection),
                _code("status", vocab.GoalStatus),
            ),
        ),
        RecordSpec(
            "consent",
            "Consent",
            (
                _ref("client", "client", "GAVE_CONSENT", incoming=True),
                _ref("from_org", "organisation", "FROM_ORG"),
                _ref("to_org", "organisation", "TO_ORG"),
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
                _ref("professional", "professional", "HOLDS", incoming=True),
                _code("role", vocab.Role),
                _ref("client", "client", "FOR", required=False),
                _ref("episode", "episode", "FOR", required=False),
                _ref("plan", "plan", "FOR", required=False),
                _ref("step", "step", "FOR", required=False),
                _ref("family", "family", "FOR", required=False),
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
                _ref("client", "client", "HAS_TRANSITION", incoming=True),
                _code("kind", vocab.TransitionKind),
                _date("due_date"),
                _ref("from_episode", "episode", "FROM_EPISODE", required=False),
                _ref("to_episode", "episode", "TO_EPISODE", required=False),
            ),
        ),
        RecordSpec(
            "handoff",
            "Handoff",
            (
                _ref("client", "client", "HAS_HANDOFF", incoming=True),
                _ref("transition", "transition", "AT", required=False),
                _ref("from_episode", "episode", "FROM_EPISODE", required=False),
                _ref("to_episode", "episode", "TO_EPISODE", required=False),
                _ref("from_professional", "professional", "FROM_PROFESSIONAL", required=False),
                _ref("to_professional", "professional", "TO_PROFESSIONAL", required=False),
                _ref("from_org", "organisation", "FROM_ORG"),
                _ref("to_org", "organisation", "TO_ORG"),
                _code("status", vocab.HandoffStatus),
                _date("requested"),
                _date("decided", required=False),
                _date("completed", required=False),
                _ref("consent", "consent", "RELIES_ON", required=False),
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
