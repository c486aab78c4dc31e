"""Schema migrations: every query in ``cypher/schema/``, in file and query order.

Each statement is written with ``IF NOT EXISTS``, so applying them again
changes nothing; serve and load call :func:`migrate` on start. It returns once
every index is online, so nothing after it runs on a half-populated index.
"""

from __future__ import annotations

from graphsvc.database import Database


async def migrate(db: Database) -> int:
    statements = db.queries.area("schema")
    for statement in statements:
        await db.run_auto_commit("schema", statement.name)
    await db.run_auto_commit("admin", "await-indexes")
    return len(statements)
