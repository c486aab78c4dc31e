"""A batch: records validated and written together, all or nothing.

The checks here span records: ids unique within the batch, references that
resolve in the batch or the database, ``order`` unique within a pathway and
``part_of`` free of cycles. They run inside the write transaction, before the
first write, so the database they compare with is the one written to.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graphsvc.database import Transaction
from graphsvc.importing.problems import Problem
from graphsvc.importing.validation import Checked, check_record, shown
from graphsvc.model import LOAD_ORDER, Field, Kind

T = TypeVar("T")
CHUNK_ROWS = 50_000
"""Rows per UNWIND: the fastest of 2,000, 10,000 and 50,000 measured with
``scripts/bench load-shapes`` (2,000 took 1.8-3x as long). At the generator's
1,000-client batches no type has more than 10,000 rows, so 10,000 and 50,000
send the same statements; an export's 20,000-record batches make fewer
statements at 50,000. Memory stays bounded by the batch, which is in memory anyway."""


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Batch:
    source: str
    name: str | None = None
    records: list[Checked] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    declared: set[tuple[str, str]] = field(default_factory=set)
    """(type, id) of every record with a known type and an id, bad ones included, so a
    reference to a bad record is not reported a second time as unresolved."""

    def add(self, raw: Any, position: str | None) -> None:
        problems, record = check_record(raw, source=self.source, position=position)
        self.problems.extend(problems)
        if record is not None:
            self.records.append(record)
            self.declared.add((record.type, record.id))
        elif isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
            self.declared.add((str(raw.get("type")), raw["id"]))

    def problem(self, record: Checked, field: str | None, message: str) -> None:
        self.problems.append(
            Problem(
                source=self.source,
                position=record.position,
                record=record.name,
                field=field,
                message=message,
            )
        )

    def check_ids_unique(self) -> None:
        first: dict[tuple[str, str], Checked] = {}
        for record in self.records:
            earlier = first.setdefault((record.type, record.id), record)
            if earlier is not record:
                where = earlier.position or "an earlier record"
                self.problem(record, "id", f"{shown(record.id)} is also the id of {where}")

    async def check_against(self, tx: Transaction) -> set[tuple[str, str]]:
        """Check what needs the database; return the (type, id) of this batch's
        records that are already stored (the others are created, not merged)."""
        stored = await self._stored(tx)
        for record, ref_field, target, ident in self._references():
            if (target, ident) not in self.declared and (target, ident) not in stored:
                self.problem(
                    record,
                    ref_field,
                    f"no {target} with id {shown(ident)} in this file or the database",
                )
        await self._check_step_orders(tx)
        await self._check_part_of(tx)
        return stored

    async def _stored(self, tx: Transaction) -> set[tuple[str, str]]:
        """Which of the batch's own ids and its references elsewhere the database holds."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for record in self.records:
            wanted[record.type].add(record.id)
        for _record, _field, target, ident in self._references():
            if (target, ident) not in self.declared:
                wanted[target].add(ident)
        ids = {kind: sorted(wanted.get(kind, ())) for kind in LOAD_ORDER}
        rows = await tx.run("load", "existing", **ids)
        return {(row["type"], row["id"]) for row in rows}

    def _references(self) -> Iterator[tuple[Checked, str, str, str]]:
        for record in self.records:
            for ref in record.spec.references:
                value = record.values.get(ref.name)
                assert ref.target is not None
                ids: list[str] = (
                    [] if value is None else value if ref.kind is Kind.REFS else [value]
                )
                for ident in ids:
                    yield record, ref.name, ref.target, ident

    async def _check_step_orders(self, tx: Transaction) -> None:
        steps = [record for record in self.records if record.type == "step"]
        if not steps:
            return
        ours = {record.id for record in steps}
        holders: dict[tuple[str, int], set[str]] = defaultdict(set)
        for record in steps:
            holders[(record.values["pathway"], record.values["order"])].add(record.id)
        pathways = sorted({record.values["pathway"] for record in steps})
        for row in await tx.run("load", "stored-step-orders", pathways=pathways):
            if row["step"] not in ours:
                holders[(row["pathway"], row["order"])].add(row["step"])
        for record in steps:
            key = (record.values["pathway"], record.values["order"])
            others = sorted(holders[key] - {record.id})
            if others:
                self.problem(
                    record,
                    "order",
                    f"{key[1]} is also the order of step {', '.join(others)} "
                    f"in pathway {shown(key[0])}",
                )

    async def _check_part_of(self, tx: Transaction) -> None:
        organisations = [record for record in self.records if record.type == "organisation"]
        parents = {
            record.id: record.values["part_of"]
            for record in organisations
            if "part_of" in record.values
        }
        if not parents:
            return
        stored = await tx.run("load", "stored-part-of", ids=sorted(set(parents.values())))
        above: dict[str, str | None] = {row["child"]: row["parent"] for row in stored}
        above.update({record.id: record.values.get("part_of") for record in organisations})
        for record in organisations:
            chain = [record.id]
            node = above.get(record.id)
            while node is not None and node not in chain:
                chain.append(node)
                node = above.get(node)
            if node == record.id:
                self.problem(
                    record, "part_of", "forms a cycle: " + " -> ".join([*chain, record.id])
                )

    def rows(self) -> Rows:
        """Node rows and relationship pairs for the queries in ``cypher/load/``."""
        rows = Rows()
        for record in self.records:
            rows.add(record)
        return rows

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LOAD_ORDER, 0)
        for record in self.records:
            counts[record.type] += 1
        return {kind: n for kind, n in counts.items() if n}


def stored_value(f: Field, value: Any) -> Any:
    """A field's value as a node property: settings objects become JSON text."""
    if f.kind is Kind.SETTINGS:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


@dataclass
class Rows:
    """Rows per record type for ``cypher/load/records.cypher``: ``{id, props}`` and
    every reference field and relationship property (null or [] when absent)."""

    nodes: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {kind: [] for kind in LOAD_ORDER}
    )

    def add(self, record: Checked) -> None:
        spec, values = record.spec, record.values
        props: dict[str, Any] = {"id": record.id}
        props.update(
            (f.name, stored_value(f, values[f.name])) for f in spec.properties if f.name in values
        )
        if record.type == "client":
            props.setdefault("long_term_illness", False)
        row: dict[str, Any] = {"id": record.id, "props": props}
        for f in spec.others:
            row[f.name] = values.get(f.name, [] if f.kind is Kind.REFS else None)
        self.nodes[record.type].append(row)


async def write_rows(
    tx: Transaction,
    rows: Rows,
    stored: set[tuple[str, str]],
    on_rows: Callable[[int], object] | None = None,
) -> None:
    """Type by type in dependency order, so both ends of every relationship exist
    when it is created. Records not yet ``stored`` are created outright; stored
    ones are merged and lose the relationships they own before these are made."""
    for kind in LOAD_ORDER:
        new: list[dict[str, Any]] = []
        old: list[dict[str, Any]] = []
        for row in rows.nodes[kind]:
            (old if (kind, row["id"]) in stored else new).append(row)
        for query, part in ((f"{kind}-new", new), (kind, old)):
            for chunk in chunks(part, CHUNK_ROWS):
                await tx.run("load", query, rows=list(chunk))
                if on_rows is not None:
                    on_rows(len(chunk))
    part_of = [row for row in rows.nodes["organisation"] if row["part_of"] is not None]
    for chunk in chunks(part_of, CHUNK_ROWS):
        await tx.run("load", "organisation-part-of", rows=list(chunk))
