"""Nothing reads the graph outside the Store, except the few modules listed with their reason.

The source of ``graphsvc/`` is parsed (``ast``) and every read of Neo4j found:
the Database's and the Transaction's read calls, the driver and its imports.
A module that reads must be the Store (or the Database itself) or be on
:data:`ALLOWED`, each with why it may. A module that serves one client's data to
a web caller belongs in the Store, not on the list.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "graphsvc"

READ_CALLS = frozenset(
    {
        "read_tx",  # Database: a callback in one read transaction
        "read_guarded",  # Database: a catalogue query with access predicates
        "read_compiled",  # Database: a query compiled from the model
        "run_guarded",  # Transaction
        "run_query",  # Transaction
        "execute_query",  # the driver
        "execute_read",  # the driver's session
        "session",  # the driver
    }
)
"""Methods that read whatever their receiver: no other object in graphsvc has them."""

CATALOGUE_CALLS = frozenset({"read", "run"})
"""``Database.read(area, name)`` and ``Transaction.run(area, name)``: names other objects
share (a file's ``read()``, ``asyncio.run(main())``), told apart by taking two or more
positional arguments, the catalogue's area and query name."""

THE_STORE = {
    "graphsvc/store.py": "the Store: every read on behalf of a caller",
    "graphsvc/database.py": "the one seam to Neo4j that the Store reads through",
}

ALLOWED = {
    # Runs the Store's reads (and the readiness ping) unless Neo4j is known to be down.
    "graphsvc/api/availability.py": "the breaker the Store's reads are guarded by",
    # /health/ready pings Neo4j through the breaker; reads no node.
    "graphsvc/api/app.py": "the readiness probe's ping",
    # Plans the compiled queries once at start with values that match nothing.
    "graphsvc/api/compiler.py": "warm-up at start, no caller and no rows",
    # Called by Store.gaps (under the caller's guard, its findings then filtered by the
    # policy) and by the alerts' re-evaluation; it reads the whole graph in one
    # transaction to judge coordination, which no caller's view may narrow.
    "graphsvc/gaps/engine.py": "the gap engine, reached through Store.gaps",
    # Run by Store.analysis once the policy allowed the region's aggregates: counts
    # of fewer than five suppressed (graphsvc/analytics/report.py), never a client's row.
    "graphsvc/analytics/bottlenecks.py": "a planner's suppressed aggregates",
    "graphsvc/analytics/burden.py": "a planner's suppressed aggregates",
    "graphsvc/analytics/handoffs.py": "a planner's suppressed aggregates",
    "graphsvc/analytics/pathways.py": "a planner's suppressed aggregates",
    "graphsvc/analytics/shared_clients.py": "a planner's suppressed aggregates",
    # The exchange-format tools of the CLI (graphsvc load/export/bulk/fhir): an
    # operator's batch over the whole graph, not a read on behalf of a caller. The
    # importer's reads check a batch against what is stored before writing it.
    "graphsvc/importing/__init__.py": "admin batch import (CLI), and the Store's writes",
    "graphsvc/importing/batch.py": "admin batch import: what is stored already",
    "graphsvc/exporter.py": "admin export (CLI)",
    "graphsvc/bulk.py": "admin bulk load (CLI)",
    "graphsvc/fhir/exchange.py": "admin FHIR import (CLI)",
    # The alert feed's bookkeeping (sequence numbers, leases, the re-evaluation's
    # state). Events reach a subscriber only for the clients Store.nodes says the
    # caller may see (graphsvc/alerts/api.py).
    "graphsvc/alerts/feed.py": "the alert feed, filtered per subscriber by the Store",
    "graphsvc/alerts/reevaluate.py": "the daily re-evaluation of every client, no caller",
    # The audit trail (who read which client), for admins only: the access log, not
    # the client's record.
    "graphsvc/auth/graphql.py": "the audit trail, admins only",
}


def reads_in(source: str) -> list[tuple[int, str]]:
    """Where ``source`` reads Neo4j: (line, what) for each read call, use of the driver or
    import of the driver (``neo4j.time``, the driver's value types, is no read)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in READ_CALLS or (name in CATALOGUE_CALLS and len(node.args) >= 2):
                found.append((node.lineno, f".{name}()"))
        elif isinstance(node, ast.Attribute) and node.attr == "_driver":
            found.append((node.lineno, "._driver"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names if _driver(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and _driver(node.module):
            found.append((node.lineno, f"from {node.module} import"))
    return sorted(found)


def _driver(module: str) -> bool:
    return module.partition(".")[0] == "neo4j" and module != "neo4j.time"


def reading_modules() -> dict[str, list[tuple[int, str]]]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        found = reads_in(path.read_text(encoding="utf-8"))
        if found:
            modules[path.relative_to(PACKAGE.parent).as_posix()] = found
    return modules


def test_nothing_reads_neo4j_outside_the_store_but_the_listed_modules() -> None:
    outside = {
        module: [f"line {line}: {what}" for line, what in found]
        for module, found in reading_modules().items()
        if module not in THE_STORE and module not in ALLOWED
    }
    assert outside == {}, "read through graphsvc.store.Store, or list the module with why"


def test_every_listed_module_still_reads() -> None:
    reading = reading_modules()
    stale = sorted(module for module in {**THE_STORE, **ALLOWED} if module not in reading)
    assert stale == [], "a module that no longer reads comes off the list"


def test_the_maps_and_the_page_read_only_through_the_store() -> None:
    serving = [
        *(path.relative_to(PACKAGE.parent).as_posix() for path in (PACKAGE / "maps").rglob("*.py")),
        "graphsvc/api/maps.py",
        "graphsvc/auth/maps.py",
        "graphsvc/api/page.py",
    ]
    assert "graphsvc/maps/client.py" in serving and "graphsvc/maps/region.py" in serving
    reading = reading_modules()
    assert [module for module in serving if module in reading or module in ALLOWED] == []


def test_reads_are_told_from_other_calls_of_the_same_name() -> None:
    source = """
import asyncio, subprocess
import neo4j.time
from neo4j import AsyncGraphDatabase
rows = await db.read("maps", "client", id=client_id)
await db.read_tx(work)
await tx.run("gaps", "missing-scope", **scope)
async with db._driver.session() as session: pass
text = handle.read()
subprocess.run(["git", "status"], check=True)
asyncio.run(main())
"""
    assert reads_in(source) == [
        (4, "from neo4j import"),
        (5, ".read()"),
        (6, ".read_tx()"),
        (7, ".run()"),
        (8, "._driver"),
        (8, ".session()"),
    ]
