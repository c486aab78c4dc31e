"""What a GraphQL request may ask for, decided in time linear in the query's text.

Before GraphQL's own validation runs, :func:`measure` walks the document once.
A fragment is measured once, however often it is spread (memoised by name),
so a query whose fragments each spread the previous one twice costs as many
steps as it has characters, while its expanded size (2^n fields) is computed
as a number and refused. Per operation it finds:

- the depth of nested selections (``MAX_DEPTH``),
- the aliases and the fields once every fragment is expanded (``MAX_ALIASES``,
  ``MAX_FIELDS``),
- an estimated cost (``MAX_COST``): every field costs 1, the gap scans of a
  region, organisation or pathway cost :data:`WEIGHTS`, and what a paged field
  selects counts once per row of the page it asks for (``first``; the largest
  page when ``first`` is a variable).

Validation itself runs with at most ``MAX_ERRORS`` errors, unknown directives
reported once, field suggestions off in production and a time budget
(``VALIDATION_SECONDS``). A document with several operations needs
``operationName``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from graphql import (
    ASTValidationRule,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationContext,
    VariableNode,
    get_named_type,
    validate,
)
from graphql.validation.validate import ValidationAbortedError

from graphsvc.api.connections import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_FIELDS = 5000
MAX_REPEATS = 10
"""Times one selection may name the same field (or alias): more is only load."""
MAX_COST = 10_000
MAX_TOKENS = 3000
MAX_ERRORS = 20
VALIDATION_SECONDS = 1.0

WEIGHTS: dict[tuple[str, str], int] = {
    ("Query", "gaps"): 2000,
    ("Region", "gaps"): 2000,
    ("Organisation", "gaps"): 500,
    ("CarePathway", "gaps"): 200,
    ("Client", "gaps"): 5,
    ("Plan", "gaps"): 5,
}
"""The cost of a field beyond 1, by (parent type, field): the gap engine's scans of
a region (every client in it), an organisation's caseloads, a pathway's steps."""


@dataclass(frozen=True)
class Size:
    depth: int = 0
    aliases: int = 0
    fields: int = 0
    cost: int = 0
    repeats: int = 0
    """The most times one selection set, as written, names the same field or alias."""

    def __add__(self, other: Size) -> Size:
        return Size(
            max(self.depth, other.depth),
            self.aliases + other.aliases,
            self.fields + other.fields,
            self.cost + other.cost,
            max(self.repeats, other.repeats),
        )


class _Measure:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode):
        self.schema = schema
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.memo: dict[str, Size] = {}

    def selections(self, node: SelectionSetNode | None, parent: GraphQLNamedType | None) -> Size:
        total = Size()
        if node is None:
            return total
        named: dict[str, int] = {}
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                named[key] = named.get(key, 0) + 1
                total += self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                cond = selection.type_condition
                inner = self.schema.get_type(cond.name.value) if cond else parent
                total += self.selections(selection.selection_set, inner)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value)
        return total + Size(repeats=max(named.values(), default=0))

    def fragment(self, name: str) -> Size:
        if name in self.memo:
            return self.memo[name]
        self.memo[name] = Size()  # a cycle counts nothing (GraphQL's validation refuses it)
        definition = self.fragments.get(name)
        if definition is not None:
            parent = self.schema.get_type(definition.type_condition.name.value)
            self.memo[name] = self.selections(definition.selection_set, parent)
        return self.memo[name]

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> Size:
        name = node.name.value
        inner: GraphQLNamedType | None = None
        weight = 1
        rows = 1
        if isinstance(parent, GraphQLObjectType) and name in parent.fields:
            definition = parent.fields[name]
            inner = get_named_type(definition.type)
            weight += WEIGHTS.get((parent.name, name), 0)
            if "first" in definition.args:
                rows = _page_size(node)
        below = self.selections(node.selection_set, inner)
        return Size(
            # introspection (off in production) nests type references 8 deep: like
            # GraphQL depth limiters, depth ignores it; its fields and cost still count
            depth=0 if name.startswith("__") else below.depth + 1,
            aliases=below.aliases + (1 if node.alias else 0),
            fields=below.fields + 1,
            cost=weight + below.cost * rows,
        )


def _page_size(node: FieldNode) -> int:
    for argument in node.arguments or ():
        if argument.name.value == "first":
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(1, min(int(value.value), MAX_PAGE_SIZE))
            if isinstance(value, VariableNode):
                return MAX_PAGE_SIZE
    return DEFAULT_PAGE_SIZE


def measure(schema: GraphQLSchema, document: DocumentNode) -> dict[str, Size]:
    """The size of each operation of ``document``, by name ("anonymous" without one)."""
    walk = _Measure(schema, document)
    sizes: dict[str, Size] = {}
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            root = schema.get_root_type(definition.operation)
            below = walk.selections(definition.selection_set, root)
            # the top-level fields are depth 0, as GraphQL depth limiters count
            depth = max(0, below.depth - 1)
            name = definition.name.value if definition.name else "anonymous"
            sizes[name] = Size(depth, below.aliases, below.fields, below.cost, below.repeats)
    return sizes


def refusals(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> list[GraphQLError]:
    """Why the request is refused before validation, or nothing."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) > 1 and operation_name is None:
        return [
            GraphQLError(
                "the document has several operations: name the one to run in operationName"
            )
        ]
    unknown = [name for name in _directives(document) if schema.get_directive(name) is None]
    if len(unknown) > 1:  # one error, not one per use: each error is work and bytes
        return [GraphQLError(f"{len(unknown)} unknown directives, among them @{unknown[0]}")]
    found: list[GraphQLError] = []
    for name, size in measure(schema, document).items():
        if size.depth > MAX_DEPTH:
            found.append(
                GraphQLError(
                    f"'{name}' exceeds maximum operation depth of {MAX_DEPTH} ({size.depth})"
                )
            )
        if size.aliases > MAX_ALIASES:
            found.append(
                GraphQLError(
                    f"'{name}' has too many aliases: {size.aliases}, at most {MAX_ALIASES}"
                )
            )
        if size.repeats > MAX_REPEATS:
            found.append(
                GraphQLError(
                    f"'{name}' names one field {size.repeats} times in a selection, "
                    f"at most {MAX_REPEATS}"
                )
            )
        if size.fields > MAX_FIELDS:
            found.append(
                GraphQLError(
                    f"'{name}' selects too many fields once fragments are expanded: "
                    f"{_number(size.fields)}, at most {MAX_FIELDS}"
                )
            )
        if size.cost > MAX_COST:
            found.append(
                GraphQLError(
                    f"'{name}' costs too much: an estimated {_number(size.cost)}, at most "
                    f"{MAX_COST} (gap scans of a region and large pages cost most)"
                )
            )
    return found


def _directives(document: DocumentNode) -> list[str]:
    names: list[str] = []
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, DirectiveNode):
            names.append(node.name.value)
        if isinstance(node, Node):
            stack.extend(getattr(node, key, None) for key in node.keys)
        elif isinstance(node, tuple | list):
            stack.extend(node)
    return names


def _number(n: int) -> str:
    return str(n) if n < 10**9 else "more than a billion"


class TimeBudget(ASTValidationRule):
    """Aborts validation when it has run longer than ``VALIDATION_SECONDS``."""

    def __init__(self, context: ValidationContext):
        super().__init__(context)
        self.deadline = time.perf_counter() + VALIDATION_SECONDS
        self.seen = 0

    def enter(self, *args: Any) -> None:
        self.seen += 1
        if self.seen % 64 == 0 and time.perf_counter() > self.deadline:
            raise ValidationAbortedError(
                f"validation took longer than {VALIDATION_SECONDS:g} s: the query is too complex"
            )


def validated(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    *,
    suggestions: bool,
) -> list[GraphQLError]:
    """GraphQL's validation with a time budget, capped errors and, when asked, no
    "did you mean" suggestions; unknown directives are reported once."""
    errors = validate(
        schema,
        document,
        (TimeBudget, *rules),
        max_errors=MAX_ERRORS,
        hide_suggestions=not suggestions,
    )
    unknown = [e for e in errors if e.message.startswith("Unknown directive")]
    if len(unknown) > 1:
        errors = [e for e in errors if e not in unknown[1:]]
        errors[errors.index(unknown[0])] = GraphQLError(
            f"{len(unknown)} unknown directives, the first: {unknown[0].message}",
            unknown[0].nodes,
        )
    return errors


MAX_STRING = 10_000
"""Characters of any string in a request (a literal or a variable's value); the
record fields have tighter limits (``docs/model.md``)."""


def literal_problems(document: DocumentNode) -> list[GraphQLError]:
    """Strings no field takes among the document's literals: lone surrogates (not
    Unicode text) and over ``MAX_STRING`` (once per document: it is cached with its
    validation)."""
    texts: list[str] = []
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, StringValueNode):
            texts.append(node.value)
        elif isinstance(node, Node):
            for key in node.keys:
                stack.append(getattr(node, key, None))
        elif isinstance(node, tuple | list):
            stack.extend(node)
    return _string_problems(texts)


def variable_problems(variables: Any) -> list[GraphQLError]:
    """The same for the strings among a request's variables."""
    texts: list[str] = []
    stack = [variables]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return _string_problems(texts)


def _string_problems(texts: list[str]) -> list[GraphQLError]:
    for text in texts:
        if len(text) > MAX_STRING:
            return [GraphQLError(f"a string of the request is over {MAX_STRING} characters")]
        try:
            text.encode("utf-8")  # refuses a lone surrogate, and only that
        except UnicodeEncodeError:
            return [GraphQLError("a string of the request contains a lone surrogate")]
    return []
