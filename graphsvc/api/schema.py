"""The GraphQL schema and the limits every request is held to (:mod:`graphsvc.api.limits`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import strawberry
from graphql import DocumentNode, GraphQLError
from strawberry.extensions import DisableIntrospection, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from graphsvc.alerts.api import Subscription
from graphsvc.api.analytics import AnalyticsQuery
from graphsvc.api.direct import DirectReads
from graphsvc.api.docs import merged
from graphsvc.api.errors import log_errors
from graphsvc.api.limits import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_TOKENS,
    literal_problems,
    refusals,
    validated,
    variable_problems,
)
from graphsvc.api.mutations import Mutation
from graphsvc.api.mywork import MyWorkQuery
from graphsvc.api.queries import RecordsQuery
from graphsvc.api.scalars import DATE
from graphsvc.api.settings import SettingsMutation, SettingsQuery
from graphsvc.bounded import BoundedCache

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "Schema", "build_schema", "export_schema"]


CACHE_BYTES = 16 * 2**20
"""What the parse and validation caches may hold together, counted as the query texts'
length times :data:`BYTES_PER_CHARACTER` (a parsed document is about that much larger)."""
BYTES_PER_CHARACTER = 40


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)


class Limits(SchemaExtension):
    """Token limit, bounded parse and validation caches, the linear-time depth, alias,
    field and cost limits, several operations refused without a name, and in
    production no introspection and no field suggestions."""

    def __init__(
        self,
        *,
        production: bool,
        documents: BoundedCache[DocumentNode],
        validations: BoundedCache[list[GraphQLError]],
    ):
        super().__init__()
        self.production = production
        self.documents = documents
        self.validations = validations

    def on_operation(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = MAX_TOKENS
        yield

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        text = context.query or ""
        key = self.documents.key(text)
        cached = self.documents.get(key) if text else None
        if cached is not None:
            context.graphql_document = cached
            yield
            return
        yield
        if context.graphql_document is not None and text:
            self.documents.put(key, context.graphql_document, len(text) * BYTES_PER_CHARACTER)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None
        text = context.query or ""
        schema = context.schema._schema
        named = context._provided_operation_name
        key = self.validations.key(text, str(named), str(self.production))
        errors = self.validations.get(key)
        if errors is None:
            errors = refusals(schema, document, named)
            if not errors:
                rules = tuple(context.validation_rules)
                if self.production:
                    rules += tuple(DisableIntrospection().validation_rules)
                errors = validated(schema, document, rules, suggestions=not self.production)
            errors = errors or literal_problems(document)
            self.validations.put(key, errors, len(text) * BYTES_PER_CHARACTER)
        context.pre_execution_errors = errors or variable_problems(context.variables)
        yield


def build_schema(*, introspection: bool = True, direct_reads: bool = True) -> Schema:
    documents: BoundedCache[DocumentNode] = BoundedCache(CACHE_BYTES // 2)
    validations: BoundedCache[list[GraphQLError]] = BoundedCache(CACHE_BYTES // 2)
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: Limits(production=not introspection, documents=documents, validations=validations),
    ]
    if direct_reads:
        extensions.append(DirectReads)  # last: answers after every other extension's checks
    return Schema(
        query=merged("Query", (RecordsQuery, AnalyticsQuery, SettingsQuery, MyWorkQuery)),
        mutation=merged("Mutation", (Mutation, SettingsMutation)),
        subscription=Subscription,
        extensions=extensions,
        scalar_overrides={dt.date: DATE},
        # Field suggestions ("did you mean ...") describe the schema: off with introspection.
        config=StrawberryConfig(disable_field_suggestions=not introspection),
    )


def export_schema() -> str:
    """The schema in SDL, as committed in ``schema.graphql``."""
    return build_schema().as_str() + "\n"
