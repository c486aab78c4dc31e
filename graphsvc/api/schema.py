"""The GraphQL schema and the limits every request is held to."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from graphsvc.api.analytics import AnalyticsQuery
from graphsvc.api.errors import log_errors
from graphsvc.api.mutations import Mutation
from graphsvc.api.queries import Query
from graphsvc.api.settings import SettingsMutation, SettingsQuery

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 3000


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)


# The limits' validation rules are built once, so that ValidationCache (keyed by the
# document and the rules) hits for every repeat of a query text.
_LIMIT_RULES = (
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)
_NO_INTROSPECTION_RULES = tuple(DisableIntrospection().validation_rules)
CACHED_QUERIES = 1000


class Limits(SchemaExtension):
    """Depth, alias and token limits, and introspection off in production."""

    def __init__(self, *, introspection: bool):
        super().__init__()
        self.rules = _LIMIT_RULES if introspection else _LIMIT_RULES + _NO_INTROSPECTION_RULES

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = MAX_TOKENS
        context.validation_rules = context.validation_rules + self.rules
        yield


def build_schema(*, introspection: bool = True) -> Schema:
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: Limits(introspection=introspection),
        lambda: ParserCache(maxsize=CACHED_QUERIES),
        lambda: ValidationCache(maxsize=CACHED_QUERIES),
    ]
    query = merge_types("Query", (Query, AnalyticsQuery, SettingsQuery))
    mutation = merge_types("Mutation", (Mutation, SettingsMutation))
    # Field suggestions ("did you mean ...") describe the schema: off with introspection.
    config = StrawberryConfig(disable_field_suggestions=not introspection)
    return Schema(query=query, mutation=mutation, extensions=extensions, config=config)


def export_schema() -> str:
    """The schema in SDL, as committed in ``schema.graphql``."""
    return build_schema().as_str() + "\n"
