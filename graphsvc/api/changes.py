"""What a mutation does, apart from GraphQL: change one record and report the gaps it moved.

A change is one write transaction (:meth:`graphsvc.store.Store.update`): it
locks the record's node, reads the stored record (in the exchange format),
checks the state the change depends on (the expected version, a status),
applies only the given fields, validates the result with the importer's rules
and writes it, so a failed change writes nothing and a parallel change waits
and then sees this one. A create writes with CREATE under the id's uniqueness
constraint, so of two creates of one id exactly one succeeds. The gaps of the
client the record belongs to are found before and after; the difference is
what the change opened and closed, and what the live alerts' change feed
records (:func:`graphsvc.alerts.record_change`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from graphsvc.alerts import record_change
from graphsvc.errors import BadInput, Conflict, ImportFailed, NotFound
from graphsvc.gaps import Finding
from graphsvc.importing import Problem, validate_record
from graphsvc.model import LABELS, Record
from graphsvc.store import Node, Store

Check = Callable[[Record], None]


@dataclass(frozen=True)
class Change:
    node: Node
    opened: tuple[Finding, ...]
    closed: tuple[Finding, ...]


def new_id(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:12]}"


def _merged(current: Mapping[str, Any], kind: str, id: str, fields: Mapping[str, Any]) -> Record:
    record: Record = {**current, "type": kind, "id": id}
    for name, value in fields.items():
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
    return record


async def create(store: Store, kind: str, id: str | None, fields: Mapping[str, Any]) -> Change:
    id = new_id(kind) if id is None else id
    record = _merged({}, kind, id, fields)
    _check(record)
    client = await store.client_of(record)
    before = await _gaps_before(store, client)
    with _bad_input(kind, id):
        await store.create(record)
    return await _changed(store, kind, id, client, before)


async def update(
    store: Store,
    kind: str,
    id: str,
    fields: Mapping[str, Any],
    check: Check | None = None,
    expected_version: int | None = None,
) -> Change:
    current = await store.record(kind, id)
    client = await store.may_update(kind, id, current)  # before anything tells what is stored
    if current is None:
        raise NotFound(f"there is no {kind} {id}", field="id")
    # fail fast (the state first, then the record); both checked again under the lock
    if check is not None:
        check(current)
    _check(_merged(current, kind, id, fields))
    before = await _gaps_before(store, client)

    def edit(stored: Record) -> Record:
        if check is not None:
            check(stored)
        return _merged(stored, kind, id, fields)

    with _bad_input(kind, id):
        await store.update(kind, id, edit, expected_version=expected_version)
    return await _changed(store, kind, id, client, before)


async def _changed(
    store: Store, kind: str, id: str, client: str | None, before: list[Finding]
) -> Change:
    after = await store.gaps(clients=[client]) if client else []
    if client:
        # after the commit: the gap engine reads committed data (see graphsvc.alerts)
        await record_change(store.db, client, before, after)
    node = (await store.nodes(LABELS[kind], [id]))[id]
    was, now = {_key(f): f for f in before}, {_key(f): f for f in after}
    return Change(
        node,
        opened=tuple(f for key, f in now.items() if key not in was),
        closed=tuple(f for key, f in was.items() if key not in now),
    )


def _check(record: Record) -> None:
    """The importer's checks of the record on its own, as BAD_INPUT."""
    problems = validate_record(record, source="request")
    if problems:
        raise _as_bad_input(str(record["type"]), str(record["id"]), problems, problems[0].field)


def _as_bad_input(kind: str, id: str, problems: Sequence[Problem], field: str | None) -> BadInput:
    said = [
        f"field {to_camel_case(p.field)}: {p.message}" if p.field else p.message for p in problems
    ]
    return BadInput(
        f"{kind} {id}: " + "; ".join(said),
        field=None if field is None else to_camel_case(field),
    )


class _bad_input:
    """ImportFailed of a request's record as BAD_INPUT naming the first field at fault
    (taken from the structured problems, in the API's camelCase)."""

    def __init__(self, kind: str, id: str):
        self.kind, self.id = kind, id

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> None:
        if not isinstance(error, ImportFailed):
            return
        raise _as_bad_input(self.kind, self.id, error.details, error.field) from None


async def _gaps_before(store: Store, client: str | None) -> list[Finding]:
    """The client's gaps before the change: none for a client not (yet) stored."""
    if client is None:
        return []
    try:
        return await store.gaps(clients=[client])
    except NotFound:
        return []


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.rule_id, finding.subject_type, finding.subject_id)


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
