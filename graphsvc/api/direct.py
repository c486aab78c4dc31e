"""Answering a compiled read without graphql-core running every field.

Most requests ask only for what the selection compiler (:mod:`graphsvc.api.compiler`)
reads in one query: lookups by id and pages of model records, with their properties
and plain relations at any depth. The compiled query's result then already holds
every value of the answer, and graphql-core calling one resolver per field and per
node over it (after the values were decoded into :class:`~graphsvc.store.Node`
trees and strawberry objects) was most of such a request's time.

:class:`DirectReads` answers those operations itself. It is the last schema
extension, so parsing, validation and the limits have run; it coerces the variables
and the root fields' arguments as graphql-core does, runs each root field's compiled
query, and writes the answer by walking the returned maps along a :class:`Plan` made
from the operation's selections and the schema's types: response keys and their
order, leaf serialisation (the schema's own scalars and enums), defaults, the
connection's cursors. Every node it writes is noted in the Store for the audit
trail, as the resolvers do.

An operation is answered here only when the plan can answer it exactly: a query
whose root fields are the compiled lookups and pages, whose selections hold only
stored properties, plain relations (:data:`graphsvc.api.relations.RELATIONS` less
the composite fields), connection fields and ``__typename``, and no directives or
fragments on other types. Anything else (gap fields, unions, computed fields,
introspection, mutations) runs through graphql-core as before, and so does an answer
that would break a non-null field, so that graphql-core reports it. A test holds
both ways to the same answers on random selections.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_argument_values,
    is_leaf_type,
    located_error,
)
from graphql.execution.values import get_variable_values
from graphql.pyutils import Undefined
from strawberry.extensions import SchemaExtension
from strawberry.types.arguments import convert_arguments
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField
from strawberry.types.graphql import OperationType as StrawberryOperationType

from graphsvc.api import compiler
from graphsvc.api.connections import connection
from graphsvc.api.queries import RecordsQuery, page_read
from graphsvc.api.relations import RELATIONS, Hop
from graphsvc.api.types import TYPES
from graphsvc.database import native
from graphsvc.errors import GraphsvcError
from graphsvc.store import CLIENT_PARTS, Store

COMPOSITE = frozenset(
    {
        ("Organisation", "staff"),
        ("Professional", "employments"),
        ("Family", "members"),
        ("CarePathway", "steps"),
    }
)
"""Relations whose field is not the list of related records (an employment, a family
member with a role, steps in their order): their resolvers shape them."""

_LABELS = {cls: label for label, cls in TYPES.items()}


class Inexact(Exception):
    """The plan cannot answer this operation as graphql-core would."""


@dataclass(frozen=True)
class RootField:
    """A root field the plan answers: a lookup by id, or a page (with the argument that
    narrows the list, if any)."""

    label: str
    paged: bool = False
    related: str | None = None


@functools.lru_cache(maxsize=8)  # one schema per app
def root_fields(schema: GraphQLSchema) -> dict[str, RootField]:
    """The lookups and pages of :class:`graphsvc.api.queries.RecordsQuery` by name: the
    fields that return a record type by ``id``, or a connection of one."""
    found: dict[str, RootField] = {}
    query = schema.query_type
    assert query is not None
    own = {f.name for f in RecordsQuery.__strawberry_definition__.fields}  # type: ignore[attr-defined]
    for name, gql in query.fields.items():
        definition = _definition(gql)
        if definition is None or definition.python_name not in own:
            continue
        target = _object_type(gql.type)
        if target is None:
            continue
        label = _label(target)
        if label is not None and set(gql.args) == {"id"}:
            found[name] = RootField(label)
        elif label is None and "nodes" in target.fields:
            node = _object_type(target.fields["nodes"].type)
            node_label = _label(node) if node is not None else None
            rest = set(gql.args) - {"where", "orderBy", "first", "after"}
            if node_label is not None and len(rest) <= 1:
                found[name] = RootField(node_label, paged=True, related=next(iter(rest), None))
    return found


def _definition(gql: GraphQLField) -> StrawberryField | None:
    found = (gql.extensions or {}).get("strawberry-definition")
    return found if isinstance(found, StrawberryField) else None


def _object_type(type_: GraphQLOutputType) -> GraphQLObjectType | None:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_ if isinstance(type_, GraphQLObjectType) else None


def _label(type_: GraphQLObjectType) -> str | None:
    definition = (type_.extensions or {}).get("strawberry-definition")
    if isinstance(definition, StrawberryObjectDefinition):
        return _LABELS.get(definition.origin)
    return None


@dataclass
class Entry:
    """One response key of an object: a leaf, a relation or a plain object's field."""

    key: str
    name: str
    """The model's (or the plain object's Python) field name."""
    type: GraphQLOutputType
    sub: Plan | None = None
    serialize: Callable[[Any], Any] | None = None
    default: Any = None
    hop: Hop | None = None
    nodes: bool = False
    """Connection.nodes: the edges' nodes."""


@dataclass
class Plan:
    """How to write one object type's selection: its entries in response order."""

    type: GraphQLObjectType
    label: str | None
    """The record's label, or None for a plain object (a connection, an edge, page info)."""
    entries: list[Entry] = field(default_factory=list)

    def selection(self) -> compiler.Selection:
        """What the compiler reads for this plan, by model (or Python) field name."""
        out: compiler.Selection = {}
        for entry in self.entries:
            if entry.name != "__typename":
                sub = entry.sub.selection() if entry.sub is not None else {}
                compiler.merge(out.setdefault(entry.name, {}), sub)
        return out


class Planner:
    """Makes the plan of an operation's selections, or raises :class:`Inexact`."""

    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]):
        self.fragments = fragments

    def collect(
        self,
        type_: GraphQLObjectType,
        sets: Iterable[SelectionSetNode],
        grouped: dict[str, list[FieldNode]] | None = None,
    ) -> dict[str, list[FieldNode]]:
        """The fields selected on ``type_`` by response key, in the order graphql-core
        answers them (fragments merged where they stand)."""
        grouped = {} if grouped is None else grouped
        for selection_set in sets:
            for selection in selection_set.selections:
                if selection.directives:
                    raise Inexact("a directive")
                if isinstance(selection, FieldNode):
                    key = selection.alias.value if selection.alias else selection.name.value
                    grouped.setdefault(key, []).append(selection)
                    continue
                if isinstance(selection, FragmentSpreadNode):
                    fragment = self.fragments.get(selection.name.value)
                    if fragment is None or fragment.variable_definitions:
                        raise Inexact("a fragment with variables")
                    condition: str | None = fragment.type_condition.name.value
                    inner = fragment.selection_set
                else:
                    assert isinstance(selection, InlineFragmentNode)
                    condition = (
                        selection.type_condition.name.value if selection.type_condition else None
                    )
                    inner = selection.selection_set
                if condition not in (None, type_.name):
                    raise Inexact("a fragment on another type")
                self.collect(type_, [inner], grouped)
        return grouped

    def plan(self, type_: GraphQLObjectType, nodes: list[FieldNode]) -> Plan:
        label = _label(type_)
        plan = Plan(type_, label)
        definition = (type_.extensions or {}).get("strawberry-definition")
        defaults = _defaults(definition.origin) if label is not None and definition else {}
        for key, fields in self.collect(
            type_, (n.selection_set for n in nodes if n.selection_set)
        ).items():
            name = fields[0].name.value
            if name == "__typename":
                plan.entries.append(Entry(key, name, GraphQLNonNull(type_)))
                continue
            gql = type_.fields.get(name)
            strawberry_field = _definition(gql) if gql is not None else None
            if gql is None or strawberry_field is None or gql.args:
                raise Inexact("an unknown field, or one with arguments")
            python = strawberry_field.python_name
            entry = Entry(key, python, gql.type)
            target = _object_type(gql.type)
            if target is not None:
                entry.sub = self.plan(target, fields)
            else:
                named = gql.type.of_type if isinstance(gql.type, GraphQLNonNull) else gql.type
                if not is_leaf_type(named):
                    raise Inexact("a list of leaves")
                entry.serialize = named.serialize
            resolved = strawberry_field.base_resolver is not None
            if label is not None:
                if target is not None:
                    if (label, python) in COMPOSITE or (label, python) not in RELATIONS:
                        raise Inexact("a computed field")
                    entry.hop = RELATIONS[(label, python)]
                elif resolved or python not in compiler.PROPERTIES[label]:
                    raise Inexact("a computed field")
                entry.default = defaults.get(python)
            elif resolved:
                if python != "nodes":
                    raise Inexact("a computed field")
                entry.nodes = True
            plan.entries.append(entry)
        return plan


@functools.cache
def _defaults(cls: type[Any]) -> dict[str, Any]:
    return {
        f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING
    }


TYPENAME, LEAF, RELATION = range(3)
Step = tuple[Any, ...]
"""One response key of a record, ready to write: (TYPENAME, key, name), (LEAF, key,
property, default, serialize, non-null, a string as it is), or (RELATION, key, key in
the projected map, with relationship properties, :class:`Steps` of the related
records, list, non-null)."""


@dataclass
class Steps:
    """How to write one plan's records from one compiled shape's maps."""

    label: str
    steps: list[Step]
    parts: bool
    """A client read with its episodes, plans or responsibilities (see ``Store.note``)."""
    withheld: bool

    @classmethod
    def of(cls, plan: Plan, shape: compiler.Shape) -> Steps:
        links = {hop: (key, sub, with_rel) for key, hop, sub, with_rel in shape.links}
        steps: list[Step] = []
        for entry in plan.entries:
            nonnull = isinstance(entry.type, GraphQLNonNull)
            if entry.name == "__typename":
                steps.append((TYPENAME, entry.key, plan.type.name))
            elif entry.hop is None:
                as_is = _nullable(entry.type) in (GraphQLString, GraphQLID)  # str unchanged
                steps.append(
                    (LEAF, entry.key, entry.name, entry.default, entry.serialize, nonnull, as_is)
                )
            else:
                key, sub_shape, with_rel = links[entry.hop]
                assert entry.sub is not None
                many = isinstance(_nullable(entry.type), GraphQLList)
                sub = Steps.of(entry.sub, sub_shape)
                steps.append((RELATION, entry.key, key, with_rel, sub, many, nonnull))
        parts = shape.label == "Client" and any(hop.label in CLIENT_PARTS for hop in links)
        return cls(shape.label, steps, parts, shape.withheld)


def _id(item: Mapping[str, Any]) -> str:
    return str(item["id"])


@dataclass
class Writer:
    """Writes answers from compiled rows and notes every record written in the Store."""

    store: Store
    _steps: dict[tuple[int, int], Steps] = field(default_factory=dict)

    def steps(self, plan: Plan, shape: compiler.Shape) -> Steps:
        found = self._steps.get((id(plan), id(shape)))
        if found is None:
            found = self._steps[(id(plan), id(shape))] = Steps.of(plan, shape)
        return found

    def record(self, value: Mapping[str, Any], shape: compiler.Shape, plan: Plan) -> dict[str, Any]:
        return self.write(value, self.steps(plan, shape))

    def write(self, value: Mapping[str, Any], steps: Steps) -> dict[str, Any]:
        if steps.parts or steps.withheld:
            withheld = None
            if steps.withheld:
                episodes, plans, responsibilities = (int(n) for n in value[compiler.WITHHELD])
                withheld = (episodes, plans, responsibilities)
            self.store.note(steps.label, str(value["id"]), parts=steps.parts, withheld=withheld)
        else:
            self.store.note(steps.label, str(value["id"]))
        out: dict[str, Any] = {}
        for step in steps.steps:
            kind, key = step[0], step[1]
            if kind == LEAF:
                _, _, name, default, serialize, nonnull, as_is = step
                raw = value.get(name)
                if raw is None:
                    raw = default
                if raw is None:
                    if nonnull:
                        raise Inexact("null in a non-null field")
                    out[key] = None
                elif as_is and type(raw) is str:
                    out[key] = raw
                else:
                    out[key] = _serialized(serialize, raw)
            elif kind == RELATION:
                _, _, link, with_rel, sub, many, nonnull = step
                items = value.get(link) or []
                if with_rel:
                    items = [item["n"] for item in items]
                if len(items) > 1:
                    items = sorted(items, key=_id)
                written = [self.write(item, sub) for item in items]
                if many:
                    out[key] = written
                elif written:
                    out[key] = written[0]
                elif nonnull:
                    raise Inexact("null in a non-null field")
                else:
                    out[key] = None
            else:
                out[key] = step[2]
        return out

    def leaf(self, entry: Entry, value: Any) -> Any:
        if value is not None:
            assert entry.serialize is not None
            return _serialized(entry.serialize, value)
        if isinstance(entry.type, GraphQLNonNull):
            raise Inexact("null in a non-null field")
        return None

    def plain(self, value: Any, plan: Plan, shape: compiler.Shape) -> dict[str, Any]:
        """A connection, edge or page info, whose records have the compiled ``shape``."""
        out: dict[str, Any] = {}
        for entry in plan.entries:
            if entry.name == "__typename":
                out[entry.key] = plan.type.name
            elif entry.sub is None:
                out[entry.key] = self.leaf(entry, getattr(value, entry.name))
            elif entry.nodes:
                out[entry.key] = [self.record(edge.node, shape, entry.sub) for edge in value.edges]
            elif entry.sub.label is not None:
                out[entry.key] = self.record(getattr(value, entry.name), shape, entry.sub)
            elif isinstance(found := getattr(value, entry.name), list):
                out[entry.key] = [self.plain(item, entry.sub, shape) for item in found]
            else:
                out[entry.key] = self.plain(found, entry.sub, shape)
        return out


def _serialized(serialize: Callable[[Any], Any] | None, value: Any) -> Any:
    """A stored value as the schema's scalar or enum shows it (Neo4j dates made Python's)."""
    assert serialize is not None
    try:
        serialized = serialize(native(value))
    except (GraphQLError, TypeError, ValueError) as error:
        raise Inexact("a value the schema refuses") from error
    if serialized is None or serialized is Undefined:
        raise Inexact("a value the schema refuses")
    return serialized


def _nullable(type_: GraphQLOutputType) -> GraphQLOutputType:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


@dataclass
class Read:
    """One root field's compiled read and how to write its answer."""

    key: str
    node: FieldNode
    nullable: bool
    run: Callable[[], Awaitable[Any]]


class DirectReads(SchemaExtension):
    """Answers the operations the compiled reads cover without graphql-core's execution
    (see the module's docstring); must be the schema's last extension."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        answered = "resolvers"
        try:
            reads = self._reads()
            if reads is not None:
                context.result = await self._answer(reads)
                answered = "direct"
        except (Inexact, GraphQLError, GraphsvcError):
            pass  # graphql-core answers it, and reports what there is to report
        if context.operation_type is StrawberryOperationType.QUERY:
            context.context.request.app.state.metrics.operations.labels(answered).inc()
        yield

    def _reads(self) -> list[Read] | None:
        context = self.execution_context
        document = context.graphql_document
        if document is None or context.operation_type is not StrawberryOperationType.QUERY:
            return None
        schema = context.schema._schema
        roots = root_fields(schema)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        name = context.operation_name
        found = [op for op in operations if name is None or (op.name and op.name.value == name)]
        if len(found) != 1 or found[0].directives:
            return None
        operation = found[0]
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        variables = get_variable_values(
            schema, operation.variable_definitions or (), context.variables or {}
        )
        if isinstance(variables, list):  # graphql-core reports them
            return None
        planner = Planner(fragments)
        query = schema.query_type
        assert query is not None
        store: Store = context.context.store
        reads = []
        for key, nodes in planner.collect(query, [operation.selection_set]).items():
            root = roots.get(nodes[0].name.value)
            if root is None:
                return None
            gql = query.fields[nodes[0].name.value]
            definition = _definition(gql)
            assert definition is not None
            schema_converter = context.schema.schema_converter
            args = convert_arguments(
                get_argument_values(gql, nodes[0], variables),
                definition.arguments,
                scalar_registry=schema_converter.scalar_registry,
                config=context.schema.config,
            )
            target = _object_type(gql.type)
            assert target is not None
            plan = planner.plan(target, nodes)
            run = (
                self._page(store, root, plan, args)
                if root.paged
                else self._lookup(store, root, plan, args)
            )
            reads.append(Read(key, nodes[0], not isinstance(gql.type, GraphQLNonNull), run))
        return reads

    @staticmethod
    def _lookup(
        store: Store, root: RootField, plan: Plan, args: dict[str, Any]
    ) -> Callable[[], Awaitable[Any]]:
        compiled = compiler.compile_lookup(
            root.label, args["id"], plan.selection(), acl=store.acl, recorded=store.recorded
        )

        async def run() -> Any:
            rows = await store.compiled(compiled.query, compiled.params, plain=True)
            if not rows:
                return None
            return Writer(store).record(rows[0]["node"], compiled.shape, plan)

        return run

    @staticmethod
    def _page(
        store: Store, root: RootField, plan: Plan, args: dict[str, Any]
    ) -> Callable[[], Awaitable[Any]]:
        read = page_read(
            store,
            root.label,
            plan.selection(),
            where=args.get("where"),
            order=args.get("order_by"),
            first=args.get("first"),
            after=args.get("after"),
            related=args.get(root.related) if root.related else None,
        )

        async def run() -> Any:
            rows = await store.compiled(read.compiled.query, read.compiled.params, plain=True)
            values, total = read.cut(rows[0])
            writer, shape = Writer(store), read.compiled.shape
            if not any(entry.name in ("nodes", "edges") for entry in plan.entries):
                for value in values:  # read for the count's sake: returned all the same
                    writer.record(value, shape, Plan(plan.type, root.label))
            key = (lambda value: str(value["id"])) if read.keyed else None
            page = connection(values, total, read.skip, lambda value: value, key=key)
            return writer.plain(page, plan, shape)

        return run

    async def _answer(self, reads: list[Read]) -> GraphQLExecutionResult:
        outcomes = await asyncio.gather(*(read.run() for read in reads), return_exceptions=True)
        data: dict[str, Any] | None = {}
        errors: list[GraphQLError] = []
        for read, outcome in zip(reads, outcomes, strict=True):
            if isinstance(outcome, Inexact):
                raise outcome
            if isinstance(outcome, Exception):  # as graphql-core reports a resolver's
                errors.append(located_error(outcome, [read.node], [read.key]))
                if not read.nullable:
                    data = None
                elif data is not None:
                    data[read.key] = None
            elif isinstance(outcome, BaseException):
                raise outcome
            elif data is not None:
                data[read.key] = outcome
        return GraphQLExecutionResult(data=data, errors=errors or None)
