"""The selection compiler: one GraphQL root field becomes one Cypher query.

A root field's selection (its nested relations and connections at any depth,
fragments included) is turned into a :data:`Selection` tree of the model's
field names, and that tree into one parameterised Cypher query: the root
``MATCH`` (by id, or a filtered, sorted page), and for every selected relation
a pattern comprehension over the typed relationship the model declares
(:mod:`graphsvc.api.relations`), projecting exactly the selected properties.
Labels, relationship types and property names come only from the model;
every value (ids, filter values, page bounds) is a parameter.

The access seam: for every node the query brings in (the root and each nested
node, every label), the store's policy (:meth:`graphsvc.store.AccessPolicy.
cypher_filter`) may add a Cypher condition over that node's variable; it is
ANDed into the ``WHERE`` of that pattern, so pages, counts and nested lists
only ever contain what the caller may see.

A client's answer also says how many of the client's episodes, plans and
responsibilities the policy hid, when any of them were asked for: three
``COUNT`` subqueries in the client's projection (:meth:`Compiler.withheld`),
so that figure costs no second query.

The decoded result is a tree of :class:`~graphsvc.store.Node` values whose
``links`` hold the nested results by :class:`~graphsvc.api.relations.Hop`;
the resolvers of :mod:`graphsvc.api.types` read them from there. Gap fields are
not compiled: they run through the request's DataLoaders, batched per request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphsvc.api.relations import REL_PROPERTIES, RELATIONS, SCOPE_HOPS, Hop, follow
from graphsvc.database import Database
from graphsvc.errors import BadInput
from graphsvc.model import SPECS
from graphsvc.queries import Query
from graphsvc.store import CLIENT_PARTS, Filter, Link, Node, Op

Selection = dict[str, "Selection"]
"""Selected fields by model name (snake_case); ``on:Label`` keys hold a union
member's own selection. A scalar's sub-selection is empty."""

AclFilter = Callable[[str, str], "tuple[str, dict[str, Any]] | None"]
RecorderFilter = Callable[[str, str, str], "tuple[str, dict[str, Any]] | None"]
"""The policy's rule on who recorded a client's part (``AccessPolicy.recorder_filter``)."""

WITHHELD = "_withheld"
"""The projected map's key of a client's withheld counts (no stored property starts with _)."""

PROPERTIES: dict[str, frozenset[str]] = {
    spec.label: frozenset({"id", "version", *(f.name for f in spec.properties)})
    for spec in SPECS.values()
}
"""Label -> the properties stored on its nodes (``version`` is kept by every write)."""

PAGED: dict[str, str] = {
    "Client": "client.region",
    "Organisation": "organisation.region",
    "CarePathway": "pathway.region",
    "Professional": "professional.organisation",
    "Service": "service.provider",
    "Handoff": "handoff.client",
}
"""Labels with a paged list, and the model reference each list may be narrowed by."""

SORTABLE = PROPERTIES


def merge(into: Selection, other: Mapping[str, Selection]) -> Selection:
    for name, sub in other.items():
        merge(into.setdefault(name, {}), sub)
    return into


@dataclass
class Shape:
    """How to decode one projected node: its label and its nested relations by map key."""

    label: str
    props: tuple[str, ...]
    links: list[tuple[str, Hop, Shape, bool]] = field(default_factory=list)
    """(key in the projected map, hop, shape of the nodes at its end, with relationship props)"""
    withheld: bool = False
    """Whether the map carries the client's withheld counts under :data:`WITHHELD`."""

    def decode(self, value: Mapping[str, Any]) -> Node:
        props = {p: value[p] for p in self.props if value.get(p) is not None}
        links: dict[Hop, tuple[Link, ...]] = {}
        source = str(props["id"])
        for key, hop, shape, with_rel in self.links:
            found = []
            for item in value.get(key) or ():
                if with_rel:
                    node = shape.decode(item["n"])
                    rel = {k: v for k, v in (item["r"] or {}).items() if v is not None}
                else:
                    node, rel = shape.decode(item), {}
                found.append(Link(source, node, rel))
            found.sort(key=lambda link: link.node.id)
            links[hop] = tuple(found)
        counts = None
        if self.withheld:
            episodes, plans, responsibilities = (int(n) for n in value[WITHHELD])
            counts = (episodes, plans, responsibilities)
        return Node(self.label, source, props, links, withheld=counts)


def _expand(label: str, selection: Selection) -> tuple[set[str], dict[Hop, Selection]]:
    """The properties and hops a selection on ``label`` needs (composite fields unfolded)."""
    props = {"id"}
    hops: dict[Hop, Selection] = {}
    pending: list[Mapping[str, Selection]] = [selection]

    def add(hop: Hop, sub: Mapping[str, Selection]) -> None:
        merge(hops.setdefault(hop, {}), sub)

    while pending:
        for name, sub in pending.pop().items():
            key = (label, name)
            if key == ("Organisation", "staff"):
                add(RELATIONS[key], sub.get("professional", {}))
                pending.append(sub.get("organisation", {}))
            elif key == ("Professional", "employments"):
                add(RELATIONS[key], sub.get("organisation", {}))
                pending.append(sub.get("professional", {}))
            elif key == ("Family", "members"):
                add(RELATIONS[key], sub.get("client", {}))
            elif key == ("CarePathway", "steps"):
                add(RELATIONS[key], {**sub, "order": {}})
            elif key in RELATIONS:
                add(RELATIONS[key], sub)
            elif key == ("Client", "services"):
                add(RELATIONS[("Client", "episodes")], {"service": sub})
            elif key == ("Client", "professionals"):
                add(RELATIONS[("Client", "responsibilities")], {"professional": sub})
            elif key == ("Client", "family_role"):
                add(RELATIONS[("Client", "family")], {})
            elif key == ("Responsibility", "scope"):
                for scope, hop in SCOPE_HOPS.items():
                    add(hop, sub.get(f"on:{scope}", {}))
            elif key == ("Organisation", "gaps"):
                add(RELATIONS[("Organisation", "region")], {})
            elif key == ("Plan", "gaps"):
                add(RELATIONS[("Plan", "client")], {})
            elif name in PROPERTIES[label]:
                props.add(name)
    return props, hops


class Compiler:
    def __init__(self, acl: AclFilter, recorded: RecorderFilter | None = None):
        self._acl = acl
        self._recorded = recorded
        self.params: dict[str, Any] = {}
        self._vars = 0

    def var(self) -> str:
        self._vars += 1
        return f"v{self._vars}"

    def param(self, name: str, value: Any) -> str:
        key = f"{name}{len(self.params)}"
        self.params[key] = value
        return f"${key}"

    def acl(self, label: str, var: str) -> list[str]:
        found = self._acl(label, var)
        if found is None:
            return []
        return [f"({self._condition(*found)})"]

    def _condition(self, condition: str, params: dict[str, Any]) -> str:
        for name, value in params.items():
            if not name.startswith("acl_"):
                raise ValueError(f"access policy parameter {name!r} must start with acl_")
            if name in self.params and self.params[name] != value:
                raise ValueError(f"access policy parameter {name!r} has two values")
            self.params[name] = value
        return condition

    def withheld(self, client: str) -> str | None:
        """How many of ``client``'s episodes, plans and responsibilities (for the client or
        one of its episodes or plans) the policy hides, as a list of three counts; None
        when it hides nothing or was not given its rule on who recorded a part. The client
        itself is visible (its projection is reached), so only that rule is asked."""
        if self._recorded is None or self._acl("Client", client) is None:
            return None
        seen: dict[str, tuple[str, str]] = {}  # per part: its variable, the rule to see it
        for label in ("Episode", "Plan", "Responsibility"):
            var = f"{client}_w{label[0].lower()}"
            found = self._recorded(label, var, client)
            seen[label] = (var, "true" if found is None else self._condition(*found))
        (e, seen_e), (p, seen_p), (r, seen_r) = seen.values()
        episodes = RELATIONS[("Client", "episodes")].pattern(client, "", e)
        plans = RELATIONS[("Client", "plans")].pattern(client, "", p)
        own = RELATIONS[("Client", "responsibilities")].pattern(client, "", r)
        of_parts = [
            RELATIONS[("Client", part)].pattern(client, "", "")
            + RELATIONS[(label, "responsibilities")].step("", r)
            for part, label in (("episodes", "Episode"), ("plans", "Plan"))
        ]
        responsibilities = " UNION ".join(
            f"MATCH {pattern} WHERE NOT ({seen_r}) RETURN {r}" for pattern in (own, *of_parts)
        )
        return (
            f"[COUNT {{ {episodes} WHERE NOT ({seen_e}) }}, "
            f"COUNT {{ {plans} WHERE NOT ({seen_p}) }}, "
            f"COUNT {{ {responsibilities} }}]"
        )

    def project(self, var: str, label: str, selection: Selection) -> tuple[str, Shape]:
        props, hops = _expand(label, selection)
        ordered = sorted(props)
        parts = [f".{p}" for p in ordered]
        shape = Shape(label, tuple(ordered))
        for i, (hop, sub) in enumerate(sorted(hops.items(), key=lambda h: _hop_key(h[0]))):
            target, rel = self.var(), f"r{self._vars}"
            inner, inner_shape = self.project(target, hop.label, sub)
            with_rel = hop.type in REL_PROPERTIES
            conditions = self.acl(hop.label, target)
            where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
            item = f"{{n: {inner}, r: properties({rel})}}" if with_rel else inner
            parts.append(f"l{i}: [{hop.pattern(var, rel, target)}{where} | {item}]")
            shape.links.append((f"l{i}", hop, inner_shape, with_rel))
        parts_asked = label == "Client" and any(hop.label in CLIENT_PARTS for hop in hops)
        if parts_asked and (counts := self.withheld(var)) is not None:
            parts.append(f"{WITHHELD}: {counts}")
            shape.withheld = True
        return f"{var} {{{', '.join(parts)}}}", shape

    def where(self, var: str, label: str, where: Filter) -> str:
        alternatives = []
        for conjunction in where:
            atoms = []
            for atom in conjunction:
                if atom.field not in PROPERTIES[label]:
                    raise BadInput(f"{label} has no property {atom.field!r}", field="where")
                value = self.param("w", atom.value)
                prop = f"{var}.{atom.field}"
                expression = {
                    Op.EQ: f"{prop} = {value}",
                    Op.IN: f"{prop} IN {value}",
                    Op.CONTAINS: f"toLower({prop}) CONTAINS toLower({value})",
                    Op.GTE: f"{prop} >= {value}",
                    Op.LTE: f"{prop} <= {value}",
                }[atom.op]
                atoms.append(
                    f"NOT coalesce({expression}, false)"
                    if atom.negate
                    else f"coalesce({expression}, false)"
                )
            alternatives.append("(" + (" AND ".join(atoms) or "true") + ")")
        if not alternatives:
            return "false"
        if "(true)" in alternatives:
            return "true"
        return "(" + " OR ".join(alternatives) + ")"


def _hop_key(hop: Hop) -> tuple[str, str, str]:
    return (hop.type, str(hop.direction), hop.label)


@dataclass(frozen=True)
class Compiled:
    """A compiled read: the query (text from the model only), its parameters, its decoder."""

    query: Query
    params: dict[str, Any]
    shape: Shape
    extra: dict[str, Any] = field(default_factory=dict)


def _query(name: str, text: str, params: Iterable[str]) -> Query:
    return Query(
        area="compiled",
        name=name,
        doc="compiled from a GraphQL selection",
        params=frozenset(params),
        text=text,
        source="graphsvc/api/compiler.py",
    )


def compile_lookup(
    label: str,
    id: str,
    selection: Selection,
    *,
    acl: AclFilter,
    recorded: RecorderFilter | None = None,
) -> Compiled:
    """``label`` by id, with the selection's properties and relations."""
    c = Compiler(acl, recorded)
    c.params["id"] = id
    var = "v0"
    conditions = c.acl(label, var)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    projection, shape = c.project(var, label, selection)
    text = f"MATCH ({var}:{label} {{id: $id}}){where}\nRETURN {projection} AS node"
    return Compiled(_query(label, text, c.params), c.params, shape)


def compile_page(
    label: str,
    selection: Selection,
    *,
    acl: AclFilter,
    where: Filter,
    sort: str,
    descending: bool,
    skip: int,
    limit: int,
    related: str | None,
    count: bool,
    recorded: RecorderFilter | None = None,
    after_id: str | None = None,
) -> Compiled:
    """One page of ``label`` nodes: filtered, sorted by an indexed property then id, cut
    with SKIP/LIMIT before anything is projected; the total only when ``count``. In a
    list sorted by id, ``after_id`` starts the page after that id (keyset) instead."""
    if sort not in SORTABLE[label]:
        raise BadInput(f"{label} cannot be sorted by {sort!r}", field="orderBy")
    c = Compiler(acl, recorded)
    var = "v0"
    if related is None:
        pattern = f"({var}:{label})"
    else:
        source, hop = follow(PAGED[label])
        assert source == label
        pattern = hop.pattern(var, "", f"{var}_of")
        pattern = pattern.replace(f"({var})", f"({var}:{label})", 1)
        pattern = pattern.replace(f"({var}_of:{hop.label})", f"(:{hop.label} {{id: $related}})")
        c.params["related"] = related
    conditions = [c.where(var, label, where), *c.acl(label, var)]
    if sort == "id":  # lets the planner walk the id index in order and stop at the page
        conditions.append(f"{var}.id IS NOT NULL")
    condition = " AND ".join(cond for cond in conditions if cond != "true") or "true"
    listed = condition  # the whole list's, for its count
    if after_id is not None:
        if sort != "id":
            raise ValueError("a keyset page needs the list sorted by id")
        c.params["after"] = after_id
        condition += f" AND {var}.id {'<' if descending else '>'} $after"
    direction = "DESC" if descending else "ASC"
    order = f"{var}.{sort} {direction}, {var}.id ASC" if sort != "id" else f"{var}.id {direction}"
    c.params["skip"], c.params["limit"] = skip, limit if count else limit + 1
    projection, shape = c.project(var, label, selection)
    lines = [
        f"MATCH {pattern} WHERE {condition}",
        f"WITH {var} ORDER BY {order} SKIP $skip LIMIT $limit",
        f"WITH collect({projection}) AS nodes",
    ]
    if count:
        lines.append(f"CALL () {{ MATCH {pattern} WHERE {listed} RETURN count(*) AS total }}")
        lines.append("RETURN nodes, total")
    else:
        lines.append("RETURN nodes, null AS total")
    return Compiled(_query(f"{label}-page", "\n".join(lines), c.params), c.params, shape)


async def warm_up(db: Database, professional: AclFilter) -> None:
    """Plan the compiled lookups and first pages once, so the first requests after a
    start do not pay for Cypher planning. Failures are left to the requests.

    A professional's lookups carry the access policy's predicates (``professional``,
    the same text for every professional), so they are planned too."""
    reads = [
        compile_lookup(label, "", {"id": {}}, acl=acl)
        for label in PROPERTIES
        for acl in (_no_acl, professional)
    ]
    reads += [
        compile_page(
            label,
            {"id": {}},
            acl=_no_acl,
            where=((),),
            sort="id",
            descending=False,
            skip=0,
            limit=20,
            related=None,
            count=True,
        )
        for label in PAGED
    ]
    await asyncio.gather(*(db.read_compiled(r.query, r.params, observed=False) for r in reads))


def _no_acl(label: str, var: str) -> None:
    return None
