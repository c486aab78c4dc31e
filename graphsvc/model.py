"""The record types of the exchange format (``docs/model.md``, "Records") as data.

Each :class:`RecordSpec` lists a record type's fields with their JSON type,
whether they are required, the vocabulary of a coded field, and for a reference
the record type it points to and the relationship that stores it (type and
direction; the target's label follows from the record type). The load and
export queries, ``docs/model.md`` and the GraphQL read path are checked
against (or compiled from) these declarations. The importer validates against these specs, the
exporter writes records back in :data:`LOAD_ORDER`, and GraphQL mutations can
reuse :func:`graphsvc.importing.validate_record`, so there is one description of
the format in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from graphsvc import vocab

FORMAT = "graphsvc/1"
"""The value of ``format`` in a JSON document or the first line of a JSON Lines file."""

BATCH_RECORDS = 20_000
"""Records a transaction writes when a load is too large for one: the batches an export
declares in a JSON Lines file, and those a FHIR NDJSON import is written in."""

Record = dict[str, Any]
"""A record of the exchange format as plain JSON: its ``type``, ``id`` and fields."""


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


def parents_first(organisations: list[Record]) -> list[Record]:
    """Organisations ordered so each comes after the one it is part of (ties by id)."""
    by_id = {record["id"]: record for record in organisations}
    placed: set[str] = set()
    ordered: list[Record] = []

    def place(record: Record) -> None:
        chain: list[Record] = []
        seen: set[str] = set()
        node: Record | None = record
        while node is not None and node["id"] not in placed and node["id"] not in seen:
            chain.append(node)
            seen.add(node["id"])
            node = by_id.get(node.get("part_of", ""))
        for item in reversed(chain):
            placed.add(item["id"])
            ordered.append(item)

    for record in sorted(organisations, key=lambda r: str(r["id"])):
        place(record)
    return ordered


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

DOCS: dict[str, str] = {
    # Record types (the API's object types).
    "region": "A wellbeing services county (hyvinvointialue) or another region whose "
    "organisations, clients and care pathways are read together.",
    "organisation": "An organisation (organisaatio, toimija): a wellbeing services county, "
    "one of its units, a municipality, Kela, an NGO, a company. Organisations nest.",
    "family": "A family or household (perhe), seen as a whole for its children.",
    "client": "A person receiving services (asiakas).",
    "professional": "A professional (ammattilainen) who works in an organisation and may "
    "hold responsibilities for clients.",
    "service": "A service (palvelu) an organisation provides, as in its service catalogue.",
    "episode": "One client's use of one service over a period.",
    "responsibility": "A professional's responsibility (vastuu) in a role for a client, an "
    "episode, a plan, a pathway step or a family, valid over a period.",
    "plan": "A client's plan (suunnitelma): client, service, care, rehabilitation or "
    "another plan, valid over a period.",
    "goal": "A goal (tavoite) agreed in a plan.",
    "consent": "The client's consent (suostumus) to information moving from one "
    "organisation to another.",
    "pathway": "A regional care pathway (hoitoketju, palveluketju): how a condition or need "
    "is handled, in ordered steps.",
    "step": "One step of a care pathway, with the organisation responsible for it.",
    "transition": "A point where responsibility for the client moves (nivel- tai "
    "siirtymävaihe), due on a date: day care to school, child to adult services.",
    "handoff": "The explicit passing of responsibility and information at a transition: "
    "requested, then accepted or rejected, then completed.",
    # Properties and references, as "record.field".
    "region.name": "The region's name.",
    "organisation.name": "The organisation's name.",
    "organisation.kind": "What kind of organisation it is.",
    "organisation.region": "The region the organisation belongs to.",
    "organisation.part_of": "The organisation this one is part of (PART_OF); null at the top.",
    "family.name": "The family's name, as the source system shows it.",
    "professional.name": "The professional's name.",
    "professional.profession": 'The profession, free text as recorded (e.g. "sosiaalityöntekijä").',
    "professional.organisation": "The organisation the professional works in (WORKS_IN).",
    "professional.valid_from": "First day of the employment; null: since always.",
    "professional.valid_to": "Last day of the employment (inclusive); null while it lasts.",
    "service.name": "The service's name.",
    "service.kind": "The kind of service, a code of the service kinds (e.g. physiotherapy); "
    "two providers' services of one kind overlap.",
    "service.level": "The service level: basic, special or most demanding.",
    "service.sector": "The sector the service belongs to.",
    "service.provider": "The organisation that provides the service.",
    "pathway.name": "The pathway's name.",
    "pathway.need": 'The condition or need it handles, free text (e.g. "lasten neurologiset '
    'häiriöt").',
    "pathway.region": "The region whose pathway it is.",
    "step.pathway": "The care pathway the step belongs to.",
    "step.order": "The step's place in its pathway: 1 is first; unique within the pathway.",
    "step.name": "The step's name.",
    "step.organisation": "The organisation responsible for the step; null when none is named "
    "(a gap).",
    "step.service": "The service the step uses; null when none is named.",
    "step.handoff": "The agreed handoff to the next step, free text; null on a step other "
    "than the last is a gap.",
    "client.name": "The client's name.",
    "client.birth_date": "The client's date of birth.",
    "client.region": "The region the client lives in.",
    "client.family": "The client's family; null when none is recorded.",
    "client.family_role": "The client's role in the family; null without a family.",
    "client.long_term_illness": "Whether the client has a long-term illness (default false).",
    "client.municipality": "The client's home municipality; null when not recorded.",
    "episode.client": "The client the episode is for.",
    "episode.service": "The service used.",
    "episode.start": "First day of the episode.",
    "episode.end": "Last day of the episode (inclusive); null while it is open.",
    "episode.status": "The status the source system gave; the gap rules go by the dates.",
    "episode.step": "The care pathway step this episode carries out; null when none.",
    "plan.client": "The client whose plan it is.",
    "plan.kind": "What kind of plan it is.",
    "plan.owner": "The professional responsible for keeping the plan up to date (OWNED_BY); "
    "null when nobody is.",
    "plan.participants": "Professionals who took part in making the plan.",
    "plan.services": "Services the plan covers.",
    "plan.review_date": "When the plan is to be reviewed next; null when no date is set.",
    "plan.mode": "How the plan was made; null when it was not recorded.",
    "plan.client_participated": "Whether the client took part; null when it was not "
    "recorded (unknown, neither with nor without the client).",
    "plan.previous_goals_feedback": "How the goals of the previous plan were met; null "
    "when none was recorded.",
    "plan.valid_from": "First day the plan is in force.",
    "plan.valid_to": "Last day the plan is in force (inclusive); null while it is.",
    "goal.plan": "The plan the goal belongs to.",
    "goal.text": "The goal, as agreed.",
    "goal.direction": "Which way the goal pulls: plans of one client must share direction.",
    "goal.status": "How far the goal has been reached.",
    "consent.client": "The client who gave the consent.",
    "consent.from_org": "The organisation the information may move from.",
    "consent.to_org": "The organisation the information may move to.",
    "consent.purpose": "What the information may be used for.",
    "consent.valid_from": "First day the consent holds.",
    "consent.valid_to": "Last day the consent holds (inclusive); null: until withdrawn.",
    "consent.withdrawn": "The day the client withdrew it (no longer holding from that day); "
    "null when not withdrawn.",
    "responsibility.professional": "The professional holding the responsibility.",
    "responsibility.role": "The role held (vastuutyöntekijä, omatyöntekijä, ...).",
    "responsibility.client": "The client, when the responsibility is for the client as a whole.",
    "responsibility.episode": "The episode, when the responsibility is for one episode.",
    "responsibility.plan": "The plan, when the responsibility is for a plan.",
    "responsibility.step": "The pathway step, when the responsibility is for a step.",
    "responsibility.valid_from": "First day of the responsibility.",
    "responsibility.valid_to": "Last day of the responsibility (inclusive); null while it lasts.",
    "responsibility.division": "The agreed division of labour with others holding the same "
    "role, free text; null when none is recorded.",
    "transition.client": "The client the transition is for.",
    "transition.kind": "What kind of transition it is.",
    "transition.due_date": "The day the transition falls due.",
    "transition.from_episode": "The episode the client leaves; null when not known.",
    "transition.to_episode": "The episode the client moves to; null when not known.",
    "handoff.client": "The client whose responsibility moves.",
    "handoff.transition": "The transition the handoff is for; null when it names only "
    "episodes and organisations.",
    "handoff.from_episode": "The sending episode; null when not named.",
    "handoff.to_episode": "The receiving episode; null when not named.",
    "handoff.from_professional": "The sending professional (the outgoing owner); null "
    "when not named.",
    "handoff.to_professional": "The receiving professional (the receiving owner); null "
    "when not named.",
    "handoff.from_org": "The sending organisation.",
    "handoff.to_org": "The receiving organisation.",
    "handoff.status": "Where the handoff is: requested, accepted, rejected or completed.",
    "handoff.requested": "The day the handoff was requested.",
    "handoff.decided": "The day it was accepted or rejected; null while undecided.",
    "handoff.completed": "The day it was completed; null until then.",
    "handoff.consent": "The client's consent the handoff relies on; null when none is named.",
}
"""What each record type and field means, for people reading the API (the GraphQL
schema's descriptions are taken from here): ``record`` for a type, ``record.field``
for a field."""
