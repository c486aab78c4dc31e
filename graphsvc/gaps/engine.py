"""Running gap rules: scope, parameters, one Cypher query per rule, findings out.

The rules run inside Neo4j. Scopes: a list of clients (the rules run one
after the other in one read transaction: one consistent snapshot, the
least overhead per client), or a region, a pathway or everything (each rule
runs once over the whole scope, ``PARALLEL`` at a time, with a progress
report per rule).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import neo4j.time

from graphsvc.database import Database, Record, Transaction
from graphsvc.errors import BadInput, NotFound
from graphsvc.gaps.findings import Finding, Severity
from graphsvc.gaps.rules import RULES, Rule, default_parameters, rule

PARALLEL = 2
"""Rules a region or whole-database scan runs at once (each query runs on one core)."""

Progress = Callable[[int, int], None]
"""Called with (rules done, rules) as a region, pathway or whole-database scan proceeds."""

_SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
_RULE_ORDER = {r.id: index for index, r in enumerate(RULES)}


async def find_gaps(
    db: Database,
    *,
    clients: Sequence[str] | None = None,
    region: str | None = None,
    pathway: str | None = None,
    rules: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    parameters: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> list[Finding]:
    """Findings of the chosen rules (all by default) in the scope, as of a date (today).

    With ``clients`` given, only client rules and the caseloads of those
    clients' professionals run; pathway rules need a pathway, a region or no
    scope at all.
    """
    chosen = [rule(id) for id in dict.fromkeys(rules)] if rules is not None else list(RULES)
    scope: dict[str, Any] = {
        "clients": None if clients is None else list(dict.fromkeys(clients)),
        "region": region,
        "pathway": pathway,
        "as_of": dt.date.today() if as_of is None else as_of,
    }
    values = {**scope, **merged_parameters(parameters)}

    async def once(tx: Transaction) -> list[Record]:
        (missing,) = await tx.run("gaps", "missing-scope", **_scope(scope, "clients"))
        _raise_if_missing(missing)
        rows: list[Record] = []
        for r in [] if clients is None else _client_scope(chosen):
            rows.extend(await _run(db, tx, r, values))
        return rows

    rows = await db.read_tx(once)
    if clients is None:
        done = 0
        if progress is not None:
            progress(done, len(chosen))
        running = asyncio.Semaphore(PARALLEL)

        async def scan(r: Rule) -> list[Record]:
            nonlocal done
            async with running:
                found = await db.read_tx(lambda tx: _run(db, tx, r, values))
            done += 1
            if progress is not None:
                progress(done, len(chosen))
            return found

        for found in await asyncio.gather(*(scan(r) for r in chosen)):
            rows.extend(found)
    return sorted((_finding(row) for row in rows), key=_order)


def _client_scope(chosen: Sequence[Rule]) -> list[Rule]:
    """Rules that can find anything for a list of clients (pathway rules cannot)."""
    return [r for r in chosen if r.subject != "pathway"]


def merged_parameters(overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """The rule parameters' defaults with ``overrides`` checked and applied."""
    merged = default_parameters()
    for name, value in (overrides or {}).items():
        if name not in merged:
            raise BadInput(
                f"no gap rule takes the parameter {name!r}",
                field=name,
                hint=f"known parameters: {', '.join(sorted(merged))}",
            )
        merged[name] = _checked(name, value, merged[name])
    return merged


def _checked(name: str, value: Any, default: Any) -> Any:
    expected: tuple[type, ...] = (type(default),)
    if isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        what = "a whole number of at least 0"
    elif isinstance(default, list):
        ok = isinstance(value, list | tuple) and all(isinstance(v, str | list) for v in value)
        value = list(value) if ok else value
        what = "a list"
    elif isinstance(default, dict):
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
            for k, v in value.items()
        )
        value = dict(value) if ok else value
        what = "a map from region id to a whole number"
    else:
        ok = isinstance(value, expected)
        what = f"a {type(default).__name__}"
    if not ok:
        raise BadInput(f"gap parameter {name}={value!r}: expected {what}", field=name)
    return value


def _scope(scope: Mapping[str, Any], *more: str) -> dict[str, Any]:
    return {key: scope[key] for key in ("region", "pathway", *more)}


def _raise_if_missing(missing: Mapping[str, Any]) -> None:
    if missing["clients"]:
        raise NotFound(
            f"no client {', '.join(repr(id) for id in missing['clients'])}", field="clients"
        )
    for field in ("region", "pathway"):
        if missing[field] is not None:
            raise NotFound(f"no {field} {missing[field]!r}", field=field)


async def _run(db: Database, tx: Transaction, r: Rule, values: Mapping[str, Any]) -> list[Record]:
    declared = db.queries("gaps", r.id).params
    return await tx.run("gaps", r.id, **{name: values[name] for name in declared})


def _finding(row: Record) -> Finding:
    r = rule(row["rule"])
    evidence: list[dict[str, str]] = []
    for item in row["evidence"]:
        if all(value is not None for value in item.values()) and item not in evidence:
            evidence.append(item)
    evidence.sort(key=_evidence_order)
    return Finding(
        rule_id=r.id,
        family=r.family,
        severity=r.severity,
        subject_type=row["subject_type"],
        subject_id=row["subject_id"],
        client_id=row["client_id"],
        region_id=row["region_id"],
        evidence=tuple(evidence),
        facts={key: _native(value) for key, value in row["facts"].items()},
    )


def _evidence_order(item: Mapping[str, str]) -> tuple[int, str, str, str]:
    """Nodes (by label, id) before relationships (by type, from, to)."""
    if "label" in item:
        return (0, item["label"], item["id"], "")
    return (1, item["type"], item["from"], item["to"])


def _native(value: Any) -> Any:
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, list):
        items = [_native(item) for item in value]
        return sorted(items) if all(isinstance(item, str) for item in items) else items
    return value


def _order(finding: Finding) -> tuple[int, int, str, str]:
    return (
        _SEVERITY_ORDER[finding.severity],
        _RULE_ORDER[finding.rule_id],
        finding.client_id or "",
        finding.subject_id,
    )
