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
from graphsvc.errors import BadInput
from graphsvc.store import Atom, Filter, Op

MAX_CONJUNCTIONS = 64
E = TypeVar("E")
LOGICAL = {"and_", "or_", "not_"}


@strawberry.input
class IDFilter:
    eq: strawberry.ID | None = None
    in_: list[strawberry.ID] | None = strawberry.field(name="in", default=None)


@strawberry.input(description="Text: equal, one of, or containing (case-insensitive).")
class StringFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(name="in", default=None)
    contains: str | None = None


@strawberry.input(description="A date: equal, or within from..to (both inclusive).")
class DateFilter:
    eq: date | None = None
    from_: date | None = strawberry.field(name="from", default=None)
    to: date | None = None


@strawberry.input
class BoolFilter:
    eq: bool | None = None


@strawberry.input
class EnumFilter(Generic[E]):
    eq: E | None = None
    in_: list[E] | None = strawberry.field(name="in", default=None)


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


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


@strawberry.input
class ClientWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    birth_date: DateFilter | None = None
    municipality: StringFilter | None = None
    long_term_illness: BoolFilter | None = None
    and_: list[ClientWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[ClientWhere] | None = strawberry.field(name="OR", default=None)
    not_: ClientWhere | None = strawberry.field(name="NOT", default=None)


@strawberry.enum
class ClientSortField(Enum):
    ID = "id"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    MUNICIPALITY = "municipality"


@strawberry.input
class ClientOrder:
    field: ClientSortField
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class OrganisationWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    kind: EnumFilter[vocab.OrganisationKind] | None = None
    and_: list[OrganisationWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[OrganisationWhere] | None = strawberry.field(name="OR", default=None)
    not_: OrganisationWhere | None = strawberry.field(name="NOT", default=None)


@strawberry.enum
class OrganisationSortField(Enum):
    ID = "id"
    NAME = "name"
    KIND = "kind"


@strawberry.input
class OrganisationOrder:
    field: OrganisationSortField
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class ProfessionalWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    profession: StringFilter | None = None
    and_: list[ProfessionalWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[ProfessionalWhere] | None = strawberry.field(name="OR", default=None)
    not_: ProfessionalWhere | None = strawberry.field(name="NOT", default=None)


@strawberry.enum
class ProfessionalSortField(Enum):
    ID = "id"
    NAME = "name"
    PROFESSION = "profession"


@strawberry.input
class ProfessionalOrder:
    field: ProfessionalSortField
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class ServiceWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    kind: StringFilter | None = None
    level: EnumFilter[vocab.ServiceLevel] | None = None
    sector: EnumFilter[vocab.Sector] | None = None
    and_: list[ServiceWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[ServiceWhere] | None = strawberry.field(name="OR", default=None)
    not_: ServiceWhere | None = strawberry.field(name="NOT", default=None)


@strawberry.enum
class ServiceSortField(Enum):
    ID = "id"
    NAME = "name"
    KIND = "kind"
    LEVEL = "level"
    SECTOR = "sector"


@strawberry.input
class ServiceOrder:
    field: ServiceSortField
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class CarePathwayWhere:
    id: IDFilter | None = None
    name: StringFilter | None = None
    need: StringFilter | None = None
    and_: list[CarePathwayWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[CarePathwayWhere] | None = strawberry.field(name="OR", default=None)
    not_: CarePathwayWhere | None = strawberry.field(name="NOT", default=None)


@strawberry.enum
class CarePathwaySortField(Enum):
    ID = "id"
    NAME = "name"
    NEED = "need"


@strawberry.input
class CarePathwayOrder:
    field: CarePathwaySortField
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class HandoffWhere:
    id: IDFilter | None = None
    status: EnumFilter[vocab.HandoffStatus] | None = None
    requested: DateFilter | None = None
    decided: DateFilter | None = None
    completed: DateFilter | None = None
    and_: list[HandoffWhere] | None = strawberry.field(name="AND", default=None)
    or_: list[HandoffWhere] | None = strawberry.field(name="OR", default=None)
    not_: HandoffWhere | None = strawberry.field(name="NOT", default=None)


@strawberry.enum
class HandoffSortField(Enum):
    ID = "id"
    STATUS = "status"
    REQUESTED = "requested"
    DECIDED = "decided"
    COMPLETED = "completed"


@strawberry.input
class HandoffOrder:
    field: HandoffSortField
    direction: SortDirection = SortDirection.ASC
