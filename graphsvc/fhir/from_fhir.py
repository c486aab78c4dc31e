"""FHIR R4 resources -> graphsvc records (``docs/fhir.md``), every problem located.

Each resource is parsed by its ``fhir.resources`` R4B model (shape, types,
FHIR-required elements), then mapped. A problem names the file, the entry or
line, the resource (``Patient/cli-1``) and the element path
(``Patient.birthDate``). References are collected and resolved afterwards
against the whole input and the database (:mod:`graphsvc.fhir.exchange`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from graphsvc import vocab
from graphsvc.fhir import codes as c
from graphsvc.fhir.to_fhir import RESOURCE_TYPES
from graphsvc.importing.problems import Problem
from graphsvc.model import Record

MAPPED = (
    "Organization",
    "Group",
    "Practitioner",
    "PractitionerRole",
    "HealthcareService",
    "PlanDefinition",
    "Patient",
    "EpisodeOfCare",
    "CarePlan",
    "Goal",
    "Consent",
    "CareTeam",
    "Basic",
    "Task",
)
"""The resource types graphsvc reads; others are refused by name."""


class Unreadable(str):
    """An NDJSON line that is not JSON: the decoder's message."""


@dataclass(frozen=True)
class Entry:
    """One resource of the input and where it came from."""

    source: str
    position: str
    """``entry 3`` of a Bundle, ``line 12`` of an NDJSON file."""
    raw: Any


@dataclass(frozen=True)
class Reference:
    entry: Entry
    name: str
    path: str
    target: str
    """The record type the reference must resolve to."""
    ident: str


@dataclass
class Mapped:
    """The records mapped from an input, with what is needed to name problems."""

    records: list[Record] = field(default_factory=list)
    origin: list[tuple[Entry, str]] = field(default_factory=list)
    """Per record: its entry and the resource's ``Type/id``."""
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)
    """``Type/id`` of every resource of the input, bad ones included, so a reference to a
    bad resource is not reported a second time as unresolved."""
    entries: int = 0
    """How many entries (resources or lines) the input had."""


def _label(raw: Any) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get("resourceType"), str):
        ident = raw.get("id")
        return f"{raw['resourceType']}/{ident}" if isinstance(ident, str) else raw["resourceType"]
    return None


def element_path(resource_type: str, loc: Iterable[Any]) -> str:
    path = resource_type
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{str(part).removesuffix('__ext').removesuffix('_fhir')}"
    return path


class _Reader:
    """Maps one parsed resource; collects problems and references on ``out``."""

    def __init__(self, out: Mapped, entry: Entry, resource: Any, resolve: Callable[[str], str]):
        self.out = out
        self.entry = entry
        self.resource = resource
        self.type: str = resource.get_resource_type()
        self.name = f"{self.type}/{resource.id}"
        self.resolve = resolve
        self.ok = True

    def problem(self, path: str | None, message: str) -> None:
        self.ok = False
        self.out.problems.append(
            Problem(
                source=self.entry.source,
                position=self.entry.position,
                record=self.name,
                field=path,
                message=message,
            )
        )

    def required(self, value: Any, path: str, what: str) -> Any:
        if value is None or value == []:
            self.problem(path, f"is required: {what}")
        return value

    def ref(self, reference: Any, path: str, target: str) -> str | None:
        """The id a Reference points to, checked to be of the target record's resource type."""
        if reference is None:
            return None
        text = reference.reference
        if not isinstance(text, str):
            self.problem(path, "expected a reference Type/id (reference.reference)")
            return None
        text = self.resolve(text)
        wanted = RESOURCE_TYPES[target]
        kind, _, ident = text.rstrip("/").rpartition("/")
        kind = kind.rpartition("/")[2]
        if kind != wanted or not ident:
            self.problem(path, f"expected a reference to a {wanted} ({target}), got {text!r}")
            return None
        ident = c.graphsvc_id(ident)
        self.out.references.append(Reference(self.entry, self.name, path, target, ident))
        return ident

    def coded(
        self, concept: Any, path: str, terms: type[vocab.Term], *, required: bool = True
    ) -> str | None:
        """The code of a CodeableConcept (or Coding) in graphsvc's code system for ``terms``."""
        if concept is None:
            if required:
                self.problem(path, f"is required: a coding in {c.system(terms)}")
            return None
        codings = [concept] if hasattr(concept, "code") else (concept.coding or [])
        wanted = c.system(terms)
        for number, one in enumerate(codings):
            if one.system != wanted:
                continue
            where = path if hasattr(concept, "code") else f"{path}.coding[{number}]"
            code = one.code
            if code in {t.value for t in terms}:
                return str(code)
            choices = ", ".join(t.value for t in terms)
            self.problem(
                f"{where}.code", f"{code!r} is not a code of {wanted}; expected one of {choices}"
            )
            return None
        self.problem(path, f"expected a coding in {wanted}")
        return None

    def extensions(self, element: Any, url: str) -> list[Any]:
        return [e for e in (element.extension or []) if e.url == url]

    def ext(self, element: Any, url: str, kind: str, path: str) -> Any:
        found = self.extensions(element, url)
        if len(found) > 1:
            self.problem(f"{path}.extension", f"{url} is given {len(found)} times; expected once")
        if not found:
            return None
        return getattr(found[0], f"value{kind}")

    def ext_ref(self, element: Any, url: str, target: str, path: str) -> str | None:
        value = self.ext(element, url, "Reference", path)
        return self.ref(value, f"{path}.extension('{url.rpartition('/')[2]}')", target)

    def emit(self, record: Record) -> None:
        if record["type"] != "step":  # step ids are action ids, not resource ids
            record["id"] = c.graphsvc_id(str(record["id"]))
        if record["type"] == "step":
            record["pathway"] = c.graphsvc_id(str(record["pathway"]))
        if self.ok:
            self.out.records.append({k: v for k, v in record.items() if v is not None})
            self.out.origin.append((self.entry, self.name))


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def _text(name: Any) -> str | None:
    """The text of a HumanName or CodeableConcept list, or the joined given and family names."""
    for item in name or []:
        if getattr(item, "text", None):
            return str(item.text)
        given = " ".join(getattr(item, "given", None) or [])
        family = getattr(item, "family", None) or ""
        if (given + " " + family).strip():
            return (given + " " + family).strip()
    return None


FIRST = ("PractitionerRole", "Group", "CarePlan")
"""Resource types read in a first pass over the input, because what they say completes
the records of others: where a Practitioner works, a Patient's family, a Goal's plan."""


@dataclass
class _Context:
    """What the first pass learns for the second."""

    roles: dict[str, list[tuple[Entry, Any]]] = field(default_factory=lambda: defaultdict(list))
    """Practitioner id -> its PractitionerRoles (kept parsed: one per professional)."""
    memberships: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Patient id -> (family id, family role)."""
    goal_plans: dict[str, str] = field(default_factory=dict)
    """Goal id -> the CarePlan listing it."""
    seen: dict[str, Entry] = field(default_factory=dict)
    """``Type/id`` -> where it is, to name a second resource with the same id."""


def parse(entries: Iterable[Entry], resolve: Callable[[str], str] = lambda t: t) -> Mapped:
    """Map every entry; the result's records are the exchange format's, unvalidated.

    ``entries`` is iterated twice (a list, or files read again): first the
    resources of :data:`FIRST`, then the others. Each resource is parsed, mapped
    and let go, so memory holds records, not resources, however large the input.
    """
    out = Mapped()
    context = _Context()
    for first in (True, False):
        for entry in entries:
            raw = entry.raw
            kind = raw.get("resourceType") if isinstance(raw, dict) else None
            if (kind in FIRST) != first:
                continue
            out.entries += 1
            where = Entry(entry.source, entry.position, None)  # not the resource: it may be large
            resource = _parsed(out, where, raw, context.seen)
            if resource is not None:
                _map_one(out, where, resource, resolve, context)
    for ident, leftover in context.roles.items():
        for entry, role in leftover:
            _Reader(out, entry, role, resolve).problem(
                "PractitionerRole.practitioner",
                f"Practitioner/{ident} is not in the input: a PractitionerRole is read "
                "together with its Practitioner",
            )
    return out


def _parsed(out: Mapped, entry: Entry, raw: Any, seen: dict[str, Entry]) -> Any:
    """The resource of one entry, checked by its ``fhir.resources`` model; None when bad."""

    def fail(message: str, path: str | None = None) -> None:
        out.problems.append(
            Problem(
                source=entry.source,
                position=entry.position,
                record=_label(raw),
                field=path,
                message=message,
            )
        )

    if isinstance(raw, Unreadable):
        fail(f"is not valid JSON: {raw}")
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("resourceType"), str):
        fail("expected a FHIR resource (a JSON object with resourceType)")
        return None
    kind = raw["resourceType"]
    if kind not in MAPPED:
        fail(f"unknown resource type {kind!r}: graphsvc reads {', '.join(MAPPED)}")
        return None
    if not isinstance(raw.get("id"), str):
        fail(
            "is required: the resource id (graphsvc keeps ids; imports are idempotent by id)",
            f"{kind}.id",
        )
        return None
    label = f"{kind}/{raw['id']}"
    out.declared.add(label)
    if label in seen:
        earlier = seen[label]
        fail(f"{label} is also at {earlier.source} {earlier.position}", f"{kind}.id")
        return None
    seen[label] = entry
    try:
        return get_fhir_model_class(kind).model_validate(raw)
    except ValidationError as error:
        for issue in error.errors():
            fail(str(issue["msg"]), element_path(kind, issue["loc"]))
        return None


def _map_one(
    out: Mapped, entry: Entry, resource: Any, resolve: Callable[[str], str], context: _Context
) -> None:
    kind = resource.get_resource_type()
    reader = _Reader(out, entry, resource, resolve)
    own = c.graphsvc_id(str(resource.id))
    if kind == "PractitionerRole":
        who = reader.ref(
            reader.required(
                resource.practitioner, "PractitionerRole.practitioner", "a Practitioner"
            ),
            "PractitionerRole.practitioner",
            "professional",
        )
        if who is not None:
            context.roles[who].append((entry, resource))
    elif kind == "Group":
        _family(reader, resource, context.memberships)
    elif kind == "CarePlan":
        for number, goal in enumerate(resource.goal or []):
            ident = _Reader(out, entry, resource, resolve).ref(
                goal, f"CarePlan.goal[{number}]", "goal"
            )
            if ident is not None:
                context.goal_plans[ident] = own
        _plan(reader, resource)
    elif kind == "Organization":
        _organisation(reader, resource)
    elif kind == "Practitioner":
        _professional(reader, resource, context.roles.pop(own, []))
    elif kind == "HealthcareService":
        _service(reader, resource)
    elif kind == "PlanDefinition":
        _pathway(reader, resource)
    elif kind == "Patient":
        _client(reader, resource, context.memberships.get(own))
    elif kind == "EpisodeOfCare":
        _episode(reader, resource)
    elif kind == "Goal":
        _goal(reader, resource, context.goal_plans.get(own))
    elif kind == "Consent":
        _consent(reader, resource)
    elif kind == "CareTeam":
        _responsibility(reader, resource)
    elif kind == "Basic":
        _transition(reader, resource)
    elif kind == "Task":
        _handoff(reader, resource)


def _organisation(r: _Reader, o: Any) -> None:
    kinds = o.type or []
    is_region = any(
        coding.system == c.system(vocab.OrganisationKind) and coding.code == c.REGION_CODE
        for concept in kinds
        for coding in concept.coding or []
    )
    name = r.required(o.name, "Organization.name", "the organisation's name")
    if is_region:
        r.emit({"type": "region", "id": o.id, "name": name, "settings": _settings(r, o)})
        return
    kind = r.coded(kinds[0] if kinds else None, "Organization.type[0]", vocab.OrganisationKind)
    region = r.ext_ref(o, c.EXT_REGION, "region", "Organization")
    if region is None:
        r.problem("Organization.extension", f"is required: {c.EXT_REGION} (the region)")
    part_of = r.ref(o.partOf, "Organization.partOf", "organisation")
    r.emit(
        {
            "type": "organisation",
            "id": o.id,
            "name": name,
            "kind": kind,
            "region": region,
            "part_of": part_of,
        }
    )


def _settings(r: _Reader, o: Any) -> Any:
    """A region's gap rule settings from their extension's JSON text (checked by the importer)."""
    text = r.ext(o, c.EXT_REGION_SETTINGS, "String", "Organization")
    if text is None:
        return None
    path = "Organization.extension('region-settings').valueString"
    try:
        settings = json.loads(text)
    except ValueError as error:
        r.problem(path, f"expected a JSON object of gap rule settings: {error}")
        return None
    if not isinstance(settings, dict):
        r.problem(path, "expected a JSON object of gap rule settings")
        return None
    return settings


def _family(r: _Reader, g: Any, memberships: dict[str, tuple[str, str]]) -> None:
    name = r.required(g.name, "Group.name", "the family's name")
    for number, member in enumerate(g.member or []):
        path = f"Group.member[{number}]"
        client = r.ref(member.entity, f"{path}.entity", "client")
        role = r.coded(
            r.ext(member, c.EXT_FAMILY_ROLE, "Coding", path),
            f"{path}.extension('family-role')",
            vocab.FamilyRole,
        )
        if client is not None and role is not None:
            memberships[client] = (c.graphsvc_id(str(g.id)), role)
    r.emit({"type": "family", "id": g.id, "name": name})


def _professional(r: _Reader, p: Any, roles: list[tuple[Entry, Any]]) -> None:
    name = r.required(_text(p.name), "Practitioner.name", "the professional's name")
    if len(roles) != 1:
        r.problem(
            "Practitioner",
            f"expected exactly one PractitionerRole naming where Practitioner/{p.id} works; "
            f"got {len(roles)}",
        )
        return
    entry, role = roles[0]
    rr = _Reader(r.out, entry, role, r.resolve)
    organisation = rr.ref(
        rr.required(role.organization, "PractitionerRole.organization", "an Organization"),
        "PractitionerRole.organization",
        "organisation",
    )
    profession = rr.required(_text(role.code), "PractitionerRole.code", "the profession as text")
    when = role.period
    if not rr.ok:
        r.ok = False
    r.emit(
        {
            "type": "professional",
            "id": p.id,
            "name": name,
            "profession": profession,
            "organisation": organisation,
            "valid_from": _date(when.start) if when else None,
            "valid_to": _date(when.end) if when else None,
        }
    )


def _service_kind(r: _Reader, s: Any) -> str | None:
    """A coding in graphsvc's service-kind system, or else the type's text (a Finnish or
    Swedish name the importer maps to its code, or refuses with the codes it knows)."""
    first = (s.type or [None])[0]
    system = c.system(vocab.ServiceKind)
    if first is not None and any(one.system == system for one in first.coding or []):
        return r.coded(first, "HealthcareService.type[0]", vocab.ServiceKind)
    text = _text(s.type)
    r.required(text, "HealthcareService.type", f"a coding in {system} or the kind as text")
    return text


def _service(r: _Reader, s: Any) -> None:
    r.emit(
        {
            "type": "service",
            "id": s.id,
            "name": r.required(s.name, "HealthcareService.name", "the service's name"),
            "kind": _service_kind(r, s),
            "level": r.coded(
                (s.characteristic or [None])[0],
                "HealthcareService.characteristic[0]",
                vocab.ServiceLevel,
            ),
            "sector": r.coded(
                (s.category or [None])[0], "HealthcareService.category[0]", vocab.Sector
            ),
            "provider": r.ref(
                r.required(s.providedBy, "HealthcareService.providedBy", "an Organization"),
                "HealthcareService.providedBy",
                "organisation",
            ),
        }
    )


def _pathway(r: _Reader, p: Any) -> None:
    region = r.ext_ref(p, c.EXT_REGION, "region", "PlanDefinition")
    if region is None:
        r.problem("PlanDefinition.extension", f"is required: {c.EXT_REGION} (the region)")
    r.emit(
        {
            "type": "pathway",
            "id": p.id,
            "name": r.required(p.title, "PlanDefinition.title", "the pathway's name"),
            "need": r.required(p.purpose, "PlanDefinition.purpose", "the need the pathway serves"),
            "region": region,
        }
    )
    for number, action in enumerate(p.action or []):
        path = f"PlanDefinition.action[{number}]"
        order = str(action.prefix or "")
        if not order.isdigit() or int(order) < 1:
            r.problem(
                f"{path}.prefix",
                f"expected the step's order, a whole number of at least 1, got {order!r}",
            )
        ident = r.required(action.id, f"{path}.id", "the step's id")
        r.emit(
            {
                "type": "step",
                "id": ident,
                "pathway": p.id,
                "order": int(order) if order.isdigit() else None,
                "name": r.required(action.title, f"{path}.title", "the step's name"),
                "organisation": r.ext_ref(action, c.EXT_ORGANISATION, "organisation", path),
                "service": r.ext_ref(action, c.EXT_SERVICE, "service", path),
                "handoff": action.description,
            }
        )


def _client(r: _Reader, p: Any, membership: tuple[str, str] | None) -> None:
    region = r.ext_ref(p, c.EXT_REGION, "region", "Patient")
    if region is None:
        r.problem(
            "Patient.extension", f"is required: {c.EXT_REGION} (the region the client lives in)"
        )
    city = next((a.city for a in p.address or [] if a.city), None)
    r.emit(
        {
            "type": "client",
            "id": p.id,
            "name": r.required(_text(p.name), "Patient.name", "the client's name"),
            "birth_date": r.required(_date(p.birthDate), "Patient.birthDate", "a date YYYY-MM-DD"),
            "region": region,
            "family": membership[0] if membership else None,
            "family_role": membership[1] if membership else None,
            "long_term_illness": r.ext(p, c.EXT_LONG_TERM_ILLNESS, "Boolean", "Patient"),
            "municipality": city,
        }
    )


def _episode(r: _Reader, e: Any) -> None:
    status = c.reverse(c.EPISODE_STATUS).get(str(e.status))
    if status is None:
        r.problem(
            "EpisodeOfCare.status",
            f"{e.status!r} has no graphsvc episode status; expected one of "
            + ", ".join(c.EPISODE_STATUS.values()),
        )
    service = r.ext_ref(e, c.EXT_SERVICE, "service", "EpisodeOfCare")
    if service is None:
        r.problem("EpisodeOfCare.extension", f"is required: {c.EXT_SERVICE} (the service)")
    when = e.period
    r.emit(
        {
            "type": "episode",
            "id": e.id,
            "client": r.ref(e.patient, "EpisodeOfCare.patient", "client"),
            "service": service,
            "start": r.required(
                _date(when.start) if when else None, "EpisodeOfCare.period.start", "a date"
            ),
            "end": _date(when.end) if when else None,
            "status": status,
            "step": r.ext(e, c.EXT_STEP, "String", "EpisodeOfCare"),
        }
    )


def _plan(r: _Reader, p: Any) -> None:
    when = p.period
    services: list[str] = []
    for number, activity in enumerate(p.activity or []):
        performers = (activity.detail.performer or []) if activity.detail else []
        for index, performer in enumerate(performers):
            ident = r.ref(
                performer, f"CarePlan.activity[{number}].detail.performer[{index}]", "service"
            )
            if ident is not None:
                services.append(ident)
    feedback = r.ext(p, c.EXT_GOALS_FEEDBACK, "Coding", "CarePlan")
    r.emit(
        {
            "type": "plan",
            "id": p.id,
            "client": r.ref(
                r.required(p.subject, "CarePlan.subject", "a Patient"), "CarePlan.subject", "client"
            ),
            "kind": r.coded((p.category or [None])[0], "CarePlan.category[0]", vocab.PlanKind),
            "owner": r.ref(p.author, "CarePlan.author", "professional"),
            "participants": [
                ident
                for number, who in enumerate(p.contributor or [])
                if (ident := r.ref(who, f"CarePlan.contributor[{number}]", "professional"))
            ],
            "services": services,
            "review_date": _date(r.ext(p, c.EXT_REVIEW_DATE, "Date", "CarePlan")),
            "mode": r.coded(
                r.ext(p, c.EXT_PLANNING_MODE, "Coding", "CarePlan"),
                "CarePlan.extension('planning-mode')",
                vocab.PlanningMode,
            ),
            "client_participated": r.required(
                r.ext(p, c.EXT_CLIENT_PARTICIPATED, "Boolean", "CarePlan"),
                "CarePlan.extension('client-participated')",
                "true or false",
            ),
            "previous_goals_feedback": r.coded(
                feedback,
                "CarePlan.extension('previous-goals-feedback')",
                vocab.GoalFeedback,
                required=False,
            ),
            "valid_from": r.required(
                _date(when.start) if when else None, "CarePlan.period.start", "a date"
            ),
            "valid_to": _date(when.end) if when else None,
        }
    )


def _goal(r: _Reader, g: Any, plan: str | None) -> None:
    if plan is None:
        r.problem("Goal", f"no CarePlan in the input lists Goal/{g.id} in CarePlan.goal")
    status = c.reverse(c.GOAL_STATUS).get(str(g.lifecycleStatus))
    if status is None:
        r.problem(
            "Goal.lifecycleStatus",
            f"{g.lifecycleStatus!r} has no graphsvc goal status; expected one of "
            + ", ".join(c.GOAL_STATUS.values()),
        )
    r.emit(
        {
            "type": "goal",
            "id": g.id,
            "plan": plan,
            "text": r.required(g.description.text, "Goal.description.text", "the goal as text"),
            "direction": r.coded(
                (g.category or [None])[0], "Goal.category[0]", vocab.GoalDirection
            ),
            "status": status,
        }
    )


def _consent(r: _Reader, k: Any) -> None:
    provision = k.provision
    if provision is None:
        r.problem("Consent.provision", "is required: the period, actors and purpose")
        return
    actors: dict[str, str | None] = {}
    for number, actor in enumerate(provision.actor or []):
        codes = {coding.code for coding in actor.role.coding or []}
        side = (
            "from_org"
            if c.CONSENT_FROM["code"] in codes
            else "to_org"
            if c.CONSENT_TO["code"] in codes
            else None
        )
        path = f"Consent.provision.actor[{number}]"
        if side is None:
            r.problem(
                f"{path}.role",
                f"expected role {c.CONSENT_FROM['code']} or {c.CONSENT_TO['code']} "
                f"of {c.PARTICIPATION}",
            )
            continue
        actors[side] = r.ref(actor.reference, f"{path}.reference", "organisation")
    for side, code in (("from_org", c.CONSENT_FROM["code"]), ("to_org", c.CONSENT_TO["code"])):
        if side not in actors:
            r.problem("Consent.provision.actor", f"is required: an actor with role {code}")
    when = provision.period
    r.emit(
        {
            "type": "consent",
            "id": k.id,
            "client": r.ref(
                r.required(k.patient, "Consent.patient", "a Patient"), "Consent.patient", "client"
            ),
            "from_org": actors.get("from_org"),
            "to_org": actors.get("to_org"),
            "purpose": r.coded(
                (provision.purpose or [None])[0],
                "Consent.provision.purpose[0]",
                vocab.ConsentPurpose,
            ),
            "valid_from": r.required(
                _date(when.start) if when else None, "Consent.provision.period.start", "a date"
            ),
            "valid_to": _date(when.end) if when else None,
            "withdrawn": _date(r.ext(k, c.EXT_WITHDRAWN, "Date", "Consent")),
        }
    )


def _responsibility(r: _Reader, t: Any) -> None:
    participants = t.participant or []
    if len(participants) != 1:
        r.problem(
            "CareTeam.participant",
            "expected exactly one participant (one responsibility a CareTeam); "
            f"got {len(participants)}",
        )
        return
    who = participants[0]
    scopes: dict[str, str | None] = {"episode": None, "plan": None}
    for number, scope in enumerate(r.extensions(t, c.EXT_SCOPE)):
        value = scope.valueReference
        kind = str(getattr(value, "reference", "") or "").partition("/")[0]
        target = "episode" if kind == "EpisodeOfCare" else "plan"
        scopes[target] = r.ref(
            value, f"CareTeam.extension('responsibility-scope')[{number}]", target
        )
    when = who.period
    subject = str(getattr(t.subject, "reference", "") or "")
    family = r.resolve(subject).rpartition("/")[0].rpartition("/")[2] == "Group"
    r.emit(
        {
            "type": "responsibility",
            "id": t.id,
            "professional": r.ref(
                r.required(who.member, "CareTeam.participant[0].member", "a Practitioner"),
                "CareTeam.participant[0].member",
                "professional",
            ),
            "role": r.coded((who.role or [None])[0], "CareTeam.participant[0].role[0]", vocab.Role),
            "client": r.ref(t.subject, "CareTeam.subject", "client") if not family else None,
            "family": r.ref(t.subject, "CareTeam.subject", "family") if family else None,
            "episode": scopes["episode"],
            "plan": scopes["plan"],
            "step": r.ext(t, c.EXT_STEP, "String", "CareTeam"),
            "valid_from": r.required(
                _date(when.start) if when else None,
                "CareTeam.participant[0].period.start",
                "a date",
            ),
            "valid_to": _date(when.end) if when else None,
            "division": r.ext(t, c.EXT_DIVISION, "String", "CareTeam"),
            "contact": r.ext(t, c.EXT_CONTACT, "Boolean", "CareTeam"),
        }
    )


def _transition(r: _Reader, b: Any) -> None:
    r.emit(
        {
            "type": "transition",
            "id": b.id,
            "client": r.ref(
                r.required(b.subject, "Basic.subject", "a Patient"), "Basic.subject", "client"
            ),
            "kind": r.coded(b.code, "Basic.code", vocab.TransitionKind),
            "due_date": r.required(
                _date(r.ext(b, c.EXT_DUE_DATE, "Date", "Basic")),
                "Basic.extension('due-date')",
                "a date",
            ),
            "from_episode": r.ext_ref(b, c.EXT_FROM_EPISODE, "episode", "Basic"),
            "to_episode": r.ext_ref(b, c.EXT_TO_EPISODE, "episode", "Basic"),
        }
    )


def _handoff(r: _Reader, t: Any) -> None:
    status = c.reverse(c.HANDOFF_STATUS).get(str(t.status))
    if status is None:
        r.problem(
            "Task.status",
            f"{t.status!r} has no graphsvc handoff status; expected one of "
            + ", ".join(c.HANDOFF_STATUS.values()),
        )
    completed = t.executionPeriod.end if t.executionPeriod else None
    r.emit(
        {
            "type": "handoff",
            "id": t.id,
            "client": r.ref(r.required(t.for_fhir, "Task.for", "a Patient"), "Task.for", "client"),
            "transition": r.ref(t.focus, "Task.focus", "transition"),
            "from_episode": r.ext_ref(t, c.EXT_FROM_EPISODE, "episode", "Task"),
            "to_episode": r.ext_ref(t, c.EXT_TO_EPISODE, "episode", "Task"),
            "from_professional": r.ext_ref(t, c.EXT_FROM_PROFESSIONAL, "professional", "Task"),
            "to_professional": r.ext_ref(t, c.EXT_TO_PROFESSIONAL, "professional", "Task"),
            "from_org": r.ref(
                r.required(t.requester, "Task.requester", "an Organization"),
                "Task.requester",
                "organisation",
            ),
            "to_org": r.ref(
                r.required(t.owner, "Task.owner", "an Organization"), "Task.owner", "organisation"
            ),
            "status": status,
            "requested": r.required(_date(t.authoredOn), "Task.authoredOn", "a date"),
            "decided": _date(r.ext(t, c.EXT_DECIDED, "Date", "Task")),
            "completed": _date(completed),
            "consent": r.ext_ref(t, c.EXT_CONSENT, "consent", "Task"),
        }
    )
