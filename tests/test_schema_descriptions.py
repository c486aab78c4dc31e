"""The schema documents itself: GraphiQL shows descriptions, so every part has one."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    specified_scalar_types,
)
from graphql import build_schema as from_sdl
from graphql.type.introspection import introspection_types

from graphsvc.api.schema import build_schema, export_schema
from graphsvc.model import DOCS, SPECS


def undescribed(schema: GraphQLSchema) -> list[str]:
    """What lacks a description: named types (not built-in), their fields, arguments,
    input fields and enum values, as ``Type``, ``Type.field``, ``Type.field(argument)``."""
    missing: list[str] = []

    def check(description: str | None, what: str) -> None:
        if not (description or "").strip():
            missing.append(what)

    for name, named in schema.type_map.items():
        if name in introspection_types or name in specified_scalar_types:
            continue
        check(named.description, name)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                check(field.description, f"{name}.{field_name}")
                for arg_name, arg in field.args.items():
                    check(arg.description, f"{name}.{field_name}({arg_name})")
        elif isinstance(named, GraphQLInputObjectType):
            for field_name, input_field in named.fields.items():
                check(input_field.description, f"{name}.{field_name}")
        elif isinstance(named, GraphQLEnumType):
            for value_name, value in named.values.items():
                check(value.description, f"{name}.{value_name}")
    return missing


def test_every_type_field_argument_and_enum_value_has_a_description() -> None:
    missing = undescribed(build_schema()._schema)
    assert missing == [], "no description: " + ", ".join(missing)


def test_the_check_names_what_lacks_a_description() -> None:
    # A schema of one undocumented query field with an argument: the check names both.
    sdl = '"""Reads."""\ntype Query {\n  """A field."""\n  ok: Int\n  bare(x: Int): Int\n}'
    assert undescribed(from_sdl(sdl)) == ["Query.bare", "Query.bare(x)"]


def test_field_docs_are_comments_no_more() -> None:
    # The committed SDL carries the descriptions GraphiQL shows, never # comments.
    sdl = export_schema()
    assert not any(line.lstrip().startswith("#") for line in sdl.splitlines())
    assert '"""The client\'s date of birth."""\n  birthDate: Date!' in sdl


def test_every_model_doc_names_a_record_type_or_field() -> None:
    # A typo in model.DOCS would leave a field described by nothing or by a fallback.
    for key in DOCS:
        kind, _, field = key.partition(".")
        assert kind in SPECS, key
        assert not field or SPECS[kind].field(field) is not None, key
