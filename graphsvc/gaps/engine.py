"""Running gap rules: scope, parameters, one Cypher query per rule, findings out.

The rules run inside Neo4j. Scopes: a list of clients (all client rules as
one query, which also checks the region settings it ran with: one snapshot,
usually one round trip), or a region, a pathway or everything (each rule
runs once over the whole scope, ``PARALLEL`` at a time, with a progress
report per rule).

Every client rule starts with :data:`CLIENT_LIST`, its clients by id. A scan
of a region (or of everything) runs the rule with that start replaced by a
walk from the region to its clients: the same clients, found in a hundredth
of the time 100,000 index lookups take.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import neo4j.time

from graphsvc import vocab
from graphsvc.database import Database, Row, Transaction
from graphsvc.errors import BadInput, ConfigError, NotFound
from graphsvc.gaps.findings import Finding, Severity
from graphsvc.gaps.rules import RULES, Rule, default_parameters, rule
from graphsvc.queries import Query

PARALLEL = 2
"""Rules a region or whole-database scan runs at once (each query runs on one core)."""

Progress = Callable[[int, int], None]
"""Called with (rules done, rules) as a region, pathway or whole-database scan proceeds."""

_SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
_RULE_ORDER = {r.id: index for index, r in enumerate(RULES)}
_SERVICE_KINDS = sorted(kind.value for kind in vocab.ServiceKind)
CLIENT_LIST = "UNWIND $clients AS id\nMATCH (c:Client {id: id})-[:LIVES_IN]->(reg:Region)"
"""How every client rule starts: the clients of ``$clients``, each with its region."""
_WALKS = {
    "region": "MATCH (c:Client)-[:LIVES_IN]->(reg:Region {id: $region})",
    "everyone": "MATCH (c:Client)-[:LIVES_IN]->(reg:Region)",
}
"""What replaces :data:`CLIENT_LIST` in a scan of a region or of everything."""
COLUMNS = ("rule", "subject_type", "subject_id", "client_id", "region_id", "evidence", "facts")
"""What every rule returns, one row per finding."""
_UMBRELLA_KINDS = sorted(kind.value for kind in vocab.UMBRELLA_KINDS)


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
    merged_parameters(parameters)  # a bad override is refused before anything runs
    base = {**scope, "service_kinds": _SERVICE_KINDS, "umbrella_kinds": _UMBRELLA_KINDS}
    if clients is not None:
        found = await _clients_at_once(db, chosen, base, parameters)
        if found is not None:
            return sorted((_finding(row) for row in found), key=_order)

    async def once(tx: Transaction) -> tuple[list[Row], list[Row]]:
        regions = await tx.run("gaps", "settings-in-scope", **_scope(scope, "clients"))
        if not _complete(scope, regions):  # something named is missing, or has no region
            (missing,) = await tx.run("gaps", "missing-scope", **_scope(scope, "clients"))
            _raise_if_missing(missing)
        rows: list[Row] = []
        combined = _combined(db, _client_scope(chosen))
        for group in [] if clients is None or combined is None else regions:
            values = {
                **base,
                **_parameters(parameters, group["region"], group["settings"]),
                "clients": group["clients"],
            }
            assert combined is not None
            rows.extend(
                await tx.run_query(combined, plain=True, **{p: values[p] for p in combined.params})
            )
            _SETTINGS_SEEN[0] = group["settings"]
        return rows, regions

    rows, regions = await db.read_tx(once)
    if clients is None:
        runs = _scan_runs(base, regions, parameters)
        total = len(chosen) * len(runs)
        done = 0
        if progress is not None:
            progress(done, total)
        running = asyncio.Semaphore(PARALLEL)

        for values in runs:  # a pathway's clients, resolved once per run
            if values["pathway"] is not None:
                (scoped,) = await db.read(
                    "gaps", "clients-in-scope", region=None, pathway=values["pathway"]
                )
                values["clients"] = scoped["ids"]

        async def scan(r: Rule, values: Mapping[str, Any]) -> list[Row]:
            nonlocal done
            query = _scan_query(db, r, values)
            given = values if r.subject == "client" else {**values, "clients": None}
            scoped = {name: given[name] for name in query.params}
            async with running:
                (found,) = await db.read_tx(lambda tx: tx.run_query(query, plain=True, **scoped))
            done += 1
            if progress is not None:
                progress(done, total)
            return list(found["found"])

        for found in await asyncio.gather(*(scan(r, v) for v in runs for r in chosen)):
            rows.extend(found)
    return sorted((_finding(row) for row in rows), key=_order)


def _parameters(
    overrides: Mapping[str, Any] | None, region: str | None, settings: str | None
) -> dict[str, Any]:
    """Defaults, then the region's stored settings, then the call's overrides."""
    stored = None if settings is None else json.loads(settings)
    try:
        return merged_parameters(overrides, stored)
    except BadInput as error:  # stored before a rule changed: say where
        message = f"region {region}: stored settings: {error.message}"
        raise BadInput(message, field="settings") from None


def _scan_runs(
    base: Mapping[str, Any], regions: Sequence[Row], overrides: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    """The queries' values for a region, pathway or whole-database scan: one run
    with the region's settings; for the whole database one run when no region
    stores settings, else one run per region with its own."""
    if base["region"] is not None or base["pathway"] is not None:
        group = regions[0] if regions else {"region": None, "settings": None}
        return [{**base, **_parameters(overrides, group["region"], group["settings"])}]
    if all(group["settings"] is None for group in regions):
        return [{**base, **merged_parameters(overrides)}]
    return [
        {
            **base,
            **_parameters(overrides, group["region"], group["settings"]),
            "region": group["region"],
        }
        for group in regions
    ]


async def stored_settings(db: Database, region: str) -> dict[str, Any]:
    """A region's stored gap settings (empty when none are stored)."""
    rows = await db.read("gaps", "region-settings", region=region)
    if not rows:
        raise NotFound(f"no region {region!r}", field="region")
    settings = rows[0]["settings"]
    return {} if settings is None else dict(json.loads(settings))


async def store_settings(db: Database, region: str, settings: Any) -> dict[str, Any]:
    """Replace a region's stored gap settings (checked first; empty removes them)."""
    checked = checked_settings(settings)
    text = json.dumps(checked, sort_keys=True, ensure_ascii=False) if checked else None
    rows = await db.write("gaps", "set-region-settings", region=region, settings=text)
    if not rows:
        raise NotFound(f"no region {region!r}", field="region")
    return checked


_SETTINGS_SEEN: list[str | None] = [None]
"""The stored settings (JSON text, None for none) of the region the last client list
read lived in: what :func:`_clients_at_once` guesses the next list's region stores."""


async def _clients_at_once(
    db: Database,
    chosen: Sequence[Rule],
    base: Mapping[str, Any],
    overrides: Mapping[str, Any] | None,
) -> list[Row] | None:
    """A client list's finding rows in one query and one round trip, when the guess
    holds: the rules run with the settings last seen, and the same query returns each
    client's region and stored settings (``client-regions``) to check them against.
    None when the guess was wrong or a client is missing or has no region: then a
    transaction reads the settings first and runs the rules with them.

    Most deployments serve one region, or regions storing the same settings, so the
    guess nearly always holds; when it does not, the list costs one query more."""
    combined = _combined(db, _client_scope(chosen), regions=True)
    if combined is None:
        return None
    guess = _SETTINGS_SEEN[0]
    values = {**base, **_parameters(overrides, None, guess)}
    rows = await db.read_compiled(combined, {p: values[p] for p in combined.params}, plain=True)
    settings = {row["client_id"]: row["facts"]["settings"] for row in rows if row["rule"] is None}
    if set(settings) != set(base["clients"]) or any(s != guess for s in settings.values()):
        return None
    return [row for row in rows if row["rule"] is not None]


_COMBINED: dict[tuple[int, tuple[str, ...], bool], Query] = {}


def _combined(db: Database, rules: Sequence[Rule], *, regions: bool = False) -> Query | None:
    """The rules' queries as one (``UNION ALL``; every rule returns the same
    columns), so a list of clients costs one round trip for all its rules; with
    ``regions``, followed by the clients' regions and settings (``client-regions``)."""
    if not rules:
        return None
    key = (id(db.queries), tuple(r.id for r in rules), regions)
    if key not in _COMBINED:
        parts = [db.queries("gaps", r.id) for r in rules]
        if regions:
            parts.append(db.queries("gaps", "client-regions"))
        _COMBINED[key] = Query(
            area="gaps",
            name="+".join(q.name for q in parts),
            doc="the chosen rules combined",
            params=frozenset().union(*(q.params for q in parts)),
            text="\nUNION ALL\n".join(q.text.strip() for q in parts),
            source="graphsvc/gaps/engine.py",
        )
    return _COMBINED[key]


_SCANS: dict[tuple[int, str, str], Query] = {}


def _scan_query(db: Database, r: Rule, values: Mapping[str, Any]) -> Query:
    """Rule ``r`` for a scan, its findings in one record (:data:`COLUMNS` maps): one
    record of thousands costs the driver a tenth of thousands of records. A client
    rule finds its clients by a walk, unless the scan is a pathway's, which lists
    them (as do rules of pathways and professionals, which take no walk)."""
    query = db.queries("gaps", r.id)
    walk = "list" if r.subject != "client" or values["pathway"] is not None else "region"
    if walk == "region" and values["region"] is None:
        walk = "everyone"
    key = (id(db.queries), r.id, walk)
    if key not in _SCANS:
        text, params = query.text, query.params
        if walk != "list":
            if not text.startswith(CLIENT_LIST):
                raise ConfigError(f"{query.source}: a client rule must start with {CLIENT_LIST!r}")
            text = _WALKS[walk] + text.removeprefix(CLIENT_LIST)
            params = params - {"clients"} | ({"region"} if walk == "region" else set())
        found = ", ".join(f"{column}: {column}" for column in COLUMNS)
        text = f"CALL () {{\n{text}\n}}\nRETURN collect({{{found}}}) AS found"
        _SCANS[key] = replace(query, name=f"{r.id} ({walk})", params=params, text=text)
    return _SCANS[key]


def _client_scope(chosen: Sequence[Rule]) -> list[Rule]:
    """Rules that can find anything for a list of clients (pathway rules cannot)."""
    return [r for r in chosen if r.subject != "pathway"]


def checked_settings(value: Any) -> dict[str, Any]:
    """Settings to store on a region: known parameter names, values of their type."""
    if not isinstance(value, Mapping):
        raise BadInput(
            f"expected an object of gap rule settings, got {type(value).__name__}",
            field="settings",
        )
    merged_parameters(value)
    return dict(sorted(value.items()))


def merged_parameters(
    overrides: Mapping[str, Any] | None, stored: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The rule parameters' defaults, then ``stored`` settings of a region, then
    ``overrides``, each checked and applied."""
    merged = default_parameters()
    for name, value in [*(stored or {}).items(), *(overrides or {}).items()]:
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
        lists = any(isinstance(v, list) for v in default.values())
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str)
            and (
                isinstance(v, list) and all(isinstance(x, str) for x in v)
                if lists
                else isinstance(v, int) and not isinstance(v, bool) and v >= 0
            )
            for k, v in value.items()
        )
        value = dict(value) if ok else value
        what = (
            "a map from a service kind to a list of service kinds"
            if lists
            else "a map from a name (region id, transition kind, profession) to a whole number"
        )
    else:
        ok = isinstance(value, expected)
        what = f"a {type(default).__name__}"
    if not ok:
        raise BadInput(f"gap parameter {name}={value!r}: expected {what}", field=name)
    return value


def _scope(scope: Mapping[str, Any], *more: str) -> dict[str, Any]:
    return {key: scope[key] for key in ("region", "pathway", *more)}


def _complete(scope: Mapping[str, Any], regions: Sequence[Row]) -> bool:
    """Whether the regions found for a scope show that everything it names exists: each
    client in the region it lives in, a region as itself, a pathway by its region."""
    if scope["clients"] is not None:
        found = {client for group in regions for client in group["clients"]}
        return found >= set(scope["clients"])
    if scope["region"] is not None or scope["pathway"] is not None:
        return bool(regions)
    return True


def _raise_if_missing(missing: Mapping[str, Any]) -> None:
    if missing["clients"]:
        raise NotFound(
            f"no client {', '.join(repr(id) for id in missing['clients'])}", field="clients"
        )
    for field in ("region", "pathway"):
        if missing[field] is not None:
            raise NotFound(f"no {field} {missing[field]!r}", field=field)


def _finding(row: Row) -> Finding:
    r = rule(row["rule"])
    # an optional part that matched nothing has null ids: left out, like repeats
    unique = {_evidence_order(item): item for item in row["evidence"] if None not in item.values()}
    return Finding(
        rule_id=r.id,
        family=r.family,
        severity=r.severity,
        subject_type=row["subject_type"],
        subject_id=row["subject_id"],
        client_id=row["client_id"],
        region_id=row["region_id"],
        evidence=tuple(unique[key] for key in sorted(unique)),
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
