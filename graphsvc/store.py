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

if TYPE_CHECKING:
    from graphsvc.analytics import Options, Progress, Pseudonyms, Report

from graphsvc.database import Database, Row, Transaction, native
from graphsvc.errors import Conflict, Forbidden, NotFound
from graphsvc.exporter import to_record
from graphsvc.gaps import Finding, Severity, find_gaps
from graphsvc.importing import load_records, write_record
from graphsvc.model import LABELS
from graphsvc.queries import Query
from graphsvc.summary import ADULT_AGE, Summary, age
from graphsvc.summary import build as build_summary
from graphsvc.vocab import EpisodeStatus, HandoffStatus

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
    links: Mapping[Any, tuple[Link, ...]] | None = field(default=None, compare=False)
    """Relations read with the node by a compiled query, by hop
    (:class:`graphsvc.api.relations.Hop`); None when the node was read alone."""
    withheld: tuple[int, int, int] | None = field(default=None, compare=False)
    """For a client read by a compiled query that asked for its parts under a policy that
    may hide some: how many episodes, plans and responsibilities were hidden."""


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
    """Who asks: the token's subject, its role (:class:`graphsvc.auth.roles.Role`) and, for
    professionals and coordinators, the professional they are in the graph."""

    id: str | None = None
    role: str | None = None
    professional: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.id is None


class AccessPolicy(Protocol):
    """What a caller may read. The seam access control plugs into.

    ``can_read`` decides on a node already read (the per-relation loaders and
    the gap findings). ``cypher_filter`` is the same rule as Cypher, for the
    compiled read path (:mod:`graphsvc.api.compiler`): a boolean expression over
    the node variable ``var`` of label ``label`` and its parameters (every name
    prefixed ``acl_``, the values the same wherever the expression is used), or
    None for no restriction. The compiler ANDs it into the ``WHERE`` of every
    pattern that brings a node of that label into a result, the root and every
    nested relation, so pages, ``totalCount`` and nested lists only ever hold
    what the caller may see. The expression must read only the node and its
    relationships (no writes, no CALL), and must not name labels or types taken
    from input.
    """

    def can_read(self, caller: Caller, label: str, id: str) -> bool: ...

    def cypher_filter(self, label: str, var: str) -> tuple[str, dict[str, Any]] | None: ...

    def recorder_filter(
        self, label: str, var: str, client: str
    ) -> tuple[str, dict[str, Any]] | None:
        """The part of ``cypher_filter`` that is about who recorded ``var``, for the parts
        of a client ``client`` already known visible (None: no restriction)."""
        ...


def acl_guards(policy: AccessPolicy | None, **labels: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The policy's predicates for a catalogue query's ``/*acl VAR*/`` markers, given the
    label of each marked variable (``e="Episode"``), and their parameters; nothing for
    no policy or an unrestricted caller (the markers then stay ``true``)."""
    guards: dict[str, str] = {}
    params: dict[str, Any] = {}
    if policy is None:
        return guards, params
    for var, label in labels.items():
        if (found := policy.cypher_filter(label, var)) is not None:
            guards[var], more = found
            params.update(more)
    return guards, params


@dataclass(frozen=True)
class Reads:
    """Catalogue queries run in one read transaction a :class:`Store` opened, with the
    store's policy in the ``/*acl VAR*/`` markers named by ``acl`` (variable -> label)."""

    tx: Transaction
    policy: AccessPolicy

    async def rows(
        self, area: str, name: str, /, acl: Mapping[str, str] | None = None, **params: Any
    ) -> list[Row]:
        guards, more = acl_guards(self.policy, **(acl or {}))
        return await self.tx.run_guarded(area, name, guards, **params, **more)


class AllowAll:
    def can_read(self, caller: Caller, label: str, id: str) -> bool:
        return True

    def cypher_filter(self, label: str, var: str) -> tuple[str, dict[str, Any]] | None:
        return None

    def recorder_filter(
        self, label: str, var: str, client: str
    ) -> tuple[str, dict[str, Any]] | None:
        return None


class Auditor(Protocol):
    async def record_write(self, client: str | None, kind: str, action: str) -> None: ...


COORDINATOR_WRITES = frozenset(
    {"responsibility", "handoff", "consent", "plan", "goal", "episode", "transition"}
)
"""What a coordinator may write for a client they may see: assign, hand off, record consent
and keep the client's plans, episodes and transitions."""


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


CLIENT_PARTS = frozenset({"Episode", "Plan", "Responsibility"})
"""What a client's answer may leave out, counted in ``extensions.withheld``."""
CLIENT_PART_TYPES = frozenset({"HAS_EPISODE", "HAS_PLAN", "FOR"})
"""The relationship types from a client to those parts."""


def kebab(label: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", label).lower()


def _node(label: str, props: Mapping[str, Any]) -> Node:
    clean = {key: native(value) for key, value in props.items()}
    return Node(label, str(clean["id"]), clean)


@dataclass
class Store:
    db: Database
    caller: Caller = field(default_factory=Caller)
    policy: AccessPolicy = field(default_factory=AllowAll)
    guard: Guard = field(default_factory=Direct)
    auditor: Auditor | None = None

    reads: dict[str, set[str]] = field(default_factory=dict)
    """(label -> ids) of every node this store returned: what the audit trail records."""
    parts_read: set[str] = field(default_factory=set)
    """Clients whose episodes, plans or responsibilities an answer asked for: those it
    says, in :meth:`withheld`, how many were hidden."""
    counted: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """Withheld counts a compiled query already read with its clients (no second query)."""

    def note(
        self,
        label: str,
        id: str,
        *,
        parts: bool = False,
        withheld: tuple[int, int, int] | None = None,
    ) -> None:
        """Note one node as returned to the caller (the audit trail records it). ``parts``:
        a client returned with its episodes, plans or responsibilities asked for;
        ``withheld``: how many of those the compiled query that read it found hidden."""
        self.reads.setdefault(label, set()).add(id)
        if parts:
            self.parts_read.add(id)
        if withheld is not None:
            self.counted[id] = withheld

    def returned(self, nodes: Sequence[Node]) -> list[Node]:
        """Note these nodes, and those read with them by a compiled query, as returned to
        the caller."""
        for node in nodes:
            parts = node.label == "Client" and any(
                getattr(hop, "label", None) in CLIENT_PARTS for hop in node.links or ()
            )
            self.note(node.label, node.id, parts=parts, withheld=node.withheld)
            for links in (node.links or {}).values():
                self.returned([link.node for link in links])
        return list(nodes)

    def acl(self, label: str, var: str) -> tuple[str, dict[str, Any]] | None:
        """The policy's Cypher condition on nodes of ``label`` (see :class:`AccessPolicy`)."""
        return self.policy.cypher_filter(label, var)

    def recorded(self, label: str, var: str, client: str) -> tuple[str, dict[str, Any]] | None:
        """The policy's rule on who recorded a client's part (see :class:`AccessPolicy`)."""
        return self.policy.recorder_filter(label, var, client)

    async def compiled(
        self, query: Query, params: dict[str, Any], *, plain: bool = False
    ) -> list[Row]:
        """Run a query compiled from the model (:mod:`graphsvc.api.compiler`), whose
        text carries the policy's conditions for every node it reads (``plain``: see
        :meth:`graphsvc.database.Database.read_compiled`)."""
        return await self.guard.call(lambda: self.db.read_compiled(query, params, plain=plain))

    def guards(self, label: str | None, target: bool) -> tuple[dict[str, str], dict[str, Any]]:
        """The policy's predicates for ``n`` (of ``label``) and, for relationship reads, for
        the node ``m`` at the other end (whose label varies: one CASE over its label)."""
        guards: dict[str, str] = {}
        params: dict[str, Any] = {}
        if label is not None and (found := self.policy.cypher_filter(label, "n")) is not None:
            guards["n"], more = found
            params.update(more)
        if target:
            cases = []
            for other in sorted(set(LABELS.values())):
                if (found := self.policy.cypher_filter(other, "m")) is not None:
                    cases.append(f"WHEN '{other}' THEN {found[0]}")
                    params.update(found[1])
            if cases:
                guards["m"] = f"CASE labels(m)[0] {' '.join(cases)} ELSE true END"
        return guards, params

    async def _read(
        self, name: str, label: str | None, target: bool, params: dict[str, Any]
    ) -> list[Row]:
        guards, acl = self.guards(label, target)
        return await self.guard.call(
            lambda: self.db.read_guarded("api", name, guards, **params, **acl)
        )

    async def in_one_read(self, work: Callable[[Reads], Awaitable[T]]) -> T:
        """Run ``work`` in one read transaction, under the guard, handing it :class:`Reads`
        that carry this store's policy into every query (the maps read so)."""
        return await self.guard.call(
            lambda: self.db.read_tx(lambda tx: work(Reads(tx, self.policy)))
        )

    async def nodes(self, label: str, ids: Iterable[str]) -> dict[str, Node]:
        rows = await self._read(f"{kebab(label)}-by-ids", label, False, {"ids": sorted(set(ids))})
        found = self.returned([_node(label, row["node"]) for row in rows])
        return {node.id: node for node in found}

    async def links(
        self, label: str, direction: Direction, type: str, ids: Iterable[str]
    ) -> dict[str, list[Link]]:
        if label == "Client" and type in CLIENT_PART_TYPES:
            self.parts_read.update(ids)
        rows = await self._read(
            f"{kebab(label)}-{direction}", label, True, {"ids": sorted(set(ids)), "type": type}
        )
        links: dict[str, list[Link]] = {}
        for row in rows:
            (node,) = self.returned([_node(row["label"], row["node"])])
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
        params: dict[str, Any] = {
            "where": [[_atom_param(atom) for atom in conjunction] for conjunction in where],
            "sort": sort,
            "descending": descending,
            "skip": skip,
            "limit": limit,
            PAGED[label]: related,
        }
        rows = await self._read(f"{kebab(label)}-page", label, False, params)
        row = rows[0]
        nodes = self.returned([_node(label, props) for props in row["nodes"]])
        return Page(int(row["total"]), tuple(nodes))

    async def withheld(self) -> dict[str, dict[str, int]]:
        """For each client this store returned with any of its episodes, plans or
        responsibilities asked for, how many of them the policy withheld (only clients
        with any withheld). An answer that asked for none of them left none out."""
        clients = sorted(self.reads.get("Client", set()) & self.parts_read)
        if not clients or self.policy.cypher_filter("Client", "n") is None:
            return {}
        counts = {client: self.counted[client] for client in clients if client in self.counted}
        if missing := [client for client in clients if client not in counts]:
            for row in await self._read_withheld(missing):
                counts[row["client"]] = (row["episodes"], row["plans"], row["responsibilities"])
        return {
            client: dict(zip(("episodes", "plans", "responsibilities"), map(int, n), strict=True))
            for client, n in sorted(counts.items())
            if any(n)
        }

    def _withheld_guards(self) -> tuple[dict[str, str], dict[str, Any]]:
        guards: dict[str, str] = {}
        params: dict[str, Any] = {}
        for var, label in (("e", "Episode"), ("p", "Plan"), ("r", "Responsibility")):
            if (found := self.policy.recorder_filter(label, var, "c")) is not None:
                guards[var], more = found
                params.update(more)
        return guards, params

    async def _read_withheld(self, clients: list[str]) -> list[Row]:
        guards, params = self._withheld_guards()
        return await self.guard.call(
            lambda: self.db.read_guarded("api", "client-withheld", guards, ids=clients, **params)
        )

    async def plan_withheld(self) -> None:
        """Have Neo4j plan :meth:`withheld` for this store's policy: with an id no client
        has (a list of strings, as a real read sends: the plan cache tells types apart)."""
        guards, params = self._withheld_guards()
        await self.db.warm_up("api", "client-withheld", guards=guards, ids=[""], **params)

    async def gaps(
        self,
        *,
        clients: Sequence[str] | None = None,
        region: str | None = None,
        pathway: str | None = None,
        rules: Sequence[str] | None = None,
        as_of: dt.date | None = None,
    ) -> list[Finding]:
        """Gap findings in a scope, as the gap engine finds them, that the caller may see.

        Which clients the caller may see is decided in Cypher (the policy's predicate on
        the client read); the gap engine then runs only for those clients, and findings
        built on anything the caller may not see (other clients of a region or pathway,
        another organisation's episodes without consent) are left out."""
        restricted = self.policy.cypher_filter("Client", "n") is not None
        if restricted and clients is not None:
            clients = sorted(await self.nodes("Client", clients))
            if not clients:
                return []
        scope = clients
        found = await self.guard.call(
            lambda: find_gaps(
                self.db, clients=scope, region=region, pathway=pathway, rules=rules, as_of=as_of
            )
        )
        if not restricted:
            return found
        return await self.visible_findings(found)

    async def visible_findings(self, findings: Sequence[Finding]) -> list[Finding]:
        """The findings whose subject and every evidence node the caller may see, decided by
        the policy's predicates in Cypher (the by-ids queries). The gap engine reads the
        whole graph, and a finding's text names what it is about: one built on something
        the caller may not see is left out whole. Relationship evidence is judged by the
        nodes it joins, which the engine also lists as node evidence."""
        if self.policy.cypher_filter("Client", "n") is None:
            return list(findings)
        wanted: dict[str, set[str]] = {}

        def about(finding: Finding) -> list[tuple[str, str]]:
            nodes = [(LABELS.get(finding.subject_type, finding.subject_type), finding.subject_id)]
            nodes += [(e["label"], e["id"]) for e in finding.evidence if "label" in e]
            return [(label, id) for label, id in nodes if label in set(LABELS.values())]

        for finding in findings:
            for label, id in about(finding):
                wanted.setdefault(label, set()).add(id)
        seen: set[tuple[str, str]] = set()
        for label, ids in wanted.items():
            if self.policy.cypher_filter(label, "n") is None:
                seen.update((label, id) for id in ids)
                continue
            rows = await self._read(f"{kebab(label)}-by-ids", label, False, {"ids": sorted(ids)})
            seen.update((label, str(row["node"]["id"])) for row in rows)
        return [f for f in findings if all(node in seen for node in about(f))]

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

    async def summary(self, kind: str, id: str, as_of: dt.date) -> Summary:
        """The family's summary of a ``client`` or a ``family`` as of a date.

        Only what the caller may read is in it (the policy's predicates are in its
        Cypher: clients, episodes, plans, goals and responsibilities); a client (or a
        family with no member) the caller may not read is not found.
        """
        contact_scope: list[str]
        if kind == "client":
            rows = await self._read_acl(
                "summary", "client", {"c": "Client", "member": "Client"}, id=id
            )
            if not rows:
                raise NotFound(f"there is no client {id}", field="id")
            client = _plain(rows[0]["client"])
            members = [client]
            name = str(client["name"])
            contact_scope = [id]
            if age(client["birth_date"], as_of) < ADULT_AGE:
                contact_scope += [str(other["id"]) for other in rows[0]["others"]]
        elif kind == "family":
            rows = await self._read_acl("summary", "family", {"member": "Client"}, id=id)
            members = [_plain(member) for member in (rows[0]["members"] if rows else [])]
            if not members:
                raise NotFound(f"there is no family {id}", field="id")
            name = str(rows[0]["family"]["name"])
            contact_scope = [str(member["id"]) for member in members]
        else:
            raise ValueError(f"a summary is of a client or a family, not {kind!r}")
        clients = [str(member["id"]) for member in members]
        everyone = sorted(set(clients) | set(contact_scope))
        cancelled = str(EpisodeStatus.CANCELLED)
        duties = await self._read_acl(
            "summary",
            "responsibilities",
            {"c": "Client", "r": "Responsibility", "e": "Episode", "pl": "Plan"},
            clients=everyone,
            as_of=as_of,
            cancelled=cancelled,
        )
        episodes = await self._read_acl(
            "summary",
            "episodes",
            {"c": "Client", "e": "Episode"},
            clients=clients,
            as_of=as_of,
            cancelled=cancelled,
        )
        plans = await self._read_acl(
            "summary",
            "plans",
            {"c": "Client", "pl": "Plan", "g": "Goal"},
            clients=clients,
            as_of=as_of,
        )
        return build_summary(
            kind=kind,
            id=id,
            name=name,
            as_of=as_of,
            members=members,
            contact_scope=contact_scope,
            responsibilities=[_plain(dict(row)) for row in duties],
            episodes=[_plain(dict(row)) for row in episodes],
            plans=[_plain(dict(row)) for row in plans],
        )

    async def my_work(self, professional: str, as_of: dt.date, within_days: int) -> MyWork:
        """A professional's clients with open gaps (worst first), the handoffs waiting
        for them and their plans due for review within ``within_days`` (overdue included)."""
        if not self.policy.can_read(self.caller, "Work", professional):
            raise Forbidden("only the professional themselves or an admin reads their work")
        found = await self._read_area("api", "professional-by-ids", ids=[professional])
        if not found:
            raise NotFound(f"there is no professional {professional}", field="professional")
        params: dict[str, Any] = {"professional": professional, "as_of": as_of}
        client_rows = await self._read_acl(
            "mywork", "clients", {"c": "Client"}, cancelled=str(EpisodeStatus.CANCELLED), **params
        )
        clients = self.returned([_node("Client", row["node"]) for row in client_rows])
        findings = await self.gaps(clients=[c.id for c in clients], as_of=as_of) if clients else []
        by_client: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.client_id is not None:
                by_client.setdefault(finding.client_id, []).append(finding)
        with_gaps = [
            (client, sorted(by_client[client.id], key=_gap_order))
            for client in clients
            if by_client.get(client.id)
        ]
        with_gaps.sort(key=lambda item: (*_worst(item[1]), str(item[0].props["name"]), item[0].id))
        handoffs = await self._read_area(
            "mywork", "incoming-handoffs", requested=str(HandoffStatus.REQUESTED), **params
        )
        plans = await self._read_acl(
            "mywork",
            "plans-due",
            {"pl": "Plan"},
            until=as_of + dt.timedelta(days=within_days),
            **params,
        )
        return MyWork(
            clients=tuple(with_gaps),
            handoffs=tuple(self.returned([_node("Handoff", row["node"]) for row in handoffs])),
            plans=tuple(self.returned([_node("Plan", row["node"]) for row in plans])),
        )

    async def family_members(self, id: str) -> list[str]:
        """The ids of a family's members (none when there is no such family)."""
        rows = await self._read_area("summary", "family", id=id)
        return [str(member["id"]) for member in (rows[0]["members"] if rows else [])]

    async def _read_area(self, area: str, name: str, **params: Any) -> list[Row]:
        return await self.guard.call(lambda: self.db.read(area, name, **params))

    async def _read_acl(
        self, area: str, name: str, acl: Mapping[str, str], **params: Any
    ) -> list[Row]:
        """A catalogue query with the policy's predicates in its ``/*acl VAR*/`` markers
        (``acl``: variable -> label)."""
        guards, more = acl_guards(self.policy, **acl)
        return await self.guard.call(
            lambda: self.db.read_guarded(area, name, guards, **params, **more)
        )

    async def record(self, kind: str, id: str) -> dict[str, Any] | None:
        """The stored record ``kind``/``id`` in the exchange format, or None."""
        rows = await self.guard.call(lambda: self.db.read("export", f"{kind}-by-id", ids=[id]))
        return to_record(kind, rows[0]) if rows else None

    async def save(self, record: Mapping[str, Any]) -> None:
        """Validate one record with the importer's rules and write it in one transaction,
        if the caller may write it (checked in Cypher first) and once the audit trail
        has recorded the write."""
        kind = str(record["type"])
        client = await self.client_of(record)
        await self._may_write(kind, client)
        if self.auditor is not None:
            await self.auditor.record_write(client, kind, "U")
        await self.guard.call(lambda: load_records(self.db, [record], source="request"))

    async def client_of(self, record: Mapping[str, Any]) -> str | None:
        """The client whose network the record is part of, if any."""
        if record["type"] == "client":
            return str(record["id"])
        if isinstance(record.get("client"), str):
            return str(record["client"])
        for kind in ("plan", "episode"):
            if isinstance(record.get(kind), str):
                owner = await self.record(kind, record[kind])
                return None if owner is None else owner.get("client")
        return None

    async def _may_write(self, kind: str, client: str | None) -> None:
        """Admins (and server-side paths without a policy) write anything; coordinators
        write the coordination records of clients they may see; nobody else writes."""
        if self.policy.cypher_filter("Client", "n") is None:
            return
        coordinating = self.caller.role == "coordinator" and kind in COORDINATOR_WRITES
        if coordinating and client and client in await self.nodes("Client", [client]):
            return
        raise Forbidden(f"a {self.caller.role or 'caller'} may not change this {kind}")

    async def create(self, record: Mapping[str, Any]) -> None:
        """Write a new record in one transaction: CONFLICT when its id is taken, also by
        a writer at the same moment (the id's uniqueness constraint refuses the second).
        Only if the caller may write it, and once the audit trail has recorded the write."""
        kind = str(record["type"])
        client = await self.client_of(record)
        await self._may_write(kind, client)
        if self.auditor is not None:
            await self.auditor.record_write(client, kind, "C")

        async def work(tx: Transaction) -> None:
            await write_record(tx, record, new=True)

        await self.guard.call(lambda: self.db.write_tx(work))

    async def may_update(self, kind: str, id: str, current: Mapping[str, Any] | None) -> str | None:
        """FORBIDDEN unless the caller may change ``current`` (the stored ``kind``/``id``, or
        None when there is none); answers its client. A caller the policy restricts is
        refused alike whether the record is not theirs or does not exist, so a refused
        change tells nothing of what is stored."""
        client = None if current is None else await self.client_of(current)
        await self._may_write(kind, client)
        if current is not None and self.policy.cypher_filter("Client", "n") is not None:
            # the record itself, not only its client: another organisation's record the
            # caller may not read (no consent) is not theirs to change either
            label = LABELS[kind]
            if not await self._read(f"{kebab(label)}-by-ids", label, False, {"ids": [id]}):
                raise Forbidden(f"a {self.caller.role} may not change this {kind}")
        return client

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
        is not ``expected_version``; answers the new version. Only if the caller may
        write the record (and the changed record stays with the same client), once the
        audit trail has recorded the write."""
        current = await self.record(kind, id)
        client = await self.may_update(kind, id, current)
        restricted = self.policy.cypher_filter("Client", "n") is not None
        if self.auditor is not None:
            await self.auditor.record_write(client, kind, "U")

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
            if restricted and record.get("client", client) != client:
                raise Forbidden(f"a {self.caller.role} may not move this {kind} to another client")
            await write_record(tx, record, new=False)
            await tx.run("api", f"version-{kind}", id=id, version=version + 1)
            return version + 1

        return await self.guard.call(lambda: self.db.write_tx(work))


@dataclass(frozen=True)
class MyWork:
    clients: tuple[tuple[Node, list[Finding]], ...]
    handoffs: tuple[Node, ...]
    plans: tuple[Node, ...]


_SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


def _gap_order(finding: Finding) -> tuple[int, str, str]:
    return (_SEVERITY_ORDER[finding.severity], finding.rule_id, finding.subject_id)


def _worst(findings: Sequence[Finding]) -> tuple[int, int]:
    """Worst severity first, then the client with more gaps of it."""
    worst = min(_SEVERITY_ORDER[f.severity] for f in findings)
    return (worst, -sum(1 for f in findings if _SEVERITY_ORDER[f.severity] == worst))


def _plain(value: Any) -> Any:
    """Neo4j values of a row made native, all the way down."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return native(value)


def _atom_param(atom: Atom) -> dict[str, Any]:
    return {"field": atom.field, "op": str(atom.op), "value": atom.value, "negate": atom.negate}
