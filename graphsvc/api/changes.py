"""What a mutation does, apart from GraphQL: change one record and report the gaps it moved.

A change reads the stored record (in the exchange format), applies the given
fields, validates the result with the importer's rules and writes it through
the importer in one transaction, so a failed change writes nothing. The gaps
of the client the record belongs to are found before and after; the
difference is what the change opened and closed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from graphsvc.errors import BadInput, Conflict, ImportFailed, NotFound
from graphsvc.gaps import Finding
from graphsvc.importer import validate_record
from graphsvc.model import LABELS
from graphsvc.store import Node, Store

Record = dict[str, Any]
Check = Callable[[Record], None]
_FIELD = re.compile(r"field (\w+):")


@dataclass(frozen=True)
class Change:
    node: Node
    opened: tuple[Finding, ...]
    closed: tuple[Finding, ...]


def new_id(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:12]}"


async def create(store: Store, kind: str, id: str | None, fields: Mapping[str, Any]) -> Change:
    id = new_id(kind) if id is None else id
    if await store.record(kind, id) is not None:
        raise Conflict(f"{kind} {id} exists already", field="id", hint="update it instead")
    return await _apply(store, kind, id, {}, fields)


async def update(
    store: Store,
    kind: str,
    id: str,
    fields: Mapping[str, Any],
    check: Check | None = None,
) -> Change:
    current = await store.record(kind, id)
    if current is None:
        raise NotFound(f"there is no {kind} {id}", field="id")
    if check is not None:
        check(current)
    return await _apply(store, kind, id, current, fields)


async def _apply(
    store: Store, kind: str, id: str, current: Record, fields: Mapping[str, Any]
) -> Change:
    record: Record = {**current, "type": kind, "id": id}
    for name, value in fields.items():
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
    problems = validate_record(record, source="request")
    if problems:
        first = problems[0]
        raise BadInput(
            "; ".join(f"{kind} {id}: " + _said(p.field, p.message) for p in problems),
            field=None if first.field is None else to_camel_case(first.field),
        )
    client = await client_of(store, record)
    before = await _gaps_before(store, client)
    try:
        await store.save(record)
    except ImportFailed as failed:
        fields_at_fault = [m.group(1) for p in failed.problems if (m := _FIELD.search(p))]
        raise BadInput(
            f"{kind} {id}: " + "; ".join(p.split(": ", 1)[-1] for p in failed.problems),
            field=to_camel_case(fields_at_fault[0]) if fields_at_fault else None,
        ) from None
    after = await store.gaps(clients=[client]) if client else []
    node = (await store.nodes(LABELS[kind], [id]))[id]
    was, now = {_key(f): f for f in before}, {_key(f): f for f in after}
    return Change(
        node,
        opened=tuple(f for key, f in now.items() if key not in was),
        closed=tuple(f for key, f in was.items() if key not in now),
    )


async def _gaps_before(store: Store, client: str | None) -> list[Finding]:
    """The client's gaps before the change: none for a client not (yet) stored."""
    if client is None:
        return []
    try:
        return await store.gaps(clients=[client])
    except NotFound:
        return []


def _said(field: str | None, message: str) -> str:
    return message if field is None else f"field {field}: {message}"


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.rule_id, finding.subject_type, finding.subject_id)


async def client_of(store: Store, record: Mapping[str, Any]) -> str | None:
    """The client whose network the record is part of, if any."""
    if record["type"] == "client":
        return str(record["id"])
    if isinstance(record.get("client"), str):
        return str(record["client"])
    for kind in ("plan", "episode"):
        if isinstance(record.get(kind), str):
            owner = await store.record(kind, record[kind])
            return None if owner is None else owner.get("client")
    return None


def requires_status(*allowed: str) -> Check:
    def check(current: Record) -> None:
        if current.get("status") not in allowed:
            raise Conflict(
                f"{current['type']} {current['id']} is {current.get('status')}; "
                f"expected {' or '.join(allowed)}",
                field="status",
            )

    return check


def requires_absent(field: str, what: str) -> Check:
    def check(current: Record) -> None:
        if current.get(field) is not None:
            raise Conflict(
                f"{current['type']} {current['id']} was {what} on {current[field]} already",
                field=to_camel_case(field),
            )

    return check
