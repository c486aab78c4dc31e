"""Reads of the graph for the API, as plain frozen values.

Every read of client data passes through :class:`Store`, which is made per
request with the :class:`Caller` and an :class:`AccessPolicy`. The policy is
the one seam where access control plugs in; today every caller is anonymous
and may see everything (:class:`AllowAll`). The store knows nothing of
GraphQL: it runs catalogue queries (``cypher/api/``) and returns
:class:`Node`, :class:`Link` and :class:`Page` values.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from neo4j.time import Date, DateTime

from graphsvc.database import Record, Transaction

T = TypeVar("T")


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


class Op(StrEnum):
    EQ = "eq"
    IN = "in"
    CONTAINS = "contains"
    GTE = "gte"
    LTE = "lte"


@dataclass(frozen=True)
class Atom:
    """One comparison of a node property; ``negate`` turns it round."""

    field: str
    op: Op
    value: Any
    negate: bool = False

    def negated(self) -> Atom:
        return Atom(self.field, self.op, self.value, not self.negate)


Conjunction = tuple[Atom, ...]
Filter = tuple[Conjunction, ...]
"""A filter in disjunctive normal form: any conjunction whose atoms all hold."""

MATCH_ALL: Filter = ((),)


@dataclass(frozen=True)
class Node:
    label: str
    id: str
    props: Mapping[str, Any]


@dataclass(frozen=True)
class Link:
    """A relationship as seen from ``source``: the node at the other end and its properties."""

    source: str
    node: Node
    props: Mapping[str, Any]


@dataclass(frozen=True)
class Page:
    total: int
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Caller:
    """Who asks. Anonymous until authentication lands."""

    id: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.id is None


class AccessPolicy(Protocol):
    def visible(self, caller: Caller, nodes: Sequence[Node]) -> list[Node]: ...


class AllowAll:
    def visible(self, caller: Caller, nodes: Sequence[Node]) -> list[Node]:
        return list(nodes)


class Runner(Protocol):
    """What the store needs of :class:`graphsvc.database.Database`."""

    async def read(self, area: str, name: str, **params: Any) -> list[Record]: ...

    async def write_tx(self, work: Callable[[Transaction], Awaitable[T]]) -> T: ...


PAGED = {
    "Client": "region",
    "Organisation": "region",
    "CarePathway": "region",
    "Professional": "organisation",
    "Service": "provider",
    "Handoff": "client",
}
"""Labels with a paged list, and the relation each list may be narrowed by."""


def kebab(label: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", label).lower()


def native(value: Any) -> Any:
    if isinstance(value, Date | DateTime):
        return value.to_native()
    if isinstance(value, list):
        return [native(v) for v in value]
    return value


def _node(label: str, props: Mapping[str, Any]) -> Node:
    clean = {key: native(value) for key, value in props.items()}
    return Node(label, str(clean["id"]), clean)


@dataclass
class Store:
    db: Runner
    caller: Caller = field(default_factory=Caller)
    policy: AccessPolicy = field(default_factory=AllowAll)

    def _visible(self, nodes: Sequence[Node]) -> list[Node]:
        return self.policy.visible(self.caller, nodes)

    async def nodes(self, label: str, ids: Iterable[str]) -> dict[str, Node]:
        rows = await self.db.read("api", f"{kebab(label)}-by-ids", ids=sorted(set(ids)))
        found = self._visible([_node(label, row["node"]) for row in rows])
        return {node.id: node for node in found}

    async def links(
        self, label: str, direction: Direction, type: str, ids: Iterable[str]
    ) -> dict[str, list[Link]]:
        rows = await self.db.read(
            "api", f"{kebab(label)}-{direction}", ids=sorted(set(ids)), type=type
        )
        targets = [_node(row["label"], row["node"]) for row in rows]
        visible = {id(node) for node in self._visible(targets)}
        links: dict[str, list[Link]] = {}
        for row, node in zip(rows, targets, strict=True):
            if id(node) in visible:
                props = {key: native(value) for key, value in row["rel"].items()}
                links.setdefault(row["source"], []).append(Link(row["source"], node, props))
        return links

    async def page(
        self,
        label: str,
        *,
        where: Filter = MATCH_ALL,
        sort: str = "id",
        descending: bool = False,
        skip: int = 0,
        limit: int = 100,
        related: str | None = None,
    ) -> Page:
        rows = await self.db.read(
            "api",
            f"{kebab(label)}-page",
            where=[[_atom_param(atom) for atom in conjunction] for conjunction in where],
            sort=sort,
            descending=descending,
            skip=skip,
            limit=limit,
            **{PAGED[label]: related},
        )
        row = rows[0]
        nodes = self._visible([_node(label, props) for props in row["nodes"]])
        return Page(int(row["total"]), tuple(nodes))


def _atom_param(atom: Atom) -> dict[str, Any]:
    return {"field": atom.field, "op": str(atom.op), "value": atom.value, "negate": atom.negate}
