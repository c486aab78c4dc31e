"""The change feed: gaps opened and closed per client, kept in Neo4j in sequence order.

Every writer of events (a mutation's hook, the daily re-evaluation) does the
same in one write transaction: take the feed's lock, read the clients' last
recorded gaps (``:GapState``), compare them with the gaps just found, write one
``:GapEvent`` per gap that appeared or went away, numbered from the feed's
counter, and store the new gaps as the clients' state. The lock orders the
writers, so sequence numbers follow commit order and a poller that has read up
to *n* never misses a smaller number committed later. Comparing with the
stored state (not only with what one request saw before its write) makes two
writers about one client agree: the second sees the first's gaps as the state.

Only client rules count (``Rule.subject == "client"``; pathway and caseload
findings are not a client's): the mutation hook sees the same rules for one
client as the re-evaluation sees for all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graphsvc.database import Database, Transaction, native
from graphsvc.gaps import RULES, Finding
from graphsvc.gaps.findings import Family, Severity

CLIENT_RULES = frozenset(r.id for r in RULES if r.subject == "client")
_FAMILIES = {term.value: term for term in Family}
_SEVERITIES = {term.value: term for term in Severity}


class ChangeKind(StrEnum):
    OPENED = "opened"
    CLOSED = "closed"


class Cause(StrEnum):
    MUTATION = "mutation"
    REEVALUATION = "reevaluation"


@dataclass(frozen=True)
class Event:
    seq: int
    at: dt.datetime
    change: ChangeKind
    cause: Cause
    client: str
    region: str | None
    as_of: dt.date
    finding: Finding

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Event:
        return cls(
            seq=int(row["seq"]),
            at=native(row["at"]),
            change=ChangeKind(row["change"]),
            cause=Cause(row["cause"]),
            client=str(row["client"]),
            region=row.get("region"),
            as_of=native(row["as_of"]),
            finding=finding_from_json(str(row["finding"])),
        )


Key = tuple[str, str, str]


def key(finding: Finding) -> Key:
    return (finding.rule_id, finding.subject_type, finding.subject_id)


def finding_to_json(finding: Finding) -> str:
    return json.dumps(
        {
            "rule": finding.rule_id,
            "family": finding.family.value,
            "severity": finding.severity.value,
            "subject_type": finding.subject_type,
            "subject_id": finding.subject_id,
            "client_id": finding.client_id,
            "region_id": finding.region_id,
            "evidence": [dict(item) for item in finding.evidence],
            "facts": finding.facts,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=_date,
    )


def finding_from_json(text: str) -> Finding:
    data = json.loads(text)
    return Finding(
        rule_id=data["rule"],
        family=_FAMILIES[data["family"]],
        severity=_SEVERITIES[data["severity"]],
        subject_type=data["subject_type"],
        subject_id=data["subject_id"],
        client_id=data["client_id"],
        region_id=data["region_id"],
        evidence=tuple(data["evidence"]),
        facts=data["facts"],
    )


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def by_client(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings of client rules, per client."""
    found: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.client_id is not None and finding.rule_id in CLIENT_RULES:
            found.setdefault(finding.client_id, []).append(finding)
    return found


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def record(
    db: Database,
    now: Mapping[str, Sequence[Finding]],
    *,
    cause: Cause,
    as_of: dt.date,
    before: Mapping[str, Sequence[Finding]] | None = None,
    baseline: bool = False,
) -> list[dict[str, Any]]:
    """Record the gaps the clients (the keys of ``now``) have now, and events for the
    difference from their recorded state in one write transaction. A client without a
    recorded state is compared with ``before`` (a mutation's view just before its write),
    else as having had no gaps. ``baseline`` records the state without events (the
    first re-evaluation). Answers the events written (as stored)."""
    at = _now()

    async def work(tx: Transaction) -> list[dict[str, Any]]:
        (feed,) = await tx.run("alerts", "lock-feed", at=at)
        seq = int(feed["seq"])
        rows = await tx.run("alerts", "states", clients=sorted(now))
        stored = {
            row["client"]: [finding_from_json(text) for text in row["findings"]] for row in rows
        }
        events: list[dict[str, Any]] = []
        states: list[dict[str, Any]] = []
        for client in sorted(now):
            current = {key(f): f for f in now[client]}
            was_list = stored.get(client)
            if was_list is None:
                was_list = list((before or {}).get(client, ()))
            was = {key(f): f for f in was_list}
            states.append(
                {
                    "client": client,
                    "as_of": as_of,
                    "findings": [finding_to_json(current[k]) for k in sorted(current)],
                }
            )
            if baseline:
                continue
            changes = [(ChangeKind.OPENED, current[k]) for k in sorted(current) if k not in was]
            changes += [(ChangeKind.CLOSED, was[k]) for k in sorted(was) if k not in current]
            for change, finding in changes:
                seq += 1
                events.append(
                    {
                        "seq": seq,
                        "change": str(change),
                        "cause": str(cause),
                        "client": client,
                        "region": finding.region_id,
                        "rule": finding.rule_id,
                        "as_of": as_of,
                        "finding": finding_to_json(finding),
                    }
                )
        evaluated = as_of if cause is Cause.REEVALUATION else None
        await tx.run(
            "alerts", "append", events=events, states=states, seq=seq, at=at, evaluated=evaluated
        )
        return events

    return await db.write_tx(work)


async def latest(db: Database) -> int:
    rows = await db.read("alerts", "latest")
    return int(rows[0]["seq"]) if rows else 0


async def after(db: Database, seq: int, limit: int = 500) -> list[Event]:
    rows = await db.read("alerts", "after", after=seq, limit=limit)
    return [Event.of(row["event"]) for row in rows]


async def prune(db: Database, before: dt.datetime, batch: int = 10_000) -> int:
    """Delete events recorded before ``before`` (in batches); answers how many."""
    total = 0
    while True:
        rows = await db.write("alerts", "prune", before=before, limit=batch)
        deleted = int(rows[0]["deleted"]) if rows else 0
        total += deleted
        if deleted < batch:
            return total


async def evaluated(db: Database) -> bool:
    """Whether a re-evaluation has recorded every client's gaps once (the baseline)."""
    rows = await db.read("alerts", "evaluated")
    return bool(rows and rows[0]["evaluated"] is not None)
