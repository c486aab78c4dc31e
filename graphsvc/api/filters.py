"""Where-inputs and sort orders of the list fields, turned into store filters.

A where-input has one optional filter per property (``eq``, ``in``,
``contains`` on text, ``from``/``to`` on dates and numbers, both inclusive)
and ``AND``, ``OR``, ``NOT`` over nested where-inputs. All given parts must
hold. :func:`to_filter` rewrites the tree in disjunctive normal form (negations
pushed down to single comparisons), which one fixed Cypher query evaluates.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from itertools import product
from typing import Any, Generic, TypeVar

import strawberry

from graphsvc import vocab
from graphsvc.api import types as _types  # noqa: F401  (registers the vocabularies as enums)
from graphsvc.api.docs import described, sorting
from graphsvc.errors import BadInput
from graphsvc.store import Atom, Filter, Op

MAX_CONJUNCTIONS = 64
E = TypeVar("E")
LOGICAL = {"and_", "or_", "not_"}
EQ = "Equal to this value."
IN = "Equal to one of these values."


@strawberry.input(description="An id: equal, or one of.")
class IDFilter:
    eq: strawberry.ID | None = strawberry.field(default=None, description=EQ)
    in_: list[strawberry.ID] | None = strawberry.field(name="in", default=None, description=IN)


@strawberry.input(description="Text: equal, one of, or containing (case-insensitive).")
class StringFilter:
    eq: str | None = strawberry.field(default=None, description=EQ)
    in_: list[str] | None = strawberry.field(name="in", default=None, description=IN)
    contains: str | None = strawberry.field(
        default=None, description="Contains this text, ignoring case."
    )


@strawberry.input(description="A date: equal, or within from..to (both inclusive).")
class DateFilter:
    eq: date | None = strawberry.field(default=None, description=EQ)
    from_: date | None = strawberry.field(
        name="from", default=None, description="On or after this day."
    )
    to: date | None = strawberry.field(default=None, description="On or before this day.")


@strawberry.input(description="True or false: equal.")
class BoolFilter:
    eq: bool | None = strawberry.field(default=None, description=EQ)


@strawberry.input(description="A code of a vocabulary: equal, or one of.")
class EnumFilter(Generic[E]):
    eq: E | None = strawberry.field(default=None, description=EQ)
    in_: list[E] | None = strawberry.field(name="in", default=None, description=IN)


@strawberry.enum(description="Which way to sort.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("asc", description="Smallest first (A to Z, oldest first).")
    DESC = strawberry.enum_value("desc", description="Largest first (Z to A, newest first).")


def _atoms(name: str, condition: Any) -> list[Atom]:
    atoms = []
    for part in dataclasses.fields(condition):
        value = getattr(condition, part.name)
        if value is None:
            continue
        op = {"eq": Op.EQ, "in_": Op.IN, "contains": Op.CONTAINS, "from_": Op.GTE, "to": Op.LTE}
        if isinstance(value, list):
            value = [str(v) if isinstance(v, Enum) else v for v in value]
        elif isinstance(value, Enum):
            value = str(value.value)
        atoms.append(Atom(name, op[part.name], value))
    return atoms


def _and(filters: list[Filter]) -> Filter:
    combined: Filter = ((),)
    for f in filters:
        combined = tuple(a + b for a, b in product(combined, f))
        _check(combined)
    return combined


def _not(f: Filter) -> Filter:
    # not (c1 or c2 ...) = (not c1) and (not c2) ...; not (a and b) = (not a) or (not b)
    return _and([tuple((atom.negated(),) for atom in conjunction) for conjunction in f])


def _check(f: Filter) -> None:
    if len(f) > MAX_CONJUNCTIONS:
        raise BadInput(
            f"the where filter expands to more than {MAX_CONJUNCTIONS} alternatives",
            field="where",
            hint="simplify nested OR and NOT",
        )


def to_filter(where: Any) -> Filter:
    """The store filter for a where-input (``None`` matches everything)."""
    if where is None:
        return ((),)
    parts: list[Filter] = []
    for f in dataclasses.fields(where):
        value = getattr(where, f.name)
        if value is None or f.name in LOGICAL:
            continue
        parts.extend(((atom,),) for atom in _atoms(f.name, value))
    if where.and_ is not None:
        parts.extend(to_filter(w) for w in where.and_)
    if where.or_ is not None:
        alternatives: Filter = tuple(c for w in where.or_ for c in to_filter(w))
        _check(alternatives)
        parts.append(alternatives)
    if where.not_ is not None:
        parts.append(_not(to_filter(where.not_)))
    return _and(parts)


@described("client")
@strawberry.input(description="Which clients to list: every filter given must hold.")
class ClientWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    birth_date: DateFilter | None = None
    municipality: StringFilter | None = None
    long_term_illness: BoolFilter | None = None
    and_: list[ClientWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[ClientWhere] | None = strawberry.field(name="OR", default=None)
    not_: ClientWhere | None = strawberry.field(name="NOT", default=None)


@sorting("client")
@strawberry.enum(description="The properties the clients can be sorted on.")
class ClientSortField(Enum):
    ID = "id"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    MUNICIPALITY = "municipality"


@described()
@strawberry.input(description="How to sort the clients.")
class ClientOrder:
    field: ClientSortField
    direction: SortDirection = SortDirection.ASC


@described("organisation")
@strawberry.input(description="Which organisations to list: every filter given must hold.")
class OrganisationWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    kind: EnumFilter[vocab.OrganisationKind] | None = None
    and_: list[OrganisationWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[OrganisationWhere] | None = strawberry.field(name="OR", default=None)
    not_: OrganisationWhere | None = strawberry.field(name="NOT", default=None)


@sorting("organisation")
@strawberry.enum(description="The properties the organisations can be sorted on.")
class OrganisationSortField(Enum):
    ID = "id"
    NAME = "name"
    KIND = "kind"


@described()
@strawberry.input(description="How to sort the organisations.")
class OrganisationOrder:
    field: OrganisationSortField
    direction: SortDirection = SortDirection.ASC


@described("professional")
@strawberry.input(description="Which professionals to list: every filter given must hold.")
class ProfessionalWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    profession: StringFilter | None = None
    and_: list[ProfessionalWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[ProfessionalWhere] | None = strawberry.field(name="OR", default=None)
    not_: ProfessionalWhere | None = strawberry.field(name="NOT", default=None)


@sorting("professional")
@strawberry.enum(description="The properties the professionals can be sorted on.")
class ProfessionalSortField(Enum):
    ID = "id"
    NAME = "name"
    PROFESSION = "profession"


@described()
@strawberry.input(description="How to sort the professionals.")
class ProfessionalOrder:
    field: ProfessionalSortField
    direction: SortDirection = SortDirection.ASC


@described("service")
@strawberry.input(description="Which services to list: every filter given must hold.")
class ServiceWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    kind: StringFilter | None = None
    level: EnumFilter[vocab.ServiceLevel] | None = None
    sector: EnumFilter[vocab.Sector] | None = None
    and_: list[ServiceWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[ServiceWhere] | None = strawberry.field(name="OR", default=None)
    not_: ServiceWhere | None = strawberry.field(name="NOT", default=None)


@sorting("service")
@strawberry.enum(description="The properties the services can be sorted on.")
class ServiceSortField(Enum):
    ID = "id"
    NAME = "name"
    KIND = "kind"
    LEVEL = "level"
    SECTOR = "sector"


@described()
@strawberry.input(description="How to sort the services.")
class ServiceOrder:
    field: ServiceSortField
    direction: SortDirection = SortDirection.ASC


@described("pathway")
@strawberry.input(description="Which care pathways to list: every filter given must hold.")
class CarePathwayWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    need: StringFilter | None = None
    and_: list[CarePathwayWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[CarePathwayWhere] | None = strawberry.field(name="OR", default=None)
    not_: CarePathwayWhere | None = strawberry.field(name="NOT", default=None)


@sorting("pathway")
@strawberry.enum(description="The properties the care pathways can be sorted on.")
class CarePathwaySortField(Enum):
    ID = "id"
    NAME = "name"
    NEED = "need"


@described()
@strawberry.input(description="How to sort the care pathways.")
class CarePathwayOrder:
    field: CarePathwaySortField
    direction: SortDirection = SortDirection.ASC


@described("handoff")
@strawberry.input(description="Which handoffs to list: every filter given must hold.")
class HandoffWhere:
    id: IDFilter | None = None
    status: EnumFilter[vocab.HandoffStatus] | None = None
    requested: DateFilter | None = None
    decided: DateFilter | None = None
    completed: DateFilter | None = None
    and_: list[HandoffWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[HandoffWhere] | None = strawberry.field(name="OR", default=None)
    not_: HandoffWhere | None = strawberry.field(name="NOT", default=None)


@sorting("handoff")
@strawberry.enum(description="The properties the handoffs can be sorted on.")
class HandoffSortField(Enum):
    ID = "id"
    STATUS = "status"
    REQUESTED = "requested"
    DECIDED = "decided"
    COMPLETED = "completed"


@described()
@strawberry.input(description="How to sort the handoffs.")
class HandoffOrder:
    field: HandoffSortField
    direction: SortDirection = SortDirection.ASC
