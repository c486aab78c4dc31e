"""The family's summary: whom to call, who does what, the plans' goals and the next review.

A client or a family gets one page in plain words (seeds 000 and 003: the
family should know whom to call and take part in its plan). The facts come
from the graph as of a date (``cypher/summary/``, read through the Store);
this module turns them into :class:`Summary`, which knows nothing of HTML.

Whom to call: the contact person (an active ``contact_person`` responsibility
for the client or, for a child, for any member of the family; ``docs/model.md``).
When nobody is named, the summary says so and names the coordinating workers
instead, if there are any. Contact details are what the model holds about a
professional: name, profession and the organisations they work in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graphsvc.vocab import COORDINATING_ROLES, Lang, Role

ADULT_AGE = 18
"""Below this age a family member's contact person covers a child (as the gap rules read it)."""


@dataclass(frozen=True)
class Person:
    """A professional as the family meets them: name, profession, where they work."""

    id: str
    name: str
    profession: str
    organisations: tuple[str, ...]


@dataclass(frozen=True)
class Duty:
    """One responsibility in plain words: who, which role, for whom and in what."""

    person: Person
    role: Role
    client: str
    """The name of the client it is for."""
    service: str | None = None
    plan_kind: str | None = None


@dataclass(frozen=True)
class ServiceLine:
    client: str
    service: str
    provider: str | None
    since: dt.date
    workers: tuple[Duty, ...]


@dataclass(frozen=True)
class Goal:
    text: str
    status: str


@dataclass(frozen=True)
class PlanLine:
    client: str
    kind: str
    owner: Person | None
    review_date: dt.date | None
    client_participated: bool
    goals: tuple[Goal, ...]
    workers: tuple[Duty, ...]


@dataclass(frozen=True)
class Summary:
    kind: str
    """``client`` or ``family``."""
    id: str
    name: str
    as_of: dt.date
    members: tuple[str, ...]
    """The names of the clients the summary covers."""
    contacts: tuple[Duty, ...]
    coordinators: tuple[Duty, ...]
    client_duties: tuple[Duty, ...]
    """Roles for a client as a whole (treating physician, coordinator, ...)."""
    services: tuple[ServiceLine, ...]
    plans: tuple[PlanLine, ...]

    @property
    def next_review(self) -> PlanLine | None:
        """The plan whose review comes first on or after the summary's date."""
        coming = [p for p in self.plans if p.review_date and p.review_date >= self.as_of]
        return min(coming, key=lambda p: (p.review_date, p.kind), default=None)


def age(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def build(
    *,
    kind: str,
    id: str,
    name: str,
    as_of: dt.date,
    members: Sequence[Mapping[str, Any]],
    contact_scope: Sequence[str],
    responsibilities: Sequence[Mapping[str, Any]],
    episodes: Sequence[Mapping[str, Any]],
    plans: Sequence[Mapping[str, Any]],
) -> Summary:
    """A summary from the rows of ``cypher/summary/``; ``contact_scope`` lists the
    clients whose contact person counts (the members, and for a child their family)."""
    names = {str(m["id"]): str(m["name"]) for m in members}
    duties = [_duty(row, names) for row in responsibilities]
    by_scope: dict[str, list[Duty]] = {}
    for row, duty in zip(responsibilities, duties, strict=True):
        if row["scope_id"] is not None:
            by_scope.setdefault(str(row["scope_id"]), []).append(duty)
    contacts = _unique(
        duty
        for row, duty in zip(responsibilities, duties, strict=True)
        if row["scope"] == "client"
        and duty.role == Role.CONTACT_PERSON
        and row["client"] in contact_scope
    )
    member_ids = set(names)
    client_duties = [
        duty
        for row, duty in zip(responsibilities, duties, strict=True)
        if row["scope"] == "client"
        and row["client"] in member_ids
        and duty.role != Role.CONTACT_PERSON
    ]
    coordinators = _unique(d for d in client_duties if d.role in COORDINATING_ROLES)
    services = tuple(
        ServiceLine(
            client=names[str(row["client"])],
            service=str(row["service"]["name"]),
            provider=row["provider"],
            since=row["episode"]["start"],
            workers=tuple(by_scope.get(str(row["episode"]["id"]), [])),
        )
        for row in episodes
    )
    plan_lines = tuple(
        PlanLine(
            client=names[str(row["client"])],
            kind=str(row["plan"]["kind"]),
            owner=None if row["owner"] is None else _person(row["owner"], ()),
            review_date=row["plan"].get("review_date"),
            client_participated=bool(row["plan"].get("client_participated")),
            goals=tuple(
                Goal(str(g["text"]), str(g["status"]))
                for g in sorted(row["goals"], key=lambda g: str(g["id"]))
            ),
            workers=tuple(by_scope.get(str(row["plan"]["id"]), [])),
        )
        for row in plans
    )
    return Summary(
        kind=kind,
        id=id,
        name=name,
        as_of=as_of,
        members=tuple(str(m["name"]) for m in members),
        contacts=contacts,
        coordinators=coordinators,
        client_duties=tuple(client_duties),
        services=services,
        plans=plan_lines,
    )


def _person(row: Mapping[str, Any], organisations: Sequence[str]) -> Person:
    return Person(
        id=str(row["id"]),
        name=str(row["name"]),
        profession=str(row.get("profession") or ""),
        organisations=tuple(organisations),
    )


def _duty(row: Mapping[str, Any], names: Mapping[str, str]) -> Duty:
    client = str(row["client"])
    return Duty(
        person=_person(row["professional"], row["organisations"]),
        role=Role[str(row["role"]).upper()],
        client=names.get(client, client),
        service=row["service"],
        plan_kind=row["plan_kind"],
    )


def _unique(duties: Any) -> tuple[Duty, ...]:
    """One line per professional and role, whichever family member it is held for."""
    seen: dict[tuple[str, Role], Duty] = {}
    for duty in duties:
        seen.setdefault((duty.person.id, duty.role), duty)
    return tuple(seen.values())


ROLE_IN_WORDS: dict[Role, tuple[str, str]] = {
    Role.RESPONSIBLE_WORKER: (
        "vastuutyöntekijä: pitää kokonaisuuden koossa ja on teidän tukenanne",
        "responsible worker: keeps the whole together and stands by you",
    ),
    Role.OWN_WORKER: (
        "omatyöntekijä tässä palvelussa",
        "your own worker in this service",
    ),
    Role.COORDINATOR: (
        "koordinaattori: sovittaa palvelut yhteen",
        "coordinator: fits the services together",
    ),
    Role.SERVICE_COUNSELLOR: (
        "palveluohjaaja: auttaa löytämään oikeat palvelut",
        "service counsellor: helps you find the right services",
    ),
    Role.WORK_ABILITY_COORDINATOR: (
        "työkykykoordinaattori: tukee työhön tai opiskeluun",
        "work ability coordinator: supports you towards work or study",
    ),
    Role.TREATING_PHYSICIAN: (
        "hoitava lääkäri: vastaa hoidosta",
        "treating physician: responsible for the medical care",
    ),
    Role.CONTACT_PERSON: (
        "yhteyshenkilö: hänelle voitte soittaa ensimmäisenä",
        "contact person: the one to call first",
    ),
    Role.PLAN_AUTHOR: ("laatii suunnitelman", "writes the plan"),
    Role.STEP_OWNER: ("vastaa hoitoketjun vaiheesta", "responsible for a step of care"),
}


def role_in_words(role: Role, lang: Lang) -> str:
    """What the role means to a family; the vocabulary's label where nothing plainer is known."""
    words = ROLE_IN_WORDS.get(role)
    if words is None:
        return role.label(lang)
    return words[0] if lang == "fi" else words[1]
