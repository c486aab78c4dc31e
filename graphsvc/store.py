"""The API's reads and writes of the graph, as plain frozen values.

Every read of client data passes through :class:`Store`, which is made per
request with the :class:`Caller` and an :class:`AccessPolicy`. The policy is
the one seam where access control plugs in; today every caller is anonymous
and may see everything (:class:`AllowAll`). The store knows nothing of
GraphQL: it runs catalogue queries (``cypher/api/``), the gap engine and the
importer, and returns :class:`Node`, :class:`Link`, :class:`Page` and
:class:`~graphsvc.gaps.Finding` values. Writes are records of the exchange
format (``docs/model.md``), validated and written by the importer, so the API
applies exactly the importer's rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from neo4j.time import Date, DateTime

if TYPE_CHECKING:
    from graphsvc.analytics import Options, Progress, Pseudonyms, Report

from graphsvc.database import Database, Record, Transaction
from graphsvc.errors import Conflict, NotFound
from graphsvc.exporter import to_record
from graphsvc.gaps import Finding, find_gaps
from graphsvc.importer import load_records, write_record

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
    def can_read(self, caller: Caller, label: str, id: str) -> bool: ...


class AllowAll:
    def can_read(self, caller: Caller, label: str, id: str) -> bool:
        return True


class Guard(Protocol):
    """Runs a call that talks to Neo4j (the API's breaker fails it fast while Neo4j is down)."""

    async def call(self, call: Callable[[], Awaitable[T]]) -> T: ...


class Direct:
    async def call(self, call: Callable[[], Awaitable[T]]) -> T:
        return await call()


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
    db: Database
    caller: Caller = field(default_factory=Caller)
    policy: AccessPolicy = field(default_factory=AllowAll)
    guard: Guard = field(default_factory=Direct)

    def _visible(self, nodes: Sequence[Node]) -> list[Node]:
        return [n for n in nodes if self.policy.can_read(self.caller, n.label, n.id)]

    async def _read(self, name: str, **params: Any) -> list[Record]:
        return await self.guard.call(lambda: self.db.read("api", name, **params))

    async def nodes(self, label: str, ids: Iterable[str]) -> dict[str, Node]:
        rows = await self._read(f"{kebab(label)}-by-ids", ids=sorted(set(ids)))
        found = self._visible([_node(label, row["node"]) for row in rows])
        return {node.id: node for node in found}

    async def links(
        self, label: str, direction: Direction, type: str, ids: Iterable[str]
    ) -> dict[str, list[Link]]:
        rows = await self._read(f"{kebab(label)}-{direction}", ids=sorted(set(ids)), type=type)
        links: dict[str, list[Link]] = {}
        for row in rows:
            node = _node(row["label"], row["node"])
            if self.policy.can_read(self.caller, node.label, node.id):
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
        rows = await self._read(
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

    async def gaps(
        self,
        *,
        clients: Sequence[str] | None = None,
        region: str | None = None,
        pathway: str | None = None,
        rules: Sequence[str] | None = None,
        as_of: dt.date | None = None,
    ) -> list[Finding]:
        """Gap findings in a scope, as the gap engine finds them, that the caller may see."""
        found = await self.guard.call(
            lambda: find_gaps(
                self.db, clients=clients, region=region, pathway=pathway, rules=rules, as_of=as_of
            )
        )
        return [
            finding
            for finding in found
            if finding.client_id is None
            or self.policy.can_read(self.caller, "Client", finding.client_id)
        ]

    async def analysis(
        self,
        name: str,
        options: Options,
        pseudonyms: Pseudonyms,
        progress: Progress | None = None,
    ) -> Report:
        """A planner's analysis of a region (``graphsvc.analytics``): aggregates only.

        The policy is asked for the label ``Analysis`` and the region's id, so
        access control can grant a planner a region's aggregates without its clients.
        """
        from graphsvc.analytics import run_analysis
        from graphsvc.errors import Forbidden

        if not self.policy.can_read(self.caller, "Analysis", options.region):
            raise Forbidden(f"analytics of region {options.region} are not open to this caller")
        return await self.guard.call(
            lambda: run_analysis(
                self.db, name, options, pseudonyms, *(() if progress is None else (progress,))
            )
        )

    async def record(self, kind: str, id: str) -> dict[str, Any] | None:
        """The stored record ``kind``/``id`` in the exchange format, or None."""
        rows = await self.guard.call(lambda: self.db.read("export", f"{kind}-by-id", ids=[id]))
        return to_record(kind, rows[0]) if rows else None

    async def save(self, record: Mapping[str, Any]) -> None:
        """Validate one record with the importer's rules and write it in one transaction."""
        await self.guard.call(lambda: load_records(self.db, [record], source="request"))

    async def create(self, record: Mapping[str, Any]) -> None:
        """Write a new record in one transaction: CONFLICT when its id is taken, also by
        a writer at the same moment (the id's uniqueness constraint refuses the second)."""

        async def work(tx: Transaction) -> None:
            await write_record(tx, record, new=True)

        await self.guard.call(lambda: self.db.write_tx(work))

    async def update(
        self,
        kind: str,
        id: str,
        edit: Callable[[dict[str, Any]], Mapping[str, Any]],
        *,
        expected_version: int | None = None,
    ) -> int:
        """Change a stored record in one write transaction that locks its node first,
        then reads it, lets ``edit`` check it and make the new record, and writes that,
        so a parallel change waits and then sees this one. CONFLICT when the version
        is not ``expected_version``; answers the new version."""

        async def work(tx: Transaction) -> int:
            locked = await tx.run("api", f"lock-{kind}", id=id)
            if not locked:
                raise NotFound(f"there is no {kind} {id}", field="id")
            version = int(locked[0]["version"])
            if expected_version is not None and version != expected_version:
                raise Conflict(
                    f"{kind} {id} is at version {version}, not {expected_version}: "
                    "it changed since it was read",
                    field="expectedVersion",
                    hint="read it again and redo the change",
                )
            rows = await tx.run("export", f"{kind}-by-id", ids=[id])
            record = edit(to_record(kind, rows[0]))
            await write_record(tx, record, new=False)
            await tx.run("api", f"version-{kind}", id=id, version=version + 1)
            return version + 1

        return await self.guard.call(lambda: self.db.write_tx(work))


def _atom_param(atom: Atom) -> dict[str, Any]:
    return {"field": atom.field, "op": str(atom.op), "value": atom.value, "negate": atom.negate}
