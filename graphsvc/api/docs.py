"""The schema's descriptions that follow from the model or repeat across the API.

GraphiQL shows a front-end developer a type's, field's and argument's description
and nothing else, so every one has one (``tests/test_schema_descriptions.py``).
A description written on the declaration (``strawberry.field(description=...)``)
stands; :func:`described` fills the rest from one place each:

- properties and references of a record, in object types, where-inputs and mutation
  inputs, from the model's field docs (:data:`graphsvc.model.DOCS`);
- relation fields read backward (``Client.episodes``) from the reference they follow
  (:data:`graphsvc.api.relations.REFERENCES`);
- the arguments and fields that recur across types (``first``, ``after``, ``where``,
  ``orderBy``, ``asOf``, ``id``, ``version``, ``AND``/``OR``/``NOT``) from
  :data:`ARGUMENTS` and :data:`FIELDS`;
- lookups by id and the record mutations (``createClient``, ``updateClient``) from the
  record type they name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.tools import merge_types
from strawberry.types.arguments import StrawberryArgumentAnnotation
from strawberry.types.base import get_object_definition
from strawberry.types.enum import has_enum_definition
from strawberry.types.field import StrawberryField

from graphsvc import vocab
from graphsvc.api.connections import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from graphsvc.api.relations import REFERENCES
from graphsvc.model import DOCS, LABELS, SPECS

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

RECORDS: dict[str, str] = {label: kind for kind, label in LABELS.items()}
"""Node label (``CarePathway``) -> record type (``pathway``)."""

ARGUMENTS: dict[str, str] = {
    "first": f"How many items the page holds: 0 to {MAX_PAGE_SIZE}; default {DEFAULT_PAGE_SIZE}.",
    "after": "Start after this cursor (the previous page's pageInfo.endCursor); "
    "without it, from the beginning.",
    "where": "Only the items that match every filter given; without it, all the caller may see.",
    "order_by": "The sort order; without it, by id ascending.",
    "as_of": "The day to find gaps as of (YYYY-MM-DD); default today.",
    "id": "The record's id.",
    "expected_version": "The record's version as last read: the change is refused with "
    "CONFLICT when the record has been written since. Without it, no check.",
    "on": "The day the change takes effect (YYYY-MM-DD); see the field for what it sets.",
    "lang": "The language of the text: FI (default) or EN.",
}
"""Arguments that mean the same on every field that takes them, by Python name."""

CREATING = ("create", "assign", "record", "start", "request")
"""Mutations whose name starts with one of these make a new record."""

CREATE_ARGUMENTS: dict[str, str] = {
    "id": "The new record's id (at most 100 characters); without it one is made, "
    "as the record type and a random part.",
    "input": "The new record's fields; the required ones as in the import format.",
}
UPDATE_ARGUMENTS: dict[str, str] = {
    "input": "The fields to change; those left out stay as they are, an explicit null "
    "removes an optional value.",
}

FIELDS: dict[str, str] = {
    "id": "The record's id, unique among records of its type.",
    "version": "Counts the writes of this record: 1 when created, one more on each "
    "change. Give it as expectedVersion.",
    "and_": "Every one of these must match as well.",
    "or_": "At least one of these must match as well.",
    "not_": "This must not match.",
    "field": "The property to sort on.",
    "direction": "Ascending (default) or descending.",
}
"""Fields that mean the same on every type that has them, by Python name."""


def _record_field(record: str | None, name: str, *, writing: bool) -> str | None:
    if record is None:
        return None
    doc = DOCS.get(f"{record}.{name}")
    field = SPECS[record].field(name)
    if doc is not None and writing and field is not None and field.required:
        return f"{doc} Required when creating."
    return doc


def _backward(label: str, name: str) -> str | None:
    found = REFERENCES.get((label, name))
    if found is None:
        return None
    reference, backward = found
    if not backward:
        return DOCS.get(reference)
    kind, _, field = reference.partition(".")
    return f"Every {LABELS[kind]} whose {field} is this {RECORDS[label]}."


WRITES = {"create": "Creates a record: a new {}", "update": "Changes the given fields of the {}"}
"""The record mutations (``createClient``, ``updateClient``), by verb."""


def _label(snake: str) -> str | None:
    """The node label a snake_case name spells (``care_pathway`` -> ``CarePathway``)."""
    label = "".join(part.title() for part in snake.split("_"))
    return label if label in RECORDS else None


def _mutation(name: str) -> str | None:
    verb, _, rest = name.partition("_")
    label = _label(rest)
    if label is None or verb not in WRITES:
        return None
    return (
        WRITES[verb].format(label) + ", checked as the import checks it; answers with it and "
        "the gaps the change opened and closed for the client it concerns (none when it "
        "concerns no client)."
    )


def _lookup(name: str) -> str | None:
    label = _label(name)
    if label is None:
        return None
    return (
        f"The {label} with this id and its relations; null when there is none or the "
        "caller may not see it."
    )


def _arguments(field: StrawberryField, root: str | None) -> None:
    table: Mapping[str, str] = ARGUMENTS
    if root == "Mutation":
        verb = field.python_name.partition("_")[0]
        table = {**ARGUMENTS, **(CREATE_ARGUMENTS if verb in CREATING else UPDATE_ARGUMENTS)}
    for argument in field.arguments:
        if not argument.description:
            argument.description = table.get(argument.python_name)


def argument(description: str) -> StrawberryArgumentAnnotation:
    """``strawberry.argument(description=...)``, for ``Annotated[type, argument(...)]``."""
    return strawberry.argument(description=description)


def documented(
    description: str, *, mutation: bool = False
) -> Callable[[Callable[..., Any]], StrawberryField]:
    """``@strawberry.field(description=...)`` (or ``mutation``) on a resolver, typed
    for mypy."""

    def wrap(resolver: Callable[..., Any]) -> StrawberryField:
        if mutation:
            return strawberry.mutation(resolver, description=description)
        return strawberry.field(resolver, description=description)

    return wrap


def described(
    record: str | None = None, *, root: str | None = None, writing: bool = False
) -> Callable[[type[T]], type[T]]:
    """Fills the descriptions a strawberry type's declarations leave out.

    ``record`` names the model record type the class shows (a node type, its
    where-input or mutation input); ``root`` is ``Query`` or ``Mutation`` for the
    root fields of that kind; ``writing`` marks a mutation input, whose fields say
    whether a create requires them."""

    def fill(cls: type[T]) -> type[T]:
        definition = get_object_definition(cls, strict=True)
        label = LABELS.get(record) if record else None
        if not definition.description and record is not None and cls.__name__ == label:
            definition.description = DOCS[record]
        for field in definition.fields:
            name = field.python_name
            if not field.description:
                field.description = (
                    _record_field(record, name, writing=writing)
                    or (_backward(label, name) if label else None)
                    or FIELDS.get(name)
                    or (_lookup(name) if root == "Query" else None)
                    or (_mutation(name) if root == "Mutation" else None)
                )
            _arguments(field, root)
        return cls

    return fill


def values(descriptions: Mapping[str, str]) -> Callable[[type[E]], type[E]]:
    """Describes a strawberry enum's values, by member name (after ``@strawberry.enum``)."""

    def describe(enum: type[E]) -> type[E]:
        registered: Any = enum
        assert has_enum_definition(registered)
        for value in registered.__strawberry_definition__.values:
            value.description = descriptions[value.name]
        return enum

    return describe


def sorting(record: str) -> Callable[[type[E]], type[E]]:
    """Describes the values of a list's sort-field enum by the model's properties."""

    def describe(enum: type[E]) -> type[E]:
        return values(
            {
                term.name: FIELDS["id"] if term.value == "id" else DOCS[f"{record}.{term.value}"]
                for term in enum
            }
        )(enum)

    return describe


def merged(name: str, types: tuple[type, ...]) -> type:
    """``strawberry.tools.merge_types``, keeping the first type's description."""
    merged = merge_types(name, types)
    description = get_object_definition(types[0], strict=True).description
    get_object_definition(merged, strict=True).description = description
    return merged


def vocabulary(terms: type[vocab.Term], description: str, *, name: str | None = None) -> None:
    """Registers a vocabulary as a GraphQL enum, each code described by its Finnish
    and English labels."""
    registered = strawberry.enum(terms, name=name, description=description)
    values({term.name: f"{term.fi} / {term.en}" for term in terms})(registered)
